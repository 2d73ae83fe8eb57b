"""The build's summary (summary.json, for programs) and report (report.html, for people).

Both are made from the added-up shard counts alone, so they are the same bytes after a resume as
after an uninterrupted run: no clock time, keys sorted, lists in input order. The report is one
self-contained file (inline CSS and SVG, no script, nothing fetched), readable offline and safe to
attach to an issue or e-mail.
"""
from __future__ import annotations

import json
from html import escape

from .. import __version__
from .stats import DROP_REASONS, RATIO_BINS, RATIO_LOW, RATIO_STEP, SCORE_BINS, severity_order

SHARD_PATTERN = "FORMAT/part-NNNNN.FORMAT.gz"


def make_summary(stats: dict, inputs: list[str], options: dict, shard_count: int) -> dict:
    """The machine-readable summary: counts, drops by reason, bad inputs with their reasons."""
    bad = [{"source": s, "reason": r} for s, r in stats["bad"]]
    skipped = [{"source": s, "reason": r} for s, r in stats["skipped"]]
    return {
        "hamsu": __version__,
        "inputs": inputs,
        "options": options,
        "database": "corpus.db",
        "shards": {"count": shard_count, "formats": options["formats"], "files": SHARD_PATTERN},
        "documents": {
            "inputs": stats["documents"] + len(bad) + len(skipped),
            "ok": stats["documents"],
            "bad": len(bad),
            "skipped": len(skipped),
        },
        "units": {"total": stats["units"], "kept": stats["kept"], "dropped": stats["dropped"]},
        "bad": bad,
        "skipped": skipped,
        "flags": stats["flags"],
        "histograms": {
            "score": {"low": 0.0, "bin_width": 1 / SCORE_BINS, **stats["score"]},
            "length_ratio": {
                "of": "log2(English characters / Persian characters)",
                "low": RATIO_LOW,
                "bin_width": RATIO_STEP,
                **stats["length_ratio"],
            },
        },
        "sources": stats["sources"],
    }


def summary_json(summary: dict) -> str:
    return json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --- HTML --------------------------------------------------------------------------------------

