"""The ``sq`` command: run | eval | check | repl | docs (DESIGN.md section 2).

Exit status 0 on success, 1 when the model fails (the error printed with its position;
with ``--json`` as an ``{"error": ...}`` object on stdout), 2 for a usage error.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Optional, Sequence

from ..base.errors import DslError
from .progress import Progress

__all__ = ["main", "console", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sq", description="sqdsl: a Squiggle-style estimation language.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def sampling(p: argparse.ArgumentParser) -> None:
        p.add_argument("--samples", type=_positive_int, default=100_000, metavar="N",
                       help="samples per distribution (default 100000)")
        p.add_argument("--seed", type=_whole, default=0, metavar="S",
                       help="random seed (default 0: runs are reproducible)")
        p.add_argument("--json", action="store_true",
                       help="print one JSON object instead of text")
        p.add_argument("--debug", action="store_true",
                       help="on an internal error, also print the Python traceback (stderr)")

    run = sub.add_parser("run", help="run a model file and print its bindings")
    run.add_argument("file", metavar="FILE.sq")
    sampling(run)
    run.add_argument("--show", nargs="+", metavar="NAME",
                     help="print only these bindings")
    run.add_argument("--sensitivity", metavar="NAME",
                     help="which uncertain inputs drive binding NAME: a table and a "
                          "tornado chart (with --json, a \"sensitivity\" entry)")
    run.add_argument("--sobol", action="store_true",
                     help="with --sensitivity: add total-effect and first-order Sobol "
                          "indices, by re-running the model once per input")
    run.add_argument("--samples-out", metavar="FILE",
                     help="also write every distribution's samples to FILE, one column "
                          "per binding: .csv, .npz or .parquet (needs pyarrow)")
    run.add_argument("--flat", action="store_true",
                     help="with --json: a list of one record per binding (name, label, "
                          "doc, type, mean, stdev, p5..p95, value), for pandas")
    run.add_argument("--cdf", action="store_true",
                     help="draw each distribution's CDF instead of its histogram")
    run.add_argument("--brief", action="store_true",
                     help="one line per binding: its mean, 90%% interval and a sparkline")
    run.add_argument("--precision", type=_precision, metavar="REL",
                     help="run again with more samples (from --samples, doubling) until "
                          "every shown mean, quantile and probability has a standard "
                          "error below REL of its value (0.01 or 1%%), or the limit of "
                          "samples is reached")
    run.add_argument("--watch", action="store_true",
                     help="keep running: after each save of FILE (or of a file it "
                          "imports) recompute what changed and print it; Ctrl-C ends")
    run.add_argument("--stream", action="store_true",
                     help="a streamed run: chunk by chunk in bounded memory, up to 1e12 "
                          "samples (README, Streamed runs)")
    run.add_argument("--chunk", type=_whole, metavar="N",
                     help="with --stream: samples per chunk, a multiple of 131072 "
                          "(default 524288)")
    run.add_argument("--dask", metavar="ADDRESS",
                     help="a streamed run whose chunks run on a Dask cluster: its "
                          "scheduler's address (tcp://HOST:8786), or local (local:N) for "
                          "a cluster of this machine's cores (N workers); needs "
                          "sqdsl[dask]")
    run.add_argument("--progress", action="store_true",
                     help="draw the progress bar (spinner) on stderr even when stderr "
                          "is not a terminal")

    ev = sub.add_parser("eval", help="evaluate an expression")
    ev.add_argument("expression", metavar="EXPR")
    sampling(ev)

    check = sub.add_parser("check", help="parse a model and resolve its names, without "
                                         "running it")
    check.add_argument("file", metavar="FILE.sq")
    check.add_argument("--json", action="store_true")
    check.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)

    repl = sub.add_parser("repl", help="interactive session (also: plain `sq`)")
    sampling(repl)

    docs = sub.add_parser("docs", help="the reference of the builtins: alone, the namespaces; "
                                       "with NAME, one namespace or builtin")
    docs.add_argument("name", nargs="?", metavar="NAME",
                      help="a namespace (List), a builtin (normal, List.map) or Global")
    docs.add_argument("--output", metavar="FOLDER",
                      help="write the Markdown reference (an index and one page per "
                           "namespace) into FOLDER, e.g. docs/reference")

    serve = sub.add_parser("serve", help="the playground: a live editor with a chart of "
                                         "every binding, in the browser")
    serve.add_argument("files", nargs="*", metavar="FILE.sq",
                       help="model files, one page each (none: an untitled model)")
    serve.add_argument("--port", type=int, default=8765, metavar="N",
                       help="port to listen on (default 8765; 0: any free one)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--samples", type=_positive_int, default=100_000, metavar="N",
                       help="samples per distribution (default 100000)")
    serve.add_argument("--seed", type=_whole, default=0, metavar="S",
                       help="random seed (default 0)")
    serve.add_argument("--no-browser", action="store_true",
                       help="print the address without opening a browser")
    return parser


def _json(document, **options) -> str:
    import json  # only --json output needs it (1.5 ms of every start otherwise)
    return json.dumps(document, **options)


def _whole(text: str) -> int:
    """A whole number written with ASCII digits: ``1000``, ``-3``, ``1e5``, ``2.5e3``
    (int() alone would take ``١٠`` or ``1_0``; ``1e400`` is refused, not a traceback)."""
    import re
    match = re.fullmatch(r"([+-]?)([0-9]+)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]{1,4}))?",
                         text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
    sign, whole, fraction, exponent = match.groups()
    digits, shift = whole + (fraction or ""), int(exponent or 0) - len(fraction or "")
    if len(digits.lstrip("0")) + shift > 30:
        raise argparse.ArgumentTypeError(f"{text!r} is far too large")
    if shift < 0:
        digits, cut = digits[:shift], digits[shift:]
        if cut.strip("0"):
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
    value = int(digits or "0") * 10 ** max(shift, 0)
    return -value if sign == "-" else value


def _precision(text: str) -> float:
    """A relative precision: ``0.01`` or ``1%``, between 0 and 1."""
    try:
        value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1 (0.01, or 1%)")
    return value


def _positive_int(text: str) -> int:
    value = _whole(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def console() -> None:
    """The ``sq`` console script: ``main()``, then an immediate exit.

    Python's own shutdown frees numpy, lark and every module object by object: ~20 ms
    that a finished command has no use for (0.143 s -> 0.120 s for ``sq eval "1"``). So
    once the output is flushed the process ends at once. Everything sqdsl writes to
    files is closed before ``main`` returns, and the only threads left are idle pool
    workers. ``main`` itself returns normally, for callers in the same process."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # the reader went away (`sq run m.sq | head`)
        pass
    os._exit(code)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point of the ``sq`` console script; returns the exit status."""
    # lark uses the third-party `regex` module when it is installed; `re` serves our
    # grammar just as well and is already loaded (this saves ~30 ms at every start)
    sys.modules.setdefault("regex", None)  # type: ignore[arg-type]
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv.insert(0, "repl")  # `sq --samples 1000` is the REPL with options
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "repl"
    if command == "docs" and args.name and args.output:
        parser.error("docs: give NAME or --output, not both")
    try:
        if command == "run":
            return _run(args)
        if command == "eval":
            return _eval(args)
        if command == "check":
            return _check(args)
        if command == "docs":
            return _docs(args)
        if command == "serve":
            from .serve.server import serve
            return serve(args.files, host=args.host, port=args.port, samples=args.samples,
                         seed=args.seed, browser=not args.no_browser)
        from .repl import start_repl
        return start_repl(samples=getattr(args, "samples", 100_000),
                          seed=getattr(args, "seed", 0))
    except DslError as e:
        if getattr(args, "debug", False):
            _traceback(e)
        _report(e, getattr(args, "json", False))
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # a bug in sqdsl: an error in words, Python's only with --debug
        from ..base.errors import InternalError
        if getattr(args, "debug", False):
            _traceback(e)
        error = InternalError(f"sq {command} failed inside sqdsl (a bug; please report it "
                              "with the output of --debug)")
        _report(error, getattr(args, "json", False))
        return 1


def _traceback(error: BaseException) -> None:
    """``--debug``: the Python traceback behind an error (its cause, for an internal
    error or a host function's failure), on stderr."""
    import traceback
    cause = error.__cause__ if isinstance(error, DslError) else error
    if cause is not None:
        traceback.print_exception(cause, file=sys.stderr)


def _read(path: str) -> str:
    """The model file's text: a regular file of at most the source-size limit."""
    from ..base.limits import Limits
    from ..base.source import MAX_SOURCE_BYTES, read_source
    return read_source(path, getattr(Limits(), "max_source_bytes", MAX_SOURCE_BYTES))


def _run(args) -> int:
    from ..engine.session import Session
    if args.sobol and not args.sensitivity:
        raise DslError("--sobol needs --sensitivity NAME")
    if args.flat and not args.json:
        raise DslError("--flat goes with --json (sq run FILE --json --flat)")
    if args.flat and args.sensitivity:
        raise DslError("--flat has one record per binding, no place for --sensitivity's "
                       "table: use --json without --flat")
    if args.watch and args.samples_out:
        raise DslError("--samples-out cannot be combined with --watch")
    if args.precision is not None and (args.watch or getattr(args, "stream", False)
                                       or args.dask is not None):
        raise DslError("--precision cannot be combined with --watch or --stream")
    if args.watch and (args.stream or args.dask is not None):
        raise DslError("--watch cannot be combined with --stream: it needs every sample "
                       "at once")
    if args.watch:
        if args.sensitivity:
            raise DslError("--sensitivity cannot be combined with --watch")
        from .watch import watch
        return watch(args.file, args.samples, args.seed, show=args.show, as_json=args.json,
                     print_text=_print_text, report=lambda e: _report(e, args.json),
                     read=_read)
    if args.stream or args.dask is not None:  # a Dask run is a streamed run
        return _run_streamed(args)
    if args.chunk is not None:
        raise DslError("--chunk goes with --stream (sq run FILE --stream --chunk N)")
    text = _read(args.file)
    if args.precision is not None:
        session, result = _run_precise(args, text)
    else:
        session = Session(samples=args.samples, seed=args.seed, parse_cache=True)
        # a spinner on stderr when the run takes over a second
        with Progress(enabled=args.progress or None) as progress:
            result = session.run(text, args.file, progress=progress)
    rows = session.sensitivity(args.sensitivity, sobol=args.sobol) \
        if args.sensitivity else None
    if args.show:
        missing = [n for n in args.show if n not in result.info]
        if missing:
            from ..base.errors import closest
            guess = closest(missing[0], list(result.info))
            hint = f"; did you mean {guess}?" if guess else ""
            raise DslError(f"--show: no top-level binding named {', '.join(missing)}{hint}")
        result.info = {n: b for n, b in result.info.items() if n in args.show}
        result.result = None
    if args.samples_out:
        from ..render.samples_out import write_samples
        write_samples(args.samples_out, result.info)
    if args.json and args.flat:
        from ..render.samples_out import flat_rows
        print(_json(flat_rows(result.info), allow_nan=False))
        return 0
    if args.json:
        from ..render.json import run_json
        document = run_json(result)
        if rows is not None:
            document["sensitivity"] = {args.sensitivity: rows}
        if result.precision is not None:
            document["precision"] = result.precision.to_json()
        print(_json(document, allow_nan=False))
        return 0
    if args.brief:
        from ..render.brief import brief_text
        from ..render.report import Palette, terminal_width, use_color
        text = brief_text(result, terminal_width(), Palette(use_color(sys.stdout)))
        if text:
            _print_text(text)
    else:
        _print(result, False, cdf=args.cdf)
    if rows is not None:
        from ..render.tornado import render_sensitivity
        print()
        _print_text(render_sensitivity(args.sensitivity, rows))
    if result.precision is not None:
        from ..render.report import precision_text
        print()
        _print_text(precision_text(result.precision))
    return 0


def _run_precise(args, text: str):
    """``sq run --precision REL``: runs of more and more samples (``dsl.engine.precision``)
    until the shown bindings' figures meet REL; the last session and result, the
    result's ``precision`` the report."""
    from ..base.limits import Limits
    from ..engine.precision import run_to_precision, shown_values
    from ..engine.session import Session

    def run(n: int):
        session = Session(samples=n, seed=args.seed, parse_cache=True)
        with Progress() as progress:
            return session, session.run(text, args.file, progress=progress)

    session, result, report = run_to_precision(
        run, lambda r: shown_values(r, args.show), args.precision, args.samples,
        Limits().max_samples)
    result.precision = report
    return session, result


def _stream(args, stream_run):
    """The streamed run, on the Dask cluster of ``--dask`` if given, with the bar of
    chunks done, samples per second and time left on stderr (a terminal, or
    ``--progress``)."""
    from .stream_progress import StreamProgress
    text = _read(args.file)
    executor = None
    if args.dask is not None:
        from ..engine.dask_executor import DaskExecutor
        executor = DaskExecutor(args.dask)
    # --progress: the bar from the first chunk on, even off a terminal (the user asked)
    bar = StreamProgress(enabled=True, delay=0) if args.progress else StreamProgress()
    try:
        with bar as progress:
            return stream_run(text, filename=args.file, samples=args.samples,
                              seed=args.seed, chunk=args.chunk, executor=executor,
                              progress=progress)
    finally:
        if executor is not None:
            executor.close()


def _run_streamed(args) -> int:
    """``sq run FILE --stream``: the normal report or JSON, figures merged over chunks
    (``dsl.engine.streaming``)."""
    from ..engine.streaming import stream_run
    for flag, given in (("--sensitivity", args.sensitivity), ("--watch", args.watch),
                        ("--samples-out", args.samples_out)):
        if given:
            raise DslError(f"{flag} cannot be combined with --stream: it needs every "
                           "sample at once")
    if args.flat and not args.json:
        raise DslError("--flat goes with --json (sq run FILE --json --flat)")
    result = _stream(args, stream_run)
    if args.show:
        missing = [n for n in args.show if n not in result.info]
        if missing:
            raise DslError(f"--show: no top-level binding named {', '.join(missing)}")
        result.info = {n: b for n, b in result.info.items() if n in args.show}
        result.result = None
    if args.json and args.flat:
        from ..render.samples_out import flat_rows
        print(_json(flat_rows(result.info), allow_nan=False))
    elif args.brief:
        from ..render.brief import brief_text
        from ..render.report import Palette, terminal_width, use_color
        text = brief_text(result, terminal_width(), Palette(use_color(sys.stdout)))
        if text:
            _print_text(text)
    else:
        _print(result, args.json, cdf=args.cdf)
    return 0


def _eval(args) -> int:
    from ..engine.session import Session
    session = Session(samples=args.samples, seed=args.seed)
    with Progress() as progress:
        result = session.run(args.expression, "<eval>", progress=progress)
    _print(result, args.json)
    return 0


def _check(args) -> int:
    from ..engine.session import Session
    Session(samples=1, parse_cache=True).parse_and_check(_read(args.file), args.file)
    if args.json:
        print(_json({"ok": True}))
    else:
        _print_text(f"{args.file}: ok")
    return 0


def _docs(args) -> int:
    """``sq docs``: the Markdown pages with --output, else text for the terminal."""
    if args.output:
        from ..render.docs import write_reference
        write_reference(args.output)
        return 0
    import stdlib  # noqa: F401  (declares the builtins)
    from ..render.doc_text import namespaces_text, topic_text
    from ..engine.registry import DEFAULT
    from ..render.report import Palette, terminal_width, use_color
    options = dict(width=terminal_width(), palette=Palette(use_color(sys.stdout)))
    if args.name:
        print(topic_text(DEFAULT, args.name, **options))
    else:
        print(namespaces_text(DEFAULT, **options))
    return 0


def _print(result, as_json: bool, cdf: bool = False) -> None:
    if as_json:
        from ..render.json import run_json
        print(_json(run_json(result), allow_nan=False))
    else:
        from ..render.report import render_text
        text = render_text(result, cdf=cdf)
        if text:
            _print_text(text)


def _print_text(text: str, stream=None) -> None:
    """Print report text to a terminal: control characters a model put in its strings
    (clear screen, window title, clipboard writes) and lone surrogates are shown
    escaped (``dsl.base.controls``); only the palette's own colours pass."""
    from ..base.controls import terminal_text
    from ..render.report import use_color
    stream = stream or sys.stdout
    print(terminal_text(text, color=use_color(stream)), file=stream)


def _report(error: DslError, as_json: bool) -> None:
    if as_json:
        print(_json({"error": error.to_json()}))
    else:
        _print_text(error.format(), sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
