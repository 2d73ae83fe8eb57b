#!/usr/bin/env python3
"""The translation checks measured: seeded errors caught, false alarms on clean units, the seed bar.

Corpora (read from ../shared/data/dev, benchmark only): FLORES-200 devtest (pes_Arab ↔ eng_Latn)
and TICO-19 test, line i ↔ line i as 1-1 units, grouped into documents by source URL / document id.

1. Clean units: the share of units with a flag at warning or above, overall and per rule.
2. Seeded errors, one kind at a time, with a seeded RNG, each into units where it applies: the
   share of injected units the rule for that error flags, counted over units the rule left alone
   before the injection (so a catch is the injection's doing).
3. The seed article with the glossary line `حضور سرزده<TAB>surprise visit|unannounced visit`.

The names rule reads UnitNames from hamsu.names.link_names, the project's linker (the header says
which linker ran); only if that cannot be imported does a stand-in (below) link the English and
Persian forms of the shared GeoNames/CLDR gazetteers, and its figures then measure the rule given
a gazetteer linker, not the project's. Name errors are seeded from the names the linker links on
the clean text (multiword English names): the name is dropped from the English, or swapped for
another linked name of the corpora whose Persian form the unit does not have; a name the unit
names twice is not used (see name_cases).

usage: python bench/check_eval.py [--shared ../shared] [--seed 13] [--fit-length] [--show RULE]
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from hamsu import align_paths, normalize, normalize_detailed  # noqa: E402
from hamsu.check import RULES, check_alignment, load_glossary  # noqa: E402
from hamsu.check.base import at_least  # noqa: E402
from hamsu.check.dates import date_items  # noqa: E402
from hamsu.check.omission import log_ratio  # noqa: E402
from hamsu.matching import fold_persian  # noqa: E402
from hamsu.pipeline import check_document  # noqa: E402
from hamsu.read.aligned import aligned_pairs  # noqa: E402
from hamsu.records import Alignment, Mention, NameLink, UnitNames  # noqa: E402

FLORES = ("dev/flores200/flores200_pes_Arab.devtest", "dev/flores200/flores200_eng_Latn.devtest",
          "dev/flores200/flores200_metadata_devtest.tsv")  # fmt: skip
TICO = ("dev/tico19/tico19-test.fa", "dev/tico19/tico19-test.en", "dev/tico19/tico19-test.en.info")
GLOSSARY = ROOT / "tests" / "fixtures" / "check" / "seed_glossary.tsv"
SEED = ROOT / "examples" / "seed.txt"
ALARM = "warning"  # a false alarm is a flag at this severity or worse


# --- Corpora as alignments ---------------------------------------------------------------------


def build_alignment(doc_id: str, pairs: list[tuple[str, str]]) -> Alignment:
    """A two-text document, one line per sentence, unit i = (Persian i, English i); an empty side
    makes a null unit (hamsu.read.aligned.aligned_pairs)."""
    return aligned_pairs(pairs, doc_id)


def read_corpus(shared: Path, spec: tuple[str, str, str], name: str) -> list[tuple[str, list[tuple[str, str]]]]:
    fa = (shared / "data" / spec[0]).read_text(encoding="utf-8").splitlines()
    en = (shared / "data" / spec[1]).read_text(encoding="utf-8").splitlines()
    meta = (shared / "data" / spec[2]).read_text(encoding="utf-8").splitlines()
    if name == "flores":
        keys = [row.split("\t")[0] for row in meta[1:]]  # URL: one article
    else:
        keys = [row.split("\t")[0].split(":")[0] for row in meta]  # CMU_1:12 → CMU_1
    assert len(fa) == len(en) == len(keys), (name, len(fa), len(en), len(keys))
    docs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    order = []
    for key, f, e in zip(keys, fa, en):
        if key not in docs:
            order.append(key)
        docs[key].append((f, e))
    return [(f"{name}:{n}", docs[key]) for n, key in enumerate(order)]


# --- Names: hamsu.names when it exists, else a gazetteer stand-in -------------------------------


class GazetteerLinker:
    """Links a unit's names through the shared English–Persian place and country lists.

    English: a gazetteer name as capitalized whole words. Persian: its Persian form as whole words
    (folded). Both found → a link; one → fa_only / en_only, typed "place" (gazetteer names are
    known names).
    """

    def __init__(self, shared: Path):
        pairs = set()
        names = shared / "data" / "names"
        with open(names / "geonames-fa-en" / "geonames-fa-en.tsv", encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                pairs.add((row["en"], row["fa"]))
        with open(names / "cldr-fa-en" / "cldr-fa-en.tsv", encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row["domain"] in ("territories", "tz_city"):
                    pairs.add((row["en"], row["fa"]))
        with open(names / "cldr-fa-en" / "iso-codes-fa-en.tsv", encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row["domain"] == "iso_3166-1":
                    pairs.add((row["en"], row["fa"]))
        self.fa_of: dict[str, set[str]] = defaultdict(set)
        for en, fa in pairs:
            # Capitalized, ASCII, at least 4 letters: "Iran", "Nova Scotia"; not "Of" or "Ba".
            if re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*", en) and len(en) >= 4:
                self.fa_of[en].add(fold_persian(normalize(fa))[0])
        words = sorted(self.fa_of, key=len, reverse=True)
        self.en_pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")

    def fa_find(self, forms: set[str], folded: str) -> re.Match[str] | None:
        for form in sorted(forms, key=len, reverse=True):
            m = re.search(rf"(?<![\w]){re.escape(form)}(?![\w])", folded)
            if m:
                return m
        return None

    def __call__(self, alignment: Alignment) -> tuple[UnitNames, ...]:
        out = []
        fa_text, en_text = alignment.document.texts
        for unit in alignment.units:
            if not unit.fa or not unit.en:
                out.append(UnitNames())
                continue
            fs, es = alignment.fa[unit.fa[0]], alignment.en[unit.en[0]]
            detailed = normalize_detailed(fa_text[fs.start : fs.end])
            folded, where = fold_persian(detailed.text)
            links, en_only, seen_fa = [], [], set()
            for m in self.en_pattern.finditer(es.text):
                en_m = Mention("en", m.group(), es.start + m.start(), es.start + m.end(), 1, "place")
                hit = self.fa_find(self.fa_of[m.group()], folded)
                if hit:
                    s, e = where[hit.start()], where[hit.end() - 1] + 1
                    s, e = fs.start + detailed.offset_map[s], fs.start + detailed.offset_map[e]
                    seen_fa.add(hit.group())
                    links.append(NameLink(Mention("fa", fa_text[s:e], s, e, 0, "place"), en_m, 1.0, "gazetteer"))
                else:
                    en_only.append(en_m)
            fa_only = []
            for forms_en, forms in self.fa_of.items():
                for form in forms:
                    if form in seen_fa or len(form) < 4 or form not in folded:
                        continue
                    hit = self.fa_find({form}, folded)
                    if hit and not re.search(rf"\b{re.escape(forms_en)}", es.text):
                        s, e = where[hit.start()], where[hit.end() - 1] + 1
                        s, e = fs.start + detailed.offset_map[s], fs.start + detailed.offset_map[e]
                        fa_only.append(Mention("fa", fa_text[s:e], s, e, 0, "place"))
                        seen_fa.add(form)
            out.append(UnitNames(tuple(links), tuple(fa_only), tuple(en_only)))
        return tuple(out)


def make_linker(shared: Path):
    try:
        from hamsu.names import link_names  # type: ignore[import-not-found]

        link_names(build_alignment("smoke", [("سردار سلیمانی آمد", "General Soleymani came")]))
        return link_names, "hamsu.names.link_names"
    except Exception as e:  # absent, or broken while it is being written: the bench still runs
        print(f"(hamsu.names unusable: {type(e).__name__}: {e}; using the stand-in linker)", file=sys.stderr)
        return GazetteerLinker(shared), "stand-in gazetteer linker (bench)"


# --- Seeded errors ------------------------------------------------------------------------------

# Numbers in digits that are quantities: not glued to letters (COVID-19, 4G), not in a range's second half.
_EN_DIGITS = re.compile(r"(?<![\w.,-])(?<![A-Za-z]-)\d+(?:[.,]\d+)*(?![\w%-]|[.,]\d)")
_UNIT_WORDS = ("two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty seventy"
               " eighty ninety")  # fmt: skip
_SCALE_WORDS = "hundred thousand million billion"
_NUMBER_WORD = re.compile(rf"(?<![\w-])(?:{'|'.join((_UNIT_WORDS + ' ' + _SCALE_WORDS).split())})(?![\w-])", re.I)
_YEAR = re.compile(r"(?<![\w.,:/-])(1[5-9]\d\d|20\d\d)(?![\w.,:/%-])")


def _outside_dates(text: str, span: tuple[int, int]) -> bool:
    return not any(d.start < span[1] and span[0] < d.end for d in date_items(text, "en"))


def inject_number(rng: random.Random, fa: str, en: str) -> str | None:
    """Change one digit of a number written in digits (not a year, not in a date, not an identifier)."""
    found = [m for m in _EN_DIGITS.finditer(en) if not re.fullmatch(r"1\d{3}|20\d\d", m.group())
             and _outside_dates(en, m.span())]  # fmt: skip
    if not found:
        return None
    m = rng.choice(found)
    digits = [i for i, ch in enumerate(m.group()) if ch.isdigit()]
    i = rng.choice(digits)
    old = m.group()[i]
    choices = [d for d in "0123456789" if d != old and not (d == "0" and i == 0 and len(digits) > 1)]
    new = m.group()[:i] + rng.choice(choices) + m.group()[i + 1 :]
    return en[: m.start()] + new + en[m.end() :]


def inject_number_word(rng: random.Random, fa: str, en: str) -> str | None:
    """Replace one number word (two … ninety, hundred … billion) with another of its kind."""
    found = [m for m in _NUMBER_WORD.finditer(en) if _outside_dates(en, m.span())]
    if not found:
        return None
    m = rng.choice(found)
    word = m.group().lower()
    pool = _SCALE_WORDS.split() if word in _SCALE_WORDS.split() else _UNIT_WORDS.split()
    new = rng.choice([w for w in pool if w != word])
    if m.group()[0].isupper():
        new = new.capitalize()
    return en[: m.start()] + new + en[m.end() :]


def inject_year(rng: random.Random, fa: str, en: str) -> str | None:
    """Shift one year by 1 to 5 either way."""
    found = list(_YEAR.finditer(en))
    if not found:
        return None
    m = rng.choice(found)
    shift = rng.choice([-5, -4, -3, -2, -1, 1, 2, 3, 4, 5])
    return en[: m.start()] + str(int(m.group()) + shift) + en[m.end() :]


def inject_drop(rng: random.Random, fa: str, en: str) -> str | None:
    return ""


def inject_persian(rng: random.Random, fa: str, en: str) -> str | None:
    return fa


ERRORS = {
    # error kind: (the rule that must catch it, injector)
    "number changed": ("numbers", inject_number),
    "number word changed": ("numbers", inject_number_word),
    "year shifted": ("dates", inject_year),
    "sentence dropped": ("null-unit", inject_drop),
    "English replaced by Persian": ("untranslated", inject_persian),
    "name dropped or swapped": ("names", None),  # needs the linker: see name_cases()
}


def unit_flags(alignment: Alignment, index: int, rule: str, names=None) -> list:
    from hamsu.check.base import DocumentContext, UnitView

    view = UnitView(index, alignment.units[index], DocumentContext(alignment, names))
    return RULES[rule].check(view)


def name_cases(rng, docs, linker) -> list[tuple[str, list, int, str]]:
    """(doc id, modified pairs, unit, how) for each unit with a linked multiword English name.

    The name is dropped from the English, or swapped for another linked name of the corpora. Both
    must be errors, not look-alikes: a name the unit mentions twice (Persian form linked again in
    the unit: ایالات متحده to USA and to United States; or the English name written again, or its
    acronym: World Health Organization (WHO)) is not dropped by dropping one mention, and a name
    swapped in must not be in the Persian already (its linked Persian form absent)."""
    pool = []  # every multiword linked English name with its linked Persian form, for swaps
    candidates = []
    for doc_id, pairs in docs:
        alignment = build_alignment(doc_id, pairs)
        names = linker(alignment)
        for index, unit_names in enumerate(names):
            multi = [lk for lk in unit_names.links if " " in lk.en.text.strip()]
            pool += [(lk.en.text, _folded_form(lk.fa.text)) for lk in multi]
            forms = Counter(_folded_form(lk.fa.text) for lk in unit_names.links)
            multi = [lk for lk in multi if forms[_folded_form(lk.fa.text)] == 1]  # named once in the unit
            if multi:
                candidates.append((doc_id, pairs, index, rng.choice(multi)))
    cases = []
    for doc_id, pairs, index, link in candidates:
        fa, en = pairs[index]
        offset = link.en.start - alignment_offset(pairs, index)
        if rng.random() < 0.5:
            new_en = re.sub(r"\s{2,}", " ", en[:offset] + en[offset + len(link.en.text) :]).strip()
            how = "dropped"
            if link.en.text in new_en or _acronym(link.en.text) in re.findall(r"[A-Z]{2,}", new_en):
                continue  # named again in the sentence, or by its acronym: one mention dropped, not the name
        else:
            folded = _folded_form(fa)
            others = [p for p, form in pool if p != link.en.text and p not in en and form not in folded
                      and form != _folded_form(link.fa.text)]  # fmt: skip
            if not others:
                continue
            new_en = en[:offset] + rng.choice(others) + en[offset + len(link.en.text) :]
            how = "swapped"
        new_pairs = list(pairs)
        new_pairs[index] = (fa, new_en)
        cases.append((doc_id, new_pairs, index, how))
    return cases


def alignment_offset(pairs: list[tuple[str, str]], index: int) -> int:
    """Where line `index` starts in the English text build_alignment makes."""
    return sum(len(en) + 1 for _, en in pairs[:index])


def _acronym(name: str) -> str:
    """World Health Organization: WHO; '' for a name of one word."""
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", name) if w[0].isupper()]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _folded_form(text: str) -> str:
    """A Persian form as compared here: normalized, letters folded, words apart by one space."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold_persian(normalize(text))[0]).split())


