"""Full-text search over the aligned units, each hit with its counterpart.

Query language (anything else is a QueryError, one line saying what is wrong):

    word word          both words (AND); a word folds as the text does (store/fold.py), and a
                       word the fold splits (COVID-19, می‌شود) is searched as a phrase
    "a phrase"         the words in this order, next to each other
    word*  "a phr"*    prefix: words starting so (at least two letters before the *)
    a OR b             either; OR binds tighter than AND: `x a OR b` is x AND (a OR b)

A term in Persian script searches the Persian side; any other term both sides. `lang` keeps the
search to one side. With `lenient` (the JSON API), a query this language cannot read is searched
as its plain words, its operators and quotes ignored, and one with no words finds nothing: a
search box should answer whatever is typed into it, as Elasticsearch's simple_query_string does.

A term in Latin letters that names a person or place also finds the Persian units that write
the name (Soleimani → سلیمانی): through the English forms of stored name links, and through the
Persian name words whose transliteration the term is (names/translit.py).

Order: the newest RANK_WINDOW matches, most relevant first, then the older matches newest
first. Relevance is BM25's length normalization with a term frequency of 1 (a unit is a sentence
or two, where a word rarely occurs twice), weighted by the aligner's confidence: short,
well-aligned units first. Neither FTS5's `ORDER BY rank` nor its bm25() is used: both count every
match of every phrase in the corpus to weigh the words (bm25's IDF), which takes 50-100 ms for a
phrase of common words in a million units, while walking the index in rowid order stops after
the window (under a millisecond). Among the hits of one query, IDF only weighs one OR
alternative against another.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from ..errors import HamsuError
from ..matching import ARABIC_MARKS, ARABIC_SCRIPT, ENGLISH_TOKEN, fold_english
from .fold import en_prefix, en_stem, en_tokens, en_words, fa_tokens

MAX_LIMIT = 100  # a page holds at most this many hits; larger limits are cut to it
# The furthest page: offset + limit goes to SQLite, whose integers are 64-bit; no corpus has more
# units than this (larger offsets are cut to it, and find nothing).
MAX_OFFSET = 1 << 40
RANK_WINDOW = 200  # matches ranked by relevance (see the module docstring)
BM25_K1, BM25_B = 1.2, 0.75
NAME_THRESHOLD = 0.85  # transliteration score for a Persian name word to stand for a Latin term
MAX_NAME_FORMS = 8  # Persian forms a Latin term is widened by, best first
MIN_PREFIX = 2


class QueryError(HamsuError):
    """A search query that cannot be understood: the message says what is wrong."""


@dataclass(frozen=True)
class Hit:
    unit_id: int
    doc_id: int
    doc_key: str
    title: str
    unit_idx: int
    fa: str
    en: str
    score: float  # the aligner's confidence in the unit
    flags: tuple[str, ...]  # rules of the flags raised on the unit, in order, each once
    fa_marks: tuple[tuple[int, int], ...] = ()  # [start, end) of matched words in fa
    en_marks: tuple[tuple[int, int], ...] = ()
    relevance: float = 0.0  # higher is better (see the module docstring); 0 past the ranked window


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: tuple[Hit, ...]
    names: tuple[str, ...] = ()  # Persian name forms Latin terms were widened by
    more: bool = False  # whether there are hits after this page


# --- Parsing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False
    prefix: bool = False


_SYNTAX = 'write words, "phrases", prefix* and OR'


def parse(query: str) -> list[list[Term]]:
    """The query as groups to AND, each a list of terms to OR."""
    if not query.strip():
        raise QueryError("empty query")
    items: list[Term | str] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
            continue
        if ch == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise QueryError(f"unclosed quote in {query!r}: {_SYNTAX}")
            prefix = end + 1 < n and query[end + 1] == "*"
            items.append(Term(query[i + 1 : end], phrase=True, prefix=prefix))
            i = end + 1 + prefix
            continue
        j = i
        while j < n and not query[j].isspace() and query[j] != '"':
            j += 1
        items.append(_word(query[i:j]))
        i = j
    return _groups(items, query)


def _word(word: str) -> Term | str:
    if word in ("OR", "|"):
        return "OR"
    if word == "AND":
        return "AND"
    if word == "NOT":
        raise QueryError(f"NOT is not supported: {_SYNTAX}")
    if any(c in word for c in "()"):
        raise QueryError(f"parentheses are not supported in {word!r}: {_SYNTAX}")
    if len(word) > 1 and word[0] == "-" and not word[1].isdigit():
        raise QueryError(f"excluding words ({word}) is not supported: {_SYNTAX}")
    prefix = word.endswith("*")
    core = word[:-1] if prefix else word
    if "*" in core or (prefix and not core):
        raise QueryError(f"'*' goes at the end of a word, as in word*, not {word!r}")
    return Term(core, prefix=prefix)


def _groups(items: list[Term | str], query: str) -> list[list[Term]]:
    groups: list[list[Term]] = []
    joining = False  # the last item was OR
    for k, item in enumerate(items):
        if item == "AND":
            if joining or k == 0 or k == len(items) - 1:
                raise QueryError(f"AND needs a word or phrase on each side in {query!r}")
            continue
        if item == "OR":
            if joining or not groups or k == len(items) - 1 or items[k - 1] == "AND":
                raise QueryError(f"OR needs a word or phrase on each side in {query!r}")
            joining = True
            continue
        if joining:
            groups[-1].append(item)
        else:
            groups.append([item])
        joining = False
    return groups


# --- From terms to an FTS5 expression -------------------------------------------------------------


@dataclass
class _Plan:
    """The FTS5 expression and what to highlight."""

    groups: list[str] = field(default_factory=list)
    fa_words: set[str] = field(default_factory=set)
    fa_prefixes: set[str] = field(default_factory=set)
    en_stems: set[str] = field(default_factory=set)
    en_prefixes: set[str] = field(default_factory=set)
    names: list[str] = field(default_factory=list)

    @property
    def expression(self) -> str:
        return " AND ".join(self.groups)


def _phrase(tokens: list[str], prefix: bool, column: str | None) -> str:
    text = '"' + " ".join(tokens).replace('"', '""') + '"' + ("*" if prefix else "")
    return f"{column} : {text}" if column else text


def _fa_query_tokens(text: str) -> list[str]:
    from ..persian.normalize import normalize

    # The indexed text was normalized before folding; so is the query, which restores the
    # half-spaces a user typing میشود left out.
    return fa_tokens(normalize(text))


def _term_tokens(text: str, prefix: bool, side: str) -> list[str]:
    """The search words of a term for one side of the index; a prefix's last word unstemmed."""
    if side == "fa":
        # A prefix is not a word: the normalizer could split it where the whole word is not split.
        return _fa_query_tokens(text) if ARABIC_SCRIPT.search(text) and not prefix else fa_tokens(text)
    tokens = en_tokens(text)
    if prefix and tokens:
        tokens[-1] = en_prefix(en_words(text)[-1])
    return tokens


