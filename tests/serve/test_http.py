"""The HTTP routes and the Host/Origin guard (PROTOCOL.md, "HTTP routes")."""
from __future__ import annotations

import pytest
from starlette.websockets import WebSocketDisconnect

from dsl.front.serve.guard import allowed_hosts
from dsl.render.html import CSS

from serve_helpers import ORIGIN, make_client


def test_routes(client):
    home = client.get("/", follow_redirects=False)
    assert home.status_code == 307 and home.headers["location"] == "/m/0"
    page = client.get("/m/0")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "<html" in page.text.lower()
    assert client.get("/m/1").status_code == 404
    assert client.get("/api/models").json() == {
        "models": [{"id": 0, "path": "model.sq", "title": "model.sq"}]}
    style = client.get("/api/style.css")
    assert style.text == CSS and style.headers["content-type"].startswith("text/css")


def test_untitled_model_when_no_file(folder):
    with make_client(folder, files=()) as c:
        assert c.get("/api/models").json()["models"] == [
            {"id": 0, "path": None, "title": "untitled.sq"}]


@pytest.mark.parametrize("headers", [{"host": "evil.example"},
                                     {"host": "testserver.evil.example"},
                                     {"origin": "http://evil.example"},
                                     {"origin": "http://testserver:9999"},
                                     {"origin": "null"}])
def test_other_host_or_origin_refused(client, headers):
    for path in ("/", "/m/0", "/api/models", "/api/style.css"):
        response = client.get(path, headers=headers, follow_redirects=False)
        assert response.status_code == 403, (path, headers)
        assert "Forbidden" in response.text


def test_same_origin_allowed(client):
    assert client.get("/api/models", headers=ORIGIN).status_code == 200


@pytest.mark.parametrize("headers", [{"origin": "http://evil.example"}, {},
                                     {"origin": "http://testserver", "host": "evil.example"}])
def test_websocket_from_elsewhere_refused(client, headers):
    with pytest.raises(WebSocketDisconnect) as refused:
        with client.websocket_connect("/ws/0", headers=headers) as ws:
            ws.receive_json()
    assert refused.value.code == 4403


def test_websocket_to_no_model(client):
    with pytest.raises(WebSocketDisconnect) as closed:
        with client.websocket_connect("/ws/5", headers=ORIGIN) as ws:
            ws.receive_json()
    assert closed.value.code == 4404


def test_allowed_hosts():
    assert allowed_hosts("127.0.0.1", 8765) == ["127.0.0.1:8765", "[::1]:8765",
                                                "localhost:8765"]
    assert allowed_hosts("192.168.1.5", 80) == ["192.168.1.5:80"]


def test_no_other_site_may_frame_the_page(client):
    for path in ("/m/0", "/api/models", "/static/index.html"):
        response = client.get(path)
        assert response.headers["x-frame-options"] == "DENY", path
        assert response.headers["content-security-policy"] == "frame-ancestors 'none'"
        assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/", headers={"host": "evil.example"}).headers["x-frame-options"] == "DENY"
