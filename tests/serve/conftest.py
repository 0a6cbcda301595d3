"""Fixtures of the serve tests (skipped without the ``serve`` extra and httpx)."""
from __future__ import annotations

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from serve_helpers import MODEL, ORIGIN, Conversation, make_client  # noqa: E402


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "model.sq").write_text(MODEL)
    return tmp_path


@pytest.fixture
def client(folder):
    with make_client(folder) as c:
        yield c


@pytest.fixture
def page(client):
    with client.websocket_connect("/ws/0", headers=ORIGIN) as ws:
        yield Conversation(ws)