def measure_errors(rng: random.Random, docs, linker, cap: int) -> list[dict]:
    rows = []
    for kind, (rule, inject) in ERRORS.items():
        t0 = time.time()
        if inject is None:
            cases = name_cases(rng, docs, linker)
        else:
            cases = []
            for doc_id, pairs in docs:
                for index, (fa, en) in enumerate(pairs):
                    new_en = inject(rng, fa, en)
                    if new_en is None or new_en == en:
                        continue
                    new_pairs = list(pairs)
                    new_pairs[index] = (fa, new_en)
                    cases.append((doc_id, new_pairs, index, kind))
        rng.shuffle(cases)
        cases = cases[:cap]
        tried = silent = caught = caught_all = caught_alarm = 0
        missed = []
        for doc_id, new_pairs, index, _ in cases:
            clean = build_alignment(doc_id, [p if i != index else _clean_pair(docs, doc_id, index) for i, p in
                                             enumerate(new_pairs)])  # fmt: skip
            dirty = build_alignment(doc_id, new_pairs)
            names_clean = linker(clean) if rule == "names" else None
            names_dirty = linker(dirty) if rule == "names" else None
            before = unit_flags(clean, index, rule, names_clean)
            after = unit_flags(dirty, index, rule, names_dirty)
            tried += 1
            caught_all += bool(after)
            if not before:
                silent += 1
                caught += bool(after)
                caught_alarm += any(at_least(f.severity, ALARM) for f in after)
                if not after:
                    missed.append((doc_id, index, new_pairs[index]))
        rows.append({"error": kind, "rule": rule, "injected": tried, "silent before": silent, "caught": caught,
                     "rate": caught / silent if silent else float("nan"),
                     "rate (warning+)": caught_alarm / silent if silent else float("nan"),
                     "rate (all)": caught_all / tried if tried else float("nan"),
                     "seconds": time.time() - t0, "missed": missed})  # fmt: skip
    return rows


