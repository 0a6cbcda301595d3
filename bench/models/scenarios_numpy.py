"""scenarios.sq in plain numpy: the fifty scenarios as a Python list of arrays."""
import numpy as np

from summaries import main

Z95 = 1.6448536269514722  # the standard normal's 95% quantile


def model(n, seed):
    rng = np.random.default_rng(seed)

    def to(lo, hi):
        mu, sigma = (np.log(lo) + np.log(hi)) / 2, (np.log(hi) - np.log(lo)) / (2 * Z95)
        return np.exp(rng.normal(mu, sigma, n))

    base = to(10, 30)
    growth = to(0.02, 0.1)
    years = [float(t) for t in range(1, 51)]
    costs = [base * (1 + growth) ** t * to(0.8, 1.25) for t in years]
    total = np.sum(costs, axis=0)
    return dict(base=base, growth=growth, years=years, costs=costs, total=total)


main(model)
