"""Names: a name on one side of a unit with no counterpart on the other.

The rule reads the linker's output (hamsu.names.link_names: one UnitNames per unit). Name finding
is the noisiest step of the chain, so an unlinked name is reported only when it is a known name:
the linker typed it (person, place, organization: it came from a gazetteer or dictionary), it is
linked in another unit of the same document, or the caller's `known` test says so. A name linked
in the same unit (سلیمانی twice in Persian, once in English and once as "he") is no omission.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from ..records import EN, FA, Mention, UnitNames
from .base import DocumentContext, Finding, Rule, UnitView
from .text import fold_english, fold_persian_key

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


def _plausible_pair(fa: Mention, en: Mention) -> bool:
    """Whether two one-sided names may be each other's counterpart, by how well the English
    romanizes the Persian (hamsu.names' transliteration score)."""
    try:
        from ..names import transliteration_score
    except ImportError:  # without the linker's scorer, any name left on the other side may be it
        return True
    return transliteration_score(fa.text, en.text) >= PLAUSIBLE_TRANSLITERATION


PLAUSIBLE_TRANSLITERATION = 0.6  # well below the linker's own 0.8: "might be", not "is"
CONFIDENT, TENTATIVE = 1.0, 0.5  # scores of one name left out, by how sure the rule is it is a name


class NamesRule(Rule):
    """A known name on one side without its counterpart in the unit.

    The linker's one-sided names are noisy (a common word read as a place, a name it failed to
    link), so the rule grades them. Confident, reported as warnings: a name the document links
    elsewhere more often than it leaves it one-sided, a Persian name of two words or more the
    linker typed (from its gazetteer or a title), or one the caller's `known` test accepts.
    Tentative, reported as minor: any other typed Persian name, any name linked elsewhere, an
    English name of two words or more. Never reported: acronyms (translations expand and contract
    them), a name linked in the unit itself, a name whose linked form from elsewhere in the document
    appears on the other side, and a name facing a one-sided name on the other side that may be its
    romanization (the linker missed the pair).
    """

    name = "names"
    severity = "warning"
    its_type = "omission"
    description = "names: a known or document-linked name on one side only"

    def __init__(self, known: Callable[[Mention], bool] | None = None):
        self.known = known

    def applies(self, unit: UnitView) -> bool:
        return unit.names is not None and super().applies(unit)

    def confidence(self, mention: Mention, unit: UnitView, others: tuple[Mention, ...]) -> float:
        """CONFIDENT, TENTATIVE, or 0 when the mention is no name left out."""
        if is_acronym(mention.text):
            return 0.0
        key = (mention.lang, name_key(mention))
        context = unit.context
        linked = context.memo("linked-names", lambda: linked_units(context)).get(key, set())
        if unit.index in linked:
            return 0.0  # linked in this very unit: another mention of it is translated
        other_lang = EN if mention.lang == FA else FA
        forms = context.memo("name-forms", lambda: counterparts(context)).get(key, set())
        other_text = unit.memo(("letters", other_lang), lambda: _letters(unit.side(other_lang).text, other_lang))
        if any(form and form in other_text for form in forms):
            return 0.0  # the linker missed a form the document links elsewhere
        for other in others:
            if _plausible_pair(*((mention, other) if mention.lang == FA else (other, mention))):
                return 0.0
        one_sided = context.memo("one-sided-names", lambda: one_sided_units(context)).get(key, set())
        one_sided = one_sided - {unit.index}
        elsewhere = linked - {unit.index}
        typed = mention.lang == FA and mention.kind in KNOWN_KINDS
        words = len(mention.text.split())
        if len(elsewhere) > len(one_sided) or (typed and words >= 2) or (self.known and self.known(mention)):
            return CONFIDENT
        if elsewhere or typed or (mention.lang == EN and words >= 2):
            return TENTATIVE
        return 0.0

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
