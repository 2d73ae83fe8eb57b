"""HTML pieces built in Python: text with marked spans, the side-by-side document, the histogram.

Every piece of text from the corpus goes through markupsafe.escape on its way into HTML; the
results are Markup only because they were built from escaped parts here, never by trusting text.
"""
from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from ..records import SEVERITIES, expand_shifts

FA, EN = "fa", "en"


@dataclass(frozen=True, slots=True)
class Mark:
    """A span [start, end) of a text to wrap in <mark>, with its CSS class and tooltip."""

    start: int
    end: int
    cls: str
    title: str = ""


def marked(text: str, marks: Iterable[Mark]) -> Markup:
    """`text` escaped, with each mark's span wrapped in <mark class=...>. Overlapping marks are
    split at every boundary, so the output nests correctly whatever the spans."""
    spans = [(max(0, m.start), min(len(text), m.end), m) for m in marks if min(len(text), m.end) > max(0, m.start)]
    if not spans:
        return Markup(escape(text))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        if a == b:
            continue
        piece = escape(text[a:b])
        active = [m for s, e, m in spans if s <= a and b <= e]
        if not active:
            out.append(piece)
            continue
        classes = " ".join(dict.fromkeys(c for m in active for c in m.cls.split()))
        title = "; ".join(dict.fromkeys(m.title for m in active if m.title))
        attr = Markup(' title="{}"').format(title) if title else Markup("")
        out.append(Markup('<mark class="{}"{}>{}</mark>').format(classes, attr, piece))
    return Markup("").join(out)


def marks_from_ranges(ranges: Iterable[Sequence[int]], cls: str, title: str = "") -> list[Mark]:
    return [Mark(int(r[0]), int(r[1]), cls, title) for r in ranges]


# --- offsets: original text -> shown sentence text ------------------------------------------------


class SentenceText:
    """A sentence as shown (Persian normalized), and where original-text offsets fall in it."""

    def __init__(self, sentence: dict[str, Any], original: str) -> None:
        self.start = sentence["start"]
        self.end = sentence["end"]
        self._map: list[int] | None = None  # shown position -> original offset (relative)
        piece = original[self.start : self.end]
        self.text = sentence["text"] if sentence["text"] is not None else piece  # NULL: the original
        if piece == self.text:
            return
        shifts = sentence.get("shifts")
        if shifts is not None:  # the normalizer's map, kept by the store (schema version 3)
            self._map = list(expand_shifts(shifts, len(self.text)))
            return
        if sentence["lang"] == FA and piece:  # a store from before: normalize the sentence again
            from ..persian.normalize import normalize_detailed

            normalized = normalize_detailed(piece)
            if normalized.text == self.text:
                self._map = list(normalized.offset_map)
                return
        # The normalizer saw the whole block, not this sentence alone, and chose differently:
        # show the original text, where the offsets are exact.
        self.text = piece

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end

    def local(self, start: int, end: int) -> tuple[int, int]:
        """An original [start, end) as positions in the shown text."""
        a, b = start - self.start, end - self.start
        if self._map is None:
            return a, b
        return bisect.bisect_left(self._map, a), bisect.bisect_left(self._map, b)


# --- the document page ----------------------------------------------------------------------------


