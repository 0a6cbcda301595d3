"""The streamed run's progress bar (dsl/front/stream_progress.py), driven through its
callback with a fake clock: chunks done, samples per second, time left."""
import io

import pytest

from dsl.front.stream_progress import StreamProgress, bar_line, duration_text, rate_text

CLEAR = "\r\x1b[2K"


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


class Terminal(io.StringIO):
    def isatty(self):
        return True


def drawings(stream):
    """The lines drawn, in order (each drawing starts by clearing the line)."""
    return [part for part in stream.getvalue().split(CLEAR) if part]


def test_chunks_rate_and_time_left_from_the_clock():
    clock, stream = Clock(), Terminal()
    with StreamProgress(stream, clock=clock, delay=0, interval=0, width=10) as progress:
        clock.now += 2.0
        progress(1, 4, 1_000_000)      # 1 chunk in 2 s: 3 more take 6 s; 0.5M samples/s
        clock.now += 2.0
        progress(2, 4, 2_000_000)
        assert drawings(stream) == [
            "[##--------] 1/4 chunks  500k samples/s  6s left",
            "[#####-----] 2/4 chunks  500k samples/s  4s left",
        ]
        clock.now += 1.0
        progress(4, 4, 4_000_000)
        assert drawings(stream)[-1] == "[##########] 4/4 chunks  800k samples/s  done"
    # the bar's line is cleared when the run ends, so the report starts clean
    assert stream.getvalue().endswith(CLEAR)


def test_drawings_are_spaced_but_the_last_chunk_is_always_drawn():
    clock, stream = Clock(), Terminal()
    progress = StreamProgress(stream, clock=clock, delay=0, interval=1.0)
    for done in range(1, 11):
        clock.now += 0.25
        progress(done, 10, done * 100)
    lines = drawings(stream)
    # drawn at chunk 1, then once a second of the fake clock (every 4 chunks), and at 10
    assert [line.split()[1] for line in lines] == ["1/10", "5/10", "9/10", "10/10"]


def test_nothing_before_the_delay():
    clock, stream = Clock(), Terminal()
    progress = StreamProgress(stream, clock=clock, delay=1.0, interval=0)
    clock.now += 0.5
    progress(1, 3, 10)
    assert stream.getvalue() == ""
    clock.now += 0.6
    progress(2, 3, 20)
    assert drawings(stream) == ["[################--------] 2/3 chunks  18 samples/s  1s left"]


def test_not_a_terminal_draws_nothing_unless_asked():
    clock = Clock()
    quiet = io.StringIO()
    with StreamProgress(quiet, clock=clock, delay=0) as progress:
        clock.now += 1
        progress(1, 2, 5)
    assert quiet.getvalue() == ""
    asked = io.StringIO()  # sq run --progress with stderr redirected
    with StreamProgress(asked, clock=clock, delay=0, enabled=True) as progress:
        clock.now += 1
        progress(1, 2, 5)
    assert drawings(asked) == ["[############------------] 1/2 chunks  5 samples/s  1s left"]


def test_a_new_pass_restarts_the_time_left_and_keeps_the_rate_over_the_run():
    clock, stream = Clock(), Terminal()
    progress = StreamProgress(stream, clock=clock, delay=0, interval=0, width=4)
    clock.now += 10
    progress(2, 2, 1000)             # pass 1 (up to a barrier): 2 chunks in 10 s
    clock.now += 1
    progress(1, 2, 500)              # pass 2 counts from 0 again, 1 chunk in 1 s
    assert drawings(stream)[-1] == "[##--] 1/2 chunks  pass 2  136 samples/s  1s left"


@pytest.mark.parametrize("rate, text", [(None, "--"), (0, "0"), (999, "999"),
                                        (1234, "1.2k"), (4.25e6, "4.2M"),
                                        (123.4e6, "123M"), (2.5e9, "2.5G")])
def test_rate_text(rate, text):
    assert rate_text(rate) == text


@pytest.mark.parametrize("seconds, text", [(None, "--"), (float("nan"), "--"), (0, "0s"),
                                           (59.4, "59s"), (185, "3m05s"),
                                           (3720, "1h02m"), (90000, "25h00m")])
def test_duration_text(seconds, text):
    assert duration_text(seconds) == text


def test_a_run_of_no_chunks_is_drawn_done():
    assert bar_line(0, 0, None, None, width=4) == "[----] 0/0 chunks  -- samples/s  done"
