#!/usr/bin/env python3
"""The referee's seeded-error measure of `hamsu check`, run in one process.

Builds the seeded articles with ../shared/eval/check_build.py (FLORES-200 devtest and TICO-19),
checks each NAME.raw.txt as `hamsu check NAME.raw.txt --format jsonl` would (one article per run,
so corpus rules see one article, as when the referee runs the command per file), writes
NAME.flags.jsonl and scores with ../shared/eval/check_score.py. With --show KIND, prints the
seeded units of that kind no flag at warning or above caught, with both sentences.

usage: python bench/check_referee.py [--shared ../shared] [--out /tmp/referee] [--show name]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from hamsu.check.report import write_report  # noqa: E402
from hamsu.commands.text import check_inputs  # noqa: E402  (what `hamsu check` runs)
from hamsu.errors import InputError  # noqa: E402

CORPORA = {
    "flores": ("dev/flores200/flores200_pes_Arab.devtest", "dev/flores200/flores200_eng_Latn.devtest",
               "flores:{shared}/data/dev/flores200/flores200_metadata_devtest.tsv"),
    "tico": ("dev/tico19/tico19-test.fa", "dev/tico19/tico19-test.en",
             "tico:{shared}/data/dev/tico19/tico19-test.en.info"),
}
SEVERITY = {"info": 0, "minor": 1, "warning": 2, "major": 3, "critical": 4}


def build(shared: Path, corpus: str, out: Path) -> None:
    fa, en, ids = CORPORA[corpus]
    subprocess.run([sys.executable, str(shared / "eval" / "check_build.py"), str(shared / "data" / fa),
                    str(shared / "data" / en), ids.format(shared=shared), str(out)], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def check(out: Path) -> None:
    for raw in sorted(out.glob("*.raw.txt")):
        try:
            text = "".join(write_report(check_inputs([raw]), "jsonl", False, {}))
        except InputError:  # the seeding made the English Persian: the command exits 2, no flags
            text = ""
        (out / (raw.name[: -len(".raw.txt")] + ".flags.jsonl")).write_text(text, encoding="utf-8")


def missed(out: Path, kind: str) -> None:
    """The seeded units of `kind` with no flag at warning or above, and the flags they got."""
    for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines():
        error = json.loads(line)
        if error["kind"] != kind:
            continue
        doc, unit = error["doc"], error["unit"]
        raw = (out / f"{doc}.raw.txt").read_text(encoding="utf-8")
        fa = (out / f"{doc}.fa").read_text(encoding="utf-8").splitlines()[unit]
        en = (out / f"{doc}.en").read_text(encoding="utf-8").splitlines()[unit]
        fa_at, en_at = raw.find(fa), raw.rfind(en)
        flags = []
        for flag_line in (out / f"{doc}.flags.jsonl").read_text(encoding="utf-8").splitlines():
            flag = json.loads(flag_line)
            spans = [s for s in flag.get("fa_spans", []) if fa_at < s[1] and s[0] < fa_at + len(fa)]
            spans += [s for s in flag.get("en_spans", []) if en_at < s[1] and s[0] < en_at + len(en)]
            if spans:
                flags.append(flag)
        if any(SEVERITY[f["severity"]] >= SEVERITY["warning"] for f in flags):
            continue
        print(f"--- {doc} #{unit}\nfa: {fa}\nen: {en}")
        for f in flags:
            print(f"   {f['severity']} {f['rule']}: {f['message']} [{f.get('evidence', '')}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent.parent / "shared")
    parser.add_argument("--out", type=Path, default=Path("/tmp/hamsu-referee"))
    parser.add_argument("--corpus", choices=sorted(CORPORA), action="append")
    parser.add_argument("--show", help="print the missed seeded units of this kind")
    parser.add_argument("--no-build", action="store_true", help="reuse the articles already in --out")
    args = parser.parse_args()
    shared = args.shared if (args.shared / "eval").exists() else Path("/work/shared")
    for corpus in args.corpus or sorted(CORPORA):
        out = args.out / corpus
        if not args.no_build:
            build(shared, corpus, out)
        check(out)
        result = subprocess.run([sys.executable, str(shared / "eval" / "check_score.py"), str(out)],
                                check=True, capture_output=True, text=True)  # fmt: skip
        print(f"{corpus}: {result.stdout.strip()}")
        if args.show:
            missed(out, args.show)


if __name__ == "__main__":
    main()
