"""`x = 1.4 to 3` in plain numpy: a lognormal whose 5% and 95% quantiles are 1.4 and 3."""
import numpy as np

from summaries import main, to


def model(n, seed):
    rng = np.random.default_rng(seed)
    return {"x": to(rng, 1.4, 3, n)}


main(model)
