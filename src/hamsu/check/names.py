"""Names: a name on one side of a unit with no counterpart on the other.

The rule reads the linker's output (hamsu.names.link_names: one UnitNames per unit). Name finding
is the noisiest step of the chain, so an unlinked name is reported only when it is surely a name
(kept in Latin letters, typed by the linker from a gazetteer, title or the document, several
capitalized English words, linked in another unit of the same document, or accepted by the
caller's `known` test) and the other side has nothing that may render it. A name linked in the
same unit (سلیمانی twice in Persian, once in English and once as "he") is no omission.

Warnings are kept for what changes the information: a name replaced by another (each side has a
name the other lacks, one of them a name the table knows), a known name dropped. What the
document explains (the name in a neighbouring unit whose own side lacks it, a pronoun for a person
named nearby), a spelling, a spelled-out acronym or the translated rest of a name is minor. Every
finding says in `evidence` what was compared: `en 'Kandahar' ↔ fa: none of قندهار on the other
side; fa has کابل`.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace

from ..matching import ZWNJ, fold_english, fold_persian_key
from ..persian.script import ARABIC_BLOCK, in_arabic_block
from ..records import EN, FA, Mention, UnitNames
from .base import DocumentContext, Finding, Rule, UnitView
from .omission import _NOT_ALNUM  # not str.isalnum, as a pattern: letters and digits kept in C

KNOWN_KINDS = frozenset({"person", "place", "organization"})


@lru_cache(maxsize=1)
def _names_package() -> SimpleNamespace | None:
    """The parts of hamsu.names the tests read, imported at the first test, or None without the
    names package: the tests run unit after unit, and an import statement in each would ask the
    import system again at every call."""
    try:
        from ..names import english, generic, presence, table
    except ImportError:  # pragma: no cover
        return None
    return SimpleNamespace(english=english, generic=generic, presence=presence, table=table)


def name_key(mention: Mention) -> str:
    """Mentions compare by folded letters: Persian variants and half-spaces, English case and accents."""
    if mention.lang == FA:
        return _persian_name_key(mention.text)
    return _english_name_key(mention.text)


@lru_cache(maxsize=1 << 14)  # as _english_name_key: the linked names are keyed in each of a name's units
def _persian_name_key(text: str) -> str:
    return fold_persian_key(text)


@lru_cache(maxsize=1 << 14)  # the document's links are keyed by several rules, and each name recurs
def _english_name_key(text: str) -> str:
    text = fold_english(text)
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    return _NOT_ALNUM.sub("", text)


def linked_units(context: DocumentContext) -> dict[tuple[str, str], set[int]]:
    """(lang, name key) → the units where that name is linked to a counterpart."""
    found: dict[tuple[str, str], set[int]] = defaultdict(set)
    for index, names in enumerate(context.names or ()):
        for link in names.links:
            found[FA, name_key(link.fa)].add(index)
            found[EN, name_key(link.en)].add(index)
    return found


def _links_read(context: DocumentContext) -> tuple[dict[tuple[str, str], set[int]], dict[tuple[str, str], set[str]]]:
    """linked_units and counterparts in one pass over the document's links, each link's two keys
    made once: what NamesRule.prepare fills for every unit's tests."""
    linked: dict[tuple[str, str], set[int]] = defaultdict(set)
    forms: dict[tuple[str, str], set[str]] = defaultdict(set)
    for index, names in enumerate(context.names or ()):
        for link in names.links:
            fa, en = name_key(link.fa), name_key(link.en)
            linked[FA, fa].add(index)
            linked[EN, en].add(index)
            forms[FA, fa].add(en)
            forms[EN, en].add(fa)
    return linked, forms


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


