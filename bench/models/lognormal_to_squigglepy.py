"""`x = 1.4 to 3` in squigglepy (sq.to is a lognormal with a 90% interval)."""
import squigglepy as sq

from summaries import main


def model(n, seed):
    sq.set_seed(seed)
    return {"x": sq.sample(sq.to(1.4, 3), n, verbose=False)}


main(model)