ALL_COLOR, KEPT_COLOR = "#c9d6e8", "#2f5d9a"
SEVERITY_COLORS = {
    "info": "#9fb8d6",
    "minor": "#8cc084",
    "warning": "#e3b341",
    "major": "#e07b39",
    "critical": "#c0392b",
}
STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: .5em 0; } td, th { padding: .2em .8em; border-bottom: 1px solid #eee; }
th { text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.legend span { display: inline-block; width: .9em; height: .9em; margin: 0 .3em 0 1em; vertical-align: -.1em; }
svg text { font: 11px system-ui, sans-serif; fill: #444; }
code { font-size: .95em; } .muted { color: #777; }
"""


def _n(value: int) -> str:
    return f"{value:,}"


def _table(head: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    cells = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(f'<td{" class=n" if i in numeric else ""}>{c}</td>' for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><tr>{cells}</tr>{body}</table>"


def histogram_svg(series: list[tuple[str, list[int], str]], labels: list[str], caption: str) -> str:
    """Bars per bin, the series drawn over one another (all units, then the kept ones)."""
    width, height, left, bottom, top = 640, 220, 48, 34, 10
    bins = len(labels) - 1
    peak = max([max(counts, default=0) for _, counts, _ in series] + [1])
    plot_w, plot_h = width - left - 24, height - bottom - top  # room for the last tick label
    step = plot_w / bins
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img"'
             f' aria-label="{escape(caption)}">']  # fmt: skip
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#888"/>')
    parts.append(f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{_n(peak)}</text>')
    parts.append(f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>')
    for name, counts, color in series:
        for i, count in enumerate(counts):
            if not count:
                continue
            h = count / peak * plot_h
            parts.append(
                f'<rect x="{left + i * step + 1:.1f}" y="{top + plot_h - h:.1f}" width="{step - 2:.1f}"'
                f' height="{h:.1f}" fill="{color}"><title>{escape(name)} {escape(labels[i])}–'
                f"{escape(labels[i + 1])}: {_n(count)}</title></rect>"
            )
    every = max(1, bins // 10)
    for i in range(0, bins + 1, every):
        parts.append(f'<text x="{left + i * step:.1f}" y="{top + plot_h + 14}" text-anchor="middle">'
                     f"{escape(labels[i])}</text>")  # fmt: skip
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 4}" text-anchor="middle">{escape(caption)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def flags_svg(flags: dict[str, dict[str, int]]) -> str:
    """A bar per rule, split by severity."""
    rules = sorted(flags, key=lambda r: (-sum(flags[r].values()), r))
    if not rules:
        return '<p class="muted">No flags.</p>'
    row_h, left, width = 22, 130, 640
    height = row_h * len(rules) + 10
    peak = max(sum(flags[r].values()) for r in rules)
    plot_w = width - left - 60
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img"'
             ' aria-label="flags by rule and severity">']  # fmt: skip
    for row, rule in enumerate(rules):
        y = 5 + row * row_h
        parts.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end">{escape(rule)}</text>')
        x = float(left)
        for severity in severity_order(flags[rule]):
            count = flags[rule][severity]
            w = count / peak * plot_w
            color = SEVERITY_COLORS.get(severity, "#999")
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row_h - 6}" fill="{color}">'
                         f"<title>{escape(rule)} {escape(severity)}: {_n(count)}</title></rect>")  # fmt: skip
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 14}">{_n(sum(flags[rule].values()))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _legend(items: list[tuple[str, str]]) -> str:
    return '<p class="legend">' + "".join(f'<span style="background:{c}"></span>{escape(n)}' for n, c in items) + "</p>"


def render_html(summary: dict) -> str:
    docs, units = summary["documents"], summary["units"]
    hist = summary["histograms"]
    score_labels = [f"{i / SCORE_BINS:.2f}" for i in range(SCORE_BINS + 1)]
    ratio_labels = [f"{2 ** (RATIO_LOW + i * RATIO_STEP):.2f}" for i in range(RATIO_BINS + 1)]
    series = [("all units", "all", ALL_COLOR), ("kept", "kept", KEPT_COLOR)]
    options = summary["options"]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>hamsu build report</title><style>{STYLE}</style></head><body>",
        "<h1>hamsu build report</h1>",
        f"<p>Inputs: {', '.join(f'<code>{escape(i)}</code>' for i in summary['inputs'])}<br>",
        f"hamsu {escape(summary['hamsu'])}; options: <code>{escape(json.dumps(options, sort_keys=True))}</code></p>",
        "<h2>Counts</h2>",
        _table(
            ["", "count"],
            [
                ["inputs", _n(docs["inputs"])],
                ["documents read", _n(docs["ok"])],
                ["bad inputs", _n(docs["bad"])],
                ["skipped files", _n(docs["skipped"])],
                ["units aligned", _n(units["total"])],
                ["units in the shards", _n(units["kept"])],
                ["shards", _n(summary["shards"]["count"])],
            ],
            {1},
        ),
        "<h2>Units left out of the shards</h2>",
        "<p>All units are in the database (<code>corpus.db</code>); the shards hold the kept ones. "
        "Each unit counts under the first reason that applies, in this order.</p>",
        _table(
            ["reason", "units"],
            [[escape(_DROP_TEXT[r]), _n(units["dropped"].get(r, 0))] for r in DROP_REASONS],
            {1},
        ),
        "<h2>Alignment score</h2>",
        _legend([(name, color) for name, _, color in series]),
        histogram_svg([(n, hist["score"][k], c) for n, k, c in series], score_labels, "unit score"),
        "<h2>Length ratio</h2>",
        _legend([(name, color) for name, _, color in series]),
        histogram_svg(
            [(n, hist["length_ratio"][k], c) for n, k, c in series],
            ratio_labels,
            "English characters / Persian characters (log scale; ends include everything beyond)",
        ),
        "<h2>Flags by rule</h2>",
        _legend([(s, SEVERITY_COLORS[s]) for s in SEVERITY_COLORS]),
        flags_svg(summary["flags"]),
        "<h2>Sources</h2>",
        _table(
            ["source", "documents", "bad", "skipped", "units", "kept"],
            [
                [f"<code>{escape(g)}</code>", *(_n(c[k]) for k in ("documents", "bad", "skipped", "units", "kept"))]
                for g, c in sorted(summary["sources"].items())
            ],
            {1, 2, 3, 4, 5},
        ),
        *_pairing(summary.get("pairing", {})),
        "<h2>Bad inputs</h2>",
        _problems(summary["bad"], "No bad inputs."),
        "<h2>Skipped files</h2>",
        _problems(summary["skipped"], "No files skipped."),
        "</body></html>",
        "",
    ]
    return "\n".join(out)


_DROP_TEXT = {
    "null": "one side empty (null unit)",
    "flag": "flagged (--drop-flag)",
    "min-score": "score below --min-score",
    "exact-duplicate": "exact duplicate of an earlier unit",
    "near-duplicate": "near duplicate of an earlier unit",
}


def _pairing(pairing: dict) -> list[str]:
    """Crawls and folders whose pages were paired first: pages, languages, pairs, unpaired and why."""
    if not pairing:
        return []

    def counts(d: dict) -> str:
        return escape(", ".join(f"{k} {v}" for k, v in d.items())) or "—"

    rows = [[f"<code>{escape(g)}</code>", _n(c["pages"]), counts(c["languages"]), _n(c["pairs"]),
             counts(c["unpaired"]), counts(c["records_skipped"])] for g, c in pairing.items()]  # fmt: skip
    head = ["crawl or folder", "pages", "languages", "pairs", "unpaired pages, why", "records not pages"]
    return ["<h2>Pages paired</h2>", _table(head, rows, {1, 3})]


def _problems(items: list[dict], none: str) -> str:
    if not items:
        return f'<p class="muted">{escape(none)}</p>'
    return _table(["source", "reason"], [[f"<code>{escape(i['source'])}</code>", escape(i["reason"])] for i in items])