@lru_cache(maxsize=1 << 12)
def is_acronym(text: str) -> bool:
    """WHO, U.S., MERS-CoV, HCoVs: mostly capitals."""
    letters = [ch for ch in text if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return upper >= 2 and upper * 2 >= len(letters)


def _letters(text: str, lang: str) -> str:
    return fold_persian_key(text) if lang == FA else _NOT_ALNUM.sub("", fold_english(text))


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


def _word_runs(text: str, lang: str) -> list[tuple[str, tuple[str, ...]]]:
    """A text's words as _in_word_runs reads them (_word_key of each), in order."""
    return [_word_key(w, lang) for w in text.split()]


def _in_word_runs(forms, read: list[tuple[str, tuple[str, ...]]], english: bool) -> bool:
    """Whether a form (a name key) is the key of a run of up to MAX_RUN_WORDS words of a text, as
    name_key makes them: a form linked elsewhere is looked up as whole words (US is no part of
    "virus"). `read`: the text's _word_runs; `english`: the text is English. A run's key is its
    words' keys run together; its last word may stand by a head (Persian: without a half-spaced or
    glued suffix, ایران‌ها) and an English run without a final s (Iran's, Kurds).

    Each form is walked along the words from each start for as long as their keys run together
    spell the start of it: every key of a run begins with the keys of its words before the last."""
    count = len(read)
    for form in forms:
        if not form:
            continue
        for i in range(count):
            joined = ""
            for j in range(i, min(count, i + MAX_RUN_WORDS)):
                if not form.startswith(joined):
                    break
                key, heads = read[j]
                if heads and any(joined + head == form for head in heads):
                    return True
                joined += key
                if joined == form or (english and joined.endswith("s") and joined[:-1] == form):
                    return True
    return False


@lru_cache(maxsize=1 << 14)  # a document's vocabulary: words recur in side after side
def _word_key(word: str, lang: str) -> tuple[str, tuple[str, ...]]:
    """One word as _word_runs reads it: its key, and (Persian) its heads without a suffix the
    linked form may lack (ایران‌ها)."""
    return _letters(word, lang), (_fa_heads(word) if lang == FA else ())


def _presence(mention: Mention, unit: UnitView) -> float:
    """The share of the mention's words the other side of the unit may render (hamsu.names'
    lenient test: any romanization, table form, translation or Latin spelling); 0 when none is."""
    package = _names_package()
    if package is None:  # without the names package, nothing can be said against the linker
        return 0.0
    presence = package.presence.presence
    other = unit.side(EN if mention.lang == FA else FA).text
    return presence(mention.text, mention.lang, other)


def _word_count(mention: Mention, loose: bool = False) -> int:
    """How many words a name has: Persian words; English name words, without function words,
    titles and initials (Seven Sisters, Bryan J: one), or with `loose` every capitalized word but
    titles (two)."""
    if mention.lang == FA:
        return len(mention.text.split())
    package = _names_package()
    if package is None:  # pragma: no cover
        return len(mention.text.split())
    TITLES, name_words = package.english.TITLES, package.presence.name_words
    if not loose:
        return len(name_words(mention.text, mention.lang))
    return sum(1 for w in re.findall(r"[^\W\d_]+", mention.text) if w[0].isupper() and w not in TITLES)


def _lower_words(context: DocumentContext) -> frozenset[str]:
    """The words the document's English writes in lower case: ordinary words, not names."""
    out: set[str] = set()
    for sentence in context.alignment.en:
        out.update(_LOWER_WORD.findall(sentence.text))
    return frozenset(out)


_LOWER_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")  # in lower case by its letters alone


def _in_table(mention: Mention) -> bool:
    """A Persian mention the name table knows as a name (منظومه شمسی Solar System): typed by its
    source, whatever kind the linker gave it."""
    package = _names_package()
    if package is None:  # pragma: no cover
        return False
    fa_lookup_key, name_table_data = package.table.fa_lookup_key, package.table.name_table_data
    entry = name_table_data().entry(fa_lookup_key(mention.text))
    return entry is not None and not entry.ambiguous


def _is_latin(mention: Mention) -> bool:
    """A Persian mention kept in Latin letters (Zhao Lijian): the Persian quotes the name as the
    source writes it, so it is a name for sure, and the English should have it letter for letter."""
    return mention.lang == FA and _in_latin_letters(mention.text)


@lru_cache(maxsize=1 << 12)  # asked several times of each Persian mention, and a name recurs
def _in_latin_letters(text: str) -> bool:
    """Whether a text has a Latin letter and no letter of the Arabic block."""
    return any("a" <= ch.lower() <= "z" for ch in text) and not any(in_arabic_block(ch) for ch in text)


HALF_RENDERED = 0.5  # a name with more than this share of its words rendered is no omission
CONFIDENT, TENTATIVE = 1.0, 0.5  # scores of one name left out, by how sure the rule is of it
NEIGHBOURS = (-1, 1, -2, 2)  # the units a moved attribution or the name a pronoun stands for may be in
# Pronouns that may stand for a person's name on the other side (he ↔ آدامز, او ↔ Adams).
PRONOUNS = {
    EN: frozenset("he she they him her them his hers their theirs himself herself themselves it its".split()),
    FA: frozenset(fold_persian_key(w) for w in "او وی ایشان آنها آنان اینان ایشون".split()),
}


@dataclass(frozen=True, slots=True)
class Verdict:
    """How one unlinked mention is graded, and what was compared to grade it."""

    level: float  # CONFIDENT, TENTATIVE or 0
    missing: tuple[str, ...] = ()  # its words the other side renders by no evidence
    evidence: str = ""
    weak: bool = False  # an ordinary word capitalized: a name only if a known name stands in its place
    known: bool = False  # a missing word is a name the table knows (Arizona, ژاپن)


def _side_text(context: DocumentContext, index: int, lang: str) -> str:
    """One side of another unit of the document, as the rules read it."""
    return context.side(index, lang).text


def _pronoun_in(text: str, lang: str) -> str:
    """The first pronoun of a text that may stand for a person's name, or ""."""
    if lang == EN:
        words = re.findall(r"[A-Za-z]+", text)
        return next((w for w in words if w.lower() in PRONOUNS[EN]), "")
    return next((w for w in text.split() if fold_persian_key(w) in PRONOUNS[FA]), "")


def _forms(words: tuple[str, ...], lang: str) -> str:
    """The table's other-language forms of missing words, for evidence: "none of کابل"."""
    package = _names_package()
    if package is None:  # pragma: no cover
        return ""
    table_forms = package.presence.table_forms
    forms = [f for w in words for f in table_forms(w, lang)]
    return "none of " + ", ".join(dict.fromkeys(forms)) if forms else "no rendering of it"


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
    more often than it leaves it one-sided, or one the caller's `known` test accepts. Also
    confident: a word of the name the table knows as a name and as nothing else left unrendered
    (Arizona, ژاپن; Spring Washington with Spring translated), and a name REPLACED: an unrendered
    name on one side while the other has an unrendered name of its own (English Arizona where the
    Persian has شوماخر), whatever either is.

    Tentative, reported as minor: such a name with half its words rendered, any other name of two
    words or more with less rendered, a typed Persian name of one word, any name linked elsewhere,
    an English one-word name rendered by nothing; and a confident omission the document explains:
    the name in a neighbouring unit's other side whose own side lacks it (an attribution moved to
    the next sentence, sentences merged or split), or a pronoun on the other side standing for a
    name the neighbouring units give (he ↔ آدامز).

    Never reported: English acronyms (translations expand and contract them), a name linked in the
    unit itself, a name whose linked form from elsewhere in the document appears on the other side.
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

    def prepare(self, context: DocumentContext) -> None:
        """The document's name keys and words, which the tests of every unit read."""
        if context.names is None:
            return
        linked, forms = _links_read(context)  # the two read in one pass
        context.memo("linked-names", lambda: linked)
        context.memo("name-forms", lambda: forms)
        context.memo("one-sided-names", lambda: one_sided_units(context))
        context.memo("english-lower-words", lambda: _lower_words(context))
        context.memo("document-words", lambda: _document_words(context))

    def confidence(self, mention: Mention, unit: UnitView, others: tuple[Mention, ...] = ()) -> float:
        """CONFIDENT, TENTATIVE, or 0 when the mention is no name left out."""
        return self.verdict(mention, unit).level

    def verdict(self, mention: Mention, unit: UnitView) -> Verdict:
        """The mention graded on its own, without the rest of the unit (see findings)."""
        if is_acronym(mention.text) and not _is_latin(mention):
            return Verdict(0.0)  # an English acronym: the Persian may spell it out
        if _is_latin(mention) and _latin_phrase(mention.text):
            return Verdict(0.0)  # a Latin sentence, not a name: the untranslated rule's business
        key = (mention.lang, name_key(mention))
        context = unit.context
        linked = context.memo("linked-names", lambda: linked_units(context)).get(key, set())
        if mention.lang == FA and not (_is_latin(mention) or linked) and _in_ordinary_compound(mention, unit):
            return Verdict(0.0)  # الجزایر of مجمع الجزایر (archipelago), not Algeria
        if unit.index in linked:
            return Verdict(0.0)  # linked in this very unit: another mention of it is translated
        if mention.lang == EN and _own_language_label(mention, unit):
            return Verdict(0.0)  # "Fire Eye" in English: a gloss in Persian needs no such label
        if _expands_kept_acronym(mention, unit):
            return Verdict(0.0)  # Multiple Sclerosis (MS) with (MS) in the Persian: one term, however rendered
        other_lang = EN if mention.lang == FA else FA
        forms = context.memo("name-forms", lambda: counterparts(context)).get(key, set())
        if forms:
            runs = unit.memo(("word-runs", other_lang), lambda: _word_runs(unit.side(other_lang).text, other_lang))
            letters = unit.memo(("letters", other_lang), lambda: _letters(unit.side(other_lang).text, other_lang))
            # Whole English words (US is no part of "virus"); Persian forms also inside a word
            # (چینی in ضدچینی, anti-Chinese) unless they are too short to tell.
            if _in_word_runs(forms, runs, other_lang == EN) or (
                    other_lang == FA and any(len(f) >= 3 and f in letters for f in forms)):
                return Verdict(0.0)  # the linker missed a form the document links elsewhere
        one_sided = context.memo("one-sided-names", lambda: one_sided_units(context)).get(key, set())
        one_sided = one_sided - {unit.index}
        elsewhere = linked - {unit.index}
        typed = mention.lang == FA and (mention.kind in KNOWN_KINDS or _in_table(mention))
        words = _word_count(mention)
        several = words >= 2 or _word_count(mention, loose=True) >= 2
        rendered = _presence(mention, unit)
        if rendered > HALF_RENDERED:
            return Verdict(0.0)  # the other side may well render it: the linker missed the pair
        missing = _missing(mention, unit)
        lower = context.memo("english-lower-words", lambda: _lower_words(context))
        known = tuple(w for w in missing if _known_name(w, mention.lang, lower)) or _known_run(missing, mention.lang)
        if known:  # Arizona, ژاپن: a name the table knows, and no form of it on the other side
            part = _part_of_form(known, mention.lang, unit.side(other_lang).text)
            if part:  # Lent, چلهٔ روزه, with فصل روزه: rendered by another phrase with the same head
                return Verdict(TENTATIVE, missing, f"{_forms(known, mention.lang)} whole; {other_lang} has {part!r} "
                               "of one", known=True)  # fmt: skip
            return Verdict(CONFIDENT, missing, f"{_forms(known, mention.lang)} on the other side", known=True)
        single = not (elsewhere or typed or several or _is_latin(mention) or (self.known and self.known(mention)))
        if single:  # one untyped word: a name only if the other side turns out to lack one too
            proper = mention.lang == EN and rendered == 0.0 and not _ordinary(mention.text, lower)
            weak = mention.lang == EN and rendered == 0.0 and not proper
            return Verdict(TENTATIVE if proper else 0.0, missing, weak=weak)
        sure = (
            _is_latin(mention)
            or (typed and words >= 2)
            or (mention.lang == EN and words >= 2 and self._proper(mention, unit))
            # Linked elsewhere more often than not: a name, unless a title-case phrase of ordinary
            # words the translator renders by its meaning here (Giant Slalom, kept in Latin once).
            or (len(elsewhere) > len(one_sided) and (mention.lang == FA or self._proper(mention, unit)))
            or bool(self.known and self.known(mention))
        )
        if sure and rendered == 0.0:
            return Verdict(CONFIDENT, missing, "no word of it rendered")
        if rendered == HALF_RENDERED:  # حزب کمونیست چین with China in the English, no Communist
            # English words of a name half rendered: translated in part (Islamic of Islamic
            # Resistance), worth a note whether or not they are ordinary words.
            return Verdict(TENTATIVE if sure or mention.lang == EN else 0.0, missing, "half of it rendered")
        return Verdict(TENTATIVE, missing, "not all of it rendered" if rendered else "no word of it rendered")

    @staticmethod
    def _proper(mention: Mention, unit: UnitView) -> bool:
        """An English name whose words are all no ordinary words (Gilead Sciences, not Foster Care
        or Human Rights, which are translated word for word), or one the name table knows."""
        package = _names_package()
        if package is None:  # pragma: no cover
            return True
        name_words, ordinary_english = package.presence.name_words, package.presence.ordinary_english
        en_lookup_key, name_table_data = package.table.en_lookup_key, package.table.name_table_data
        if name_table_data().persian_for(en_lookup_key(mention.text)):
            return True
        context = unit.context
        lower = context.memo("english-lower-words", lambda: _lower_words(context))
        # Every word no ordinary one (Katja Saarinen): a title-case phrase with an ordinary word in
        # it (Negative Outlook, Giant Slalom, Qingming Festival) is as often translated by its meaning.
        return not any(ordinary_english(w, lower) for w in name_words(mention.text, EN))

    def _explained(self, mention: Mention, unit: UnitView) -> str:
        """Why the document says a name left out of this unit is no omission, or "": the other
        side of a neighbouring unit renders it while that unit's own side lacks it (a moved
        attribution, merged or split sentences), or a pronoun here stands for a name the
        neighbouring units give."""
        context = unit.context
        lang, other_lang = mention.lang, (EN if mention.lang == FA else FA)
        count = len(context.alignment.units)
        key = name_key(mention)
        for step in NEIGHBOURS:
            index = unit.index + step
            if not 0 <= index < count:
                continue
            if lang == FA:  # the English neighbour has it, one-sided there too (the linker says)
                names = context.names[index] if context.names else None
                moved = names is not None and any(_presence_in(mention, other.text) > HALF_RENDERED
                                                  for other in names.en_only)  # fmt: skip
            else:  # Persian names the linker misses: the neighbour renders it, its English lacks it
                there = _side_text(context, index, other_lang)
                own = _side_text(context, index, lang)
                moved = _presence_in(mention, there) > HALF_RENDERED and not _words_in(mention, own)
            if moved:
                return f"rendered in unit {index}, whose {lang} side lacks it (moved or merged)"
        pronoun = _pronoun_in(unit.side(other_lang).text, other_lang)
        if pronoun and mention.kind in ("person", "name") and not _is_place(mention):
            for step in NEIGHBOURS:
                index = unit.index + step
                if 0 <= index < count and _in_word_runs(
                        (key,), _word_runs(_side_text(context, index, lang), lang), lang == EN):
                    return f"'{pronoun}' may stand for it; unit {index} names it"
        return ""

    def findings(self, unit: UnitView) -> list[Finding]:
        names: UnitNames | None = unit.names
        if names is None:
            return []
        verdicts = {id(m): self.verdict(m, unit) for m in names.fa_only + names.en_only}
        # What each side leaves unrendered: a name replaced by another leaves one on each side.
        spelled_as: dict[int, str] = {}

        def spelled(m: Mention) -> str:  # the other side's word that spells it otherwise, or ""
            if id(m) not in spelled_as:
                missing = verdicts[id(m)].missing
                spelled_as[id(m)] = _loose_counterpart(m, missing, unit) if missing else ""
            return spelled_as[id(m)]

        # A name spelled otherwise on the other side is there: it stands in no other name's place.
        lacking = {
            EN: [m for m in names.en_only if verdicts[id(m)].level and verdicts[id(m)].missing and not spelled(m)],
            FA: [m for m in names.fa_only if verdicts[id(m)].level and verdicts[id(m)].missing and not spelled(m)],
        }
        if names.en_only and names.fa_only:  # read only as the rivals of English names (below)
            lacking[FA] += _repeated_beyond_english(names, unit.en.text)
        weak = any(verdicts[id(m)].weak for m in names.en_only)
        strays = self._strays(unit) if lacking[EN] or weak else ()
        out = []
        for lang, mentions, its_type in ((FA, names.fa_only, "omission"), (EN, names.en_only, "addition")):
            other_lang = EN if lang == FA else FA
            graded = []
            for m in mentions:
                verdict = verdicts[id(m)]
                level, evidence = verdict.level, verdict.evidence
                swapped = _swapped(m, unit) if lang == EN and not is_acronym(m.text) else ""
                if swapped:  # one word of the name replaced: its neighbours are rendered, it is not
                    graded.append((CONFIDENT, m, f"{lang} {m.text!r} ↔ {other_lang}: {swapped}"))
                    continue
                if not (level or verdict.weak):
                    continue
                shown = f"{lang} {m.text!r} ↔ {other_lang}: " + (evidence or "no rendering of it")
                if spelled(m):  # a name spelled otherwise (a typo, a loose romanization) is there
                    if level:
                        graded.append((TENTATIVE, m, shown + f"; {other_lang} has {spelled(m)!r}, spelled otherwise"))
                    continue
                remainder = lang == EN and not verdict.known and _beside_link(m, unit)
                rivals = self._rivals(m, verdict, unit, lacking[other_lang], strays if lang == EN else (), remainder)
                if not (level or rivals):
                    continue
                if rivals and not _all_generic(verdict.missing, lang):
                    level = CONFIDENT  # replaced: the other side has a name of its own in its place
                    shown += f"; {other_lang} has " + ", ".join(rivals)
                elif level == CONFIDENT:
                    acronym = _spelled_out_acronym(m, unit, names) if lang == FA and not _is_latin(m) else ""
                    why = ("the rest of a name linked in part, its words translated" if remainder
                           else f"en has {acronym!r}, which the Persian may spell out" if acronym
                           else self._explained(m, unit))  # fmt: skip
                    if why:
                        level = TENTATIVE
                        shown += f"; {why}"
                graded.append((level, m, shown))
            for level, severity in ((CONFIDENT, "warning"), (TENTATIVE, "minor")):
                chosen = [(m, shown) for c, m, shown in graded if c == level]
                if not chosen:
                    continue
                listed = ", ".join(repr(m.text) for m, _ in chosen)
                where = "Persian name {} has no counterpart in English" if lang == FA else \
                    "English name {} has no counterpart in Persian"  # fmt: skip
                spans = tuple((m.start, m.end) for m, _ in chosen)
                out.append(Finding(level * len(chosen), where.format(listed), spans if lang == FA else (),
                                   spans if lang == EN else (), severity=severity, its_type=its_type,
                                   evidence="; ".join(shown for _, shown in chosen)))  # fmt: skip
        out += _misspelled_acronyms(unit)
        stray = _stray_capitals(unit)
        if stray:
            listed = ", ".join(repr(word) for word, _ in stray)
            out.append(Finding(CONFIDENT * len(stray), f"English {listed} capitalized inside a sentence like a name, "
                               "with no counterpart in Persian", (), tuple(span for _, span in stray),
                               severity="warning", its_type="mistranslation",
                               evidence="; ".join(f"en {word!r} ↔ fa: a function word capitalized inside a sentence "
                                                  "(a word put where a name stood?); no rendering of it"
                                                  for word, _ in stray)))  # fmt: skip
        return out

    @staticmethod
    def _strays(unit: UnitView) -> tuple:
        """Persian words that look like names, outside the unit's links, each with whether it is
        a name for sure (hamsu.names.presence.stray_candidates): those the English renders by
        nothing are the strays (stray_names), a test _rivals asks only of the words it reads."""
        package = _names_package()
        if package is None:  # pragma: no cover
            return ()
        stray_candidates = package.presence.stray_candidates
        return stray_candidates(unit.fa.text, _linked_persian_keys(unit))

    def _rivals(self, mention: Mention, verdict: Verdict, unit: UnitView, lacking: list[Mention],
                strays: tuple = (), remainder: bool = False) -> list[str]:
        """The other side's unrendered names that may have taken this one's place: at least one
        of the two a name the table knows (two unknown words are as likely a translation and
        its source: Continuum, تسلسل), and none that may be the mention's own romanization,
        however loose (then the two are one name the tests missed). `strays`: _strays of the unit,
        each a rival unless the English renders it."""
        package = _names_package()
        if package is None:  # pragma: no cover
            return []
        loosely_romanizes, stray_rendered = package.presence.loosely_romanizes, package.presence.stray_rendered
        lower = unit.context.memo("english-lower-words", lambda: _lower_words(unit.context))
        linked = unit.context.memo("name-forms", lambda: counterparts(unit.context))
        known_here = not verdict.weak and (any(_known_name(w, mention.lang, lower) for w in verdict.missing) or (
            mention.lang == FA and _in_table(mention)) or (mention.lang, name_key(mention)) in linked)
        if remainder and not known_here:
            return []  # the rest of a name linked in part (Hurricane of Hurricane Katrina): translated words
        candidates = [(m.text, self._known_mention(m, unit, lower), None) for m in lacking]
        candidates += [(w.text, known or (FA, fold_persian_key(w.text)) in linked, w) for w, known in strays]
        found = []
        for other, known_there, stray in candidates:
            if not (known_here or known_there):
                continue
            if stray is not None and stray_rendered(stray, unit.en.text):
                continue  # no stray: the English renders it
            en_words, fa_text = (verdict.missing, other) if mention.lang == EN else (re.findall(r"[A-Za-z]+", other),
                                                                                      mention.text)  # fmt: skip
            if any(loosely_romanizes(fa, en) for fa in fa_text.split() for en in en_words):
                continue
            if other not in found:
                found.append(other)
        return found

    @staticmethod
    def _known_mention(mention: Mention, unit: UnitView, lower: frozenset[str]) -> bool:
        """A one-sided mention the table knows as a name (whole, or a word of it), one the linker
        typed a person or a place (a title before it; not an institution, whose name is as often
        translated: کالج سلطنتی), or one the document links elsewhere."""
        if (mention.lang, name_key(mention)) in unit.context.memo("name-forms", lambda: counterparts(unit.context)):
            return True
        if mention.lang == FA:  # typed by the table or by a title before it (روزنامه گاردین)
            typed = mention.kind in ("person", "place") and not _ordinary_persian(mention.text)
            return typed or _in_table(mention) or any(_known_name(w, FA, lower) for w in mention.text.split())
        return any(_known_name(w, EN, lower) for w in re.findall(r"[^\W\d_]+", mention.text))


