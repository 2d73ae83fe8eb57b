"""Counts of a build, kept per shard and added up for the summary and the report.

Only integers and strings: a shard's counts go into the database as JSON and come back equal, so
the summary of a resumed build is the summary of an uninterrupted one. Histograms have fixed
bins, so that adding shards up is adding lists.
"""
from __future__ import annotations

import math

from ..records import SEVERITIES

SCORE_BINS = 20  # width 0.05 over [0, 1]
RATIO_BINS = 30  # log2(English chars / Persian chars), width 0.1 over [-1.5, 1.5), ends clamped
RATIO_LOW, RATIO_STEP = -1.5, 0.1
# Why a unit is not in the shards, in the order the reasons are tried (one reason per unit).
DROP_REASONS = ("null", "flag", "min-score", "exact-duplicate", "near-duplicate")


def new_stats() -> dict:
    return {
        "documents": 0,
        "bad": [],
        "skipped": [],
        "units": 0,
        "kept": 0,
        "dropped": dict.fromkeys(DROP_REASONS, 0),
        "flags": {},
        "score": {"all": [0] * SCORE_BINS, "kept": [0] * SCORE_BINS},
        "length_ratio": {"all": [0] * RATIO_BINS, "kept": [0] * RATIO_BINS},
        "sources": {},
    }


def _source(stats: dict, group: str) -> dict:
    return stats["sources"].setdefault(group, {"documents": 0, "bad": 0, "skipped": 0, "units": 0, "kept": 0})


def score_bin(score: float) -> int:
    return min(SCORE_BINS - 1, max(0, int(score * SCORE_BINS)))


def ratio_bin(fa_chars: int, en_chars: int) -> int | None:
    if not fa_chars or not en_chars:
        return None
    value = math.log2(en_chars / fa_chars)
    return min(RATIO_BINS - 1, max(0, math.floor((value - RATIO_LOW) / RATIO_STEP)))


def add_failure(stats: dict, group: str, source: str, reason: str, skipped: bool) -> None:
    key = "skipped" if skipped else "bad"
    stats[key].append([source, reason])
    _source(stats, group)[key] += 1


def add_document(stats: dict, group: str) -> None:
    stats["documents"] += 1
    _source(stats, group)["documents"] += 1


def add_unit(stats: dict, group: str, unit, dropped: str | None) -> None:
    """One unit of a document read well: its flags, score, length ratio, and what became of it."""
    stats["units"] += 1
    source = _source(stats, group)
    source["units"] += 1
    for rule, severity in unit.flags:
        by_severity = stats["flags"].setdefault(rule, {})
        by_severity[severity] = by_severity.get(severity, 0) + 1
    kinds = ("all",) if dropped else ("all", "kept")
    ratio = ratio_bin(unit.fa_chars, unit.en_chars)
    for kind in kinds:
        stats["score"][kind][score_bin(unit.score)] += 1
        if ratio is not None:
            stats["length_ratio"][kind][ratio] += 1
    if dropped:
        stats["dropped"][dropped] += 1
    else:
        stats["kept"] += 1
        source["kept"] += 1


def merge(total: dict, part: dict) -> dict:
    """Add `part` into `total` (both from new_stats, or loaded from JSON); returns total."""
    for key in ("documents", "units", "kept"):
        total[key] += part[key]
    total["bad"] += part["bad"]
    total["skipped"] += part["skipped"]
    for reason, n in part["dropped"].items():
        total["dropped"][reason] = total["dropped"].get(reason, 0) + n
    for rule, by_severity in part["flags"].items():
        mine = total["flags"].setdefault(rule, {})
        for severity, n in by_severity.items():
            mine[severity] = mine.get(severity, 0) + n
    for plot in ("score", "length_ratio"):
        for kind in ("all", "kept"):
            total[plot][kind] = [a + b for a, b in zip(total[plot][kind], part[plot][kind])]
    for group, counts in part["sources"].items():
        mine = _source(total, group)
        for key, n in counts.items():
            mine[key] += n
    return total


def severity_order(severities) -> list[str]:
    return sorted(severities, key=lambda s: SEVERITIES.index(s) if s in SEVERITIES else len(SEVERITIES))
