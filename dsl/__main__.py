"""``python -m dsl`` behaves like the ``sq`` command."""
from .front.cli import console

# guarded: a Dask LocalCluster's worker processes (sq run --dask local) are started by
# multiprocessing's spawn, which imports this module again in each of them
if __name__ == "__main__":
    console()
