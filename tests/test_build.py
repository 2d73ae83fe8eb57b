"""`hamsu build`: the fixtures (TICO-19, CC0) in every layout, built by each engine to the same bytes;
bad inputs listed, duplicates and filtered units counted, a killed build resumed to identical output."""
from __future__ import annotations

import gzip
import io
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hamsu.batch.inputs import walk
from hamsu.batch.run import BuildOptions, build

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "build"
INPUT = "tests/fixtures/build"  # relative, as a user types it: sources in the summary are as given
SHARD = 4
FORMATS = ("tmx", "tsv", "jsonl")


def run_build(out: Path, *inputs: str, **options) -> dict:
    """Build in this process (cwd: the repository, so the relative input path is the same)."""
    options.setdefault("shard_size", SHARD)
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return build(list(inputs or [INPUT]), BuildOptions(output=out, **options), log=io.StringIO())
    finally:
        os.chdir(cwd)


def hamsu(*args, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("timeout", 300)
    return subprocess.run([sys.executable, "-m", "hamsu", *map(str, args)], capture_output=True, cwd=ROOT, **kwargs)


def outputs(out: Path) -> dict[str, bytes]:
    """Every file a build promises to make the same: shards, summary, report (not the database)."""
    files = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and not rel.startswith(("corpus.db", ".build")):
            files[rel] = path.read_bytes()
    return files


def kept_units(out: Path) -> list[dict]:
    units = []
    for path in sorted((out / "jsonl").glob("part-*.jsonl.gz")):
        units += [json.loads(line) for line in gzip.decompress(path.read_bytes()).decode().splitlines()]
    return units


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "out"
    run_build(out)
    return out


@pytest.fixture(scope="module")
def summary(baseline) -> dict:
    return json.loads((baseline / "summary.json").read_text(encoding="utf-8"))


# --- inputs ------------------------------------------------------------------------------------


def test_fixtures_are_read_in_every_layout(summary):
    sources = summary["sources"]
    assert sources[f"{INPUT}/articles"]["documents"] == 12  # 10 bilingual .txt (2 English first), 2 HTML
    assert sources[f"{INPUT}/pairs"]["documents"] == 6  # NAME.fa.txt + NAME.en.txt, NAME_fa + NAME_en
    assert sources[f"{INPUT}/folders"]["documents"] == 3  # fa/REL + en/REL
    assert sources[f"{INPUT}/lines.jsonl"]["documents"] == 10
    assert sources[f"{INPUT}/lines.jsonl.gz"]["documents"] == 9
    assert summary["documents"] == {"inputs": 49, "ok": 40, "bad": 7, "skipped": 2}


def test_bad_inputs_are_listed_with_source_and_reason(summary):
    bad = {item["source"]: item["reason"] for item in summary["bad"]}
    expected = {
        f"{INPUT}/bad/empty.txt": "empty",
        f"{INPUT}/bad/english-only.txt": "only English text found (no Persian)",
        f"{INPUT}/bad/orphan.fa.txt": "no counterpart orphan.en.txt beside it",
        f"{INPUT}/bad/undecodable.txt": "not valid utf-8 at byte 31",
        f"{INPUT}/lines.jsonl:3": "not valid utf-8 at byte 27 of the line",
        f"{INPUT}/lines.jsonl:7": "not valid JSON",
        f"{INPUT}/lines.jsonl:9": 'no "en" field',
    }
    assert set(bad) == set(expected)
    for source, reason in expected.items():
        assert bad[source].startswith(reason), (source, bad[source])
    assert [s["source"] for s in summary["skipped"]] == [f"{INPUT}/README.md", f"{INPUT}/bad/notes.md"]
    # in input order, as the walk found them
    assert [s["source"] for s in summary["bad"]] == sorted(bad, key=list(expected).index)


def test_bad_inputs_do_not_stop_the_command(tmp_path):
    result = hamsu("build", INPUT, "-o", tmp_path / "out", "--shard-size", "16", "--formats", "tsv")
    assert result.returncode == 0, result.stderr.decode()
    err = result.stderr.decode()
    assert "Traceback" not in err
    assert "7 inputs could not be read" in err and "summary.json" in err
    assert (tmp_path / "out" / "report.html").is_file()


def test_walk_order_pairs_and_exclusions(tmp_path):
    root = tmp_path / "in"
    for rel, text in {
        "b.txt": "x",
        "a.fa.txt": "x",
        "a.en.txt": "x",
        "c_fa.html": "x",
        "c_en.html": "x",
        ".hidden.txt": "x",
        ".git/config": "x",
        "sub/fa/1.txt": "x",
        "sub/en/1.txt": "x",
        "sub/en/2.txt": "x",
        "sub/z.jsonl": '{"fa": "1", "en": "1"}\n\n{"fa": "2", "en": "2"}\n',
        "out/should-not-be-read.txt": "x",
        "image.png": "x",
        "d/fa.txt": "x",
        "d/en.txt": "x",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    jobs = list(walk([str(root)], exclude=root / "out"))
    seen = [(j.kind, Path(j.source.split(" + ")[0]).relative_to(root).as_posix() if j.kind != "jsonl"
             else j.source.rsplit("/", 1)[1]) for j in jobs]  # fmt: skip
    assert seen == [
        ("pair", "a.fa.txt"),
        ("text", "b.txt"),
        ("pair", "c_fa.html"),
        ("pair", "d/fa.txt"),
        ("skip", "image.png"),
        ("pair", "sub/fa/1.txt"),
        ("skip", "sub/en/2.txt"),  # no name and no content to pair it with: reported, not an error
        ("jsonl", "z.jsonl:1"),
        ("jsonl", "z.jsonl:3"),
    ]


# --- outputs -----------------------------------------------------------------------------------


def test_shards_are_complete_files_with_fixed_gzip_headers(baseline, summary):
    count = summary["shards"]["count"]
    assert count == -(-summary["documents"]["inputs"] // SHARD)
    for fmt in FORMATS:
        names = sorted(p.name for p in (baseline / fmt).iterdir())
        assert names == [f"part-{i:05d}.{fmt}.gz" for i in range(count)]
    total = 0
    for i in range(count):
        raw = (baseline / "tmx" / f"part-{i:05d}.tmx.gz").read_bytes()
        assert raw[4:8] == b"\0\0\0\0" and not raw[3] & 0x08  # mtime 0, no file name
        tmx = ET.fromstring(gzip.decompress(raw))
        tus = tmx.findall("./body/tu")
        tsv = gzip.decompress((baseline / "tsv" / f"part-{i:05d}.tsv.gz").read_bytes()).decode().splitlines()
        jsonl = gzip.decompress((baseline / "jsonl" / f"part-{i:05d}.jsonl.gz").read_bytes()).decode().splitlines()
        assert tsv[0].startswith("fa\ten\tscore")
        assert len(tus) == len(tsv) - 1 == len(jsonl)  # the same units, in the same order
        for tu, line in zip(tus, jsonl):
            record = json.loads(line)
            assert tu.find("./tuv[@{http://www.w3.org/XML/1998/namespace}lang='en']/seg").text == record["en"]
        total += len(jsonl)
    assert total == summary["units"]["kept"] > 100


def test_database_holds_every_document_and_unit(baseline, summary):
    conn = sqlite3.connect(baseline / "corpus.db")
    try:
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        units = conn.execute("SELECT count(*) FROM units").fetchone()[0]
    finally:
        conn.close()
    assert documents == summary["documents"]["ok"]
    assert units == summary["units"]["total"]


def test_report_is_self_contained_html_with_plots(baseline, summary):
    html = (baseline / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<svg") >= 2 and "<script" not in html and "http://" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    for text in ("Alignment score", "Length ratio", "Flags by rule", "Sources", "lines.jsonl:7", "near duplicate"):
        assert text in html
    scores = summary["histograms"]["score"]
    assert sum(scores["all"]) == summary["units"]["total"] and sum(scores["kept"]) == summary["units"]["kept"]


def test_exact_and_near_duplicates_are_removed_and_counted(baseline, summary):
    dropped = summary["units"]["dropped"]
    assert dropped["exact-duplicate"] >= 1 and dropped["near-duplicate"] >= 1
    docs = {u["doc"] for u in kept_units(baseline)}
    # lines.jsonl repeats one article exactly, then with punctuation, digits, case and ZWNJ changed
    assert "exact-copy" not in docs and "near-copy" not in docs
    assert "tico-23" in docs  # the first occurrence stays
    keys = [(u["fa"], u["en"]) for u in kept_units(baseline)]
    assert len(keys) == len(set(keys))


# --- engines and determinism -------------------------------------------------------------------


def test_two_workers_write_the_same_bytes(baseline, tmp_path):
    run_build(tmp_path / "out", workers=2)
    assert outputs(tmp_path / "out") == outputs(baseline)


def test_dask_local_cluster_writes_the_same_bytes(baseline, tmp_path):
    pytest.importorskip("distributed")
    result = hamsu("build", INPUT, "-o", tmp_path / "out", "--shard-size", SHARD, "--engine", "dask", "-j", "2")
    assert result.returncode == 0, result.stderr.decode()
    assert outputs(tmp_path / "out") == outputs(baseline)


def test_output_does_not_depend_on_the_hash_seed(baseline, tmp_path):
    """Each process hashes strings with its own seed (Dask workers are such processes): no set's
    order may reach the output."""
    result = hamsu("build", INPUT, "-o", tmp_path / "out", "--shard-size", SHARD,
                   env=dict(os.environ, PYTHONHASHSEED="4242"))  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    assert outputs(tmp_path / "out") == outputs(baseline)


def _build_args(out: Path) -> list[str]:
    return [sys.executable, "-m", "hamsu", "build", INPUT, "-o", str(out), "--shard-size", str(SHARD), "-j", "2"]


def _start_build(args: list[str], out: Path) -> subprocess.Popen:
    """A fresh -j 2 build into OUT in its own process group, once its first shard is written
    (or it has ended, or two minutes have passed)."""
    shutil.rmtree(out, ignore_errors=True)
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # fmt: skip
    first = out / "tmx" / "part-00000.tmx.gz"
    deadline = time.monotonic() + 120
    while not first.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    return proc


def test_resume_after_kill_gives_identical_output(baseline, tmp_path):
    """SIGKILL the whole build (coordinator and workers) at a random moment after its first shard,
    then run the same command: the output is that of an uninterrupted build, byte for byte."""
    rng = random.Random(os.environ.get("HAMSU_KILL_SEED", "19"))
    out = tmp_path / "out"
    args = _build_args(out)
    interrupted = False
    for _ in range(4):
        proc = _start_build(args, out)
        time.sleep(rng.uniform(0.0, 0.4))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        if not (out / "summary.json").exists():
            interrupted = True
            break
    assert interrupted, "the build always finished before it could be killed"
    assert len(list(out.glob("*/part-*.gz"))) <= len(list(baseline.glob("*/part-*.gz")))
    result = subprocess.run(args, cwd=ROOT, capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    assert outputs(out) == outputs(baseline)
    assert not [p for p in out.rglob("*.tmp")]


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_a_killed_coordinator_and_the_build_resumes(baseline, tmp_path, sig):
    """Kill only the coordinator of a -j 2 build: its workers end too, hold no lock, and the same
    command run at once finishes the build to the bytes of an uninterrupted one."""
    out = tmp_path / "out"
    args = _build_args(out)
    interrupted = False
    for _ in range(4):
        proc = _start_build(args, out)
        try:
            if proc.poll() is None:
                os.kill(proc.pid, sig)
            proc.wait()
            if (out / "summary.json").exists():
                continue
            interrupted = True
            resumed = subprocess.run(args, cwd=ROOT, capture_output=True, timeout=300)
            assert resumed.returncode == 0, resumed.stderr.decode()
            assert outputs(out) == outputs(baseline)
            deadline = time.monotonic() + 10
            while _group_alive(proc.pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert not _group_alive(proc.pid), "a worker outlived its coordinator"
            break
        finally:
            if _group_alive(proc.pid):
                os.killpg(proc.pid, signal.SIGKILL)
    assert interrupted, "the build always finished before it could be killed"


def _hold_lock(out: Path, pid_text: str) -> subprocess.Popen:
    """Another process holding OUT's build lock, with `pid_text` written in it."""
    out.mkdir(parents=True, exist_ok=True)
    code = (
        "import fcntl, sys, time\n"
        f"f = open({str(out / '.build.lock')!r}, 'a+b')\n"
        "fcntl.flock(f, fcntl.LOCK_EX)\n"
        f"f.truncate(0); f.write({pid_text!r}.encode()); f.flush()\n"
        "print('locked', flush=True)\n"
        "time.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert holder.stdout.readline() == b"locked\n"
    return holder


@pytest.mark.skipif(os.name != "posix", reason="build locks are POSIX flocks")
@pytest.mark.parametrize("named", [True, False])
def test_a_running_build_holds_the_folder(tmp_path, named):
    """A lock held by a live process (named in it, or not named: an older hamsu) is respected."""
    out = tmp_path / "out"
    holder = _hold_lock(out, "")
    try:
        if named:
            (out / ".build.lock").write_text(f"{holder.pid}\n")
        result = hamsu("build", INPUT, "-o", out)
        assert result.returncode == 2
        running = f" (process {holder.pid})" if named else ""
        assert result.stderr.decode() == f"hamsu: error: {out}: another build is running there{running}\n"
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.skipif(os.name != "posix", reason="build locks are POSIX flocks")
def test_a_stale_lock_is_taken_over_with_a_message(baseline, tmp_path):
    """The lock is held, but the build named in it is gone: the new build takes the folder over."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    out = tmp_path / "out"
    holder = _hold_lock(out, f"{gone.pid}\n")
    try:
        result = hamsu("build", INPUT, "-o", out, "--shard-size", SHARD)
        assert result.returncode == 0, result.stderr.decode()
        assert f"hamsu: {out}: build {gone.pid} is no longer running; taking over its lock" in result.stderr.decode()
        assert outputs(out) == outputs(baseline)
    finally:
        holder.kill()
        holder.wait()


def test_a_finished_build_run_again_changes_nothing(baseline, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(baseline, out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("part-*.gz")}
    run_build(out)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("part-*.gz")} == before
    assert outputs(out) == outputs(baseline)


def test_a_lost_shard_file_is_written_again(baseline, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(baseline, out)
    (out / "tsv" / "part-00003.tsv.gz").unlink()
    kept = (out / "tmx" / "part-00005.tmx.gz").stat().st_mtime_ns
    run_build(out)
    assert outputs(out) == outputs(baseline)
    assert (out / "tmx" / "part-00005.tmx.gz").stat().st_mtime_ns == kept  # only shard 3 was redone


def test_input_grown_or_changed_is_rebuilt_as_a_fresh_build_would(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(FIXTURES / "articles", src)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    run_build(out, str(src))
    # grows at the end: earlier shards are kept; changed in the middle: redone from there
    (src / "zz-last.txt").write_text((src / "article-01.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (src / "article-05.txt").write_text((src / "article-06.txt").read_text(encoding="utf-8"), encoding="utf-8")
    run_build(out, str(src))
    run_build(fresh, str(src))
    assert outputs(out) == outputs(fresh)
    # and shrinks: shards past the end go
    for name in ("zz-last.txt", "page-1.html", "page-2.html", "article-10.txt"):
        (src / name).unlink()
    run_build(out, str(src))
    shutil.rmtree(fresh)
    run_build(fresh, str(src))
    assert outputs(out) == outputs(fresh)


# --- filters -----------------------------------------------------------------------------------


def test_min_score_and_drop_flag_filter_the_shards_and_are_counted(baseline, summary, tmp_path):
    out = tmp_path / "out"
    filtered = run_build(out, min_score=0.99, drop_flags=("info",))  # info: any flag at all
    units = kept_units(out)
    assert units and all(u["score"] >= 0.99 and not u["flags"] for u in units)
    dropped = filtered["units"]["dropped"]
    flagged_before = [u for u in kept_units(baseline) if u["flags"]]
    low_before = [u for u in kept_units(baseline) if u["score"] < 0.99 and not u["flags"]]
    assert dropped["flag"] >= len(flagged_before)
    assert dropped["min-score"] >= len(low_before) >= 1
    assert filtered["units"]["total"] == summary["units"]["total"]
    assert filtered["units"]["kept"] + sum(dropped.values()) == filtered["units"]["total"]
    assert filtered["options"]["min_score"] == 0.99 and filtered["options"]["drop_flags"] == ["info"]
    # The same folder built again without the filters: every shard redone, as the first time.
    run_build(out)
    assert outputs(out) == outputs(baseline)


def test_drop_flag_by_rule(tmp_path):
    summary = run_build(tmp_path / "out", drop_flags=("names",), formats=("jsonl",))
    units = kept_units(tmp_path / "out")
    assert units and not [u for u in units if any(f["rule"] == "names" for f in u["flags"])]
    names_flags = sum(summary["flags"].get("names", {}).values())
    assert (summary["units"]["dropped"]["flag"] > 0) == (names_flags > 0)
    assert not (tmp_path / "out" / "tmx").exists()


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing-folder"], "missing-folder: no such file or folder"),
        ([INPUT, "--drop-flag", "nonsense"], "--drop-flag takes a rule"),
        ([INPUT, "--min-score", "2"], "'--min-score': 2.0 is not in the range 0.0<=x<=1.0"),
        ([INPUT, "--engine", "spark"], "--engine must be one of local, dask"),
        ([INPUT, "--scheduler", "tcp://127.0.0.1:8786"], "--scheduler is for --engine dask"),
        ([INPUT, "--formats", "tmx,xliff"], "--formats takes some of tmx, tsv, jsonl"),
        ([INPUT, "-j", "0"], "'--jobs' / '-j': 0 is not in the range 1<=x"),
    ],
)
def test_bad_options_are_one_line_errors(tmp_path, args, message):
    result = hamsu("build", *args, "-o", tmp_path / "out")
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert err.startswith("hamsu: error: ") and message in err and err.count("\n") == 1


def test_output_that_is_a_file_is_an_error(tmp_path):
    (tmp_path / "out").write_text("x")
    result = hamsu("build", INPUT, "-o", tmp_path / "out")
    assert result.returncode == 2 and "not a folder" in result.stderr.decode()


def test_output_folder_inside_the_input_is_not_read(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(FIXTURES / "pairs", src)
    first = run_build(src / "out", str(src))
    second = run_build(src / "out", str(src))  # the shards and report now lie inside the input
    assert first == second and second["documents"]["skipped"] == 0


def test_more_workers_than_the_cores_can_use_are_cut_with_a_message(baseline, tmp_path, monkeypatch):
    import hamsu.batch.run as run

    monkeypatch.setattr(run, "WORKERS_PER_CORE", 1)
    monkeypatch.setattr(run.os, "cpu_count", lambda: 2)
    log = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        build([INPUT], BuildOptions(output=tmp_path / "out", shard_size=SHARD, workers=1000), log=log)
    finally:
        os.chdir(cwd)
    assert "hamsu: warning: -j 1000 is more than 1 workers for each of the 2 cores here; starting 2\n" in log.getvalue()
    assert outputs(tmp_path / "out") == outputs(baseline)


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs FIFOs and /dev/zero")
def test_a_folder_with_pipes_and_devices_lists_them_as_skipped_and_never_hangs(tmp_path):
    """Only regular files are read in a folder: a named pipe no one writes to, a link to /dev/zero
    and one to a pipe are listed as skipped without being opened; the articles still build."""
    src = tmp_path / "in"
    shutil.copytree(FIXTURES / "articles", src)
    os.mkfifo(src / "pipe.txt")
    (src / "zero.txt").symlink_to("/dev/zero")
    (src / "to-pipe.jsonl").symlink_to(src / "pipe.txt")
    os.mkfifo(src / "waiting.fa.txt")
    (src / "waiting.en.txt").write_text("An English side.\n", encoding="utf-8")
    result = hamsu("build", src, "-o", tmp_path / "out", "--formats", "tsv", timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    skipped = {Path(s["source"]).name: s["reason"] for s in summary["skipped"]}
    assert skipped == {
        "pipe.txt": "a named pipe (FIFO): only regular files are read in a folder",
        "to-pipe.jsonl": "a link to named pipe (FIFO): only regular files are read in a folder",
        "waiting.fa.txt": "a named pipe (FIFO): only regular files are read in a folder",
        "zero.txt": "a link to device: only regular files are read in a folder",
    }
    assert summary["documents"]["ok"] == len(list((FIXTURES / "articles").iterdir()))


def test_inputs_past_the_maximum_size_or_binary_are_bad_from_their_first_chunk(tmp_path):
    """A file larger than --max-input-size (known from its size), an endless device named on the
    command line (its first chunk has a NUL byte), and a JSON line past the maximum."""
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(3 << 20)  # sparse: 3 MB of NULs, no disk used
    lines = tmp_path / "long.jsonl"
    lines.write_bytes(b'{"fa": "' + b"x" * (3 << 20) + b'"}\n')
    args = ["build", big, "/dev/zero", lines, "-o", tmp_path / "out", "--max-input-size", "2"]
    result = hamsu(*args, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    bad = {s["source"]: s["reason"] for s in json.loads((tmp_path / "out" / "summary.json").read_text())["bad"]}
    limit = "the maximum input size, 2 MB (raise it with --max-input-size)"
    assert bad == {
        str(big): f"larger than {limit}",
        "/dev/zero": "binary data (a NUL byte) at byte 0",
        f"{lines}:1": f"a line larger than {limit}",
    }


def test_progress_off_a_terminal_is_plain_lines(baseline, tmp_path, monkeypatch):
    """--progress to a file or pipe: a plain line at the start and then periodically (here: at
    every chunk), never a bar's control codes or a blank line."""
    import hamsu.progress

    monkeypatch.setattr(hamsu.progress, "PLAIN_EVERY_SECONDS", 0.0)
    log = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        summary = build([INPUT], BuildOptions(output=tmp_path / "out", shard_size=SHARD, progress=True), log=log)
    finally:
        os.chdir(cwd)
    lines = log.getvalue().splitlines()
    progress = [line for line in lines if line.startswith(f"hamsu: building {tmp_path / 'out'}: ")]
    assert progress[0].startswith(f"hamsu: building {tmp_path / 'out'}: 0 articles, 0 units, 0% of the input (")
    assert len(progress) > 3 and f": {summary['documents']['inputs']} articles, " in progress[-1]
    assert all(lines) and "\x1b" not in log.getvalue()
    assert outputs(tmp_path / "out") == outputs(baseline)


def test_progress_to_a_pipe_prints_no_blank_line(tmp_path):
    result = hamsu("build", INPUT, "-o", tmp_path / "out", "--shard-size", SHARD, "--progress")
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert err.startswith(f"hamsu: building {tmp_path / 'out'}: 0 articles"), err
    assert "" not in err.splitlines() and "\x1b" not in err, err
