"""CSV out: one row per unit, the columns fa, en, score and flags (RFC 4180, CRLF line ends)."""
from __future__ import annotations

import csv
import io

from hamsu.formats import Writer
from hamsu.formats.units import flag_summary, unit_text

COLUMNS = ("fa", "en", "score", "flags")


def _row(values) -> str:
    out = io.StringIO()
    csv.writer(out).writerow(values)
    return out.getvalue()


class CsvWriter(Writer):
    name = "csv"
    media_type = "text/csv; charset=utf-8"
    suffix = ".csv"
    description = "CSV: fa, en, score, flags (rule:severity, comma-separated)"
    carries_checks = True  # the flags column
    exchange = True  # a file of units from any number of documents: web exports, build shards

    def header(self) -> str:
        return _row(COLUMNS)

    def unit(self, alignment, unit, names, flags) -> str:
        fa, en = unit_text(alignment.fa, unit.fa), unit_text(alignment.en, unit.en)
        return _row((fa, en, f"{unit.score:.4f}", flag_summary(flags)))
