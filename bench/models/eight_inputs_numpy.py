"""eight_inputs.sq in plain numpy."""
import numpy as np

from summaries import main, to as lognormal_ci


def model(n, seed):
    rng = np.random.default_rng(seed)

    def to(lo, hi):
        return lognormal_ci(rng, lo, hi, n)


    a = to(1.4, 3)
    b = rng.normal(10, 2, n)
    c = rng.beta(2, 5, n)
    d = rng.uniform(1, 4, n)
    e = rng.gamma(3, 2, n)
    f = np.where(rng.random(n) < 0.7, to(0.5, 1), to(2, 4))
    g = np.exp(rng.normal(0, 0.5, n))
    h = rng.triangular(1, 2, 5, n)
    out = (a * b + c * e) / d ** 0.5 + f * g ** h
    return dict(a=a, b=b, c=c, d=d, e=e, f=f, g=g, h=h, out=out)


main(model)
