"""``sq serve`` for real: the command in a subprocess on a free port, reached over HTTP
and a real WebSocket (uvicorn's), with and without the page's Origin."""
from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

websockets = pytest.importorskip("websockets")
pytest.importorskip("uvicorn")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def server(folder):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "-m", "dsl", "serve", "model.sq", "--no-browser", "--port", "0",
         "--samples", "1000"], cwd=folder, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, (line, process.stderr.read() if process.poll() is not None else "")
        yield int(match.group(1))
    finally:
        process.terminate()
        process.wait(10)


def test_serve_answers_its_own_page_only(server):
    base = f"http://127.0.0.1:{server}"
    with urllib.request.urlopen(base + "/api/models", timeout=30) as response:
        assert json.load(response)["models"][0]["path"] == "model.sq"
    forged = urllib.request.Request(base + "/api/models", headers={"Host": "evil.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(forged, timeout=30)
    assert refused.value.code == 403


def test_serve_websocket(server):
    url, origin = f"ws://127.0.0.1:{server}/ws/0", f"http://127.0.0.1:{server}"

    async def talk():
        async with websockets.connect(url, origin=origin) as ws:
            hello = json.loads(await ws.recv())
            while True:
                message = json.loads(await ws.recv())
                if message["type"] == "result":
                    return hello, message

    async def refused():
        async with websockets.connect(url, origin="http://evil.example") as ws:
            await ws.recv()

    hello, result = asyncio.run(asyncio.wait_for(talk(), 60))
    assert hello["samples"] == 1000 and result["order"] == ["a", "b", "c"]
    with pytest.raises(Exception) as closed:
        asyncio.run(asyncio.wait_for(refused(), 60))
    assert "4403" in str(closed.value) or "403" in str(closed.value)


def test_a_taken_port_is_an_error(folder):
    import socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "dsl", "serve", "--no-browser", "--port", str(port)],
            cwd=folder, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True,
            text=True, timeout=120)
    assert done.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr and "--port 0" in done.stderr