def _alternatives(conn: sqlite3.Connection, term: Term, lang: str | None, plan: _Plan) -> list[str]:
    persian = ARABIC_SCRIPT.search(term.text) is not None
    if lang is not None:
        sides = [lang]
    elif persian:
        sides = ["fa"]  # Persian words are not looked for in the English
    else:
        sides = ["fa", "en"]
    found = {side: _term_tokens(term.text, term.prefix, side) for side in sides}
    alternatives = []
    if term.prefix and any(t and len(t[-1]) < MIN_PREFIX for t in found.values()):
        raise QueryError(f"a prefix needs at least {MIN_PREFIX} letters before the '*' in {term.text + '*'!r}")
    if len(sides) == 2 and found["fa"] == found["en"]:
        found = {None: found["fa"]}  # one phrase for both columns: one walk through the index
    for side, tokens in found.items():
        if tokens:
            alternatives.append(_phrase(tokens, term.prefix, side))
            _marks_for(plan, side, tokens, term.prefix)
    if not persian and lang != "en" and not term.prefix and any(c.isalpha() for c in term.text):
        words = en_words(term.text)
        for form in name_forms(conn, term.text, phrase=term.phrase or len(words) > 1):
            form_tokens = fa_tokens(form)
            alternative = _phrase(form_tokens, False, "fa")
            if form_tokens and alternative not in alternatives and ARABIC_SCRIPT.search(form):
                alternatives.append(alternative)
                _marks_for(plan, "fa", form_tokens, False)
                if form not in plan.names:
                    plan.names.append(form)
    return alternatives


def _marks_for(plan: _Plan, side: str | None, tokens: list[str], prefix: bool) -> None:
    whole, last = (tokens[:-1], tokens[-1]) if prefix else (tokens, None)
    if side in (None, "fa"):
        plan.fa_words.update(whole)
        if last:
            plan.fa_prefixes.add(last)
    if side in (None, "en"):
        plan.en_stems.update(whole)
        if last:
            plan.en_prefixes.add(last)


# Characters and words with a meaning in the query language, which plain_words drops.
_SYNTAX_CHARACTERS = re.compile('["()*]')
_OPERATORS = frozenset({"AND", "OR", "NOT", "|"})


