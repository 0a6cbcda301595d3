"""eight_inputs.sq in squigglepy.

Each input is sampled once with sq.sample and the arithmetic runs on those sample arrays,
as in Squiggle, where a binding keeps one sample set (squigglepy's lazy arithmetic would
draw every input again for each binding that uses it).
"""
import squigglepy as sq

from summaries import main


def model(n, seed):
    sq.set_seed(seed)

    def draw(dist):
        return sq.sample(dist, n, verbose=False)

    a = draw(sq.to(1.4, 3))
    b = draw(sq.norm(mean=10, sd=2))
    c = draw(sq.beta(2, 5))
    d = draw(sq.uniform(1, 4))
    e = draw(sq.gamma(3, 2))
    f = draw(sq.mixture([sq.to(0.5, 1), sq.to(2, 4)], [0.7, 0.3]))
    g = draw(sq.lognorm(norm_mean=0, norm_sd=0.5))
    h = draw(sq.triangular(1, 2, 5))
    out = (a * b + c * e) / d ** 0.5 + f * g ** h
    return dict(a=a, b=b, c=c, d=d, e=e, f=f, g=g, h=h, out=out)


main(model)