def _repeated_beyond_english(names: UnitNames, en_text: str) -> list[Mention]:
    """Persian mentions of a name the unit links, beyond the times the English writes it: one
    of them may have been replaced in the English by another name (in Wuhan, China … "Wuhan
    coronavirus" with the first Wuhan gone). They are never flagged themselves (a translator may
    repeat a name the English gives once), only offered as what another name took the place of."""
    english_forms: dict[str, set[str]] = defaultdict(set)
    persian_count: dict[str, int] = defaultdict(int)
    for link in names.links:
        english_forms[name_key(link.fa)].add(link.en.text)
        persian_count[name_key(link.fa)] += 1
    out = []
    for mention in names.fa_only:
        key = name_key(mention)
        if key not in english_forms:
            continue
        persian_count[key] += 1
        written = sum(len(re.findall(rf"(?<![^\W\d_]){re.escape(form)}(?![^\W\d_])", en_text))
                      for form in english_forms[key])  # fmt: skip
        if persian_count[key] > written:
            out.append(mention)
    return out


def _document_words(context: DocumentContext) -> Counter[str]:
    """Each word of the document's English, lower-cased → how many units have it. (Whether a word
    is in a unit other than one is then its count less one if that unit has it: the few words asked
    about need no list of units, and the count of each unit's set of words is made in C.)"""
    found: Counter[str] = Counter()
    alignment = context.alignment
    for unit in alignment.units:
        found.update(_english_words_of(alignment, unit))
    return found


