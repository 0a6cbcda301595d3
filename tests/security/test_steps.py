"""``dsl.base.steps``: one uncut step under the run's clock, and list <-> array conversions
in pieces. In-process and independent of the machine's load: the slow steps sleep
(releasing the GIL as numpy's sorts do) instead of computing."""
import time

import numpy as np
import pytest

from dsl.base import meter
from dsl.base.errors import DomainError, LimitError
from dsl.base.steps import (INLINE_SECONDS, argsort_seconds, array_of, bounded, cubic_seconds,
                       linear_seconds, list_of, matmul_seconds, sort_seconds)


def _run(time_limit):
    m = meter.Meter(time_limit, 10 ** 12)
    m.start()
    return m


def test_outside_a_run_a_step_is_just_called():
    assert meter.current() is None
    assert bounded(lambda: 42, 1e6, "x") == 42  # no refusal without a time limit


def test_a_quick_step_returns_its_value_in_a_run():
    with _run(5.0):
        assert bounded(lambda: np.sort(np.array([3.0, 1.0, 2.0])).tolist(), 1.0, "x") == \
            [1.0, 2.0, 3.0]
        assert bounded(lambda: "inline", INLINE_SECONDS / 2, "x") == "inline"


def test_a_step_that_cannot_fit_is_refused_before_it_starts():
    started = []
    with _run(0.5):
        with pytest.raises(LimitError) as e:
            bounded(lambda: started.append(1), 3.0, "Number.sort")
    assert not started
    assert e.value.message.startswith("Number.sort would take at least 3 s, past the time "
                                      "limit of 0.5 s (")


def test_a_step_past_the_deadline_is_left_and_the_run_stops_at_the_deadline():
    finished = []

    def slow():
        time.sleep(1.5)
        finished.append(1)
        return "late"
    with _run(0.3):
        t0 = time.monotonic()
        with pytest.raises(LimitError) as e:
            bounded(slow, 0.01, "a sort")
        waited = time.monotonic() - t0
    assert "time limit of 0.3 s" in e.value.message
    assert waited < 0.3 * 1.1 + 0.2 and not finished  # stopped at the deadline, not after
    for _ in range(100):  # and the step ends on its own, its result dropped
        if finished:
            break
        time.sleep(0.1)
    assert finished


def test_the_step_sees_the_run_s_deadline():
    # a step of several parts stops at the next part once its run has stopped
    parts = []

    def step():
        for i in range(20):
            meter.check_time()
            parts.append(i)
            time.sleep(0.05)
    with _run(0.2):
        with pytest.raises(LimitError):
            bounded(step, 0.01, "parts")
    time.sleep(0.5)
    assert len(parts) <= 8, parts  # about 0.2 s of 0.05 s parts (fewer under load), not 20


def test_a_step_s_error_reaches_the_run():
    def bad():
        raise DomainError("correlate: the matrix is singular")
    with _run(5.0):
        with pytest.raises(DomainError, match="singular"):
            bounded(bad, 0.01, "x")
        with pytest.raises(np.linalg.LinAlgError):
            bounded(lambda: np.linalg.cholesky(-np.eye(3)), 0.01, "x")


def test_the_step_keeps_the_caller_s_numpy_error_handling():
    with _run(5.0), np.errstate(divide="raise"):
        with pytest.raises(FloatingPointError):
            bounded(lambda: np.array([1.0]) / 0.0, 0.01, "x")
    with _run(5.0), np.errstate(divide="ignore"):
        assert bounded(lambda: (np.array([1.0]) / 0.0).tolist(), 0.01, "x") == [np.inf]


def test_the_estimates_are_lower_bounds_of_numpy_s_steps_here():
    # measured, not assumed: even the best of three runs takes longer than the estimate
    # (the estimates are meant for a machine several times faster than this one)
    rng = np.random.default_rng(0)
    x = rng.normal(size=1_000_000)
    a = rng.normal(size=(300, 300))
    c = a @ a.T + np.eye(300)

    def best(fn):
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return min(times)
    assert best(lambda: np.sort(x)) > sort_seconds(x.size)
    assert best(lambda: np.argsort(x)) > argsort_seconds(x.size)
    assert best(lambda: x * 2.0) > linear_seconds(x.size)
    assert best(lambda: np.linalg.eigh(c)) > cubic_seconds(300)
    assert best(lambda: x[:300_000].reshape(1000, 300) @ c) > matmul_seconds(1000, 300, 300)


def test_a_long_list_converts_in_pieces_and_back():
    values = [float(i) * 0.5 for i in range(200_003)]
    array = array_of(values)
    assert array.dtype == np.float64 and array.tolist() == values
    assert list_of(array) == values
    assert array_of([]).shape == (0,) and list_of(np.array([])) == []


def test_a_long_conversion_stops_at_the_deadline():
    values = [1.0] * 200_000
    m = _run(0.01)
    time.sleep(0.02)  # the deadline has passed: the second piece is not made
    with m:
        with pytest.raises(LimitError):
            array_of(values)
        with pytest.raises(LimitError):
            list_of(np.ones(200_000))
        with pytest.raises(LimitError):
            list(meter.pieces(values))
        assert array_of([1.0, 2.0]).tolist() == [1.0, 2.0]  # one piece: no look
