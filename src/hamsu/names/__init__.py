"""Names on both sides of an aligned text, linked across the languages.

    >>> import hamsu
    >>> from hamsu.names import link_names, names_record
    >>> [alignment] = hamsu.align_paths(["examples/seed.txt"])
    >>> names = link_names(alignment)      # one UnitNames per unit
    >>> names_record(names[0])[0]["evidence"]
    'transliteration'

All functions are pure: an Alignment in, records out. The name table loads on first use.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from ..records import Alignment, UnitNames
from .link import NameLinker, link_names
from .translit import transliteration_score


def _fa_form(text: str) -> str:
    """The Persian form a table shows: normalized, without diacritics (نُجَباء → نجباء)."""
    from ..persian.normalize import normalize

    return normalize(text, strip_diacritics=True)


def name_table(alignment: Alignment, names: Sequence[UnitNames]) -> list[dict]:
    """The document's names, most frequent first.

    One row per Persian form: {"fa": form, "en": [English forms, most frequent first], "count": how
    often the form occurs as a name, "units": [unit indices]}. Names found only in English come
    last-among-equals as rows with "fa": "".
    """
    en_forms: dict[str, Counter] = defaultdict(Counter)
    counts: Counter = Counter()
    units: dict[str, set[int]] = defaultdict(set)
    english_only: Counter = Counter()
    english_units: dict[str, set[int]] = defaultdict(set)
    for u, unit in enumerate(names):
        for link in unit.links:
            form = _fa_form(link.fa.text)
            en_forms[form][" ".join(link.en.text.split())] += 1
            counts[form] += 1
            units[form].add(u)
        for mention in unit.fa_only:
            form = _fa_form(mention.text)
            counts[form] += 1
            units[form].add(u)
        for mention in unit.en_only:
            form = " ".join(mention.text.split())
            english_only[form] += 1
            english_units[form].add(u)
    rows = [
        {"fa": form, "en": [e for e, _ in en_forms[form].most_common()], "count": n, "units": sorted(units[form])}
        for form, n in counts.items()
    ]
    rows += [
        {"fa": "", "en": [form], "count": n, "units": sorted(english_units[form])}
        for form, n in english_only.items()
    ]
    rows.sort(key=lambda r: (-r["count"], r["fa"] == "", r["fa"], r["en"]))
    return rows


def names_record(unit_names: UnitNames, one_sided: bool = False) -> list[dict]:
    """The links of one unit as small objects for JSON output.

    [{"fa": "سلیمانی", "en": "Soleymani", "score": 0.97, "evidence": "transliteration"}, ...];
    with `one_sided`, the names without a counterpart follow, with None on the missing side,
    score 0 and evidence "fa_only" or "en_only".
    """
    out: list[dict] = [
        {"fa": link.fa.text, "en": link.en.text, "score": round(link.score, 2), "evidence": link.evidence}
        for link in unit_names.links
    ]
    if one_sided:
        out += [{"fa": m.text, "en": None, "score": 0.0, "evidence": "fa_only"} for m in unit_names.fa_only]
        out += [{"fa": None, "en": m.text, "score": 0.0, "evidence": "en_only"} for m in unit_names.en_only]
    return out


__all__ = ["NameLinker", "link_names", "name_table", "names_record", "transliteration_score"]