def _english_words_of(alignment, unit) -> set[str]:
    """The words of a unit's English, lower-cased."""
    words: set[str] = set()
    texts = alignment.document.texts
    # A unit's English side is its sentences as written, joined by spaces (build_side): its words
    # are theirs, read from the document without building the side.
    for i in unit.en:
        sentence = alignment.en[i]
        text = texts[sentence.source][sentence.start : sentence.end]
        if text.isascii():  # lower-cased whole, its words are the same, each lower-cased
            words.update(_LETTER_WORD.findall(text.lower()))
        else:
            words.update(word.lower() for word in _LETTER_WORD.findall(text))
    return words


_LETTER_WORD = re.compile(r"[^\W\d_]+")


def _swapped(mention: Mention, unit: UnitView) -> str:
    """Evidence that one word of an English name was put in place of another, or "": a word the
    Persian renders by nothing while it renders the name's other words, that the document has
    nowhere else (a word of its own name would recur), with a Persian word beside the others'
    rendering that the English lacks (hamsu.names.presence.swapped_parts)."""
    package = _names_package()
    if package is None:  # pragma: no cover
        return ""
    swapped_parts, name_words = package.presence.swapped_parts, package.presence.name_words
    context = unit.context
    counts = context.memo("document-words", lambda: _document_words(context))
    text = _with_linked_neighbours(mention, unit)
    # Only a word the document has in no other unit counts (below), and a missing word is one of
    # the name's words not in capitals: with none in one unit at most, nothing can be found, and
    # the Persian side is not searched (most names' words recur in the document).
    if not any(counts[w.lower()] <= 1 for w in name_words(text, EN) if not w.isupper()):
        return ""
    skip = _linked_persian_keys(unit)
    missing, left = swapped_parts(text, unit.fa.text, unit.en.text, skip)
    if not missing:
        return ""
    units = context.alignment.units
    own = _english_words_of(context.alignment, units[unit.index]) if 0 <= unit.index < len(units) else set()
    novel = [w for w in missing if counts[w.lower()] - (w.lower() in own) <= 0]
    if not novel:
        return ""
    return (f"{', '.join(map(repr, novel))} rendered by nothing while the name's other words are, and found "
            f"nowhere else in the document; fa has {', '.join(left)} in its place")


