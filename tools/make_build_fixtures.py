#!/usr/bin/env python3
"""Make tests/fixtures/build/: small articles from the TICO-19 test set (CC0) in every input layout
`hamsu build` reads, with duplicates and bad inputs. The output is committed; run this again
only to change it (it writes the same bytes every time).

    python tools/make_build_fixtures.py [--shared ../shared]

Layouts: articles/ (one bilingual .txt per article, Persian or English first, and .html),
pairs/ (NAME.fa.txt + NAME.en.txt, NAME_fa.txt + NAME_en.txt), folders/fa + folders/en (same
relative paths), lines.jsonl and lines.jsonl.gz ({"id", "url", "title", "fa", "en"}). Bad ones:
bad/undecodable.txt, bad/empty.txt, bad/english-only.txt, bad/orphan.fa.txt (no English file),
bad/notes.md (not an article), and in lines.jsonl a malformed line, an undecodable line and a
record without "en". lines.jsonl also repeats one article exactly (exact duplicates) and once with
punctuation, digit script, letter case and half-spaces changed (near duplicates).
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "build"
SENTENCES = 4
# First TICO-19 test line (0-based) of each article; 109 is the one with digits that lines.jsonl
# repeats as a duplicate.
STARTS = [0, 52, 160, 210, 262, 314, 366, 418, 470, 522, 574, 626, 678, 730, 782, 834, 886, 938, 990, 1042,
          1094, 1146, 1198, 109, 1250, 1302, 1354, 1406, 1458, 1510, 1562, 1614, 1666, 1718, 1770, 1822,
          1874, 1926]  # fmt: skip
PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")


def load(shared: Path) -> tuple[list[str], list[str], list[str]]:
    tico = shared / "data" / "dev" / "tico19"
    fa = (tico / "tico19-test.fa").read_text(encoding="utf-8").splitlines()
    en = (tico / "tico19-test.en").read_text(encoding="utf-8").splitlines()
    info = [line.split("\t") for line in (tico / "tico19-test.en.info").read_text(encoding="utf-8").splitlines()]
    return fa, en, [row[1] for row in info]


def write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def bilingual(fa: list[str], en: list[str], english_first: bool = False) -> str:
    halves = ["\n\n".join(fa), "\n\n".join(en)]
    if english_first:
        halves.reverse()
    return halves[0] + "\n\n\n" + halves[1] + "\n"


def html(fa: list[str], en: list[str], title: str) -> str:
    paragraphs = "\n".join(f"<p>{s}</p>" for s in fa + en)
    return (
        f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body>\n"
        f"<nav><a href=\"/\">Home</a></nav>\n<article>\n{paragraphs}\n</article>\n"
        "<footer>TICO-19 (CC0)</footer>\n</body></html>\n"
    )


def near_copy(fa: list[str], en: list[str]) -> tuple[list[str], list[str]]:
    """The same sentences as another unit would fold them: digits, punctuation, case, half-spaces."""
    fa2 = [s.translate(PERSIAN_DIGITS).replace("،", ",").replace("\u200c", " ") for s in fa]
    en2 = [s.upper() if i == 0 else s.replace(",", " ,") for i, s in enumerate(en)]
    return fa2, en2


def gz(text: str) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as f:
        f.write(text.encode("utf-8"))
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    fa, en, urls = load(args.shared)
    articles = [(fa[s : s + SENTENCES], en[s : s + SENTENCES], urls[s]) for s in STARTS]
    if OUT.exists():
        shutil.rmtree(OUT)
    n = iter(range(len(articles)))

    for i in range(10):  # one bilingual text file each, the last two English first
        a = articles[next(n)]
        write(OUT / "articles" / f"article-{i + 1:02d}.txt", bilingual(a[0], a[1], english_first=i >= 8))
    for i in range(2):
        a = articles[next(n)]
        write(OUT / "articles" / f"page-{i + 1}.html", html(a[0], a[1], f"TICO-19 page {i + 1}"))
    for i in range(6):
        a = articles[next(n)]
        sep = "_" if i >= 4 else "."
        write(OUT / "pairs" / f"story-{i + 1}{sep}fa.txt", "\n\n".join(a[0]) + "\n")
        write(OUT / "pairs" / f"story-{i + 1}{sep}en.txt", "\n\n".join(a[1]) + "\n")
    for rel in ("one.txt", "more/two.txt", "more/three.txt"):
        a = articles[next(n)]
        write(OUT / "folders" / "fa" / rel, "\n\n".join(a[0]) + "\n")
        write(OUT / "folders" / "en" / rel, "\n\n".join(a[1]) + "\n")

    lines = []
    repeated = None
    for _ in range(8):
        index = next(n)
        a = articles[index]
        if STARTS[index] == 109:
            repeated = a
        lines.append(json.dumps({"id": f"tico-{index:02d}", "url": a[2], "title": f"TICO-19 article {index}",
                                 "fa": "\n\n".join(a[0]), "en": "\n\n".join(a[1])}, ensure_ascii=False))  # fmt: skip
    assert repeated is not None
    lines.insert(3, '{"id": "broken", "fa": "سلام", "en": ')  # malformed JSON
    lines.insert(5, json.dumps({"id": "no-english", "fa": "\n\n".join(articles[0][0])}, ensure_ascii=False))
    lines.append(json.dumps({"id": "exact-copy", "fa": "\n\n".join(repeated[0]), "en": "\n\n".join(repeated[1])},
                            ensure_ascii=False))  # fmt: skip
    near_fa, near_en = near_copy(repeated[0], repeated[1])
    lines.append(json.dumps({"id": "near-copy", "fa": "\n\n".join(near_fa), "en": "\n\n".join(near_en)},
                            ensure_ascii=False))  # fmt: skip
    body = "\n".join(lines).encode("utf-8") + b"\n"
    # An undecodable line (a stray Latin-1 byte) after the first record, blank lines around it.
    first_end = body.index(b"\n") + 1
    body = body[:first_end] + b'\n{"id": "latin1", "fa": "caf\xe9", "en": "cafe"}\n\n' + body[first_end:]
    write(OUT / "lines.jsonl", body)

    gz_lines = []
    for index in n:
        a = articles[index]
        gz_lines.append(json.dumps({"id": f"tico-{index:02d}", "url": a[2], "fa": " ".join(a[0]),
                                    "en": " ".join(a[1])}, ensure_ascii=False))  # fmt: skip
    write(OUT / "lines.jsonl.gz", gz("\n".join(gz_lines) + "\n"))

    write(OUT / "bad" / "undecodable.txt", "سلام دنیا\n\nHello world\n".encode() + b"\xff\xfebad\n")
    write(OUT / "bad" / "empty.txt", "\n  \n")
    write(OUT / "bad" / "english-only.txt", "\n\n".join(articles[1][1]) + "\n")
    write(OUT / "bad" / "orphan.fa.txt", "\n\n".join(articles[2][0]) + "\n")
    write(OUT / "bad" / "notes.md", "Not an article: listed as skipped.\n")
    write(
        OUT / "README.md",
        "# Fixtures for `hamsu build`\n\n"
        "Made by `tools/make_build_fixtures.py` from the TICO-19 test set (tico19-test.fa/.en,\n"
        "https://tico-19.github.io/), which is dedicated to the public domain under CC0 1.0.\n"
        "Each article is 4 consecutive sentence pairs. See the script for the layouts and the bad inputs.\n",
    )


if __name__ == "__main__":
    main()
