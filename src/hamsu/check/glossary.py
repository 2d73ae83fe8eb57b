"""A user glossary of required and forbidden renderings, and the rule that enforces it.

Files: TSV or CSV (Persian term; accepted English renderings separated by `|`; optionally the
forbidden ones; `#` comments and blank lines skipped) and TBX (TBX-Basic or TBX 2019: an entry's
Persian and English terms, English terms marked deprecated or forbidden are the forbidden ones).
A bad file is an InputError naming the file and the line, as every other input error in hamsu.

Matching ignores what writers vary without changing the word: half-space against space (and
against none), Arabic and Persian letter variants, diacritics; in English, case, accents and
inflection (visit, visits, visited, visiting).
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cached_property
from os import PathLike, fspath
from pathlib import Path
from xml.parsers import expat

from ..errors import InputError
from ..matching import ARABIC_LETTERS, ARABIC_SCRIPT, english_tokens, fold_persian
from ..persian.normalize import normalize
from .base import Finding, Rule, UnitView, quoted, shorten

FORBIDDEN_STATUSES = frozenset({"deprecatedTerm-admn-sts", "forbidden"})
XML_LANG = "http://www.w3.org/XML/1998/namespace lang"


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    fa: str
    accepted: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    origin: str = ""  # file:line, for messages


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]

    def __len__(self) -> int:
        return len(self.entries)

    @cached_property
    def compiled(self) -> tuple[tuple[GlossaryEntry, re.Pattern[str], tuple, tuple], ...]:
        return tuple(
            (e, persian_pattern(e.fa), tuple(map(english_stems, e.accepted)), tuple(map(english_stems, e.forbidden)))
            for e in self.entries
        )


# --- Matching -----------------------------------------------------------------------------------

_NOT_LETTER_BEFORE = f"(?<![{ARABIC_LETTERS}0-9])"
_NOT_LETTER_AFTER = f"(?![{ARABIC_LETTERS}0-9])"


def persian_pattern(term: str) -> re.Pattern[str]:
    """A pattern over folded text: the term's words with a space, a half-space or nothing between."""
    folded, _ = fold_persian(normalize(term))
    words = [re.escape(w) for w in folded.split()]
    return re.compile(_NOT_LETTER_BEFORE + " ?".join(words) + _NOT_LETTER_AFTER)


def persian_matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """[start, end) in `text` of each match, found in its folded form."""
    folded, where = fold_persian(text)
    return [(where[m.start()], where[m.end() - 1] + 1) for m in pattern.finditer(folded)]


def english_stems(rendering: str) -> tuple[str, ...]:
    return tuple(stem for stem, _, _ in english_tokens(rendering))