_OWN_LANGUAGE_LABEL = re.compile(r"[\"”’»]\s*in\s+$")  # "Fire Eye" in English


def _own_language_label(mention: Mention, unit: UnitView) -> bool:
    """English naming its own language as a gloss's label ("Fire Eye" in English, (English:
    Fire Eye)): a translation gives the gloss in Persian and drops the label, losing nothing."""
    if mention.text != "English":
        return False
    text = unit.context.alignment.document.texts[mention.source]
    before = text[max(0, mention.start - 6) : mention.start]
    if before.endswith("("):
        return text[mention.end : mention.end + 1] == ":"
    return bool(_OWN_LANGUAGE_LABEL.search(before))


_BRACKETED_ACRONYM = re.compile(r"\s*[(\[]\s*([A-Z][A-Za-z0-9-]{1,9})\s*[)\]]")


def _expands_kept_acronym(mention: Mention, unit: UnitView) -> bool:
    """A name right before an acronym in brackets that the other side writes too, where the
    English spells the acronym out whole or writes it alone (Multiple Sclerosis (MS), اداره
    ایمنی و بهداشت شغلی ایالات متحده (OSHA) for OSHA): a translator renders such an expansion by
    its meaning or adds to it (the country of an agency), and the acronym is the counterpart. Not
    where the English expansion no longer spells it (the respiratory syndrome (MERS) for سندروم
    تنفسی خاورمیانه (MERS): Middle East dropped)."""
    package = _names_package()
    if package is None:  # pragma: no cover
        return False
    acronym_spelled_out = package.english.acronym_spelled_out
    text = unit.context.alignment.document.texts[mention.source]
    found = _BRACKETED_ACRONYM.match(text, mention.end)
    if not found:
        return False
    acronym = found.group(1)
    other = unit.side(EN if mention.lang == FA else FA).text
    if re.search(rf"(?<![A-Za-z]){re.escape(acronym)}(?![A-Za-z])", other) is None:
        return False
    return acronym_spelled_out(unit.en.text, acronym) is not False


