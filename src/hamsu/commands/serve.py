"""`hamsu serve`: declared here, loaded (FastAPI, uvicorn) only when the command runs."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import typer


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or localhost."""
    import ipaddress

    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve_command(
        corpus: Path = typer.Argument(..., help="The corpus database (made by hamsu ingest)."),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback unless --public)."),
        port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
        token: str | None = typer.Option(
            None, "--token", help="Enable POST /api/ingest for requests with 'Authorization: Bearer TOKEN' "
            "(default: $HAMSU_TOKEN; without a token the corpus is read-only).",
        ),
        public: bool = typer.Option(False, "--public", help="Allow a --host that is not loopback."),
    ) -> None:
        """Read the corpus in a browser and query it over a JSON API.

        Pages: search, each document side by side, a corpus overview, exports (TMX, TSV, JSON lines, a plugin's).
        The API is described at /openapi.json. Read-only unless started with a token.
        """
        from ..errors import HamsuError
        from .plumbing import fail

        if not is_loopback(host) and not public:
            fail(f"refusing to listen on {host}: not a loopback address; pass --public to serve other machines")
        token = token if token is not None else os.environ.get("HAMSU_TOKEN") or None
        from ..serve.app import LOOPBACK_HOSTS, create_app

        try:
            application = create_app(corpus, token=token, allowed_hosts=None if public else LOOPBACK_HOSTS)
        except HamsuError as e:
            fail(str(e))
        import socket

        import uvicorn

        # Bind here, so that a port in use is a one-line error like any other.
        address = host.strip("[]")
        try:
            sock = socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((address, port))
            sock.listen(2048)  # connections made from now on wait for the server, not fail
        except OSError as e:
            fail(f"cannot listen on {host}:{port} ({e.strerror or e})")
        port = sock.getsockname()[1]
        shown = f"[{address}]" if ":" in address else address
        sys.stderr.write(
            f"hamsu: serving {corpus} at http://{shown}:{port}/ "
            f"({'ingest enabled with token' if token else 'read-only'}); Ctrl-C stops\n"
        )
        config = uvicorn.Config(application, log_level="warning", server_header=False, proxy_headers=False)
        uvicorn.Server(config).run(sockets=[sock])
