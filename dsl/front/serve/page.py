"""One open page: a model's reactive Session, the cards the page holds, and the jobs
it asks for (runs, calculators, sensitivity, views, saves), one at a time.

Every method but ``submit``/``cancel``/``disk_changed`` runs in a worker thread and
may take seconds; ``send`` must be safe to call from any thread (the app hands it a
function that queues the message for the socket). A newer edit cancels the run in
progress: a flag read before each binding, and the clocks of the run and of its
drawing set to zero so that the engine's own time checks stop it at the next look.
"""
from __future__ import annotations

import sys
import threading
import time
import traceback
from typing import Any, Callable, Optional

from ...base.errors import DslError
from ...base.limits import Limits
from ...engine.session import Session
from ...base.errors import ArgumentError
from ...engine import parallel
from ...base.meter import Meter, current, installed
from ...engine.dist import Dist
from ...engine.pictures import Scale
from ...render.html import named_html, value_html, view_html
from ...render.json import value_json
from ...render.views import ViewOptions, dist_view
from ...engine.table_values import Calculator
from .cards import card, error_html
from .protocol import error_json, span_json
from .sensitivity import sensitivity_html
from .workspace import Model, SaveRefused, Workspace, stamp

__all__ = ["Page", "Cancelled"]

PROGRESS_AFTER = 0.1     # seconds before a run's first progress message
PROGRESS_EVERY = 0.1     # and between two


class Cancelled(Exception):
    """The run was stopped by a newer edit or a cancel request."""


class _Job:
    """The run in progress: its id, and what cancelling it stops."""

    def __init__(self, request_id: Any) -> None:
        self.id = request_id
        self.cancelled = False
        self.meters: list[Meter] = []

    def cancel(self) -> None:
        self.cancelled = True
        for m in self.meters:
            m.deadline = 0.0  # the engine's next look at the clock raises a LimitError


