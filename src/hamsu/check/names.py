"""Names: a name on one side of a unit with no counterpart on the other.

The rule reads the linker's output (hamsu.names.link_names: one UnitNames per unit). Name finding
is the noisiest step of the chain, so an unlinked name is reported only when it is surely a name
(kept in Latin letters, typed by the linker from a gazetteer, title or the document, several
capitalized English words, linked in another unit of the same document, or accepted by the
caller's `known` test) and the other side has nothing that may render it. A name linked in the
same unit (سلیمانی twice in Persian, once in English and once as "he") is no omission.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from ..matching import ZWNJ, fold_english, fold_persian_key
from ..records import EN, FA, Mention, UnitNames
from .base import DocumentContext, Finding, Rule, UnitView

KNOWN_KINDS = frozenset({"person", "place", "organization"})


def name_key(mention: Mention) -> str:
    """Mentions compare by folded letters: Persian variants and half-spaces, English case and accents."""
    if mention.lang == FA:
        return fold_persian_key(mention.text)
    text = fold_english(mention.text)
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    return "".join(ch for ch in text if ch.isalnum())


def linked_units(context: DocumentContext) -> dict[tuple[str, str], set[int]]:
    """(lang, name key) → the units where that name is linked to a counterpart."""
    found: dict[tuple[str, str], set[int]] = defaultdict(set)
    for index, names in enumerate(context.names or ()):
        for link in names.links:
            found[FA, name_key(link.fa)].add(index)
            found[EN, name_key(link.en)].add(index)
    return found


def one_sided_units(context: DocumentContext) -> dict[tuple[str, str], set[int]]:
    """(lang, name key) → the units where that name is left without a counterpart."""
    found: dict[tuple[str, str], set[int]] = defaultdict(set)
    for index, names in enumerate(context.names or ()):
        for mention in names.fa_only + names.en_only:
            found[mention.lang, name_key(mention)].add(index)
    return found


def counterparts(context: DocumentContext) -> dict[tuple[str, str], set[str]]:
    """(lang, name key) → the keys of the forms it is linked to anywhere in the document."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for names in context.names or ():
        for link in names.links:
            found[FA, name_key(link.fa)].add(name_key(link.en))
            found[EN, name_key(link.en)].add(name_key(link.fa))
    return found