def _misspelled_acronyms(unit: UnitView) -> list[Finding]:
    """An English acronym in brackets the words before it do not spell out, with a word of those
    the Persian renders by nothing: World Covid Organization (WHO) for سازمان بهداشت جهانی —
    a word of the expansion replaced (hamsu.names.english.misspelled_acronyms)."""
    package = _names_package()
    if package is None:  # pragma: no cover
        return []
    misspelled_acronyms = package.english.misspelled_acronyms
    english_word_rendered, name_words = package.presence.english_word_rendered, package.presence.name_words
    unrendered_words = package.presence.unrendered_words
    en, fa = unit.en, unit.fa.text
    out = []
    for acronym, words, start, end in misspelled_acronyms(en.text):
        # Only where the Persian keeps the acronym: its words before it are the expansion to compare
        # with (سازمان بهداشت جهانی (WHO): Covid is no word of it, though کووید is in the sentence).
        # Both must lack a word of the other: an expansion from another language (Doctors Without
        # Borders (MSF)) is rendered whole, and a head word the Persian adds (سازمان) is no change.
        counterpart = _persian_expansion(acronym, fa)
        if not counterpart:
            continue
        lost = [w for w in name_words(words, EN) if w[:1].isupper() and not english_word_rendered(w, counterpart)]
        if not lost or not unrendered_words(counterpart, FA, en.text):
            continue
        out.append(Finding(CONFIDENT, f"English {words!r} does not spell out its acronym {acronym!r}", (),
                           (en.span(start, end),), severity="warning", its_type="mistranslation",
                           evidence=f"en {words!r} ↔ {acronym}: no reading of its words gives the acronym; "
                                    f"fa renders nothing of {', '.join(map(repr, lost))}"))  # fmt: skip
    return out