@dataclass(slots=True)
class SentenceView:
    lang: str
    idx: int
    html: Markup
    unit_id: int | None = None
    unit_idx: int | None = None
    score: float | None = None
    null: bool = False  # its unit has no counterpart on the other side
    first: bool = False  # the first sentence of its unit on this side
    anchor: bool = False  # where #u{unit_id} points: the unit's first Persian sentence, else English
    badges: list[dict[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class BlockView:
    idx: int
    kind: str
    lang: str
    reason: str = ""
    text: str = ""  # boilerplate: the original text
    sentences: list[SentenceView] = field(default_factory=list)


def _flag_title(flag: dict[str, Any]) -> str:
    """A flag as its tooltip says it: rule, severity, message and, when it has some, its evidence."""
    title = f"{flag['rule']} ({flag['severity']}): {flag['message']}"
    return f"{title} — evidence: {flag['evidence']}" if flag.get("evidence") else title


def document_view(
    texts: list[str],
    blocks: list[dict[str, Any]],
    sentences: list[dict[str, Any]],
    units: list[dict[str, Any]],
    names: list[dict[str, Any]],
    flags: list[dict[str, Any]],
) -> dict[str, list[BlockView]]:
    """The blocks of each side, in order, with their sentences marked up: names, flag spans, the
    unit each sentence belongs to and the flag badges of its unit."""
    of_sentence: dict[tuple[str, int], dict[str, Any]] = {}
    for u in units:
        for lang, ids in ((FA, u["fa_ids"]), (EN, u["en_ids"])):
            for i in ids:
                of_sentence[(lang, i)] = u
    by_unit_names: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for n in names:
        by_unit_names[n["unit_id"]].append(n)
    by_unit_flags: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for f in flags:
        if f["unit_id"] is not None:
            by_unit_flags[f["unit_id"]].append(f)

    views: dict[tuple[str, int], SentenceView] = {}
    side_of_block: dict[int, str] = {}
    for s in sentences:
        original = texts[s["source"]] if s["source"] < len(texts) else ""
        shown = SentenceText(s, original)
        unit = of_sentence.get((s["lang"], s["idx"]))
        marks: list[Mark] = []
        if unit is not None:
            for n in by_unit_names.get(unit["id"], ()):
                span = n["fa_span"] if s["lang"] == FA else n["en_span"]
                if span and shown.contains(*span):
                    other = n["en"] if s["lang"] == FA else n["fa"]
                    title = f"{n['evidence']}: {other}" if other else f"{n['evidence']}: no counterpart"
                    a, b = shown.local(*span)
                    marks.append(Mark(a, b, "name" if other else "name lone", title))
            for f in by_unit_flags.get(unit["id"], ()):
                for span in f["fa_spans"] if s["lang"] == FA else f["en_spans"]:
                    if shown.contains(*span):
                        a, b = shown.local(*span)
                        marks.append(Mark(a, b, f"flagged sev-{f['severity']}", _flag_title(f)))
        view = SentenceView(s["lang"], s["idx"], marked(shown.text, marks))
        if unit is not None:
            ids = unit["fa_ids"] if s["lang"] == FA else unit["en_ids"]
            view.unit_id, view.unit_idx, view.score = unit["id"], unit["idx"], unit["score"]
            view.null = not (unit["en_ids"] if s["lang"] == FA else unit["fa_ids"])
            view.first = s["idx"] == ids[0]
            view.anchor = view.first and (s["lang"] == FA or not unit["fa_ids"])
        views[(s["lang"], s["idx"])] = view
        side_of_block.setdefault(s["block"], s["lang"])

    # Flag badges after the unit's last sentence on the side the flag points at (both sides, or the
    # Persian one, when it points at neither).
    for u in units:
        for f in by_unit_flags.get(u["id"], ()):
            sides = [lang for lang, spans in ((FA, f["fa_spans"]), (EN, f["en_spans"])) if spans]
            present = [lang for lang in (FA, EN) if u[f"{lang}_ids"]]
            sides = [lang for lang in sides if lang in present] or present[:1]
            for lang in sides:
                last = views.get((lang, u[f"{lang}_ids"][-1]))
                if last is not None:
                    last.badges.append({"rule": f["rule"], "severity": f["severity"], "title": _flag_title(f)})
    for v in views.values():
        v.badges.sort(key=lambda b: -SEVERITIES.index(b["severity"]) if b["severity"] in SEVERITIES else 0)

    by_block: dict[int, list[SentenceView]] = defaultdict(list)
    for s in sentences:
        by_block[s["block"]].append(views[(s["lang"], s["idx"])])
    sides: dict[str, list[BlockView]] = {FA: [], EN: []}
    previous = FA
    for b in blocks:
        side = side_of_block.get(b["idx"])
        if side is None:
            if b["lang"] in (FA, EN):
                side = b["lang"]
            elif len(texts) > 1:
                side = FA if b["source"] == 0 else EN
            else:
                side = previous
        previous = side
        view = BlockView(b["idx"], b["kind"], b["lang"], b["reason"])
        if b["kind"] == "boilerplate" or b["idx"] not in by_block:
            original = texts[b["source"]] if b["source"] < len(texts) else ""
            view.text = original[b["start"] : b["end"]]
        view.sentences = by_block.get(b["idx"], [])
        sides[side].append(view)
    return sides


# --- the score histogram --------------------------------------------------------------------------


def histogram_svg(bins: list[dict[str, Any]], width: int = 520, height: int = 200) -> Markup:
    """An inline SVG bar chart of the score histogram: no script, no style attribute."""
    pad_left, pad_bottom, pad_top = 44, 34, 14
    plot_w, plot_h = width - pad_left - 8, height - pad_bottom - pad_top
    top = max((b["count"] for b in bins), default=0) or 1
    bar_w = plot_w / max(len(bins), 1)
    parts = [
        Markup(
            '<svg class="histogram" xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
            'viewBox="0 0 {w} {h}" role="img" aria-label="Histogram of unit alignment scores">'
        ).format(w=width, h=height),
        Markup('<line x1="{x}" y1="{y0}" x2="{x}" y2="{y1}" class="axis"/>').format(
            x=pad_left, y0=pad_top, y1=pad_top + plot_h
        ),
        Markup('<line x1="{x0}" y1="{y}" x2="{x1}" y2="{y}" class="axis"/>').format(
            x0=pad_left, x1=pad_left + plot_w, y=pad_top + plot_h
        ),
        Markup('<text x="{x}" y="{y}" class="tick" text-anchor="end">{n}</text>').format(
            x=pad_left - 4, y=pad_top + 4, n=top
        ),
        Markup('<text x="{x}" y="{y}" class="tick" text-anchor="end">0</text>').format(
            x=pad_left - 4, y=pad_top + plot_h
        ),
    ]
    for i, b in enumerate(bins):
        h = plot_h * b["count"] / top
        x = pad_left + i * bar_w
        parts.append(
            Markup(
                '<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" class="bar">'
                "<title>{lo:.1f}–{hi:.1f}: {n} units</title></rect>"
            ).format(x=x + 1, y=pad_top + plot_h - h, w=max(bar_w - 2, 1), h=h, lo=b["lo"], hi=b["hi"], n=b["count"])
        )
        if b["count"]:
            parts.append(
                Markup('<text x="{x:.1f}" y="{y:.1f}" class="count" text-anchor="middle">{n}</text>').format(
                    x=x + bar_w / 2, y=pad_top + plot_h - h - 3, n=b["count"]
                )
            )
        parts.append(
            Markup('<text x="{x:.1f}" y="{y}" class="tick" text-anchor="middle">{lo:.1f}</text>').format(
                x=x, y=pad_top + plot_h + 14, lo=b["lo"]
            )
        )
    parts.append(
        Markup('<text x="{x:.1f}" y="{y}" class="tick" text-anchor="middle">1.0</text>').format(
            x=pad_left + plot_w, y=pad_top + plot_h + 14
        )
    )
    parts.append(
        Markup('<text x="{x:.1f}" y="{y}" class="label" text-anchor="middle">alignment score</text>').format(
            x=pad_left + plot_w / 2, y=height - 4
        )
    )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