def is_acronym(text: str) -> bool:
    """WHO, U.S., MERS-CoV, HCoVs: mostly capitals."""
    letters = [ch for ch in text if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return upper >= 2 and upper * 2 >= len(letters)


def _letters(text: str, lang: str) -> str:
    return fold_persian_key(text) if lang == FA else "".join(ch for ch in fold_english(text) if ch.isalnum())


MAX_RUN_WORDS = 5


_GLUED = ("های", "ها", "یان", "ان", "ی")


def _fa_heads(word: str) -> tuple[str, ...]:
    """A Persian word without a half-spaced or glued suffix: ایران‌ها، چینی، مصریان."""
    head = _letters(word.split(ZWNJ)[0], FA)
    out = [head]
    for suffix in _GLUED:
        if head.endswith(suffix) and len(head) - len(suffix) >= 3:
            out.append(head[: -len(suffix)])
    return tuple(out)


def _word_runs(text: str, lang: str) -> set[str]:
    """The keys of every run of up to MAX_RUN_WORDS words of a text, as name_key makes them: a
    form linked elsewhere is looked up as whole words (US is no part of "virus")."""
    words = text.split()
    keys = [_letters(w, lang) for w in words]
    # A Persian word may carry a half-spaced suffix the linked form lacks (ایران‌ها).
    heads = [_fa_heads(w) if lang == FA else () for w in words]
    runs = set()
    for i in range(len(words)):
        joined = ""
        for j in range(i, min(len(words), i + MAX_RUN_WORDS)):
            runs.update(joined + head for head in heads[j])
            joined += keys[j]
            runs.add(joined)
            if lang == EN and joined.endswith("s"):
                runs.add(joined[:-1])  # Iran's, Kurds
    runs.discard("")
    return runs


def _presence(mention: Mention, unit: UnitView) -> float:
    """The share of the mention's words the other side of the unit may render (hamsu.names'
    lenient test: any romanization, table form, translation or Latin spelling); 0 when none is."""
    try:
        from ..names.presence import presence
    except ImportError:  # without the names package, nothing can be said against the linker
        return 0.0
    other = unit.side(EN if mention.lang == FA else FA).text
    return presence(mention.text, mention.lang, other)


def _word_count(mention: Mention, loose: bool = False) -> int:
    """How many words a name has: Persian words; English name words, without function words,
    titles and initials (Seven Sisters, Bryan J: one), or with `loose` every capitalized word but
    titles (two)."""
    if mention.lang == FA:
        return len(mention.text.split())
    try:
        from ..names.english import TITLES
        from ..names.presence import name_words
    except ImportError:  # pragma: no cover
        return len(mention.text.split())
    if not loose:
        return len(name_words(mention.text, mention.lang))
    return sum(1 for w in re.findall(r"[^\W\d_]+", mention.text) if w[0].isupper() and w not in TITLES)


def _lower_words(context: DocumentContext) -> frozenset[str]:
    """The words the document's English writes in lower case: ordinary words, not names."""
    out: set[str] = set()
    for sentence in context.alignment.en:
        out.update(w for w in re.findall(r"[a-z]+(?:['’][a-z]+)?", sentence.text) if w.islower())
    return frozenset(out)


def _in_table(mention: Mention) -> bool:
    """A Persian mention the name table knows as a name (منظومه شمسی Solar System): typed by its
    source, whatever kind the linker gave it."""
    try:
        from ..names.table import fa_lookup_key, name_table_data
    except ImportError:  # pragma: no cover
        return False
    entry = name_table_data().entry(fa_lookup_key(mention.text))
    return entry is not None and not entry.ambiguous


def _is_latin(mention: Mention) -> bool:
    """A Persian mention kept in Latin letters (Zhao Lijian): the Persian quotes the name as the
    source writes it, so it is a name for sure, and the English should have it letter for letter."""
    return mention.lang == FA and any("a" <= ch.lower() <= "z" for ch in mention.text) and not any(
        "\u0600" <= ch <= "\u06ff" for ch in mention.text
    )


HALF_RENDERED = 0.5  # a name with more than this share of its words rendered is no omission
CONFIDENT, TENTATIVE = 1.0, 0.5  # scores of one name left out, by how sure the rule is of it


class NamesRule(Rule):
    """A name on one side without its counterpart in the unit.

    The linker's one-sided names are noisy (a common word read as a place, a name it failed to
    link), so the rule first asks whether the other side may render the name after all, by any
    evidence (hamsu.names.presence: romanization however loose, table form, translation, Latin
    spelling, acronym). A name more than half of whose words may be rendered is no omission. Of the
    rest, the rule grades how sure it is that the mention is a name and that nothing renders it.

    Confident, reported as warnings, when no word of the name is rendered and it is a name for
    sure: a Persian name kept in Latin letters, a Persian name of two words or more the linker
    typed or the name table knows, an English name of two words or more with a word that is no
    ordinary English word (Gilead Sciences, not Foster Care), a name the document links elsewhere
    more often than it leaves it one-sided, or one the caller's `known` test accepts. Tentative,
    reported as minor: such a name with half its words rendered, any other name of two words or
    more with less rendered, a typed Persian name of one word, any name linked elsewhere. Never
    reported: an untyped one-word name linked nowhere, English acronyms (translations expand and
    contract them), a name linked in the unit itself, a name whose linked form from elsewhere in
    the document appears on the other side.
    """

    name = "names"
    severity = "warning"
    its_type = "omission"
    description = "names: a name on one side with nothing on the other that may render it"
    needs = frozenset({"names"})

    def __init__(self, known: Callable[[Mention], bool] | None = None):
        self.known = known

    def applies(self, unit: UnitView) -> bool:
        return unit.names is not None and super().applies(unit)

    def confidence(self, mention: Mention, unit: UnitView, others: tuple[Mention, ...] = ()) -> float:
        """CONFIDENT, TENTATIVE, or 0 when the mention is no name left out."""
        if is_acronym(mention.text) and not _is_latin(mention):
            return 0.0  # an English acronym: the Persian may spell it out
        key = (mention.lang, name_key(mention))
        context = unit.context
        linked = context.memo("linked-names", lambda: linked_units(context)).get(key, set())
        if unit.index in linked:
            return 0.0  # linked in this very unit: another mention of it is translated
        other_lang = EN if mention.lang == FA else FA
        forms = context.memo("name-forms", lambda: counterparts(context)).get(key, set())
        if forms:
            runs = unit.memo(("word-runs", other_lang), lambda: _word_runs(unit.side(other_lang).text, other_lang))
            letters = unit.memo(("letters", other_lang), lambda: _letters(unit.side(other_lang).text, other_lang))
            # Whole English words (US is no part of "virus"); Persian forms also inside a word
            # (چینی in ضدچینی, anti-Chinese) unless they are too short to tell.
            if forms & runs or (other_lang == FA and any(len(f) >= 3 and f in letters for f in forms)):
                return 0.0  # the linker missed a form the document links elsewhere
        one_sided = context.memo("one-sided-names", lambda: one_sided_units(context)).get(key, set())
        one_sided = one_sided - {unit.index}
        elsewhere = linked - {unit.index}
        typed = mention.lang == FA and (mention.kind in KNOWN_KINDS or _in_table(mention))
        words = _word_count(mention)
        several = words >= 2 or _word_count(mention, loose=True) >= 2
        if not (elsewhere or typed or several or _is_latin(mention) or (self.known and self.known(mention))):
            return 0.0  # one untyped word: no name for sure, whatever the other side says
        rendered = _presence(mention, unit)
        if rendered > HALF_RENDERED:
            return 0.0  # the other side may well render it: the linker missed the pair
        sure = (
            _is_latin(mention)
            or (typed and words >= 2)
            or (mention.lang == EN and words >= 2 and self._proper(mention, unit))
            or len(elsewhere) > len(one_sided)
            or bool(self.known and self.known(mention))
        )
        if sure and rendered == 0.0:
            return CONFIDENT
        if rendered == HALF_RENDERED:  # حزب کمونیست چین with China in the English, no Communist
            return TENTATIVE if sure else 0.0
        return TENTATIVE

    @staticmethod
    def _proper(mention: Mention, unit: UnitView) -> bool:
        """An English name with a word that is no ordinary word (Gilead Sciences, not Foster Care
        or Human Rights, which are translated word for word), or one the name table knows."""
        try:
            from ..names.presence import name_words, ordinary_english
            from ..names.table import en_lookup_key, name_table_data
        except ImportError:  # pragma: no cover
            return True
        if name_table_data().persian_for(en_lookup_key(mention.text)):
            return True
        context = unit.context
        lower = context.memo("english-lower-words", lambda: _lower_words(context))
        return not all(ordinary_english(w, lower) for w in name_words(mention.text, EN))

    def findings(self, unit: UnitView) -> list[Finding]:
        names: UnitNames | None = unit.names
        if names is None:
            return []
        out = []
        for lang, mentions, others, its_type in ((FA, names.fa_only, names.en_only, "omission"),
                                                  (EN, names.en_only, names.fa_only, "addition")):  # fmt: skip
            graded = [(self.confidence(m, unit, others), m) for m in mentions]
            for level, severity in ((CONFIDENT, "warning"), (TENTATIVE, "minor")):
                chosen = [m for c, m in graded if c == level]
                if not chosen:
                    continue
                shown = ", ".join(repr(m.text) for m in chosen)
                where = "Persian name {} has no counterpart in English" if lang == FA else \
                    "English name {} has no counterpart in Persian"  # fmt: skip
                spans = tuple((m.start, m.end) for m in chosen)
                out.append(Finding(level * len(chosen), where.format(shown), spans if lang == FA else (),
                                   spans if lang == EN else (), severity=severity, its_type=its_type))  # fmt: skip
        return out