def _persian_expansion(acronym: str, fa: str) -> str:
    """The Persian words right before `acronym` in brackets (its expansion), or ""."""
    found = re.search(rf"((?:[{ARABIC_BLOCK}{ZWNJ}]+\s+){{1,6}})[(\[]\s*{re.escape(acronym)}\s*[)\]]", fa)
    return found.group(1).strip() if found else ""


def _stray_capitals(unit: UnitView) -> list[tuple[str, tuple[int, int]]]:
    """Function words the English capitalizes inside a sentence, alone, that the Persian renders
    by nothing (hamsu.names.english.capitalized_function_words): (word, original span)."""
    package = _names_package()
    if package is None:  # pragma: no cover
        return []
    capitalized_function_words, english_word_rendered = (
        package.english.capitalized_function_words, package.presence.english_word_rendered)
    en, fa = unit.en, unit.fa.text
    return [(word, en.span(start, end)) for word, start, end in capitalized_function_words(en.text)
            if not english_word_rendered(word, fa)]  # fmt: skip


def _latin_phrase(text: str) -> bool:
    """Latin words on the Persian side that read as a phrase, not a name: more than MAX_RUN_WORDS
    words, or more lower-case words than capitalized ones among three or more (Children are
    placed in)."""
    words = re.findall(r"[A-Za-z]+", text)
    lower = sum(w.islower() for w in words)
    return len(words) > MAX_RUN_WORDS or (len(words) >= 3 and lower > len(words) - lower)


def _all_generic(words: tuple[str, ...], lang: str) -> bool:
    """Whether a name's missing words are all generic name words (اداره بهداشت, health agency;
    Office, Council): translated as often as not, no proof a name was replaced. True for none."""
    package = _names_package()
    if package is None:  # pragma: no cover
        return not words
    generic_english, generic_translations, fa_lookup_key = (
        package.generic.generic_english, package.generic.generic_translations, package.table.fa_lookup_key)
    if lang == EN:
        return all(generic_translations(w) or generic_translations(w.capitalize()) for w in words)
    generic = generic_english()
    return all(fa_lookup_key(w) in generic or fa_lookup_key(w)[:-1] in generic for w in words)


def _beside_link(mention: Mention, unit: UnitView) -> bool:
    """An English mention next to a name linked in the unit, only spaces, dots or hyphens between
    (George W of George W. Bush, Hurricane of Hurricane Katrina; not Singapore's TraceTogether):
    the unlinked rest of one name."""
    names = unit.names
    text = unit.context.alignment.document.texts[mention.source]
    for link in names.links if names is not None else ():
        en = link.en
        if en.source != mention.source:
            continue
        gap = text[mention.end : en.start] if en.start >= mention.end else text[en.end : mention.start]
        if gap and len(gap) <= 3 and not gap.strip(" .-‐"):
            return True
    return False


def _with_linked_neighbours(mention: Mention, unit: UnitView) -> str:
    """An English mention with the names linked right beside it (see _beside_link): the whole
    name it is the unlinked rest of (Politico of Politico Academy of Science, with Academy of
    Science linked)."""
    names = unit.names
    text = unit.context.alignment.document.texts[mention.source]
    start, end = mention.start, mention.end
    grown = True
    while grown:
        grown = False
        for link in names.links if names is not None else ():
            en = link.en
            if en.source != mention.source or (en.start >= start and en.end <= end):
                continue
            gap = text[end : en.start] if en.start >= end else text[en.end : start] if en.end <= start else None
            if gap and len(gap) <= 3 and not gap.strip(" .-‐"):
                start, end, grown = min(start, en.start), max(end, en.end), True
    return text[start:end]


def _is_place(mention: Mention) -> bool:
    """A mention the name table knows as a place (China): no pronoun stands for it."""
    package = _names_package()
    if package is None:  # pragma: no cover
        return False
    en_lookup_key, fa_lookup_key, name_table_data = (
        package.table.en_lookup_key, package.table.fa_lookup_key, package.table.name_table_data)
    table = name_table_data()
    if mention.lang == FA:
        entry = table.entry(fa_lookup_key(mention.text))
        return entry is not None and entry.kind == "place"
    return any(table.entry(k).kind == "place" for k in table.persian_for(en_lookup_key(mention.text)))


def _ordinary_persian(text: str) -> bool:
    """Whether every word of a Persian mention is an ordinary word (ملکه وحشت‌زده, the terrified
    queen, after the title ملکه): no name, whatever the title before it."""
    package = _names_package()
    if package is None:  # pragma: no cover
        return False
    ordinary_persian = package.presence.ordinary_persian
    return ordinary_persian(text)


def _in_ordinary_compound(mention: Mention, unit: UnitView) -> bool:
    """A Persian mention that is, as a whole or with the word before it, one ordinary word of the
    dictionary (مجمع الجزایر, archipelago)."""
    text = unit.fa.text
    at = text.find(mention.text)
    before = text[:at].split()[-1:] if at > 0 else []
    return _ordinary_persian_compound("", mention.text) or bool(before) and _ordinary_persian_compound(
        before[0], mention.text)


