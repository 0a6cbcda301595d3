"""scenarios.sq in plain numpy: the fifty scenarios as a Python list of arrays."""
import numpy as np

from summaries import main, to as lognormal_ci


def model(n, seed):
    rng = np.random.default_rng(seed)

    def to(lo, hi):
        return lognormal_ci(rng, lo, hi, n)


    base = to(10, 30)
    growth = to(0.02, 0.1)
    years = [float(t) for t in range(1, 51)]
    costs = [base * (1 + growth) ** t * to(0.8, 1.25) for t in years]
    total = np.sum(costs, axis=0)
    return dict(base=base, growth=growth, years=years, costs=costs, total=total)


main(model)