def plain_words(query: str) -> str:
    """The query's words without its syntax: quotes, parentheses, '*', operators, a leading '-'."""
    words = (w.lstrip("-") for w in _SYNTAX_CHARACTERS.sub(" ", query).split() if w not in _OPERATORS)
    return " ".join(w for w in words if w)


def plan_query(conn: sqlite3.Connection, query: str, lang: str | None, lenient: bool = False) -> _Plan:
    """The FTS5 plan of `query`; QueryError when it cannot be read, or (`lenient`) the plan of its
    plain words, which has no groups when nothing in it can be searched for."""
    if not lenient:
        return _plan(conn, query, lang)
    try:
        return _plan(conn, query, lang)
    except QueryError:
        if lang not in (None, "fa", "en"):
            raise
    words = plain_words(query)
    try:
        return _plan(conn, words, lang) if words else _Plan()
    except QueryError:
        return _Plan()


def _plan(conn: sqlite3.Connection, query: str, lang: str | None) -> _Plan:
    if lang not in (None, "fa", "en"):
        raise QueryError(f"lang must be fa or en, not {lang!r}")
    plan = _Plan()
    for group in parse(query):
        alternatives = []
        for term in group:
            alternatives += _alternatives(conn, term, lang, plan)
        alternatives = list(dict.fromkeys(alternatives))
        if alternatives:
            plan.groups.append(alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")")
    if not plan.groups:
        raise QueryError(f"nothing to search for in {query!r} (no letters or digits to match)")
    return plan


# --- Names ----------------------------------------------------------------------------------------

_CLASSES = "bfjklmnrstc"  # names/translit.py consonant classes


@lru_cache(maxsize=4096)
def _skeleton_neighbours(skeleton: frozenset[str]) -> tuple[str, ...]:
    """Every Persian skeleton that skeletons_overlap accepts for this English one, as stored."""
    from ..names.translit import skeletons_overlap

    out = []
    for size in range(1, len(_CLASSES) + 1):
        for combo in combinations(sorted(_CLASSES), size):
            if skeletons_overlap(frozenset(combo), skeleton):
                out.append("".join(combo))
    return tuple(out)


def name_forms(conn: sqlite3.Connection, text: str, phrase: bool = False) -> list[str]:
    """Persian forms of the name a Latin term may be: those stored name links give for it, then
    (for one word) the stored Persian name words it transliterates, best first."""
    from ..names.translit import latin_key, romanization_fold_fa, romanization_skeleton_en, score_keys

    key = latin_key(text)
    if len(key) < 3:
        return []
    forms = [
        row[0]
        for row in conn.execute(
            "SELECT fa FROM names WHERE en_key = ? AND fa IS NOT NULL GROUP BY fa ORDER BY count(*) DESC LIMIT ?",
            (key, MAX_NAME_FORMS),
        )
    ]
    forms = [_MARKS.sub("", f) for f in forms]
    if phrase or len(key) < 4:
        return list(dict.fromkeys(forms))
    skeletons = _skeleton_neighbours(romanization_skeleton_en(key))
    scored = []
    for start in range(0, len(skeletons), 500):
        chunk = skeletons[start : start + 500]
        rows = conn.execute(
            f"SELECT form FROM name_terms WHERE skel IN ({','.join('?' * len(chunk))})", chunk
        ).fetchall()
        for (form,) in rows:
            score = score_keys(romanization_fold_fa(form).strip(), key, NAME_THRESHOLD)
            if score >= NAME_THRESHOLD:
                scored.append((-score, form))
    forms += [form for _, form in sorted(scored)]
    return list(dict.fromkeys(forms))[:MAX_NAME_FORMS]


# --- Running it ---------------------------------------------------------------------------------

_MARKS = re.compile(f"[{ARABIC_MARKS}]")
_FA_WORD = re.compile(f"(?:[^\\W_]|[{ARABIC_MARKS}])+")


def _fts_rows(conn: sqlite3.Connection, expression: str, query: str, sql: str, args: tuple) -> list:
    try:
        return conn.execute(sql, (expression, *args)).fetchall()
    except sqlite3.OperationalError as e:
        if "fts5" in str(e) or "syntax" in str(e) or "unterminated" in str(e):
            raise QueryError(f"cannot search for {query!r}: {_SYNTAX}") from None
        raise