def _ordinary_persian_compound(first: str, second: str) -> bool:
    package = _names_package()
    if package is None:  # pragma: no cover
        return False
    ordinary_compound = package.presence.ordinary_compound
    return ordinary_compound(first, second)


def _spelled_out_acronym(mention: Mention, unit: UnitView, names: UnitNames) -> str:
    """An English acronym the unit leaves unlinked that holds the initials of the Persian name's
    English form (USAF and ایالات متحده, United States), or "": a translator who spells an acronym
    out writes the names inside it."""
    package = _names_package()
    if package is None:  # pragma: no cover
        return ""
    table_forms = package.presence.table_forms
    initials = ["".join(w[0] for w in re.findall(r"[A-Z][a-z]+", form)) for form in table_forms(mention.text, FA)]
    initials = [i for i in initials if len(i) >= 2]
    linked = {link.en.text for link in names.links}
    for word in re.findall(r"\b[A-Z]{3,6}\b", unit.en.text):
        if word not in linked and any(_subsequence(i, word) for i in initials):
            return word
    return ""


def _subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(ch in letters for ch in short)


def _words_in(mention: Mention, text: str) -> bool:
    """Whether every word of a mention is in a text of its language, in any order (سازمان جهانی
    بهداشت has the words of سازمان بهداشت جهانی)."""
    words = {_letters(w, mention.lang) for w in text.split()}
    if mention.lang == EN:
        words |= {w[:-1] for w in words if w.endswith("s")}
    else:
        words |= {h for w in text.split() for h in _fa_heads(w)}
    wanted = {_letters(w, mention.lang) for w in mention.text.split()} - {""}
    return bool(wanted) and wanted <= words


def _word_keys(text: str) -> list[str]:
    return [fold_persian_key(w) for w in text.split()]


def _linked_persian_keys(unit: UnitView) -> frozenset[str]:
    """The keys of the Persian words the linker paired in the unit, which stand for their own
    English: read once a unit, for each of its names the tests ask about."""
    def keys() -> frozenset[str]:
        links = unit.names.links if unit.names is not None else ()
        return frozenset(k for link in links for k in _word_keys(link.fa.text))

    return unit.memo("linked-persian-keys", keys)


def _presence_in(mention: Mention, other_text: str) -> float:
    package = _names_package()
    if package is None:  # pragma: no cover
        return 0.0
    presence = package.presence.presence
    return presence(mention.text, mention.lang, other_text)


def _missing(mention: Mention, unit: UnitView) -> tuple[str, ...]:
    package = _names_package()
    if package is None:  # pragma: no cover
        return (mention.text,)
    unrendered_words = package.presence.unrendered_words
    other = unit.side(EN if mention.lang == FA else FA).text
    return unrendered_words(mention.text, mention.lang, other)


def _known_name(word: str, lang: str, lower: frozenset[str]) -> bool:
    """A name the table knows as nothing else, and in English no ordinary word either (Hurricane
    is a place in the gazetteer, and a word)."""
    package = _names_package()
    if package is None:  # pragma: no cover
        return False
    known_name = package.presence.known_name
    return known_name(word, lang) and not (lang == EN and _ordinary(word, lower))


def _part_of_form(words: tuple[str, ...], lang: str, other_text: str) -> str:
    """A word of four letters or more, past the first, of the table's Persian form of two words or
    more of one of English `words` that the Persian side has (روزه of چلهٔ روزه), or "": the name
    put by another phrase around the same word. For Persian names, ""."""
    package = _names_package()
    if package is None:  # pragma: no cover
        return ""
    generic_english, table_forms, fa_lookup_key = (
        package.generic.generic_english, package.presence.table_forms, package.table.fa_lookup_key)
    if lang != EN:
        return ""
    there = {fold_persian_key(w) for w in other_text.split()}
    generic = generic_english()  # جزایر of جزایر قناری: the head of many names, no proof of this one
    for form in (f for w in words for f in table_forms(w, EN, limit=8)):
        parts = form.split()
        if len(parts) >= 2:
            for part in parts[1:]:  # past the head (زبان of زبان انگلیسی), the word that tells it apart
                if len(part) >= 4 and fold_persian_key(part) in there and fa_lookup_key(part) not in generic:
                    return part
    return ""


def _known_run(words: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """Two or more adjacent English words the name table knows together as a name and as nothing
    else (South Korea in Middle South Korea, though neither South nor Korea alone is sure), or ()."""
    if lang != EN or len(words) < 2:
        return ()
    for size in range(len(words), 1, -1):
        for start in range(len(words) - size + 1):
            run = " ".join(words[start : start + size])
            if _known_name(run, EN, frozenset()):
                return (run,)
    return ()


def _ordinary(text: str, lower: frozenset[str]) -> bool:
    """An English word that is an ordinary word (hamsu.names.presence.ordinary_english)."""
    package = _names_package()
    if package is None:  # pragma: no cover
        return False
    ordinary_english = package.presence.ordinary_english
    return all(ordinary_english(w, lower) for w in re.findall(r"[^\W\d_]+", text))


def _loose_counterpart(mention: Mention, missing: tuple[str, ...], unit: UnitView) -> str:
    package = _names_package()
    if package is None:  # pragma: no cover
        return ""
    loose_counterpart, en_lookup_key = package.presence.loose_counterpart, package.table.en_lookup_key
    links = unit.names.links if unit.names is not None else ()
    if mention.lang == EN:  # words the linker paired are no one else's spelling
        skip = _linked_persian_keys(unit)
    else:
        skip = frozenset(en_lookup_key(w) for link in links for w in link.en.text.split())
    return loose_counterpart(missing, mention.lang, unit.side(EN if mention.lang == FA else FA).text, skip)
