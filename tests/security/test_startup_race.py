"""Cause 2 of issue 15: builtins load lazily; in a fresh process, threads that look up a
builtin while another thread is importing its module must wait for it, not find it
missing (`normal is not defined` in 7 of 8 threads before the lock)."""
from concurrent.futures import ThreadPoolExecutor

from isolated import run_isolated

# 8 threads start together in a fresh process (nothing loaded yet), each running a model
# that needs builtins from one or more lazily imported modules; results must equal a
# serial run afterwards.
CHILD = r'''
import threading
import dsl

MODELS = [
    "x = normal(0, 1)\nmean(x)",
    "x = normal(0, 1)\nmean(x)",
    "y = 1 to 10\nquantile(y, 0.5)",
    "List.map([1, 2, 3], {|v| v * 2})",
    "z = beta(2, 3)\nstdev(z)",
    "String.split(\"a,b\", \",\")",
    "m = mx(normal(0, 1), uniform(0, 2))\nmean(truncateRight(m, 1))",
    "Math.sqrt(4) + Number.floor(2.5) + Dict.size({a: 1})",
]
failures, results = [], {}
barrier = threading.Barrier(len(MODELS))

def work(i):
    barrier.wait()
    try:
        results[i] = dsl.run(MODELS[i], samples=1000).result.summary()
    except BaseException as e:
        failures.append(f"{i}: {e!r}")

threads = [threading.Thread(target=work, args=(i,)) for i in range(len(MODELS))]
for t in threads:
    t.start()
for t in threads:
    t.join()
serial = {i: dsl.run(m, samples=1000).result.summary() for i, m in enumerate(MODELS)}
assert not failures, failures
assert results == serial, (results, serial)
print("ok")
'''


def _once(_):
    return run_isolated(CHILD, timeout=120, memory_mb=2048)


def test_eight_threads_in_a_fresh_process_twenty_times_never_fail():
    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(_once, range(20)))
    failed = [o for o in outcomes if o.returncode != 0 or o.stdout.strip() != "ok"]
    assert not failed, f"{len(failed)} of 20 failed; first: {failed[0].explain()}"


def test_a_builtin_lookup_after_loading_costs_no_lock():
    """The fast path: a name already loaded is not pending, so no lock is taken."""
    import stdlib  # noqa: F401
    from dsl.engine.registry import DEFAULT
    assert DEFAULT.lookup_global("normal") is not None
    assert "normal" not in DEFAULT._pending
