"""Cause 8 of issue 15: one Session used from two threads at once silently mixed the
two runs' random streams; now the second caller gets a clear DslError at once."""
import threading

import pytest

import dsl
from dsl.base.errors import SessionBusyError

MESSAGE = "this Session is already running in another thread; use one Session per thread"


def _busy_session():
    """A session whose run is parked inside a host function until ``release`` is set."""
    session = dsl.Session(samples=1000, seed=3)
    entered, release = threading.Event(), threading.Event()

    def wait_here(x):
        entered.set()
        assert release.wait(30)
        return x

    session.register(wait_here)
    outcome = {}

    def run():
        outcome["value"] = session.run("x = normal(0, 1)\ny = wait_here(1)\nmean(x) + y")

    thread = threading.Thread(target=run)
    thread.start()
    assert entered.wait(30)
    return session, release, thread, outcome


@pytest.mark.parametrize("call", [
    lambda s: s.run("z = normal(0, 1)"),
    lambda s: s.evaluate("1 + 1"),
    lambda s: s.parse_and_check("z = 1"),
    lambda s: s.sensitivity("x"),
    lambda s: s.register(lambda v: v, name="other"),
])
def test_a_second_thread_gets_a_clear_error_not_mixed_samples(call):
    session, release, thread, outcome = _busy_session()
    try:
        with pytest.raises(dsl.DslError) as raised:
            call(session)
        assert isinstance(raised.value, SessionBusyError)
        assert raised.value.kind == "SessionBusyError"
        assert raised.value.message == MESSAGE
    finally:
        release.set()
        thread.join(30)
    # the first run was not disturbed and the session is usable again afterwards
    first = outcome["value"].result.value
    assert first == dsl.run("x = normal(0, 1)\nmean(x) + 1", samples=1000, seed=3).result.value
    assert session.evaluate("2 * 3").value == 6


def test_the_same_thread_may_reenter_its_session():
    """evaluate calls run, and a host function may use its own session."""
    session = dsl.Session(samples=100)
    session.register(lambda v: session.evaluate("10").value + v, name="inner")
    assert session.evaluate("inner(1)").value == 11


def test_one_session_per_thread_matches_serial_runs():
    model = "a = normal(0, 1)\nb = 1 to 10\nc = a * b\nmean(c) + stdev(c)"
    serial = dsl.run(model, samples=2000, seed=5).result.value
    results, errors = [], []
    barrier = threading.Barrier(8)

    def work():
        barrier.wait()
        try:
            for _ in range(5):
                results.append(dsl.Session(samples=2000, seed=5).run(model).result.value)
        except Exception as e:  # pragma: no cover - the failure being tested
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert results == [serial] * 40
