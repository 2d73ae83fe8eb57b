"""examples/plugin (hamsu-example-plugin) extends hamsu through entry points alone: its `csv` format
shows in `align`, `export`, the web's export links and `build`'s shards, its rule in `check`, and
both in `hamsu plugins`. The plugin is visible only to the processes these tests start: its source
folder and a generated dist-info (the metadata importlib.metadata reads entry points from, made from
its own pyproject.toml) go on their PYTHONPATH, nothing is installed."""
from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from servekit import Server

ROOT = Path(__file__).resolve().parents[1]
PLUGIN = ROOT / "examples" / "plugin"
SEED = ROOT / "examples" / "seed.txt"
# A parenthetical in the Persian only: the plugin's rule flags it.
ASIDE_FA = "او (به گفته خبرگزاری‌ها) دیروز به تهران رفت.\nهوا سرد بود.\n"
ASIDE_EN = "He went to Tehran yesterday.\nThe weather was cold.\n"


def _dist_info(site: Path, name: str, version: str, groups: dict[str, dict[str, str]]) -> None:
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    lines = [f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in points.items()) for group, points in groups.items()]
    (info / "entry_points.txt").write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict:
    """The environment of a process that has the example plugin installed."""
    project = tomllib.loads((PLUGIN / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    site = tmp_path_factory.mktemp("site")
    _dist_info(site, project["name"], project["version"], project["entry-points"])
    path = [str(site), str(PLUGIN / "src"), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, path))}


def hamsu(*args, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hamsu", *map(str, args)], capture_output=True, timeout=600,
                          env=env, cwd=cwd)  # fmt: skip


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_align_writes_csv_and_only_where_the_plugin_is(env):
    result = hamsu("align", SEED, "--format", "csv", env=env)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""
    text = result.stdout.decode("utf-8")
    assert text.startswith("fa,en,score,flags\r\n")
    table = rows(text)
    units = [json.loads(line) for line in hamsu("align", SEED, "--format", "jsonl", env=env).stdout.splitlines()]
    assert [(r["fa"], r["en"], r["score"]) for r in table] == [(u["fa"], u["en"], f"{u['score']:.4f}") for u in units]
    assert [r["flags"] for r in table] == [",".join(f"{f['rule']}:{f['severity']}" for f in u["flags"]) for u in units]
    # Without the plugin on the path, hamsu is unchanged: no csv, and its error lists its own formats.
    plain = hamsu("align", SEED, "--format", "csv")
    assert plain.returncode == 2
    assert plain.stderr.decode() == "hamsu: error: --format must be one of text, beads, tmx, tsv, jsonl, not 'csv'\n"


def test_check_runs_the_plugins_rule(env, tmp_path):
    fa, en = tmp_path / "a.fa", tmp_path / "a.en"
    fa.write_text(ASIDE_FA, encoding="utf-8")
    en.write_text(ASIDE_EN, encoding="utf-8")
    result = hamsu("check", "--aligned", fa, en, "--format", "jsonl", env=env)
    assert result.returncode == 0, result.stderr.decode()
    flags = [json.loads(line) for line in result.stdout.splitlines()]
    mine = [f for f in flags if f["rule"] == "parentheses"]
    assert [(f["unit"], f["severity"], f["evidence"]) for f in mine] == [(0, "minor", "parentheses: fa 1, en 0")]
    assert mine[0]["fa_spans"] and not mine[0]["en_spans"]
    plain = hamsu("check", "--aligned", fa, en, "--format", "jsonl")
    assert all(json.loads(line)["rule"] != "parentheses" for line in plain.stdout.splitlines())