_CLEAN: dict[str, list[tuple[str, str]]] = {}


def _clean_pair(docs, doc_id: str, index: int) -> tuple[str, str]:
    if not _CLEAN:
        _CLEAN.update(dict(docs))
    return _CLEAN[doc_id][index]


# --- Clean units --------------------------------------------------------------------------------


def measure_clean(docs, linker) -> tuple[dict, list]:
    per_corpus: dict[str, Counter] = defaultdict(Counter)
    examples = []
    for doc_id, pairs in docs:
        corpus = doc_id.split(":")[0]
        alignment = build_alignment(doc_id, pairs)
        names = linker(alignment)
        every = check_alignment(alignment, names=names)
        flags = [f for f in every if at_least(f.severity, ALARM)]
        per_corpus[corpus]["units"] += len(alignment.units)
        for rule in RULES:
            per_corpus[corpus][rule + " (any)"] += len({f.unit for f in every if f.rule == rule})
        per_corpus[corpus]["flagged"] += len({f.unit for f in flags})
        for rule in RULES:
            per_corpus[corpus][rule] += len({f.unit for f in flags if f.rule == rule})
        examples += [(doc_id, f, pairs[f.unit] if f.unit is not None else None) for f in flags]
    return per_corpus, examples


def fit_length(docs) -> None:
    ratios = [log_ratio(normalize(fa), en) for _, pairs in docs for fa, en in pairs if fa and en]
    mean, sd = statistics.fmean(ratios), statistics.pstdev(ratios)
    print(f"log length ratio over {len(ratios)} units: mean {mean:.4f}, sd {sd:.4f}")
    for z in (3, 3.5, 4, 5):
        share = sum(abs(r - mean) / sd > z for r in ratios) / len(ratios)
        print(f"  |z| > {z}: {share:.2%}")


