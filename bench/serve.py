"""The playground's live loop: from an edit of one input of examples/takeoff_ratio.sq
to its updated cards, over a real WebSocket.

    python bench/serve.py [--samples 1e5] [--repeat 7] [--input mC]

Starts the server of ``sq serve`` (uvicorn, on a free local port, in this process),
opens the model's page as a browser would (a WebSocket with the page's Origin), waits
for its first cards, then sends edits of the input's line alternating between two
values and times each until its ``result`` arrives: parse, recompute of the changed
bindings through the page's reactive session, drawing of their cards (SVG and JSON)
and the JSON over the socket. Prints the best and median time and what was resent.
Needs the serve extra (``pip install ".[serve]"``).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import pathlib
import re
import socket
import statistics
import sys
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dsl.front.serve import require_extra  # noqa: E402

MODEL = ROOT / "examples" / "takeoff_ratio.sq"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(samples: int, port: int):
    import uvicorn

    from dsl.front.serve.app import create_app
    from dsl.front.serve.guard import allowed_hosts
    from dsl.front.serve.workspace import Workspace
    app = create_app(Workspace(ROOT, [str(MODEL.relative_to(ROOT))]),
                     allowed_hosts("127.0.0.1", port), samples=samples, seed=0)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    return server, thread


async def measure(port: int, name: str, repeat: int) -> tuple[list[float], dict]:
    import websockets
    url, origin = f"ws://127.0.0.1:{port}/ws/0", f"http://127.0.0.1:{port}"
    async with websockets.connect(url, origin=origin, max_size=None) as ws:
        async def until(kind: str, request=None) -> dict:
            while True:
                message = json.loads(await ws.recv())
                if message["type"] == kind and (request is None or message["id"] == request):
                    return message
        text = (await until("hello"))["text"]
        first = await until("result")
        line = re.search(rf"^{name} = (.*)$", text, re.M)
        if line is None:
            raise SystemExit(f"no line '{name} = ...' in {MODEL.name}")
        values = [line.group(1), line.group(1).replace(" to ", " to 1.1 * ")]
        times, last = [], {}
        for i in range(repeat + 1):  # the first edit warms the caches up: not counted
            edited = text.replace(line.group(0), f"{name} = {values[(i + 1) % 2]}")
            started = time.perf_counter()
            await ws.send(json.dumps({"type": "edit", "id": i, "text": edited}))
            last = await until("result", i)
            if i:
                times.append(time.perf_counter() - started)
            if not last["ok"]:
                raise SystemExit(f"the edit failed: {last['errors']}")
        return times, {"cards": len(first["cards"]), "computed": last["computed"],
                       "resent": [c["name"] for c in last["cards"]]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=float, default=1e5)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--input", default="mC")
    args = parser.parse_args()
    require_extra()
    port = _free_port()
    server, thread = start_server(int(args.samples), port)
    try:
        times, what = asyncio.run(measure(port, args.input, args.repeat))
    finally:
        server.should_exit = True
        thread.join(5)
    print(f"{MODEL.name}, {int(args.samples):,} samples, edit of {args.input}, "
          f"{args.repeat} edits")
    print(f"edit -> updated cards: best {min(times):.3f} s, median "
          f"{statistics.median(times):.3f} s")
    print(f"recomputed {len(what['computed'])}: {', '.join(what['computed'])}")
    print(f"cards resent {len(what['resent'])} of {what['cards']}: {', '.join(what['resent'])}")


if __name__ == "__main__":
    main()
