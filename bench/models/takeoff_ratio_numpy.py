"""takeoff_ratio.sq in plain numpy."""
import numpy as np

from summaries import main, to as lognormal_ci


def model(n, seed):
    rng = np.random.default_rng(seed)

    def to(lo, hi):
        return lognormal_ci(rng, lo, hi, n)


    gA = to(1.1, 1.5)
    gL = to(0.6, 1.1)
    gC = to(1, 1.6)
    alpha = rng.uniform(0.4, 0.8, n)
    gE = alpha * gL + (1 - alpha) * gC
    lambdaOverBeta = gA / gE
    ratio = alpha * lambdaOverBeta
    pFoom = float(np.mean(ratio > 1))
    return dict(gA=gA, gL=gL, gC=gC, alpha=alpha, gE=gE, lambdaOverBeta=lambdaOverBeta,
                ratio=ratio, pFoom=pFoom)


main(model)
