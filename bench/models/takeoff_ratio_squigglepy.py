"""takeoff_ratio.sq in squigglepy (inputs sampled once, arithmetic on the arrays)."""
import numpy as np
import squigglepy as sq

from summaries import main


def model(n, seed):
    sq.set_seed(seed)

    def draw(dist):
        return sq.sample(dist, n, verbose=False)

    gA = draw(sq.to(1.1, 1.5))
    gL = draw(sq.to(0.6, 1.1))
    gC = draw(sq.to(1, 1.6))
    alpha = draw(sq.uniform(0.4, 0.8))
    gE = alpha * gL + (1 - alpha) * gC
    lambdaOverBeta = gA / gE
    ratio = alpha * lambdaOverBeta
    pFoom = float(np.mean(ratio > 1))
    return dict(gA=gA, gL=gL, gC=gC, alpha=alpha, gE=gE, lambdaOverBeta=lambdaOverBeta,
                ratio=ratio, pFoom=pFoom)


main(model)
