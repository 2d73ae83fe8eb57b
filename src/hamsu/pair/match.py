"""Pairing pages: candidates from an inverted index, a score for each candidate, a one-to-one choice.

1. Every key (anchors.py) gets an inverse document frequency over all pages of both languages.
2. Candidates: each page looks up its rarest keys in an inverted index of the other language's
   pages and keeps the pages that share the most weight with it. A key held by more than
   MAX_POSTINGS pages is not looked up (it could not single out a translation anyway), so each
   page costs a bounded amount of work and the whole grows about linearly with the pages.
3. Score: the pair's similarity (`pair_score`) mixes content (how much of each page's words the
   other page's words translate to, through the en–fa dictionary, weighted by idf) and anchors
   (the share of numbers, dates and names the two pages agree on), scaled by how well the lengths
   agree; a publication date far apart lowers it, a URL hint (the same path once the language is
   taken out, or a shared long number) raises it. Dates and URLs are never required. The score
   in [0, 1] is the similarity's margin over each page's next best candidates (BACKGROUND).
4. Assignment: candidate pairs best first, each taken when both pages are still free and the
   score reaches the threshold; so each page is in at most one pair, and two near-duplicate
   articles (one story, different figures) go to the translations their anchors agree with.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from heapq import nlargest
from urllib.parse import urlsplit

from ..records import EN, FA
from .anchors import Features, page_features
from .pages import Page, Unpaired

DEFAULT_MIN_SCORE = 0.1
# A pair's score is its margin: how far its similarity stands above the similarity of each page
# to its next best candidates (the mean of BACKGROUND of them), times MARGIN_SCALE, in [0, 1]. A
# page without a translation is about as similar to its best candidate as to the next ones.
BACKGROUND = 2
# The similarity of unrelated pages, for a page with too few candidates to measure its own (a
# crawl of a handful of pages): unrelated news articles reach about this much through shared
# common words (0.02–0.06 on the dev articles), translations 0.3 and more.
BACKGROUND_FLOOR = 0.06
MARGIN_SCALE = 2.0
RARE_KEYS = 40  # keys per page looked up in the index, rarest first
MAX_POSTINGS = 200  # a key on more pages of the other language is not looked up
CANDIDATES = 12  # candidates kept per page, from each side

W_CONTENT, W_ANCHORS = 0.55, 0.45
NUMBER_DISAGREEMENT = 0.7  # the most that numbers not agreeing take from a similarity
MANY_NUMBERS = 5  # numbers and dates each page must hold for their disagreement to count in full
MIN_SHARED_NUMBERS = 2  # numbers and dates two pages must share before their agreement counts in full
# Persian letters per English letter in a translation (FLORES-200 devtest 0.896, TICO-19 test
# 0.890), and how far (natural log of the ratio) an article's usually strays from it (FLORES
# articles: standard deviation 0.10; pages add titles and captions of their own).
LETTER_RATIO = 0.89
LENGTH_SPREAD = 0.3
LENGTH_FLOOR = 0.4  # the length alone never takes more than this share of a score
DATE_SLACK_DAYS = 3  # publication dates this close agree; beyond it the score drops slowly
DATE_PENALTY = 0.5  # the most a date disagreement takes from a score
URL_BONUS = 0.3  # share of the distance to 1 a URL hint closes
_LANGUAGE_SEGMENT = re.compile(r"(?<![A-Za-z])(?:fa|en|per|eng|farsi|persian|english|fa-ir|en-us|en-gb)(?![A-Za-z])",
                               re.IGNORECASE)  # fmt: skip
_LONG_NUMBER = re.compile(r"\d{5,}")


@dataclass(frozen=True, slots=True)
class Pair:
    fa: Page
    en: Page
    score: float
    evidence: dict


@dataclass
class Pairing:
    pairs: list[Pair] = field(default_factory=list)
    unpaired: list[Unpaired] = field(default_factory=list)
    candidates: int = 0  # candidate pairs scored


Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


@dataclass(slots=True)
class _Indexed:
    page: Page
    features: Features
    number_weight: float  # sum of the idf of its numbers and dates
    name_weight: float  # English pages: sum of the weights of its capitalized words
    word_weight: float  # sum of the idf of its content words (English: of its translated words)
    url_path: str
    url_numbers: frozenset[str]
    day: date | None


def _url_hints(url: str | None) -> tuple[str, frozenset[str]]:
    """(path and query with language names taken out, long numbers in it) of a URL."""
    if not url:
        return "", frozenset()
    try:
        parts = urlsplit(url)
    except ValueError:
        return "", frozenset()
    rest = parts.path + ("?" + parts.query if parts.query else "")
    stripped = _LANGUAGE_SEGMENT.sub("", rest)
    return (stripped if re.search(r"[A-Za-z0-9]{3}", stripped) else ""), frozenset(_LONG_NUMBER.findall(rest))


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _length_agreement(fa_letters: int, en_letters: int) -> float:
    if not fa_letters or not en_letters:
        return 0.0
    stray = math.log(fa_letters / en_letters / LETTER_RATIO)
    return math.exp(-(stray * stray) / (2 * LENGTH_SPREAD * LENGTH_SPREAD))


def _is_number(key: str) -> bool:
    return key[:2] in ("n:", "y:", "d:")


def pair_score(fa: _Indexed, en: _Indexed, idf: dict[str, float], en_idf: dict[str, float]) -> tuple[float, dict]:
    """The score of a Persian and an English page, and the evidence behind it."""
    # Content: the share of the Persian page's words (by idf) that the English page's words
    # translate to, and the share of the English page's words (by idf among English pages) with a
    # translation on the Persian page; their geometric mean. Coverage counts each English word
    # once however many translations the dictionary gives it (a tf-idf cosine over the
    # translations lets polysemous words weigh more, and paired less well on the dev sets).
    fa_words, en_words = fa.features.words, en.features.words
    shared_words = [k for k in fa_words if k in en_words]
    fa_covered = sum(idf[k] for k in shared_words) / fa.word_weight if fa.word_weight else 0.0
    en_covered = (sum(en_idf[stem] for stem, keys in en.features.translated if not keys.isdisjoint(fa_words))
                  / en.word_weight) if en.word_weight else 0.0  # fmt: skip
    content = math.sqrt(fa_covered * en_covered)
    fa_anchors, en_anchors = fa.features.anchors, en.features.anchors
    shared = [k for k in fa_anchors if k in en_anchors]
    parts = {}
    number_total = fa.number_weight + en.number_weight
    if number_total:
        numbers = [k for k in shared if _is_number(k)]
        # One shared number (a year, a small count) is thin evidence however few the pages hold.
        sure = min(1.0, len(numbers) / MIN_SHARED_NUMBERS)
        parts["numbers"] = sure * min(1.0, 2 * sum(idf[k] for k in numbers) / number_total)
    if en.name_weight:
        found = sum(max(idf[k] for k in keys) for _, keys in en.features.names if any(k in fa_anchors for k in keys))
        parts["names"] = min(1.0, found / en.name_weight)
    anchors = sum(parts.values()) / len(parts) if parts else 0.0
    # With neither numbers nor names on the pages, the words decide alone.
    base = W_CONTENT * content + W_ANCHORS * anchors if parts else content
    length = _length_agreement(fa.features.letters, en.features.letters)
    score = base * (1 - LENGTH_FLOOR + LENGTH_FLOOR * length)
    if "numbers" in parts:
        # A translation carries its numbers over; two pages that both hold many numbers and
        # agree on few are two texts (two versions of a story, two reports on one subject).
        held = min(sum(map(_is_number, fa_anchors)), sum(map(_is_number, en_anchors)))
        score *= 1 - NUMBER_DISAGREEMENT * (1 - parts["numbers"]) * min(1.0, held / MANY_NUMBERS)
    evidence: dict = {
        "names": sorted({en_anchors[k] for k in shared if k[0] in "~N@"}),
        "numbers": sorted({en_anchors[k] for k in shared if k.startswith("n:")}, key=_number_order),
        "dates": sorted({en_anchors[k] for k in shared if k[:2] in ("y:", "d:")}),
        "dictionary": {"shared_words": len(shared_words), "coverage": round(content, 3)},
        "anchors": {k: round(v, 3) for k, v in parts.items()},
        "length": round(length, 3),
    }
    if fa.day is not None and en.day is not None:
        apart = abs((fa.day - en.day).days)
        evidence["days_apart"] = apart
        if apart > DATE_SLACK_DAYS:
            score *= 1 - DATE_PENALTY * min(1.0, (apart - DATE_SLACK_DAYS) / 30)
    hint = ""
    if fa.url_path and fa.url_path == en.url_path:
        hint = "same path"
    elif fa.url_numbers & en.url_numbers:
        hint = "shared number " + min(fa.url_numbers & en.url_numbers)
    if hint:
        evidence["url"] = hint
        score += (1 - score) * URL_BONUS
    return round(min(1.0, max(0.0, score)), 4), evidence


def _number_order(shown: str) -> float:
    try:
        return float(shown)
    except ValueError:
        return 0.0


def pair_pages(pages: list[Page], min_score: float = DEFAULT_MIN_SCORE, progress: Progress = _quiet) -> Pairing:
    """The pairs among Persian and English pages, and the pages left without a pair."""
    from ..align.dictionary import shipped_dictionary
    from ..names.table import name_table_data

    dictionary, names = shipped_dictionary(), name_table_data()
    features = []
    for n, page in enumerate(pages, start=1):
        features.append(page_features(page.text, page.lang, dictionary, names))
        if n % 1000 == 0:
            progress(f"read the words, numbers and names of {n}/{len(pages)} pages")
    df: dict[str, int] = defaultdict(int)
    for f in features:
        for k in f.words:
            df[k] += 1
        for k in f.anchors:
            df[k] += 1
    total = len(pages)
    idf = {k: math.log(1 + total / d) for k, d in df.items()}
    # English words are weighed by how rare they are among the English pages.
    en_df: dict[str, int] = defaultdict(int)
    for f in features:
        for stem, _ in f.translated:
            en_df[stem] += 1
    en_total = sum(1 for page in pages if page.lang == EN)
    en_idf = {k: math.log(1 + en_total / d) for k, d in en_df.items()}
    indexed = []
    for page, f in zip(pages, features):
        path, numbers = _url_hints(page.url)
        indexed.append(_Indexed(page, f,
                                sum(idf[k] for k in f.anchors if _is_number(k)),
                                sum(max(idf[k] for k in keys) for _, keys in f.names),
                                sum(en_idf[stem] for stem, _ in f.translated) if page.lang == EN
                                else sum(idf[k] for k in f.words),
                                path, numbers, _day(page.date)))  # fmt: skip
    fa_side = [x for x in indexed if x.page.lang == FA]
    en_side = [x for x in indexed if x.page.lang == EN]
    progress(f"finding candidates among {len(fa_side)} Persian and {len(en_side)} English pages")
    candidates = _candidates(fa_side, en_side, idf)
    progress(f"scoring {len(candidates)} candidate pairs")
    raw = {}
    for n, (i, j) in enumerate(sorted(candidates), start=1):
        raw[i, j] = pair_score(fa_side[i], en_side[j], idf, en_idf)
        if n % 50000 == 0:
            progress(f"scored {n}/{len(candidates)} candidate pairs")
    fa_top: dict[int, list[float]] = defaultdict(list)
    en_top: dict[int, list[float]] = defaultdict(list)
    for (i, j), (score, _) in raw.items():
        fa_top[i].append(score)
        en_top[j].append(score)
    for tops in (fa_top, en_top):
        for k in tops:
            tops[k] = sorted(tops[k], reverse=True)[: BACKGROUND + 1]
    scored = []
    for (i, j), (score, evidence) in raw.items():
        background = max(_background(fa_top[i], score), _background(en_top[j], score), BACKGROUND_FLOOR)
        evidence["raw_score"] = score
        evidence["background"] = round(background, 4)
        final = round(min(1.0, max(0.0, MARGIN_SCALE * (score - background))), 4)
        scored.append((final, fa_side[i].page.source, en_side[j].page.source, i, j, evidence))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    fa_taken: set[int] = set()
    en_taken: set[int] = set()
    pairing = Pairing(candidates=len(candidates))
    best_fa: dict[int, float] = {}
    best_en: dict[int, float] = {}
    for score, _, _, i, j, evidence in scored:
        best_fa.setdefault(i, score)
        best_en.setdefault(j, score)
        if score < min_score or i in fa_taken or j in en_taken:
            continue
        fa_taken.add(i)
        en_taken.add(j)
        pairing.pairs.append(Pair(fa_side[i].page, en_side[j].page, score, evidence))
    for side, taken, best in ((fa_side, fa_taken, best_fa), (en_side, en_taken, best_en)):
        for k, x in enumerate(side):
            if k in taken:
                continue
            if k not in best:
                reason = "no candidate"
            elif best[k] < min_score:
                reason = f"best score {best[k]:.2f} below the minimum {min_score:g}"
            else:
                reason = "its candidates were paired with better matches"
            pairing.unpaired.append(Unpaired(x.page.source, x.page.lang, reason))
    return pairing


def _background(top: list[float], score: float) -> float:
    """The mean of a page's best BACKGROUND candidate scores other than `score`: how alike an
    unrelated page of the other language looks to it."""
    others = list(top)
    if score in others:  # (the lists keep only the best scores of each page)
        others.remove(score)
    others = others[:BACKGROUND]
    return sum(others) / len(others) if others else 0.0


def _candidates(fa_side: list[_Indexed], en_side: list[_Indexed], idf: dict[str, float]) -> set[tuple[int, int]]:
    """(Persian index, English index) pairs worth scoring, found from both sides."""
    found: set[tuple[int, int]] = set()
    for own, other, flip in ((fa_side, en_side, False), (en_side, fa_side, True)):
        postings: dict[str, list[int]] = defaultdict(list)
        for j, x in enumerate(other):
            for k in x.features.anchors:
                postings[k].append(j)
            for k in x.features.words:
                postings[k].append(j)
        for i, x in enumerate(own):
            keys = [k for k in (*x.features.anchors, *x.features.words) if 0 < len(postings.get(k, ())) <= MAX_POSTINGS]
            keys = nlargest(RARE_KEYS, keys, key=idf.__getitem__)
            weights: dict[int, float] = defaultdict(float)
            for k in keys:
                w = idf[k]
                for j in postings[k]:
                    weights[j] += w
            for j in nlargest(CANDIDATES, weights, key=weights.__getitem__):
                found.add((j, i) if flip else (i, j))
    return found
