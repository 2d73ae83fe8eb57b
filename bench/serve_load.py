#!/usr/bin/env python3
"""Load run for `hamsu serve`: N concurrent keep-alive clients on loopback, a bounded number of
requests each (search page and API, document page, units and names API, overview), then errors,
throughput and latency percentiles.

The server runs as `python -m hamsu serve DB --port P` in a subprocess (one uvicorn process, as a
user would start it); the clients are asyncio streams speaking HTTP/1.1 in this process, so on a
small machine they share the CPU with the server (the figures include that).

The corpus: --db PATH, or one built in a temporary folder from examples/seed.txt and FLORES-200
devtest articles (../shared/data/dev/flores200, sentences grouped by article URL).

usage: python bench/serve_load.py [--clients 200] [--requests 25] [--articles 100] [--db PATH]
"""
from __future__ import annotations

import argparse
import asyncio
import csv
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FLORES = ROOT.parent / "shared" / "data" / "dev" / "flores200"
QUERIES = ["سلیمانی", "Soleymani", "سوریه", "Syria", "البوکمال", "research", "دانشمندان", "\"Quds Force\"",
           "president", "آمریکا", "water", "بیماری"]


def build_corpus(db: Path, articles: int) -> None:
    from hamsu.api import read_documents
    from hamsu.pipeline import process_document
    from hamsu.read import read_pair
    from hamsu.store import open_store

    docs = list(read_documents([ROOT / "examples" / "seed.txt"]))
    if articles and FLORES.exists():
        fa = (FLORES / "flores200_pes_Arab.devtest").read_text(encoding="utf-8").splitlines()
        en = (FLORES / "flores200_eng_Latn.devtest").read_text(encoding="utf-8").splitlines()
        with open(FLORES / "flores200_metadata_devtest.tsv", encoding="utf-8") as f:
            urls = [row["URL"] for row in csv.DictReader(f, delimiter="\t")]
        groups: dict[str, list[int]] = defaultdict(list)
        for i, url in enumerate(urls):
            groups[url].append(i)
        for url, lines in list(groups.items())[:articles]:
            title = url.rsplit("/", 1)[-1].replace("_", " ")
            docs.append(read_pair("\n\n".join(fa[i] for i in lines), "\n\n".join(en[i] for i in lines), url,
                                  meta=(("url", url), ("title", title))))
    with open_store(db) as store:
        for doc in docs:
            store.ingest(process_document(doc))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "hamsu", "serve", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited: {proc.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start in 30 s")


async def fetch(reader, writer, path: str) -> tuple[int, int]:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            body += await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        raise ValueError("response without a length")
    if headers.get("connection", "").lower() == "close":
        raise ConnectionResetError("server closed the connection")
    return status, len(body)


async def client(port: int, paths: list[str], results: list, errors: Counter, start: asyncio.Event) -> None:
    await start.wait()
    reader = writer = None
    for path in paths:
        kind = re.sub(r"/\d+", "/{id}", path.split("?")[0])
        t = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            status, _size = await asyncio.wait_for(fetch(reader, writer, path), timeout=60)
            if status != 200:
                errors[f"HTTP {status} {kind}"] += 1
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError) as e:
            errors[f"{type(e).__name__} {kind}"] += 1
            if writer is not None:
                writer.close()
            reader = writer = None
            continue
        results.append((kind, time.perf_counter() - t))
    if writer is not None:
        writer.close()


def workload(doc_ids: list[int], unit_ids: list[int], n: int, rng: random.Random) -> list[str]:
    """One client's requests: pages and API calls in a fixed mix, each client starting at its own
    place in it (so that the clients do not all ask for the same kind of page at once)."""
    out = []
    first = rng.randrange(11)
    for i in range(first, first + n):
        q = quote(rng.choice(QUERIES))
        doc, unit = rng.choice(doc_ids), rng.choice(unit_ids)
        out.append([
            f"/search?q={q}",
            f"/api/search?q={q}&limit=20",
            f"/doc/{doc}",
            f"/api/documents/{doc}/units?limit=50",
            f"/api/units/{unit}",
            f"/api/documents?limit=50&offset={rng.randrange(0, max(len(doc_ids) - 50, 1))}",
            f"/api/documents/{doc}/names",
            "/api/names?limit=50",
            "/api/flags?limit=50",
            "/overview",
            "/api/overview",
        ][i % 11])
    return out


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


async def run_load(port: int, clients: int, requests: int, doc_ids, unit_ids, seed: int):
    rng = random.Random(seed)
    results: list[tuple[str, float]] = []
    errors: Counter = Counter()
    start = asyncio.Event()
    tasks = [asyncio.create_task(client(port, workload(doc_ids, unit_ids, requests, random.Random(rng.random())),
                                        results, errors, start)) for _ in range(clients)]
    await asyncio.sleep(0.2)
    t = time.perf_counter()
    start.set()
    await asyncio.gather(*tasks)
    return results, errors, time.perf_counter() - t


def corpus_ids(db: Path) -> tuple[list[int], list[int]]:
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    docs = [r[0] for r in conn.execute("SELECT id FROM documents")]
    units = [r[0] for r in conn.execute("SELECT id FROM units")]
    conn.close()
    return docs, units


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--requests", type=int, default=25, help="requests per client")
    ap.add_argument("--articles", type=int, default=100, help="FLORES articles in the built corpus")
    ap.add_argument("--db", type=Path, help="serve this corpus instead of building one")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="hamsu-serve-load-"))
    db = a.db
    if db is None:
        db = tmp / "corpus.db"
        t = time.perf_counter()
        build_corpus(db, a.articles)
        print(f"built {db} in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    doc_ids, unit_ids = corpus_ids(db)
    port = free_port()
    server = start_server(db, port)
    try:
        # Warm up: one of each kind, so the figures are not the first imports and page renders.
        asyncio.run(run_load(port, 1, 11, doc_ids, unit_ids, a.seed))
        results, errors, secs = asyncio.run(run_load(port, a.clients, a.requests, doc_ids, unit_ids, a.seed))
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)
    lat = [x for _, x in results]
    total = len(results) + sum(errors.values())
    machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores"
    print(f"\nmachine: {machine}, Python {platform.python_version()}")
    print(f"corpus: {len(doc_ids)} documents, {len(unit_ids)} units ({db.name})")
    print(f"clients: {a.clients} concurrent keep-alive connections x {a.requests} requests")
    print(f"requests: {total}, errors: {sum(errors.values())}" + (f" {dict(errors)}" if errors else ""))
    print(f"wall: {secs:.2f} s, throughput: {len(results) / secs:.0f} req/s")
    if lat:
        print(f"latency ms: p50 {pct(lat, 50) * 1000:.0f}, p95 {pct(lat, 95) * 1000:.0f}, "
              f"p99 {pct(lat, 99) * 1000:.0f}, max {max(lat) * 1000:.0f}, mean {statistics.mean(lat) * 1000:.0f}")
        print("\n| request | n | p50 ms | p95 ms |\n| --- | ---: | ---: | ---: |")
        kinds: dict[str, list[float]] = defaultdict(list)
        for kind, x in results:
            kinds[kind].append(x)
        for kind, xs in sorted(kinds.items()):
            print(f"| `{kind}` | {len(xs)} | {pct(xs, 50) * 1000:.0f} | {pct(xs, 95) * 1000:.0f} |")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
