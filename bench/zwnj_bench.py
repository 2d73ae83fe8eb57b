#!/usr/bin/env python3
"""ZWNJ (half-space) restoration benchmark: hamsu and its peers through the referee script.

Runs shared/eval/zwnj_eval.py once per (tool, corpus, mode) and collects the figures into one
Markdown table, printed to stdout and written to bench/results/zwnj-<date>.md.

Runs, for every tool:
  FLORES-200 pes devtest   --clean-gold   modes mixed, delete, space
  FLORES-200 pes devtest   full file      mode mixed
  TICO-19 test (fa)        --clean-gold   mode mixed
  TICO-19 test (fa)        full file      mode mixed
  speed: FLORES full file, mode mixed, --repeat N (chars/s includes start-up)

usage:
  python3 bench/zwnj_bench.py                       # hamsu only ("hamsu normalize")
  python3 bench/zwnj_bench.py --peers               # + hazm, rishe, parsivar from bench/.peers-venv
  python3 bench/zwnj_bench.py --peers --hamsu-cmd "python -m hamsu normalize"
  python3 bench/zwnj_bench.py --tool mine="python my_norm.py"   # any other command (repeatable)

The peers live in their own venv (bench/.peers-venv, or $PEERS_VENV), made by bench/peers_env.sh
when missing. Standard library only.
"""
import argparse
import datetime
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PEERS = ("hazm", "rishe", "parsivar")
SLOW = {"parsivar"}          # speed run skipped with --skip-slow
SLOW_LIMIT = 300.0           # a tool whose single-pass run took longer gets no speed run

LINE = re.compile(
    r"P=(?P<P>[\d.]+) R=(?P<R>[\d.]+) F1=(?P<F1>[\d.]+) \(tp=(?P<tp>\d+) fp=(?P<fp>\d+) fn=(?P<fn>\d+)\) "
    r"gap_err=(?P<gap_err>[\d.]+) letter_edit=(?P<letter_edit>[\d.]+) chars/s=(?P<cps>[\d,]+) \((?P<secs>[\d.]+)s\)")
BASE = re.compile(r"input-as-is F1=(?P<F1>[\d.]+) gap_err=(?P<gap_err>[\d.]+)")


def corpora(shared):
    dev = shared / "data" / "dev"
    flores = dev / "flores200" / "flores200_pes_Arab.devtest"
    tico = dev / "tico19" / "tico19-test.fa"
    # (corpus label, file, clean_gold, mode)
    runs = [("FLORES devtest", flores, True, m) for m in ("mixed", "delete", "space")]
    runs += [("FLORES devtest", flores, False, "mixed"),
             ("TICO-19 test", tico, True, "mixed"),
             ("TICO-19 test", tico, False, "mixed")]
    speed = ("FLORES devtest", flores, False, "mixed")
    return runs, speed


def cmd_available(cmd):
    try:
        argv = shlex.split(cmd)
    except ValueError:
        return False
    if not argv:
        return False
    exe = argv[0]
    if os.sep in exe:
        return os.path.isfile(exe) and os.access(exe, os.X_OK)
    return shutil.which(exe) is not None


def sh(cmd, timeout=30):
    try:
        r = subprocess.run(cmd, shell=isinstance(cmd, str), capture_output=True, text=True, timeout=timeout)
        return r.stdout.strip() if r.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        return ""


def peer_tools(shared, venv, log):
    py = venv / "bin" / "python"
    if not py.exists():
        script = HERE / "peers_env.sh"
        log(f"peers venv {venv} missing: running {script}")
        env = dict(os.environ, PEERS_VENV=str(venv))
        subprocess.run(["bash", str(script)], env=env)
    if not py.exists():
        log("WARNING: no peers venv; peers skipped")
        return [], ["peers: venv could not be created (bench/peers_env.sh failed)"]
    tools, notes = [], []
    for p in PEERS:
        wrapper = shared / "eval" / "peers" / f"{p}_norm.py"
        ver = sh([str(py), "-c", f"import importlib.metadata as m; print(m.version('{p}'))"])
        ok = sh([str(py), "-c", f"import {p}; print('ok')"], timeout=120) == "ok"
        if not wrapper.exists():
            notes.append(f"{p}: wrapper {wrapper} missing, skipped")
        elif not ok:
            notes.append(f"{p}: not importable in {venv} (see bench/peers_env.sh output), skipped")
        else:
            tools.append((p, f"{shlex.quote(str(py))} {shlex.quote(str(wrapper))}", ver))
    return tools, notes


