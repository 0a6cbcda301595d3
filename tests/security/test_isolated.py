"""The harness itself: a child's memory is capped, a hang is killed, a crash is seen."""
from isolated import run_isolated


def test_a_clean_run_reports_its_output_and_memory():
    outcome = run_isolated("import numpy as np; print(np.ones(10**7).sum())")
    assert outcome.returncode == 0 and outcome.stdout.strip() == "10000000.0", outcome.explain()
    assert 60 < outcome.peak_mb < 1000, outcome.explain()  # the 80 MB array was resident


def test_a_runaway_allocation_hits_the_cap():
    outcome = run_isolated("x = bytearray(4 * 1024**3)", memory_mb=1024)
    assert outcome.returncode != 0 and "MemoryError" in outcome.stderr, outcome.explain()


def test_a_hang_is_killed_at_the_timeout():
    outcome = run_isolated("while True: pass", timeout=1)
    assert outcome.timed_out and outcome.returncode == -9 and outcome.seconds < 5


def test_a_segmentation_fault_is_reported_not_fatal():
    outcome = run_isolated("import ctypes; ctypes.string_at(0)")
    assert outcome.returncode == -11, outcome.explain()
