"""What the serve tests share: the app under Starlette's TestClient on a workspace in a
folder, and a page's conversation over its socket."""
from __future__ import annotations

import json

from starlette.testclient import TestClient

from dsl.front.serve.app import create_app
from dsl.front.serve.workspace import Workspace

ORIGIN = {"origin": "http://testserver"}
MODEL = """a = 1 to 10
b = normal(5, 1)
c = a * 2
"""

def make_client(folder, files=("model.sq",), samples=2_000, **options) -> TestClient:
    workspace = Workspace(folder, list(files))
    app = create_app(workspace, ["testserver"], samples=samples, seed=1,
                     poll=options.pop("poll", 0.1), **options)
    return TestClient(app)

class Conversation:
    """A page's socket: ``send`` a request, ``until`` a message of a type arrives
    (the messages before it kept in ``seen``)."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.seen: list[dict] = []

    def send(self, **message) -> None:
        self.ws.send_text(json.dumps(message))

    def until(self, kind: str, **match) -> dict:
        while True:
            message = self.ws.receive_json()
            self.seen.append(message)
            if message["type"] == kind and all(message.get(k) == v for k, v in match.items()):
                return message

    def opened(self) -> tuple[dict, dict]:
        """The hello and the first result."""
        return self.until("hello"), self.until("result")