# --- The seed -----------------------------------------------------------------------------------


def seed_bar() -> dict:
    [alignment] = align_paths([SEED])
    glossary = load_glossary(GLOSSARY)
    flags = check_document(alignment, glossary).flags  # every rule, names from the real linker, as `hamsu check`
    glossary_units = sorted({f.unit for f in flags if f.rule == "glossary"})
    text = alignment.document.texts[0]
    intrusive = sorted(i for i, u in enumerate(alignment.units)
                       if "intrusive presence" in " ".join(alignment.en[e].text for e in u.en))  # fmt: skip
    two_brigades = next(i for i, u in enumerate(alignment.units)
                        if "two brigades" in " ".join(alignment.en[e].text for e in u.en))  # fmt: skip
    return {
        "units": len(alignment.units),
        "glossary units": glossary_units,
        "intrusive presence units": intrusive,
        "glossary ok": glossary_units == intrusive and len(intrusive) == 2,
        "numbers flags on the 'two brigades' unit": [f.message for f in flags
                                                     if f.rule == "numbers" and f.unit == two_brigades],
        "other flags": [(f.unit, f.rule, f.severity, f.message) for f in flags if f.rule != "glossary"],
        "glossary spans": [text[s:e] for f in flags if f.rule == "glossary" for s, e in f.fa_spans],
    }