def search(
    conn: sqlite3.Connection,
    query: str,
    lang: str | None = None,
    limit: int = 20,
    offset: int = 0,
    lenient: bool = False,
) -> SearchResult:
    """One page of hits for `query` (see the module docstring), each with its counterpart.

    `lang` "fa" or "en" searches that side only, None both. `limit` is cut to 1..MAX_LIMIT and
    `offset` to 0..MAX_OFFSET (past it there are no hits to show). `lenient`: see plan_query.
    """
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, min(int(offset), MAX_OFFSET))
    plan = plan_query(conn, query, lang, lenient)
    if not plan.groups:
        return SearchResult(query=query, hits=())
    wanted = offset + limit + 1
    rows = _fts_rows(
        conn,
        plan.expression,
        query,
        "SELECT u.id, length(u.fa) + length(u.en), u.score FROM units u WHERE u.id IN"
        " (SELECT rowid FROM units_fts WHERE units_fts MATCH ? ORDER BY rowid DESC LIMIT ?) ORDER BY u.id DESC",
        (max(wanted, RANK_WINDOW),),
    )
    ranked = _rank(rows[:RANK_WINDOW]) + [(row[0], 0.0) for row in rows[RANK_WINDOW:]]
    page = ranked[offset : offset + limit]
    hits = _hits(conn, page, plan)
    return SearchResult(query=query, hits=hits, names=tuple(plan.names), more=len(ranked) > offset + limit)


def _rank(rows: list) -> list[tuple[int, float]]:
    """(unit id, relevance) of the window's units, most relevant first, then newest."""
    if not rows:
        return []
    average = sum(row[1] for row in rows) / len(rows) or 1.0
    scored = []
    for unit_id, length, score in rows:
        norm = BM25_K1 * (1 - BM25_B + BM25_B * length / average)
        scored.append((unit_id, round((BM25_K1 + 1) / (1 + norm) * score, 6)))
    scored.sort(key=lambda r: (-r[1], -r[0]))
    return scored


def search_unit_ids(conn: sqlite3.Connection, query: str, lang: str | None = None, lenient: bool = False) -> list[int]:
    """The ids of every unit the query matches, in id order (for exporting a search)."""
    plan = plan_query(conn, query, lang, lenient)
    if not plan.groups:
        return []
    sql = "SELECT rowid FROM units_fts WHERE units_fts MATCH ? ORDER BY rowid"
    rows = _fts_rows(conn, plan.expression, query, sql, ())
    return [r[0] for r in rows]


def _hits(conn: sqlite3.Connection, page: list, plan: _Plan) -> tuple[Hit, ...]:
    if not page:
        return ()
    ids = [r[0] for r in page]
    marks = ",".join("?" * len(ids))
    units = {
        row[0]: row
        for row in conn.execute(
            "SELECT u.id, u.doc_id, d.doc_key, d.title, u.idx, u.fa, u.en, u.score"
            f" FROM units u JOIN documents d ON d.id = u.doc_id WHERE u.id IN ({marks})",
            ids,
        )
    }
    flags: dict[int, list[str]] = {}
    for unit_id, rule in conn.execute(
        f"SELECT unit_id, rule FROM flags WHERE unit_id IN ({marks}) ORDER BY unit_id, idx", ids
    ):
        rules = flags.setdefault(unit_id, [])
        if rule not in rules:
            rules.append(rule)
    hits = []
    for unit_id, relevance in page:
        row = units.get(unit_id)
        if row is None:  # deleted between the two reads; the index said it was there
            continue
        _, doc_id, doc_key, title, idx, fa, en, score = tuple(row)
        hits.append(
            Hit(
                unit_id=unit_id, doc_id=doc_id, doc_key=doc_key, title=title, unit_idx=idx, fa=fa, en=en,
                score=score, flags=tuple(flags.get(unit_id, ())),
                fa_marks=_fa_marks(fa, plan), en_marks=_en_marks(en, plan),
                relevance=relevance,
            )
        )
    return tuple(hits)


@lru_cache(maxsize=1 << 16)
def _word_tokens(word: str) -> tuple[str, ...]:
    # Per word and cached: a page of hits repeats most of its words.
    return tuple(fa_tokens(word))


def _fa_marks(text: str, plan: _Plan) -> tuple[tuple[int, int], ...]:
    words, prefixes = plan.fa_words, tuple(plan.fa_prefixes)
    if not (words or prefixes):
        return ()
    out = []
    for m in _FA_WORD.finditer(text):
        for token in _word_tokens(m.group()):
            if token in words or (prefixes and token.startswith(prefixes)):
                out.append((m.start(), m.end()))
                break
    return tuple(out)


def _en_marks(text: str, plan: _Plan) -> tuple[tuple[int, int], ...]:
    stems, prefixes = plan.en_stems, tuple(plan.en_prefixes)
    if not (stems or prefixes):
        return ()
    out = []
    for m in ENGLISH_TOKEN.finditer(text):
        word = m.group()
        if en_stem(word) in stems or (prefixes and fold_english(word).startswith(prefixes)):
            out.append((m.start(), m.end()))
    return tuple(out)