def run_eval(shared, gold, cmd, clean, mode, repeat, timeout):
    argv = [sys.executable, str(shared / "eval" / "zwnj_eval.py"), str(gold), "--cmd", cmd, "--mode", mode]
    if clean:
        argv.append("--clean-gold")
    if repeat > 1:
        argv += ["--repeat", str(repeat)]
    t = time.perf_counter()
    try:
        r = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, None, f"timed out after {timeout}s", time.perf_counter() - t
    wall = time.perf_counter() - t
    lines = [line for line in r.stdout.splitlines() if line.strip()]
    m = LINE.search(lines[-1]) if lines else None
    if r.returncode != 0 or not m:
        errs = r.stderr.strip().splitlines()
        why = " / ".join(x for x in ((lines[-1] if lines else ""), (errs[-1] if errs else "")) if x)
        return None, None, f"failed (exit {r.returncode}): {why[:300]}", wall
    res = m.groupdict()
    base = next((BASE.search(line).groupdict() for line in lines if BASE.search(line)), None)
    return res, base, "", wall


def fmt_row(cells):
    return "| " + " | ".join(cells) + " |"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT / ".." / "shared",
                    help="the shared/ folder with eval/ and data/ (default: ../shared beside the repo)")
    ap.add_argument("--peers", action="store_true", help="also measure hazm, rishe, parsivar (peers venv)")
    ap.add_argument("--peers-venv", type=Path,
                    default=Path(os.environ.get("PEERS_VENV", HERE / ".peers-venv")),
                    help="peers venv (default $PEERS_VENV or bench/.peers-venv)")
    ap.add_argument("--hamsu-cmd", default="hamsu normalize",
                    help="hamsu's normalizer command, stdin->stdout (skipped if unavailable); '' to skip")
    ap.add_argument("--tool", action="append", default=[], metavar="NAME=CMD",
                    help="another normalizer command to measure (repeatable)")
    ap.add_argument("--speed-repeat", type=int, default=15, help="--repeat for the speed run (0: no speed run)")
    ap.add_argument("--skip-slow", action="store_true", help="skip the speed run of slow peers (parsivar)")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds allowed for one zwnj_eval.py run")
    ap.add_argument("--out", type=Path, help="Markdown output (default bench/results/zwnj-<date>.md)")
    a = ap.parse_args()

    def log(msg):
        print(f"[zwnj_bench] {msg}", file=sys.stderr, flush=True)

    shared = a.shared.resolve()
    if not (shared / "eval" / "zwnj_eval.py").exists():
        sys.exit(f"zwnj_bench: {shared}/eval/zwnj_eval.py not found (use --shared DIR)")
    runs, speed = corpora(shared)
    for _, f, _, _ in runs:
        if not f.exists():
            sys.exit(f"zwnj_bench: corpus {f} not found")

    started = datetime.datetime.now()
    tools, notes = [], []   # (name, cmd, version)
    if a.hamsu_cmd.strip():
        if cmd_available(a.hamsu_cmd):
            tools.append(("hamsu", a.hamsu_cmd, ""))
        else:
            notes.append(f"hamsu: command `{a.hamsu_cmd}` not available, skipped")
    for spec in a.tool:
        name, sep, cmd = spec.partition("=")
        if not sep or not name or not cmd.strip():
            sys.exit(f"zwnj_bench: --tool wants NAME=CMD, got {spec!r}")
        if cmd_available(cmd):
            tools.append((name, cmd, ""))
        else:
            notes.append(f"{name}: command `{cmd}` not available, skipped")
    if a.peers:
        pt, pn = peer_tools(shared, a.peers_venv.resolve(), log)
        tools += pt
        notes += pn
    for n in notes:
        log(n)
    if not tools:
        sys.exit("zwnj_bench: no tool to measure")

    rows = {}       # (tool, run index) -> cells
    baseline = {}   # run index -> (F1, gap_err)
    for name, cmd, _ in tools:
        slowest = 0.0
        for i, (corpus, gold, clean, mode) in enumerate(runs):
            subset = "clean" if clean else "full"
            log(f"{name}: {corpus} {subset} {mode} ...")
            res, base, err, wall = run_eval(shared, gold, cmd, clean, mode, 1, a.timeout)
            slowest = max(slowest, wall)
            if base and i not in baseline:
                baseline[i] = base
            rows[(name, i)] = (res, err)
            log("   " + (err or f"F1={res['F1']} gap_err={res['gap_err']} ({wall:.1f}s)"))
            if err:
                notes.append(f"{name} / {corpus} {subset} {mode}: {err}")
        if a.speed_repeat > 0:
            corpus, speed_gold, clean, mode = speed
            if a.skip_slow and name in SLOW:
                notes.append(f"{name}: speed run skipped (--skip-slow)")
                continue
            if slowest > SLOW_LIMIT:
                notes.append(f"{name}: speed run skipped (a single pass took {slowest:.0f}s > {SLOW_LIMIT:.0f}s)")
                continue
            log(f"{name}: speed, {corpus} full {mode} x{a.speed_repeat} ...")
            res, _, err, wall = run_eval(shared, speed_gold, cmd, clean, mode, a.speed_repeat, a.timeout)
            rows[(name, "speed")] = (res, err)
            log("   " + (err or f"chars/s={res['cps']} ({wall:.1f}s)"))
            if err:
                notes.append(f"{name} / speed: {err}")

    # ---- report
    head = ["tool", "corpus", "subset", "mode", "P", "R", "F1", "gap_err", "letter_edit", "chars/s", "secs"]
    table = [fmt_row(head), fmt_row(["---"] * 4 + ["---:"] * 7)]

    def cells(name, corpus, subset, mode, res, err):
        if res is None:
            return [name, corpus, subset, mode, "FAIL", "", "", "", "", "", ""]
        return [name, corpus, subset, mode, res["P"], res["R"], res["F1"], res["gap_err"], res["letter_edit"],
                res["cps"], res["secs"]]

    for i, (corpus, _gold, clean, mode) in enumerate(runs):
        subset = "clean" if clean else "full"
        if i in baseline:
            b = baseline[i]
            table.append(fmt_row(["*(input as is)*", corpus, subset, mode, "", "", b["F1"], b["gap_err"],
                                  "", "", ""]))
        for name, _, _ in tools:
            if (name, i) in rows:
                table.append(fmt_row(cells(name, corpus, subset, mode, *rows[(name, i)])))
    corpus, gold, clean, mode = speed
    for name, _, _ in tools:
        if (name, "speed") in rows:
            table.append(fmt_row(cells(name, corpus, "full", f"{mode} ×{a.speed_repeat} (speed)",
                                       *rows[(name, "speed")])))

    cpu = ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8", errors="replace"):
            if line.lower().startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    uname = sh(["uname", "-srm"]) or " ".join(platform.uname()[i] for i in (0, 2, 4))
    commit = sh(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = sh(["git", "-C", str(ROOT), "status", "--porcelain"])
    versions = ", ".join(f"{n} {v}" for n, _, v in tools if v)
    argv = " ".join(shlex.quote(x) for x in [sys.executable] + sys.argv)
    out = [
        f"# ZWNJ restoration benchmark — {started:%Y-%m-%d %H:%M}",
        "",
        f"- date: {started:%Y-%m-%d %H:%M:%S}",
        f"- machine: `{uname}`, CPU {cpu or 'unknown'}, {os.cpu_count()} cores",
        f"- python: {platform.python_version()} ({sys.executable})",
        f"- repo: {commit + (' (dirty)' if dirty else '') if commit else 'no commit'}",
        f"- command: `{argv}`",
        f"- referee: `{shared / 'eval' / 'zwnj_eval.py'}`",
        "- tools: " + "; ".join(f"{n}: `{c}`" for n, c, _ in tools),
    ]
    if versions:
        out.append(f"- versions: {versions}")
    out += [
        "",
        "clean = `--clean-gold` (lines in standard half-space orthography), full = whole file. "
        "mixed = 70% of ZWNJs deleted, 30% turned into spaces (seeded). chars/s includes start-up; "
        f"the speed rows feed the text {a.speed_repeat} times. *(input as is)* = the damaged input scored unchanged.",
        "",
    ] + table
    if notes:
        out += ["", "Notes:"] + [f"- {n}" for n in notes]
    text = "\n".join(out) + "\n"
    print(text, end="")
    dest = a.out or HERE / "results" / f"zwnj-{started:%Y-%m-%d}.md"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8")
    log(f"written {dest}")
    return 0 if not any(r[0] is None for r in rows.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
