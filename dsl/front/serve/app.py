"""The Starlette application: the routes of PROTOCOL.md, behind the Host/Origin guard,
and the WebSocket loop that hands each request of a page to its ``Page``.

Requests that may take time (runs, drawing, saves, the completion list) run in worker
threads; the loop only receives, dispatches and sends, so an edit arriving during a
slow run is seen at once and cancels it."""
from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Optional, Sequence

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (FileResponse, JSONResponse, PlainTextResponse,
                                 RedirectResponse, Response)
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect

from ...base.limits import Limits
from ...render.html import CSS
from .assist import completions, tokens
from .guard import Guard
from .page import Page
from .protocol import BadMessage, check_request, message_error
from .workspace import Workspace

__all__ = ["create_app", "STATIC"]

STATIC = Path(__file__).parent / "static"
_NO_PAGE = ("<!DOCTYPE html><meta charset=utf-8><title>sqdsl</title><p>The playground's "
            "page is missing from this install (dsl/front/serve/static/index.html).</p>")


def create_app(workspace: Workspace, hosts: Sequence[str], *, samples: int = 100_000,
               seed: int = 0, limits: Optional[Limits] = None, poll: float = 1.0):
    """The ASGI app serving ``workspace``, answering only to ``hosts`` (Host header
    values, such as ``127.0.0.1:8765``); files on disk are checked every ``poll``
    seconds."""
    limits = limits or Limits()

    async def home(request: Request) -> Response:
        return RedirectResponse("/m/0", status_code=307)

    async def model_page(request: Request) -> Response:
        if workspace.model(request.path_params["n"]) is None:
            return PlainTextResponse("no such model", status_code=404)
        index = STATIC / "index.html"
        if not index.is_file():
            return Response(_NO_PAGE, media_type="text/html")
        return FileResponse(index, headers={"Cache-Control": "no-store"})

    async def models(request: Request) -> Response:
        return JSONResponse({"models": [m.json() for m in workspace.models]})

    async def style(request: Request) -> Response:
        return Response(CSS, media_type="text/css")

    async def socket(ws: WebSocket) -> None:
        model = workspace.model(ws.path_params["n"])
        if model is None:
            await ws.close(code=4404, reason="no such model")
            return
        await ws.accept()
        await _serve_page(ws, Page(workspace, model, _sender(), samples=samples, seed=seed,
                                   limits=limits), poll)

    routes = [Route("/", home), Route("/m/{n:int}", model_page),
              Route("/api/models", models), Route("/api/style.css", style),
              WebSocketRoute("/ws/{n:int}", socket)]
    if STATIC.is_dir():
        routes.append(Mount("/static", StaticFiles(directory=STATIC), name="static"))
    return Guard(Starlette(routes=routes), hosts)


class _sender:
    """``send(message)`` for a page's threads: queues the message on the event loop
    (bound when the socket loop starts), dropped once the page has gone."""

    def __init__(self) -> None:
        self.loop: Optional[asyncio.AbstractEventLoop] = None
        self.queue: Optional[asyncio.Queue] = None

    def bind(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.queue = asyncio.Queue()

    def __call__(self, message: dict) -> None:
        try:
            self.loop.call_soon_threadsafe(self.queue.put_nowait, message)
        except RuntimeError:  # the loop is closed: the page is gone
            pass


async def _pump(ws: WebSocket, queue: asyncio.Queue) -> None:
    """Send the queued messages in order, as JSON text frames."""
    while True:
        message = await queue.get()
        try:
            text = json.dumps(message, allow_nan=False)
        except ValueError as e:  # a NaN got through: say so rather than send bad JSON
            text = json.dumps(message_error(message.get("id"), f"cannot send: {e}"))
        await ws.send_text(text)


async def _watch(page: Page, spawn, poll: float) -> None:
    """Reload the page's file when it changes on disk."""
    while True:
        await asyncio.sleep(poll)
        if page.disk_changed():
            spawn(page.reload)


async def _serve_page(ws: WebSocket, page: Page, poll: float) -> None:
    send = page.send
    send.bind()
    tasks: set[asyncio.Task] = set()

    def spawn(fn, *args) -> None:
        task = asyncio.create_task(asyncio.to_thread(fn, *args))
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    pump = asyncio.create_task(_pump(ws, send.queue))
    watcher = asyncio.create_task(_watch(page, spawn, poll))
    spawn(page.open)
    try:
        while True:
            raw = await ws.receive_text()
            try:
                message = check_request(json.loads(raw))
            except (ValueError, BadMessage) as e:
                send(message_error(None, f"bad message: {e}"))
                continue
            _dispatch(page, message, send, spawn)
    except WebSocketDisconnect:
        pass
    finally:
        page.cancel()
        watcher.cancel()
        pump.cancel()


def _dispatch(page: Page, m: dict, send, spawn) -> None:
    """Hand one checked request to the page (PROTOCOL.md's client -> server table)."""
    kind, rid = m["type"], m.get("id")
    if kind == "edit":
        if page.submit(rid, m["text"]):
            spawn(page.run_pending)
    elif kind == "cancel":
        page.cancel()
    elif kind == "calculator":
        spawn(page.calculator, rid, m["name"], m["values"])
    elif kind == "sensitivity":
        spawn(page.sensitivity, rid, m["name"])
    elif kind == "view":
        spawn(page.view, rid, m["name"], bool(m.get("cdf", False)), m.get("log"))
    elif kind == "save":
        spawn(page.save, rid, m["text"], m.get("path"))
    elif kind == "reload":
        spawn(page.reload, rid, True)
    elif kind == "settings":
        spawn(page.settings, rid, m.get("samples"), m.get("seed"))
    elif kind == "completions":
        registry = page.session.registry
        spawn(lambda: send({"type": "completions", "id": rid,
                            "items": completions(registry, m.get("prefix"))}))
    elif kind == "tokens":
        registry = page.session.registry
        spawn(lambda: send({"type": "tokens", "id": rid,
                            "tokens": tokens(m["text"], registry)}))
