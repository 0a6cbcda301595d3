"""The progress spinner (dsl.front.progress): only on a terminal, cleared when done."""
import io
import threading

from dsl.front.progress import Progress


def test_disabled_when_not_a_terminal():
    stream = io.StringIO()
    progress = Progress(stream, delay=0, interval=0.001)
    assert not progress.enabled
    with progress:
        progress("x")
        threading.Event().wait(0.05)
    assert stream.getvalue() == ""


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_names_the_binding_and_clears_its_line():
    stream = Terminal()
    drawn = threading.Event()
    write = stream.write

    def watching(text):
        if "computing alpha" in text:
            drawn.set()
        return write(text)

    stream.write = watching
    with Progress(stream, delay=0, interval=0.001) as progress:
        progress("alpha")
        assert drawn.wait(10)
    assert stream.getvalue().endswith("\r\x1b[2K")


def test_session_calls_back_with_each_binding():
    import dsl
    seen = []
    dsl.Session(samples=10).run("a = 1\nb = a + 1\nb * 2", progress=seen.append)
    assert seen == ["a", "b", None]
