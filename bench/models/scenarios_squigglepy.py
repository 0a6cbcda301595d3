"""scenarios.sq in squigglepy (inputs sampled once, arithmetic on the arrays)."""
import numpy as np
import squigglepy as sq

from summaries import main


def model(n, seed):
    sq.set_seed(seed)

    def draw(dist):
        return sq.sample(dist, n, verbose=False)

    base = draw(sq.to(10, 30))
    growth = draw(sq.to(0.02, 0.1))
    years = [float(t) for t in range(1, 51)]
    costs = [base * (1 + growth) ** t * draw(sq.to(0.8, 1.25)) for t in years]
    total = np.sum(costs, axis=0)
    return dict(base=base, growth=growth, years=years, costs=costs, total=total)


main(model)