# --- Report -------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--cap", type=int, default=400, help="at most this many injected units per error kind")
    ap.add_argument("--fit-length", action="store_true", help="print the fitted length-ratio constants and stop")
    ap.add_argument("--show", help="print the clean-unit flags of this rule, and the missed injections")
    args = ap.parse_args()

    docs = read_corpus(args.shared, FLORES, "flores") + read_corpus(args.shared, TICO, "tico")
    if args.fit_length:
        fit_length(docs)
        return
    linker, linker_name = make_linker(args.shared)
    t0 = time.time()
    per_corpus, examples = measure_clean(docs, linker)
    clean_seconds = time.time() - t0
    rows = measure_errors(random.Random(args.seed), docs, linker, args.cap)
    seed = seed_bar()

    print(f"# hamsu checks: bench/check_eval.py (seed {args.seed}, names from {linker_name})\n")
    print("## Seeded errors: share of injected units the rule flags\n")
    print("| error (English side) | rule | injected | rule silent before | caught | rate | rate at warning+ "
          "| rate, all injected |")  # fmt: skip
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['error']} | {r['rule']} | {r['injected']} | {r['silent before']} | {r['caught']} "
              f"| {r['rate']:.1%} | {r['rate (warning+)']:.1%} | {r['rate (all)']:.1%} |")  # fmt: skip
    total = Counter()
    for c in per_corpus.values():
        total.update(c)
    print(f"\n## Clean units: share flagged at {ALARM} or above ({clean_seconds:.1f} s)\n")
    corpora = sorted(per_corpus)
    print("| rule | " + " | ".join(corpora) + " | all | all, any severity |")
    print("|---|" + "---:|" * (len(corpora) + 2))
    for rule in ["(any rule)"] + list(RULES):
        key = "flagged" if rule == "(any rule)" else rule
        cells = [f"{per_corpus[c][key] / per_corpus[c]['units']:.2%} ({per_corpus[c][key]})" for c in corpora]
        cells.append(f"{total[key] / total['units']:.2%} ({total[key]})")
        anykey = key + " (any)" if key != "flagged" else None
        cells.append(f"{total[anykey] / total['units']:.2%} ({total[anykey]})" if anykey else "")
        print(f"| {rule} | " + " | ".join(cells) + " |")
    sizes = ", ".join(f"{c} {per_corpus[c]['units']}" for c in corpora)
    print(f"\nunits: {sizes}, all {total['units']}")
    print("\n## Seed article with tests/fixtures/check/seed_glossary.tsv\n")
    for key, val in seed.items():
        print(f"- {key}: {val}")
    if args.show:
        print(f"\n## {args.show}: flags on clean units\n")
        for doc_id, f, pair in examples:
            if f.rule == args.show:
                print(f"{doc_id} unit {f.unit}: {f.message}\n  fa: {pair[0]}\n  en: {pair[1]}")
        for r in rows:
            if r["rule"] == args.show:
                print(f"\n## {r['error']}: missed\n")
                for doc_id, index, (fa, en) in r["missed"]:
                    print(f"{doc_id} unit {index}\n  fa: {fa}\n  en: {en}")


if __name__ == "__main__":
    main()
