"""`x = 1.4 to 3` in plain numpy: a lognormal whose 5% and 95% quantiles are 1.4 and 3."""
import numpy as np

from summaries import main

Z95 = 1.6448536269514722  # the standard normal's 95% quantile


def model(n, seed):
    rng = np.random.default_rng(seed)
    mu, sigma = (np.log(1.4) + np.log(3)) / 2, (np.log(3) - np.log(1.4)) / (2 * Z95)
    return {"x": np.exp(rng.normal(mu, sigma, n))}


main(model)
