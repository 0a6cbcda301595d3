"""``sq serve``: start the playground on a local port and open it in the browser."""
from __future__ import annotations

import os
import socket
import sys
import threading
import webbrowser
from typing import Optional, Sequence

from . import ExtraMissing, require_extra

__all__ = ["serve", "DEFAULT_PORT"]

DEFAULT_PORT = 8765
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _free_port(host: str) -> int:
    """A port nobody listens on now (for ``--port 0``: the Host check needs the number
    before the server starts)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def serve(files: Sequence[str] = (), *, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
          samples: int = 100_000, seed: int = 0, browser: bool = True,
          root: Optional[str] = None, out=sys.stdout, err=sys.stderr) -> int:
    """Serve ``files`` (an untitled model when none) from the folder ``root`` (default:
    the current one) until Ctrl-C; returns the exit status."""
    try:
        require_extra()
    except ExtraMissing as e:
        print(f"error: {e}", file=err)
        return 2
    import uvicorn

    from ...base.limits import Limits
    from .app import create_app
    from .guard import allowed_hosts
    from .workspace import Workspace

    if port == 0:
        port = _free_port(host)
    limits = Limits()
    if samples > limits.max_samples:
        print(f"error: {samples:,} samples is more than the limit of "
              f"{limits.max_samples:,}", file=err)
        return 2
    workspace = Workspace(root or os.getcwd(), files, limits.source_limit)
    app = create_app(workspace, allowed_hosts(host, port), samples=samples, seed=seed,
                     limits=limits)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    if host not in LOOPBACK:
        print(f"warning: serving on {host}: anyone who can reach this address can run "
              "models and save files in this folder", file=err)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning",
                                           ws="auto", lifespan="off"))

    def when_listening() -> None:  # the address is printed once it answers
        while not server.started and not server.should_exit:
            threading.Event().wait(0.05)
        if not server.started:
            return
        print(f"sqdsl playground: {url}  (Ctrl-C stops it)", file=out, flush=True)
        for model in workspace.models[1:]:
            print(f"  {model.title}: {url}m/{model.index}", file=out, flush=True)
        if browser:
            webbrowser.open(url)
    threading.Thread(target=when_listening, daemon=True).start()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    except (OSError, SystemExit) as e:  # the port is taken (uvicorn exits on it)
        reason = e.strerror if isinstance(e, OSError) and e.strerror else "in use?"
        print(f"error: cannot listen on {host}:{port} ({reason}); another port: --port N, "
              "or --port 0 for any free one", file=err)
        return 1
    return 0 if server.started else 1
