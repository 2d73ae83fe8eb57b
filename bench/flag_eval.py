#!/usr/bin/env python3
"""The translation checks measured as the referee measures them: reviewer-judged precision and seeded recall.

Precision: FLORES-200 devtest and TICO-19 test are split into articles by their document ids (as
bench/check_eval.py read_corpus groups them: FLORES by the URL column of the metadata, TICO by the
id before ':' in tico19-test.en.info), one pair of files per article, NAME.fa / NAME.en, one
sentence a line. Each article is checked by the real command line,

    hamsu check --aligned NAME.fa NAME.en --format jsonl > NAME.flags.jsonl

and scored by the referee's ../shared/eval/flag_precision.py against the judgments in
bench/data/flag_judgments/*.jsonl (one file per author; each line {"doc", "unit", "rule", "label",
"why"}, label REAL / OK-CONVERSION / FALSE, judged by reading both sentences). Flags nobody has
judged yet land in DIR/precision/unlabeled.jsonl. A per-rule table follows, computed from the same
files the same way (warning or above, one flag per article, unit and rule).

Recall: ../shared/eval/check_build.py seeds errors into the same corpora (one directory per corpus),
each article is checked as `hamsu check NAME.raw.txt --format jsonl > NAME.flags.jsonl`, and
../shared/eval/check_score.py prints the share of each seeded kind caught at warning or above.

Articles are named stably, so judgments stay keyed to the same text: flores-NNN (the article's
rank in the corpus, by first sentence) and tico-ID (the TICO document id).

hamsu runs as `PYTHON -m hamsu` (PYTHON: --python, by default this interpreter) with --src first
on PYTHONPATH; without --src the caller's PYTHONPATH is used as given, or this tree's src if there
is none. --in-process runs the same command-line code (hamsu.cli.app) in two long-lived processes
instead of one process per article; the flag files must be byte for byte those of the real command,
and the script checks that on a sample of articles (--verify N) before it scores anything.

usage: python bench/flag_eval.py [--out DIR] [--only precision|recall] [--corpus flores|tico|both]
                                 [--src PATH] [--python PY] [--jobs 1|2] [--in-process [--verify N]]
       python bench/flag_eval.py --only precision --out DIR --score-only   # after judging DIR's unlabeled flags
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "bench" / "data" / "flag_judgments"
SEVERITY = {"info": 0, "minor": 1, "warning": 2, "major": 3, "critical": 4}  # as flag_precision.py ranks them
LABEL_KINDS = ("REAL", "OK-CONVERSION", "FALSE")
MAX_JOBS = 2  # the machine has two cores, shared

FLORES = ("dev/flores200/flores200_pes_Arab.devtest", "dev/flores200/flores200_eng_Latn.devtest",
          "dev/flores200/flores200_metadata_devtest.tsv")  # fmt: skip
TICO = ("dev/tico19/tico19-test.fa", "dev/tico19/tico19-test.en", "dev/tico19/tico19-test.en.info")
CORPORA = {"flores": FLORES, "tico": TICO}


def default_shared() -> Path:
    """../shared beside the checkout: /work/main → /work/shared, and from a worktree /work/wt/x too."""
    for parent in ROOT.parents:
        if (parent / "shared" / "eval" / "flag_precision.py").exists():
            return parent / "shared"
    return ROOT.parent / "shared"


# --- Articles -----------------------------------------------------------------------------------


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def document_keys(meta: list[str], corpus: str) -> list[str]:
    """One document id per sentence: FLORES by the URL column (after the header), TICO by CMU_1:12 → CMU_1."""
    if corpus == "flores":
        return [row.split("\t")[0] for row in meta[1:]]
    return [row.split("\t")[0].split(":")[0] for row in meta]


def article_name(corpus: str, rank: int, key: str) -> str:
    """A stable file name: flores-007 (FLORES URLs are long and unreadable), tico-CMU_1."""
    if corpus == "flores":
        return f"flores-{rank:03d}"
    return "tico-" + re.sub(r"[^A-Za-z0-9_.-]", "_", key)


def split_articles(
    fa: list[str], en: list[str], keys: list[str], corpus: str
) -> list[tuple[str, list[tuple[str, str]]]]:
    """(name, [(Persian, English), ...]) per document, in the order documents first appear."""
    if not len(fa) == len(en) == len(keys):
        raise ValueError(f"{corpus}: {len(fa)} Persian, {len(en)} English lines and {len(keys)} document ids")
    docs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    order: list[str] = []
    for key, f, e in zip(keys, fa, en):
        if key not in docs:
            order.append(key)
        docs[key].append((f, e))
    named = [(article_name(corpus, rank, key), docs[key]) for rank, key in enumerate(order)]
    if len({name for name, _ in named}) != len(named):
        raise ValueError(f"{corpus}: two documents would share a file name")
    return named


def corpus_articles(shared: Path, corpus: str) -> list[tuple[str, list[tuple[str, str]]]]:
    fa_path, en_path, meta_path = (shared / "data" / p for p in CORPORA[corpus])
    return split_articles(read_lines(fa_path), read_lines(en_path),
                          document_keys(read_lines(meta_path), corpus), corpus)  # fmt: skip


def write_articles(articles: list[tuple[str, list[tuple[str, str]]]], out: Path) -> list[str]:
    """NAME.fa / NAME.en per article, one sentence a line; returns the names."""
    out.mkdir(parents=True, exist_ok=True)
    for name, pairs in articles:
        (out / f"{name}.fa").write_text("".join(f + "\n" for f, _ in pairs), encoding="utf-8")
        (out / f"{name}.en").write_text("".join(e + "\n" for _, e in pairs), encoding="utf-8")
    return [name for name, _ in articles]


# --- Running hamsu ------------------------------------------------------------------------------


class Hamsu:
    """`python -m hamsu ARGS > OUT` per article, or (in_process) the same CLI code in long-lived workers."""

    def __init__(self, python: str, src: Path | None, jobs: int, in_process: bool):
        self.python = python
        self.env = dict(os.environ)
        if src is not None:
            self.env["PYTHONPATH"] = os.pathsep.join(
                [str(src.resolve())] + [p for p in [os.environ.get("PYTHONPATH")] if p]
            )
        elif not os.environ.get("PYTHONPATH"):
            self.env["PYTHONPATH"] = str(ROOT / "src")
        self.jobs = max(1, min(jobs, MAX_JOBS))
        self.in_process = in_process
        self.env.pop("PYTHONHASHSEED", None)

    def location(self) -> str:
        """Where the hamsu package that will run lives (so a run says which tree it measured)."""
        done = subprocess.run([self.python, "-c", "import hamsu, os; print(os.path.dirname(hamsu.__file__))"],
                              env=self.env, capture_output=True, text=True, check=True)  # fmt: skip
        return done.stdout.strip()

    def run_cli(self, args: list[str], out: Path) -> Refusal | None:
        """The real command, its stdout to `out` as the referee's `> NAME.flags.jsonl` takes it, whatever
        the exit code (a refused article leaves an empty file: no flags); a refusal is returned."""
        with open(out, "wb") as f:
            done = subprocess.run([self.python, "-m", "hamsu", *args], stdout=f, stderr=subprocess.PIPE, env=self.env)
        if done.returncode != 0:
            return Refusal(out.name, done.returncode, last_line(done.stderr.decode("utf-8", "replace")))
        return None

    def run_all(self, jobs: list[tuple[list[str], Path]]) -> list[Refusal]:
        """Every job run; the articles hamsu refused (non-zero exit), by name."""
        if not self.in_process:
            with ThreadPoolExecutor(self.jobs) as pool:
                return [r for r in pool.map(lambda job: self.run_cli(*job), jobs) if r is not None]
        # Split the articles over the workers by size, largest first, so both finish together.
        shares: list[list[tuple[list[str], Path]]] = [[] for _ in range(self.jobs)]
        loads = [0] * self.jobs
        for job in sorted(jobs, key=job_size, reverse=True):
            i = loads.index(min(loads))
            shares[i].append(job)
            loads[i] += job_size(job)
        with ThreadPoolExecutor(self.jobs) as pool:
            return [r for refused in pool.map(self._worker, [s for s in shares if s]) for r in refused]

    def _worker(self, share: list[tuple[list[str], Path]]) -> list[Refusal]:
        feed = "".join(json.dumps([args, str(out)]) + "\n" for args, out in share)
        done = subprocess.run([self.python, str(Path(__file__).resolve()), "--worker"], input=feed,
                              capture_output=True, text=True, env=self.env)  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"in-process worker failed: {done.stderr[-1000:]}")
        return [Refusal(*json.loads(line)) for line in done.stdout.splitlines()]


class Refusal(NamedTuple):
    """An article hamsu exited non-zero on (the referee scores its empty output: no flags)."""

    name: str
    code: int
    message: str


def last_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[-1] if lines else ""


def job_size(job: tuple[list[str], Path]) -> int:
    return sum(Path(a).stat().st_size for a in job[0] if Path(a).is_file())


def worker() -> None:
    """--worker: read [args, out] lines on stdin; run hamsu's command line in this process for each,
    its stdout captured into `out` exactly as the shell's `>` would capture it; print a refusal
    ([name, exit code, message]) for each article that did not exit 0."""
    import contextlib
    import io
    import traceback

    from hamsu.cli import app

    for line in sys.stdin:
        args, out = json.loads(line)
        buffer = io.BytesIO()
        stdout = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
        stderr = io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                code = app(args, standalone_mode=False, prog_name="hamsu")
            except Exception:  # what the real command would die of, with its traceback
                traceback.print_exc()
                code = 1
            stdout.flush()
        Path(out).write_bytes(buffer.getvalue())
        if code not in (None, 0):
            print(json.dumps([Path(out).name, code, last_line(stderr.getvalue())], ensure_ascii=False), flush=True)


def verify_in_process(hamsu: Hamsu, jobs: list[tuple[list[str], Path]], refused: list[Refusal], sample: int) -> None:
    """The in-process flag files must equal the real command's, byte for byte, and exit the same way,
    on a sample: the largest articles, a spread of the rest, and up to two the command refused."""
    if sample <= 0 or not jobs:
        return
    by_size = sorted(jobs, key=job_size, reverse=True)
    picked = by_size[: max(1, sample // 2)]
    rest = by_size[len(picked) :]
    step = max(1, len(rest) // max(1, sample - len(picked)))
    picked += rest[::step][: sample - len(picked)]
    codes = {r.name: r.code for r in refused}
    picked += [job for job in jobs if job[1].name in codes and job not in picked][:2]
    bad, unstable = [], []
    for args, out in picked:
        cli_out = out.with_name(out.name + ".cli")
        cli_refusal = hamsu.run_cli(args, cli_out)
        same_exit = (cli_refusal.code if cli_refusal else 0) == codes.get(out.name, 0)
        if not same_exit or cli_out.read_bytes() != out.read_bytes():
            # The command against itself: if two runs of it differ, hamsu's output is not reproducible
            # (an order taken from a set, which Python's hash seed varies per process), not in-process's doing.
            again = out.with_name(out.name + ".cli2")
            hamsu.run_cli(args, again)
            if again.read_bytes() != cli_out.read_bytes():
                unstable.append(f"{out.name}: {first_difference(cli_out, again)}")
            else:
                bad.append(out.name)
            again.unlink()
        cli_out.unlink()
    if bad:
        raise SystemExit(f"--in-process output differs from the command line's on {bad}: run without --in-process")
    print(f"(in-process flag files equal the command line's on {len(picked) - len(unstable)} sampled articles)")
    for line in unstable:
        print(f"WARNING: hamsu's own output differs between two runs of the command: {line}")


def first_difference(a: Path, b: Path) -> str:
    for n, (x, y) in enumerate(
        zip(a.read_text(encoding="utf-8").splitlines(), b.read_text(encoding="utf-8").splitlines())
    ):
        if x != y:
            return f"line {n + 1}: {x[:300]!r} vs {y[:300]!r}"
    return "different lengths"


def report_refusals(refused: list[Refusal]) -> None:
    if refused:
        print(f"\nhamsu refused {len(refused)} article(s) (exit non-zero; scored as no flags, as the referee would):")
        for r in sorted(refused):
            print(f"  {r.name}: exit {r.code}: {r.message}")


# --- Precision ----------------------------------------------------------------------------------


def load_labels(pattern: str) -> tuple[dict[tuple[str, int, str], str], int]:
    """(doc, unit, rule) → label, later files winning as in flag_precision.py; and how many keys two
    files label differently."""
    labels: dict[tuple[str, int, str], str] = {}
    conflicts = 0
    for path in sorted(glob.glob(pattern)):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                r = json.loads(line)
                key = (r["doc"], r["unit"], r["rule"])
                if r["label"] not in LABEL_KINDS:
                    raise ValueError(f"{path}: label {r['label']!r} for {key} is not one of {LABEL_KINDS}")
                conflicts += key in labels and labels[key] != r["label"]
                labels[key] = r["label"]
    return labels, conflicts


def alarm_flags(directory: Path) -> list[tuple[str, int, str]]:
    """(doc, unit, rule) of each flag at warning or above, once per key, as flag_precision.py counts them."""
    keys = []
    for path in sorted(directory.glob("*.flags.jsonl")):
        doc = path.name[: -len(".flags.jsonl")]
        seen = set()
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if SEVERITY.get(r.get("severity"), 2) < 2:
                continue
            key = (doc, r.get("unit", r.get("line")), r["rule"])
            if key not in seen:
                seen.add(key)
                keys.append(key)
    return keys


def rule_table(keys: list[tuple[str, int, str]], labels: dict, units: int) -> list[str]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for key in keys:
        for rule in (key[2], "(all rules)"):
            counts[rule]["flags"] += 1
            counts[rule][labels.get(key, "unlabeled")] += 1
    lines = [
        "| rule | flags (warning+) | REAL | OK-CONVERSION | FALSE | unlabeled | precision | false alarms / 100 units |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for rule in sorted(counts, key=lambda r: (r == "(all rules)", -counts[r]["flags"], r)):
        c = counts[rule]
        judged = c["REAL"] + c["OK-CONVERSION"] + c["FALSE"]
        precision = f"{c['REAL'] / judged:.3f}" if judged else "-"
        false = c["OK-CONVERSION"] + c["FALSE"]
        lines.append(f"| {rule} | {c['flags']} | {c['REAL']} | {c['OK-CONVERSION']} | {c['FALSE']} | {c['unlabeled']} "
                     f"| {precision} | {100 * false / max(units, 1):.2f} |")  # fmt: skip
    return lines


def precision(args, hamsu: Hamsu, out: Path, corpora: list[str]) -> None:
    directory = out / "precision"
    directory.mkdir(parents=True, exist_ok=True)
    names: list[str] = []
    units = 0
    for corpus in corpora:
        articles = corpus_articles(args.shared, corpus)
        names += [name for name, _ in articles]
        units += sum(len(pairs) for _, pairs in articles)
        if not args.score_only:
            write_articles(articles, directory)
    refused: list[Refusal] = []
    if not args.score_only:
        for stale in directory.glob("*.flags.jsonl"):
            stale.unlink()
        jobs = [(["check", "--aligned", str(directory / f"{n}.fa"), str(directory / f"{n}.en"), "--format", "jsonl"],
                 directory / f"{n}.flags.jsonl") for n in names]  # fmt: skip
        refused = hamsu.run_all(jobs)
        if hamsu.in_process:
            verify_in_process(hamsu, jobs, refused, args.verify)
    pattern = args.labels
    done = subprocess.run([sys.executable, str(args.shared / "eval" / "flag_precision.py"), str(directory),
                           "--labels", pattern], capture_output=True, text=True, check=True)  # fmt: skip
    print(f"## Precision ({', '.join(corpora)}: {len(names)} articles, {units} units) — flag_precision.py\n")
    print(done.stdout.strip())
    labels, conflicts = load_labels(pattern)
    print()
    print("\n".join(rule_table(alarm_flags(directory), labels, units)))
    if conflicts:
        print(f"\n({conflicts} flags are labeled differently by two judgment files; the later file wins)")
    report_refusals(refused)
    print(f"\nunlabeled flags: {directory / 'unlabeled.jsonl'}")


# --- Recall -------------------------------------------------------------------------------------


def recall(args, hamsu: Hamsu, out: Path, corpora: list[str]) -> None:
    print("\n## Recall on seeded errors (check_build.py, check_score.py; warning or above)\n")
    total: Counter = Counter()
    caught: Counter = Counter()
    for corpus in corpora:
        directory = out / f"recall-{corpus}"
        fa, en, meta = (args.shared / "data" / p for p in CORPORA[corpus])
        subprocess.run([sys.executable, str(args.shared / "eval" / "check_build.py"), str(fa), str(en),
                        f"{corpus}:{meta}", str(directory)], check=True, capture_output=True)  # fmt: skip
        for stale in directory.glob("*.flags.jsonl"):
            stale.unlink()
        jobs = [(["check", str(raw), "--format", "jsonl"], raw.with_name(raw.name[: -len(".raw.txt")] + ".flags.jsonl"))
                for raw in sorted(directory.glob("*.raw.txt"))]  # fmt: skip
        refused = hamsu.run_all(jobs)
        if hamsu.in_process:
            verify_in_process(hamsu, jobs, refused, args.verify)
        done = subprocess.run([sys.executable, str(args.shared / "eval" / "check_score.py"), str(directory)],
                              capture_output=True, text=True, check=True)  # fmt: skip
        line = done.stdout.strip()
        print(f"{corpus}: {line}")
        report_refusals(refused)
        for kind, got, of in re.findall(r"(\w+)=(\d+)/(\d+)", line.split("|")[0]):
            caught[kind] += int(got)
            total[kind] += int(of)
    print("\n| seeded kind | caught at warning+ | rate |\n|---|---:|---:|")
    for kind in sorted(total):
        print(f"| {kind} | {caught[kind]}/{total[kind]} | {caught[kind] / total[kind]:.1%} |")
    all_caught, all_total = sum(caught.values()), sum(total.values())
    print(f"| all | {all_caught}/{all_total} | {all_caught / max(all_total, 1):.1%} |")


def main() -> None:
    if sys.argv[1:] == ["--worker"]:
        worker()
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=default_shared())
    ap.add_argument("--out", type=Path, help="working directory (default: a new temporary directory, kept)")
    ap.add_argument("--only", choices=["precision", "recall"])
    ap.add_argument("--corpus", choices=["flores", "tico", "both"], default="both")
    ap.add_argument("--src", type=Path, help="run hamsu from this source tree (put first on PYTHONPATH)")
    ap.add_argument("--python", default=sys.executable, help="the interpreter that runs `-m hamsu`")
    ap.add_argument("--jobs", type=int, default=MAX_JOBS, help=f"parallel processes (at most {MAX_JOBS})")
    ap.add_argument("--in-process", action="store_true",
                    help="run the CLI code in long-lived workers, verified byte for byte on a sample")  # fmt: skip
    ap.add_argument("--verify", type=int, default=6, help="articles re-run by the real command under --in-process")
    ap.add_argument("--score-only", action="store_true",
                    help="score the flag files already in --out DIR again (after judging)")  # fmt: skip
    ap.add_argument("--labels", default=str(LABELS / "*.jsonl"), help="judgment files (glob)")
    args = ap.parse_args()
    if args.score_only and (args.out is None or args.only != "precision"):
        ap.error("--score-only needs --out DIR (a previous run) and --only precision")
    out = args.out or Path(tempfile.mkdtemp(prefix="flag_eval-"))
    out.mkdir(parents=True, exist_ok=True)
    corpora = ["flores", "tico"] if args.corpus == "both" else [args.corpus]
    hamsu = Hamsu(args.python, args.src, args.jobs, args.in_process)
    measured = "flag files already there" if args.score_only else f"hamsu from {hamsu.location()}"
    print(f"# hamsu checks judged as the referee does: bench/flag_eval.py\n\n{measured}; files in {out}\n")
    if args.only != "recall":
        precision(args, hamsu, out, corpora)
    if args.only != "precision":
        recall(args, hamsu, out, corpora)


if __name__ == "__main__":
    main()