def english_matches(stems: tuple[str, ...], tokens: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    n = len(stems)
    if not n:
        return []
    return [
        (tokens[i][1], tokens[i + n - 1][2])
        for i in range(len(tokens) - n + 1)
        if tuple(t[0] for t in tokens[i : i + n]) == stems
    ]


class GlossaryRule(Rule):
    """A glossary term in the Persian without an accepted rendering, or with a forbidden one."""

    name = "glossary"
    severity = "warning"
    its_type = "terminology"
    description = "glossary: required and forbidden renderings of a user glossary's terms"
    needs = frozenset({"glossary"})

    def __init__(self, glossary: Glossary | None = None):
        self.glossary = glossary or Glossary(())

    def configured(self, **given: object) -> GlossaryRule:
        glossary = given["glossary"]
        assert isinstance(glossary, Glossary), type(glossary)
        return GlossaryRule(glossary)

    def findings(self, unit: UnitView) -> list[Finding]:
        out = []
        fa_text = unit.fa.text
        tokens = None
        for entry, pattern, accepted, forbidden in self.glossary.compiled:
            found = persian_matches(pattern, fa_text)
            if not found:
                continue
            if tokens is None:
                tokens = english_tokens(unit.en.text)
            fa_spans = tuple(unit.fa.span(s, e) for s, e in found)
            bad = [span for stems in forbidden for span in english_matches(stems, tokens)]
            if bad:
                shown = shorten(unit.en.text[bad[0][0] : bad[0][1]])
                out.append(Finding(2.0, f"glossary: {entry.fa!r} rendered with forbidden {shown!r}",
                                   fa_spans, tuple(unit.en.span(s, e) for s, e in sorted(bad)), severity="major",
                                   evidence=_evidence(entry, fa_text, found, f"forbidden {quoted(shown)}")))
                continue
            if accepted and not any(english_matches(stems, tokens) for stems in accepted):
                wanted = " | ".join(entry.accepted)
                out.append(Finding(1.0, f"glossary: {entry.fa!r} should be rendered as {wanted!r}", fa_spans,
                                   evidence=_evidence(entry, fa_text, found, "none of the accepted renderings")))
        return out


def _evidence(entry: GlossaryEntry, fa_text: str, found: list[tuple[int, int]], in_english: str) -> str:
    """The term as the glossary gives it and as the Persian wrote it, its renderings, what the
    English has: "term 'X' (file:3) written 'X'; accepted 'a' | 'b'; forbidden 'c'; English has …"."""
    written = dict.fromkeys(fa_text[s:e] for s, e in found)
    parts = [f"term {quoted(entry.fa)}" + (f" ({entry.origin})" if entry.origin else "")
             + f" written {' | '.join(map(quoted, written))}"]  # fmt: skip
    if entry.accepted:
        parts.append("accepted " + " | ".join(map(quoted, entry.accepted)))
    if entry.forbidden:
        parts.append("forbidden " + " | ".join(map(quoted, entry.forbidden)))
    parts.append(f"English has {in_english}")
    return "; ".join(parts)


# --- Loading ------------------------------------------------------------------------------------


def load_glossary(path: str | PathLike[str]) -> Glossary:
    """A glossary from a .tsv, .csv or .tbx file (other names: TBX if it starts with `<`, else TSV)."""
    from ..read.decode import open_input, read_stream_bytes

    name = fspath(path)
    with open_input(path) as stream:
        try:
            data = read_stream_bytes(stream, name)  # at most the maximum input size (read/decode.py)
        except OSError as e:
            raise InputError(f"{name}: cannot read ({e.strerror or e})") from None
    suffix = Path(name).suffix.lower()
    if suffix in (".tbx", ".xml") or (suffix not in (".tsv", ".csv", ".txt") and data.lstrip()[:1] == b"<"):
        return Glossary(tuple(_read_tbx(data, name)))
    text = _decode_lines(data, name)
    if suffix == ".csv":
        return Glossary(tuple(_read_csv(text, name)))
    return Glossary(tuple(_read_tsv(text, name)))


def _decode_lines(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(f"{name}:{line}: not valid UTF-8 (byte {e.start})") from None


def _entry(columns: list[str], where: str, kind: str) -> GlossaryEntry:
    if len(columns) not in (2, 3):
        raise InputError(f"{where}: expected 2 or 3 {kind}-separated columns, found {len(columns)}")
    fa = columns[0].strip()
    accepted = tuple(r.strip() for r in columns[1].split("|") if r.strip())
    forbidden = tuple(r.strip() for r in columns[2].split("|") if r.strip()) if len(columns) == 3 else ()
    if not fa:
        raise InputError(f"{where}: empty Persian term")
    if not accepted and not forbidden:
        raise InputError(f"{where}: no accepted or forbidden English rendering")
    return GlossaryEntry(fa, accepted, forbidden, where)


def _skipped(line: str) -> bool:
    return not line.strip() or line.lstrip().startswith("#")


def _is_header(columns: list[str], first: bool) -> bool:
    """A first row naming the columns ("fa<TAB>en"): its first cell has no Persian letter."""
    return first and len(columns) in (2, 3) and not ARABIC_SCRIPT.search(columns[0])


def _read_tsv(text: str, name: str) -> list[GlossaryEntry]:
    entries = []
    first = True
    for number, line in enumerate(text.split("\n"), 1):
        if _skipped(line):
            continue
        columns = line.rstrip("\r").split("\t")
        if not _is_header(columns, first):
            entries.append(_entry(columns, f"{name}:{number}", "tab"))
        first = False
    return entries


def _read_csv(text: str, name: str) -> list[GlossaryEntry]:
    entries = []
    lines = text.splitlines()
    numbered = [(n, line) for n, line in enumerate(lines, 1) if not _skipped(line)]
    try:
        for k, (number, line) in enumerate(numbered):
            [row] = list(csv.reader(io.StringIO(line), strict=True))
            if not _is_header(row, k == 0):
                entries.append(_entry(row, f"{name}:{number}", "comma"))
    except csv.Error as e:
        raise InputError(f"{name}:{number}: not valid CSV ({e})") from None
    return entries


# --- TBX ------------------------------------------------------------------------------------------


@dataclass
class _Term:
    lang: str
    text: str
    status: str
    line: int


def _local(tag: str) -> str:
    """The element name without its namespace (TBX 2019 files may declare one)."""
    return tag.rsplit(" ", 1)[-1]


def _read_tbx(data: bytes, name: str) -> list[GlossaryEntry]:
    """Read termEntry/conceptEntry → langSet/langSec → tig/ntig/termSec → term (+ termNote).

    expat rather than ElementTree, for the line of every element: an error names the line.
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    entries: list[list[_Term]] = []
    stack: list[str] = []
    lang_stack: list[str] = []
    term: dict = {}
    text_parts: list[str] = []
    capture: list[str | None] = [None]

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = _local(tag)
        stack.append(local)
        lang = attrs.get(XML_LANG) or attrs.get("xml:lang") or attrs.get("lang")
        lang_stack.append(lang or (lang_stack[-1] if lang_stack else ""))
        line = parser.CurrentLineNumber
        if local in ("termEntry", "conceptEntry"):
            entries.append([])
        elif local in ("langSet", "langSec") and not lang:
            raise InputError(f"{name}:{line}: <{local}> without xml:lang")
        elif local in ("tig", "ntig", "termSec"):
            term.clear()
            term.update(line=line, text="", status="")
        elif local == "term":
            capture[0] = "term"
            text_parts.clear()
            term.setdefault("line", line)
        elif local == "termNote" and attrs.get("type") == "administrativeStatus":
            capture[0] = "status"
            text_parts.clear()

    def end(tag: str) -> None:
        local = _local(tag)
        if capture[0] == "term" and local == "term":
            term["text"] = "".join(text_parts).strip()
            capture[0] = None
        elif capture[0] == "status" and local == "termNote":
            term["status"] = "".join(text_parts).strip()
            capture[0] = None
        if local in ("tig", "ntig", "termSec") and entries:
            lang = lang_stack[-1].lower().split("-")[0]
            if term.get("text"):
                entries[-1].append(_Term(lang, term["text"], term["status"], term["line"]))
        stack.pop()
        lang_stack.pop()

    def chars(data: str) -> None:
        if capture[0]:
            text_parts.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except expat.ExpatError as e:
        raise InputError(f"{name}:{e.lineno}: malformed XML ({expat.ErrorString(e.code)})") from None
    glossary = []
    for terms in entries:
        english = [t for t in terms if t.lang == "en"]
        accepted = tuple(t.text for t in english if t.status not in FORBIDDEN_STATUSES)
        forbidden = tuple(t.text for t in english if t.status in FORBIDDEN_STATUSES)
        for t in terms:
            if t.lang == "fa" and t.status not in FORBIDDEN_STATUSES and (accepted or forbidden):
                glossary.append(GlossaryEntry(t.text, accepted, forbidden, f"{name}:{t.line}"))
    return glossary