class Page:
    """The live session of one model for one connected page."""

    def __init__(self, workspace: Workspace, model: Model, send: Callable[[dict], None], *,
                 samples: int = 100_000, seed: int = 0,
                 limits: Optional[Limits] = None) -> None:
        self.workspace, self.model, self.send = workspace, model, send
        self.limits = limits or Limits()
        self.session = Session(samples, seed, limits=self.limits)
        self.text = ""                            # the text last run (or being run)
        self.info: dict = {}                      # the last good run's bindings
        self.shown: dict[str, object] = {}        # name -> the value its card shows
        self.final_shown: object = None
        self._jobs = threading.Lock()             # one job at a time
        self._state = threading.Lock()            # guards _pending and _running
        self._pending: Optional[tuple[Any, str]] = None
        self._running: Optional[_Job] = None
        self._runner = False                      # a run_pending loop is on its way
        self.disk_stamp = stamp(model.path)
        self.disk_text: Optional[str] = None

    # ---- from the event loop: quick, never blocking on a run ----

    def submit(self, request_id: Any, text: str) -> bool:
        """Make ``text`` the next to run, cancelling the run in progress; a text
        submitted before the last one ran replaces it (only the newest runs). True when
        the caller must call ``run_pending`` (in a worker thread): no runner is active
        to pick the text up, so a burst of edits occupies one thread, not one each."""
        with self._state:
            if self._pending is not None:
                self.send({"type": "cancelled", "id": self._pending[0]})
            self._pending = (request_id, text)
            if self._running is not None:
                self._running.cancel()
            start, self._runner = not self._runner, True
            return start

    def cancel(self) -> None:
        """Stop the run in progress and forget the text waiting to run."""
        with self._state:
            if self._pending is not None:
                self.send({"type": "cancelled", "id": self._pending[0]})
                self._pending = None
            if self._running is not None:
                self._running.cancel()

    def disk_changed(self) -> bool:
        """Whether the model's file changed on disk since it was last read or saved."""
        now = stamp(self.model.path)
        if now is None or now == self.disk_stamp:
            return False
        self.disk_stamp = now
        return True

    # ---- in a worker thread ----

    def open(self) -> None:
        """Read the file, greet the page and run it."""
        from .assist import TOKEN_CLASSES
        from .protocol import VERSION
        with self._jobs:
            try:
                text = self.workspace.read(self.model)
            except DslError as e:
                text, problem = "", e.message
            else:
                problem = None
            self.disk_text = text
            self.send({"type": "hello", "protocol": VERSION, "model": self.model.index,
                       "path": self.model.json()["path"], "title": self.model.title,
                       "text": text, "samples": self.session.samples,
                       "seed": self.session.seed, "writable": True,
                       "token_classes": list(TOKEN_CLASSES)})
            if problem:
                self.send({"type": "error", "id": None, "message": problem})
        if self.submit(None, text):
            self.run_pending()

    def run_pending(self) -> None:
        """Run the newest submitted text, if any (and any submitted meanwhile)."""
        try:
            with self._jobs:
                while True:
                    with self._state:
                        if self._pending is None:
                            self._runner = False
                            return
                        request_id, text = self._pending
                        self._pending = None
                        job = self._running = _Job(request_id)
                    try:
                        self._run(job, text)
                    finally:
                        with self._state:
                            self._running = None
        except BaseException:
            with self._state:  # the next submit starts a runner again
                self._runner = False
            raise

    def reload(self, request_id: Any = None, asked: bool = False) -> None:
        """Read the file again and, if the page ``asked`` or the text differs from what
        the file last held, send it and run it."""
        with self._jobs:
            try:
                text = self.workspace.read(self.model)
            except DslError as e:
                self.send({"type": "error", "id": request_id, "message": e.message})
                return
            self.disk_stamp = stamp(self.model.path)
            if not asked and text == self.disk_text:
                return  # touched, not changed (or our own save)
            self.disk_text = text
            self.send({"type": "reloaded", "id": request_id, "text": text,
                       "path": self.model.json()["path"]})
        if self.submit(request_id, text):
            self.run_pending()

    def settings(self, request_id: Any, samples: Optional[int], seed: Optional[int]) -> None:
        """A new session with these samples and seed; every card is drawn again."""
        with self._jobs:
            try:
                session = Session(self.session.samples if samples is None else samples,
                                  self.session.seed if seed is None else seed,
                                  limits=self.limits)
            except DslError as e:
                self.send({"type": "error", "id": request_id, "message": e.message})
                return
            self.session = session
            self.shown, self.final_shown, self.info = {}, None, {}
            self.send({"type": "settings", "id": request_id, "samples": session.samples,
                       "seed": session.seed})
            with self._state:
                text = self._pending[1] if self._pending is not None else self.text
        if self.submit(request_id, text):
            self.run_pending()

    def save(self, request_id: Any, text: str, path: Optional[str]) -> None:
        with self._jobs:
            try:
                self.workspace.save(self.model, text, path)
            except SaveRefused as e:
                self.send({"type": "error", "id": request_id, "message": str(e)})
                return
            self.disk_text, self.disk_stamp = text, stamp(self.model.path)
            self.send({"type": "saved", "id": request_id, "model": self.model.index,
                       "path": self.model.title})

    def sensitivity(self, request_id: Any, name: str) -> None:
        with self._jobs:
            reply = {"type": "sensitivity", "id": request_id, "name": name, "rows": [],
                     "html": "", "error": None}
            try:
                rows = self.session.sensitivity(name)
                reply["rows"] = rows
                reply["html"] = sensitivity_html(name, rows)
            except DslError as e:
                reply["error"] = error_json(e, self.text)
            self.send(reply)

    def calculator(self, request_id: Any, name: str, values: list) -> None:
        """The calculator bound to ``name`` run with the fields' ``values``."""
        from ...engine.calculator_run import calculator_result
        with self._jobs:
            reply = {"type": "calculator", "id": request_id, "name": name, "html": "",
                     "value": None, "error": None}
            binding = self.info.get(name)
            try:
                if binding is None or not isinstance(binding.value, Calculator):
                    raise ArgumentError(f"there is no calculator named '{name}'")
                if not all(v is None or isinstance(v, (str, bool)) for v in values):
                    raise ArgumentError("a calculator field's value is a string of code, "
                                        "or true/false for a checkbox")
                with self._clock():
                    result = calculator_result(binding.value,
                                               samples=self.session.samples,
                                               seed=self.session.seed, limits=self.limits,
                                               values=values)
                    if result is not None:
                        options = self._options()
                        reply["html"] = value_html(result, options)
                        reply["value"] = value_json(result, options)
            except DslError as e:
                reply["error"] = error_json(e, self.text)
                reply["error"]["span"] = None  # a field's code, not the editor's text
                reply["html"] = error_html(e.message)
            self.send(reply)

    def view(self, request_id: Any, name: str, cdf: bool,
             log: Optional[bool] = None) -> None:
        """Binding ``name``'s card drawn again, as its CDF when ``cdf``, and for a
        distribution on a log (True) or linear (False) axis instead of the rule's."""
        with self._jobs:
            binding = self.info.get(name)
            if binding is None:
                self.send({"type": "error", "id": request_id,
                           "message": f"there is no binding named '{name}'"})
                return
            reply = {"type": "view", "id": request_id, "name": name, "cdf": cdf,
                     "log": None}
            with self._clock():
                if log is not None and isinstance(binding.value, Dist) and not binding.hidden:
                    view = dist_view(binding.value, self._options(cdf=cdf),
                                     scale=Scale("log" if log else "linear"))
                    reply["html"] = named_html(binding.label or name, view_html(view),
                                               binding.doc)
                    reply["log"] = view.chart is not None and view.chart.x.scale == "log"
                else:
                    reply["html"] = self._card(name, binding, self._options(cdf=cdf))["html"]
            self.send(reply)

    # ---- the run ----

    def _options(self, cdf: bool = False) -> ViewOptions:
        return ViewOptions(samples=self.session.samples, seed=self.session.seed,
                           limits=self.limits, cdf=cdf)

    def _clock(self, job: Optional[_Job] = None, allocated: int = 0) -> Meter:
        """A clock and budget for drawing: the session's limits from now (the run's
        own clock stopped with it), cancelled with ``job``."""
        m = Meter(self.limits.time_limit, self.limits.budget)
        m.start()
        m.allocated = allocated
        if job is not None:
            job.meters.append(m)
            if job.cancelled:
                m.deadline = 0.0
        return m

    def _filename(self) -> str:
        path = self.model.path or (self.workspace.root / self.model.title)
        return str(path)

    def _run(self, job: _Job, text: str) -> None:
        self.text = text
        started = time.monotonic()
        job.meters.append(self.session.evaluator.meter)
        state = {"current": None, "done": [], "over": False}

        def progress(name: Optional[str]) -> None:  # before each binding, in the run
            if job.cancelled:
                raise Cancelled()
            if state["current"] is not None:
                state["done"].append(state["current"])
            state["current"] = name

        def tick() -> None:  # a binding may compute for seconds: report on a clock
            wait = PROGRESS_AFTER
            while not stop.wait(wait):
                wait = PROGRESS_EVERY
                self.send({"type": "progress", "id": job.id, "current": state["current"],
                           "done": list(state["done"])})

        stop = threading.Event()
        ticker = threading.Thread(target=tick, daemon=True, name="sq-serve-progress")
        ticker.start()
        try:
            message = self._run_job(job, text, started, progress)
        finally:
            stop.set()
            ticker.join()  # no progress message may follow the run's answer
        self.send(message)

    def _run_job(self, job: _Job, text: str, started: float, progress) -> dict:
        """The run's answer: its ``result`` message, or ``cancelled``."""
        try:
            if job.cancelled:
                raise Cancelled()
            result = self.session.replace(text, self._filename(), progress=progress)
            with self._clock(job, result.allocated):
                message = self._result_message(job, result, text)
        except Cancelled:
            return {"type": "cancelled", "id": job.id}
        except DslError as e:
            if job.cancelled:  # the zeroed clock's LimitError
                return {"type": "cancelled", "id": job.id}
            message = self._failure(job, [error_json(e, text)])
        except Exception as e:  # a bug in the engine: said to the page, logged here
            traceback.print_exc(file=sys.stderr)
            message = self._failure(job, [{"kind": "InternalError", "span": None,
                                           "message": f"internal error: {e!r}",
                                           "note": ""}])
        message["elapsed"] = round(time.monotonic() - started, 4)
        return message

    def _failure(self, job: _Job, errors: list[dict]) -> dict:
        return {"type": "result", "id": job.id, "ok": False, "order": list(self.info),
                "cards": [], "removed": [], "final": None, "spans": {}, "computed": [],
                "errors": errors, "samples": self.session.samples,
                "seed": self.session.seed}

    def _card(self, name: str, binding, options: ViewOptions) -> dict:
        return card(name, binding.value, options, label=binding.label, doc=binding.doc,
                    unit=binding.unit, hidden=binding.hidden)

    def _result_message(self, job: _Job, result, text: str) -> dict:
        """The ``result`` message of a good run: the cards of values the page does not
        show yet (identity: a value the run did not recompute is the same object)."""
        options = self._options()
        self.info = dict(result.info)
        fresh = [(name, b) for name, b in result.info.items()
                 if self.shown.get(name) is not b.value]
        owner = current()

        def draw(item) -> dict:  # on the pool's threads too: under this run's clock
            if job.cancelled:
                raise Cancelled()
            with installed(owner):
                return self._card(item[0], item[1], options)

        # numpy's sorts and histograms release the GIL: cards drawn side by side
        cards = parallel.map_items(draw, fresh, self.session.samples * len(fresh))
        for name, binding in fresh:
            self.shown[name] = binding.value
        removed = [name for name in self.shown if name not in result.info]
        for name in removed:
            del self.shown[name]
        message = {"type": "result", "id": job.id, "ok": True, "order": list(result.info),
                   "cards": cards, "removed": removed, "final": None,
                   "spans": {name: span_json(b.span, text) for name, b in result.info.items()},
                   "computed": list(result.computed), "errors": [],
                   "samples": result.samples, "seed": result.seed}
        final = result.result
        if final is not None and final is not self.final_shown:
            message["final"] = card("", final, options, doc=final.tags.doc)
        elif final is None and self.final_shown is not None:
            message["final_removed"] = True
        self.final_shown = final
        return message
