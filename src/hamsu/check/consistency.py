"""Consistency: one Persian sentence translated two ways in a corpus; one name spelled two ways in
a document.

Neither is wrong in itself (a translation may fit its context), so both are minor: they point an
editor at places to look, and a corpus builder at duplicates that disagree.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher

from ..matching import fold_english, fold_persian_key
from ..records import Alignment, Flag
from .base import DocumentContext, Finding, Rule, build_side, quoted, shorten
from .names import is_acronym, name_key

MIN_SOURCE_WORDS = 3  # "بله" → "Yes" / "Right": short sentences may well differ


def _translation_key(text: str) -> str:
    return " ".join("".join(ch for ch in w if ch.isalnum()) for w in fold_english(text).split()).strip()


class SourceConsistencyRule(Rule):
    """The same Persian sentence with different English translations across a corpus."""

    name = "source-consistency"
    severity = "minor"
    its_type = "inconsistency"
    description = "consistency: one Persian sentence translated differently within a corpus"
    scope = "corpus"

    def check_corpus(self, alignments: Iterable[Alignment]) -> list[Flag]:
        groups: dict[str, list[tuple[Alignment, int, str, str]]] = defaultdict(list)
        for alignment in alignments:
            for index, unit in enumerate(alignment.units):
                if not unit.fa or not unit.en:
                    continue
                fa_text = " ".join(alignment.fa[i].text for i in unit.fa)
                if len(fa_text.split()) < MIN_SOURCE_WORDS:
                    continue
                en_text = " ".join(alignment.en[i].text for i in unit.en)
                groups[fold_persian_key(fa_text)].append((alignment, index, en_text, _translation_key(en_text)))
        flags = []
        for members in groups.values():
            counts = Counter(key for *_, key in members)
            if len(counts) < 2:
                continue
            usual = counts.most_common(1)[0][0]
            example = next(en for _, _, en, key in members if key == usual)
            for alignment, index, here, key in members:
                if key == usual:
                    continue
                unit = alignment.units[index]
                fa_side = build_side(alignment, unit.fa, "fa")
                en_side = build_side(alignment, unit.en, "en")
                finding = Finding(
                    float(len(counts)),
                    f"same Persian sentence translated {len(counts)} ways; usually {shorten(example)!r}",
                    (fa_side.whole,),
                    (en_side.whole,),
                    evidence=f"{len(members)} units with this Persian sentence, {counts[usual]} translated"
                    f" {quoted(example)}; this one {quoted(here)}",
                )
                if not self.accept(finding.score):
                    flags.append(self.flag(finding, index, alignment.document.id))
        return flags


class NameSpellingRule(Rule):
    """One Persian name linked to two English spellings in one document (Soleymani / Soleimani)."""

    name = "name-spelling"
    severity = "minor"
    its_type = "inconsistency"
    description = "consistency: the same Persian name spelled two ways in English within a document"
    scope = "document"
    needs = frozenset({"names"})

    def check_document(self, context: DocumentContext) -> list[Flag]:
        alignment, names = context.alignment, context.names or ()
        spellings: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for index, unit_names in enumerate(names):
            for link in unit_names.links:
                spellings[name_key(link.fa)][_spelling(link.en.text)].append((index, link))
        flags = []
        for by_spelling in spellings.values():
            variants = _distinct(list(by_spelling))
            if len(variants) < 2:
                continue
            ranked = sorted(variants, key=lambda v: (-len(by_spelling[v]), min(i for i, _ in by_spelling[v])))
            usual = ranked[0]
            written = {v: by_spelling[v][0][1].en.text for v in ranked}
            others = [v for v in ranked[1:] if not is_acronym(written[usual]) and not is_acronym(written[v])
                      and is_respelling(usual, v)]  # fmt: skip
            if not others:
                continue
            variants = ranked = [usual, *others]
            links = [link for v in variants for _, link in by_spelling[v]]
            shown = ", ".join(f"{by_spelling[v][0][1].en.text} ({len(by_spelling[v])})" for v in ranked)
            fa_text = by_spelling[usual][0][1].fa.text
            where = "; ".join(
                f"{by_spelling[v][0][1].en.text} in unit{'s' if len(units) > 1 else ''} {', '.join(units)}"
                for v in ranked
                for units in [[str(i + 1) for i in sorted({i for i, _ in by_spelling[v]})]]
            )
            finding = Finding(
                float(len(variants)),
                f"{fa_text} is spelled {len(variants)} ways in English: {shown}",
                tuple(sorted({(lk.fa.start, lk.fa.end) for lk in links})),
                tuple(sorted({(lk.en.start, lk.en.end) for lk in links})),
                evidence=f"{fa_text}: {where}",
            )
            if not self.accept(finding.score):
                first_odd = min(i for v in others for i, _ in by_spelling[v])
                flags.append(self.flag(finding, first_odd, alignment.document.id))
        return flags


def _spelling(text: str) -> str:
    """Case, accents, a possessive 's and hyphens do not make a different spelling."""
    text = fold_english(text)
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    return " ".join(text.replace("-", " ").split())


RESPELLING_SIMILARITY = 0.75  # Soleymani / Soleimani 0.89; France / French 0.55; Turkey / Turkish 0.62


def is_respelling(a: str, b: str) -> bool:
    """Two romanizations of one name, not a name and its adjective (Iran / Iranian, Japan / Japanese)
    or a different word: similar letters, neither the other's stem."""
    short, long = sorted((a, b), key=len)
    if long.startswith(short):
        return False
    if long.endswith(_ADJECTIVE_ENDINGS) and long.startswith(short[: max(3, len(short) - 2)]):
        return False  # Morocco / Moroccan, Canada / Canadians, Ukraine / Ukrainian
    return SequenceMatcher(None, a, b).ratio() >= RESPELLING_SIMILARITY


_ADJECTIVE_ENDINGS = ("an", "ans", "ian", "ians", "ese", "ish", "ic", "i", "is")


def _distinct(spellings: list[str]) -> list[str]:
    """Spellings that are not one another's short form: "soleymani" and "qasem soleymani" are one."""
    kept = []
    for s in sorted(spellings, key=len, reverse=True):
        words = set(s.split())
        if not any(words <= set(k.split()) for k in kept):
            kept.append(s)
    return kept
