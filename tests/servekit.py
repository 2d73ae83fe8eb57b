"""Helpers for the web tests: a corpus database built from the seed, and a real uvicorn server on
127.0.0.1 (a free port, in a thread) serving it."""
from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seed.txt"
EVIL_FA = "خبر آزمایشی <script>alert('fa')</script> درباره تهران است."
EVIL_EN = "A test story <script>alert('en')</script> about Tehran."


def build_corpus(path: Path, evil: bool = True) -> Path:
    """A corpus database holding the seed (and, with `evil`, an article whose text holds <script>)."""
    from hamsu.api import read_documents
    from hamsu.pipeline import process_document
    from hamsu.read import read_pair
    from hamsu.store import open_store

    docs = list(read_documents([SEED]))
    if evil:
        docs.append(read_pair(EVIL_FA, EVIL_EN, "evil", doc_id="evil", meta=(("title", EVIL_EN),)))
    with open_store(path) as store:
        for doc in docs:
            store.ingest(process_document(doc))
    return path


# A Persian sentence with no English counterpart (a null-unit flag whose evidence quotes it, <script>
# and all) after a question the English does not ask (a punctuation flag).
EVIDENCE_FA = "آیا او آمد؟\nاین جمله <script>alert('ev')</script> ترجمه نشد و در متن انگلیسی نیامده است."
EVIDENCE_EN = "Did he come."


def build_flagged_corpus(path: Path) -> Path:
    """A corpus database of one document whose flags carry evidence, one of them quoting <script>."""
    from hamsu.pipeline import process_document
    from hamsu.read import read_pair
    from hamsu.store import open_store

    with open_store(path) as store:
        store.ingest(process_document(read_pair(EVIDENCE_FA, EVIDENCE_EN, "flagged", doc_id="flagged")))
    return path


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self):
        return json.loads(self.body)


class Server:
    """A running server: its base URL and a small HTTP client."""

    def __init__(self, host: str, port: int, db: Path) -> None:
        self.host, self.port, self.db = host, port, db
        self.url = f"http://{host}:{port}"

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                chunked: bool = False) -> Response:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            if chunked:
                conn.request(method, path, body=iter([body or b""]), headers=headers or {}, encode_chunked=True)
            else:
                conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        finally:
            conn.close()

    def get(self, path: str, **kw) -> Response:
        return self.request("GET", path, **kw)


@contextmanager
def serve(db: Path, configure=None, **options) -> Iterator[Server]:
    """Serve `db` with uvicorn on 127.0.0.1, on a port the OS picks, until the block ends.
    `options` go to create_app (token, max_body, allowed_hosts: loopback by default); `configure`,
    if given, is called with the application before it starts (e.g. to override a dependency)."""
    import uvicorn

    from hamsu.serve.app import LOOPBACK_HOSTS, create_app

    options.setdefault("allowed_hosts", LOOPBACK_HOSTS)
    app = create_app(db, **options)
    if configure is not None:
        configure(app)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on", server_header=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.02)
    try:
        yield Server("127.0.0.1", port, Path(db))
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
