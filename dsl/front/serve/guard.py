"""The Host and Origin check in front of every HTTP request and WebSocket handshake.

A page on another site may send requests to 127.0.0.1 (a form post, a WebSocket: the
browser lets it, with that site's Origin), and a DNS-rebinding attack reaches the
server under another host name (with that name in Host). Both are refused: Host must
be one of the names the server listens on, and Origin, when a request has one (a
WebSocket handshake must), the same scheme, name and port."""
from __future__ import annotations

from typing import Iterable, Optional

__all__ = ["Guard", "allowed_hosts"]


def allowed_hosts(host: str, port: Optional[int]) -> list[str]:
    """The Host values a server on ``host``:``port`` answers to: that name and, for a
    loopback address, the other loopback names."""
    names = {host}
    if host in ("127.0.0.1", "localhost", "::1"):
        names |= {"127.0.0.1", "localhost", "[::1]"}
    if host == "::1":
        names.discard("::1")
    out = []
    for name in sorted(names):
        if ":" in name and not name.startswith("["):
            name = f"[{name}]"  # an IPv6 address in a Host header
        out.append(name if port is None else f"{name}:{port}")
    return out


# on every HTTP response: no other site may frame the page (a framed playground has the
# right Host and no Origin on its own requests: a click there could save a file)
SECURITY_HEADERS = [(b"x-frame-options", b"DENY"),
                    (b"content-security-policy", b"frame-ancestors 'none'"),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer")]


class Guard:
    """ASGI middleware: requests whose Host or Origin is not allowed get 403 (HTTP) or
    are closed before the handshake is accepted (WebSocket, code 4403); every HTTP
    response carries ``SECURITY_HEADERS``."""

    def __init__(self, app, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = {h.lower() for h in hosts}
        self.origins = {f"http://{h}" for h in self.hosts}

    def refusal(self, scope) -> Optional[str]:
        """Why the request is refused, or None."""
        headers: dict[bytes, list[bytes]] = {}
        for key, value in scope.get("headers", ()):
            headers.setdefault(key.lower(), []).append(value)
        hosts = headers.get(b"host", [])
        if len(hosts) != 1 or hosts[0].decode("latin-1").lower() not in self.hosts:
            return "this server answers only to " + ", ".join(sorted(self.hosts))
        origins = headers.get(b"origin", [])
        if scope["type"] == "websocket" and not origins:
            return "a WebSocket needs an Origin header"
        if origins and (len(origins) != 1 or
                        origins[0].decode("latin-1").lower() not in self.origins):
            return "requests from other sites are refused"
        return None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        reason = self.refusal(scope)
        if reason is None and scope["type"] == "http":
            async def send_with_headers(message) -> None:
                if message["type"] == "http.response.start":
                    message = {**message, "headers": [*message.get("headers", ()),
                                                      *SECURITY_HEADERS]}
                await send(message)
            await self.app(scope, receive, send_with_headers)
        elif reason is None:
            await self.app(scope, receive, send)
        elif scope["type"] == "http":
            body = f"403 Forbidden: {reason}\n".encode()
            await send({"type": "http.response.start", "status": 403,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                    (b"content-length", str(len(body)).encode()),
                                    *SECURITY_HEADERS]})
            await send({"type": "http.response.body", "body": body})
        else:
            await receive()  # the websocket.connect event
            await send({"type": "websocket.close", "code": 4403, "reason": reason})