@pytest.fixture(scope="module")
def corpus(env, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("corpus") / "c.db"
    result = hamsu("ingest", db, SEED, env=env)
    assert result.returncode == 0, result.stderr.decode()
    return db


def test_export_writes_csv(env, corpus):
    exported = hamsu("export", corpus, "--format", "csv", env=env)
    assert exported.returncode == 0, exported.stderr.decode()
    aligned = hamsu("align", SEED, "--format", "csv", env=env).stdout
    assert exported.stdout == aligned  # what the store gives back is what was aligned


def test_the_web_offers_and_serves_csv(env, corpus):
    proc = subprocess.Popen([sys.executable, "-m", "hamsu", "serve", str(corpus), "--port", "0"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        line = proc.stderr.readline()
        found = re.search(r"http://(127\.0\.0\.1):(\d+)/", line)
        assert found, line
        server = Server(found[1], int(found[2]), corpus)
        page = server.get("/doc/1")
        assert page.status == 200
        assert '<a href="/export/doc/1.csv" download>CSV</a>' in page.text
        assert '<a href="/export/doc/1.tmx" download>TMX</a>' in page.text
        links = '<a href="/export/doc/1.jsonl" download>JSONL</a> <a href="/export/doc/1.csv" download>CSV</a>'
        assert links in server.get("/overview").text
        search = server.get("/search?q=Syria")
        assert "/export/search.csv?q=Syria" in search.text
        export = server.get("/export/doc/1.csv")
        assert export.status == 200
        assert export.headers["content-type"] == "text/csv; charset=utf-8"
        assert export.headers["content-disposition"] == 'attachment; filename="hamsu-doc-1.csv"'
        assert export.body == hamsu("export", corpus, "--format", "csv", env=env).stdout
        assert server.get("/export/search.csv?q=Syria").text.startswith("fa,en,score,flags\r\n")
    finally:
        proc.terminate()
        proc.wait(10)


def test_build_writes_csv_shards(env, tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "seed.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    result = hamsu("build", articles, "-o", out, "--formats", "csv,tsv", "--no-progress", env=env)
    assert result.returncode == 0, result.stderr.decode()
    assert sorted(p.name for p in (out / "csv").iterdir()) == ["part-00000.csv.gz"]
    shard = gzip.decompress((out / "csv" / "part-00000.csv.gz").read_bytes()).decode("utf-8")
    tsv = gzip.decompress((out / "tsv" / "part-00000.tsv.gz").read_bytes()).decode("utf-8")
    table = rows(shard)
    assert len(table) == len(tsv.splitlines()) - 1 == 8
    assert [r["fa"] for r in table] == [line.split("\t")[0] for line in tsv.splitlines()[1:]]
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["options"]["formats"] == ["csv", "tsv"]
    plain = hamsu("build", articles, "-o", tmp_path / "plain", "--formats", "csv")
    assert plain.returncode == 2 and "--formats takes some of tmx, tsv, jsonl" in plain.stderr.decode()


def test_plugins_lists_what_is_installed_and_a_broken_one_is_one_warning(env, tmp_path):
    result = hamsu("plugins", env=env)
    assert result.returncode == 0 and result.stderr == b""
    listed = result.stdout.decode()
    assert re.search(r"^  csv +hamsu-example-plugin 0\.1\.0 +CSV", listed, re.M), listed
    assert re.search(r"^  parentheses +hamsu-example-plugin 0\.1\.0 +omission", listed, re.M), listed
    assert re.search(r"^  tmx +hamsu \S+ +TMX", listed, re.M) and re.search(r"^  html +hamsu ", listed, re.M)
    # A package whose entry points are broken: one warning line each, and everything else works.
    site = tmp_path / "broken"
    site.mkdir()
    (site / "broken_formats.py").write_text("class NotAWriter:\n    name = 'odd'\n", encoding="utf-8")
    _dist_info(site, "broken-plugin", "1.0", {"hamsu.formats": {"gone": "no_such_module:Writer",
                                                                 "odd": "broken_formats:NotAWriter"},
                                              "hamsu.readers": {"boom": "broken_formats:missing"}})  # fmt: skip
    broken = {**env, "PYTHONPATH": os.pathsep.join([str(site), env["PYTHONPATH"]])}
    result = hamsu("plugins", env=broken)
    assert result.returncode == 0
    warnings = result.stderr.decode().splitlines()
    assert sorted(w.split(" not loaded: ")[0] for w in warnings) == [
        "hamsu: warning: format plugin 'gone' (no_such_module:Writer)",
        "hamsu: warning: format plugin 'odd' (broken_formats:NotAWriter)",
        "hamsu: warning: reader plugin 'boom' (broken_formats:missing)",
    ], warnings
    assert "csv" in result.stdout.decode()
    aligned = hamsu("align", SEED, "--format", "csv", env=broken)
    assert aligned.returncode == 0 and aligned.stdout.startswith(b"fa,en,score,flags")
    assert len(aligned.stderr.decode().splitlines()) == 3
