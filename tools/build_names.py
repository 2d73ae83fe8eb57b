#!/usr/bin/env python3
"""Compile the Persian–English name table hamsu ships (src/hamsu/data/names_fa_en.tsv.gz).

Run from the repository root with the shared data beside it:

    python tools/build_names.py [--shared ../shared]

The output is committed, so installing hamsu needs no network and no shared data. Sources and
licenses are listed in NOTICE. The file has two sections. `## names`, one Persian form a line:

    persian <TAB> english forms (|-separated) <TAB> kind <TAB> evidence <TAB> flags

`persian` is normalized by hamsu.normalize (diacritics stripped) with the Arabic letter variants
folded (ة → ه, أ إ ٱ → ا); English forms are as the sources write them. `kind` is person, place or
name; `evidence` is gazetteer (GeoNames, CLDR) or dictionary (Wiktionary proper nouns). Flag `a`
marks an ambiguous form, a name that is also an ordinary word or adjective (نور light and the
town Nur, بله yes and Blaj, عربی), which hamsu takes for a name only when the English side
confirms it.

`## common`: ordinary Persian words (wordfreq Zipf ≥ COMMON_ZIPF, and every adjective and adverb
Lilak lists), minus every form of the names section. They tell a name after a title word from an
ordinary word (شهر مرزی, the border town) and hold transliteration to a stricter standard.

Sources, all free for any use (CLDR: Unicode-3.0; GeoNames: CC-BY-4.0; Wiktionary and wordfreq:
CC-BY-SA; Lilak: Apache-2.0): GeoNames places via Debian libgeonames-common; CLDR territory,
language and time-zone city names via Babel; Wiktionary proper nouns (pos=prop) and the
capitalized demonyms (adj/n: Iraqi عراقی) of the 2015 en-fa extract; wordfreq and Lilak for the
ordinary words. iso-codes (LGPL) is left out: CLDR has nearly the same names. No source marks
anything non-commercial. A short table of aliases adds the names Persian uses besides the listed
ones (آمریکا for the United States, انگلیس for Britain) and English short forms (US, UK, UN).

Demonyms: the sources have few (Wiktionary: Iraqi, Iranian, Kurdish), so each country also gets
the regular English adjectives of its name (Syria → Syrian, Iraq → Iraqi, Iran → Iranian; a
small table holds the irregular ones: France → French) and the regular Persian adjective
(سوریه → سوری، سوریه‌ای; عراق → عراقی; ایتالیا → ایتالیایی). A country's entry lists its
demonyms among its English forms (عراق: Iraq|Iraqi) and each Persian adjective lists the country
and its demonyms, flagged ambiguous (adjectives are not names on their own).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

COMMON_ZIPF = 3.3  # about the 20,000 most frequent Persian words
WORD_ZIPF = 5.0  # about the 1,000 most frequent: a Wiktionary name this frequent is a word too (حسین، محمد)
# Wiktionary lists these only as names, but they are as often ordinary words: امان (safety; Amman),
# فتح (conquest; Fatah), میر (lord; Mir).
NAME_AND_WORD = frozenset("امان فتح میر".split())
MIN_FA_LETTERS = 2
ZWNJ = "\u200c"
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
_ALTERNATIVES = re.compile("[،؛;,/]")
_STORAGE_FOLD = str.maketrans({"ة": "ه", "ٱ": "ا", "أ": "ا", "إ": "ا", "ۀ": "ه"})
_PERSIAN = re.compile("^[\u0600-\u06ff\u200c ]+$")

# Wiktionary glosses that say what kind of name a proper noun is.
_PERSON_GLOSS = re.compile(
    r"given name|surname|prophet|king|queen|emperor|poet|philosopher|saint|apostle|god\b|goddess|caliph|imam|shah\b",
    re.I,
)
_ORGANIZATION_GLOSS = re.compile(r"organi[sz]ation|group|party|company|movement|militant|agency|Islamic State", re.I)
_PLACE_GLOSS = re.compile(
    r"city|country|state|capital|river|island|mountain|sea\b|ocean|lake|province|region|desert|continent|"
    r"village|town|county|district|gulf|strait|peninsula|archipelago|territory|republic|empire|kingdom|"
    r"valley|canal|bay\b|port\b",
    re.I,
)

# Calendar words are proper nouns in English but ordinary words in Persian (ژانویه، دوشنبه): no names.
CALENDAR = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)

# English demonyms that no suffix rule gives.
IRREGULAR_DEMONYMS = {
    "Afghanistan": ["Afghan"], "China": ["Chinese"], "Cyprus": ["Cypriot"], "Denmark": ["Danish", "Dane"],
    "Egypt": ["Egyptian"], "Finland": ["Finnish"], "France": ["French"], "Germany": ["German"],
    "Greece": ["Greek"], "Iceland": ["Icelandic"], "Ireland": ["Irish"], "Lebanon": ["Lebanese"],
    "Netherlands": ["Dutch"], "Norway": ["Norwegian"], "Philippines": ["Filipino", "Philippine"],
    "Poland": ["Polish"], "Portugal": ["Portuguese"], "Saudi Arabia": ["Saudi"], "Scotland": ["Scottish", "Scot"],
    "Spain": ["Spanish"], "Sweden": ["Swedish", "Swede"], "Switzerland": ["Swiss"], "Thailand": ["Thai"],
    "Turkey": ["Turkish"], "Türkiye": ["Turkish"], "United Kingdom": ["British"], "United States": ["American"],
    "United Arab Emirates": ["Emirati"], "Vietnam": ["Vietnamese"], "Wales": ["Welsh"], "England": ["English"],
    "Britain": ["British"], "Japan": ["Japanese"], "Sudan": ["Sudanese"], "Peru": ["Peruvian"],
    "Israel": ["Israeli"], "Palestine": ["Palestinian"], "Palestinian Territories": ["Palestinian"],
    "Azerbaijan": ["Azerbaijani", "Azeri"], "Uzbekistan": ["Uzbek"], "Tajikistan": ["Tajik"],
    "Turkmenistan": ["Turkmen"], "Kazakhstan": ["Kazakh"], "Kyrgyzstan": ["Kyrgyz"], "Pakistan": ["Pakistani"],
    "Yemen": ["Yemeni"], "Oman": ["Omani"], "Bahrain": ["Bahraini"], "Kuwait": ["Kuwaiti"], "Qatar": ["Qatari"],
    "Iraq": ["Iraqi"], "Iran": ["Iranian"], "Bangladesh": ["Bangladeshi"], "Nepal": ["Nepali", "Nepalese"],
    "Senegal": ["Senegalese"], "Brazil": ["Brazilian"], "Chile": ["Chilean"], "Mexico": ["Mexican"],
    "Morocco": ["Moroccan"], "Ukraine": ["Ukrainian"], "Belgium": ["Belgian"], "Canada": ["Canadian"],
    "Italy": ["Italian"], "Hungary": ["Hungarian"], "Argentina": ["Argentine", "Argentinian"],
    "Somalia": ["Somali"], "Bosnia & Herzegovina": ["Bosnian"], "Czechia": ["Czech"], "Slovakia": ["Slovak"],
    "Croatia": ["Croatian", "Croat"], "Serbia": ["Serbian", "Serb"], "Russia": ["Russian"],
}
# Names Persian uses for a country besides the one the lists give (آمریکا for the United States,
# انگلیس for Britain), and English short forms the lists lack.
ALIASES = {
    "آمریکا": ["United States", "United States of America", "USA", "US", "U.S.", "U.S.A."],
    "امریکا": ["United States", "United States of America", "USA", "US", "U.S.", "U.S.A."],
    "ایالات متحده": ["US", "U.S.", "U.S.A."],
    "انگلیس": ["Britain", "United Kingdom", "UK", "U.K.", "England", "British", "English"],
    "انگلستان": ["Britain", "United Kingdom", "UK", "U.K.", "England", "British", "English"],
    "بریتانیا": ["Britain", "UK", "U.K.", "British"],
    "هلند": ["Holland", "Netherlands", "Dutch"],
    "شوروی": ["Soviet Union", "USSR", "Soviet"],
    "سازمان ملل": ["United Nations", "UN", "U.N."],
    "سازمان ملل متحد": ["United Nations", "UN", "U.N."],
    "اتحادیه اروپا": ["European Union", "EU"],
    "ناتو": ["NATO"],
}

# Persian adjectives that no suffix rule gives.
IRREGULAR_FA_ADJECTIVES = {"انگلستان": ["انگلیسی"], "فرانسه": ["فرانسوی"], "ترکیه": ["ترک", "ترکیه‌ای"],
                           "آمریکا": ["آمریکایی"], "ایالات متحده": ["آمریکایی"], "بریتانیا": ["بریتانیایی"]}


def english_demonyms(country: str) -> list[str]:
    """The usual English adjectives of a country name by the regular suffix rules."""
    if country in IRREGULAR_DEMONYMS:
        return IRREGULAR_DEMONYMS[country]
    if " " in country or "&" in country or not country[-1].isalpha():
        return []
    if country.endswith("ia") or country.endswith("a"):
        return [country + "n"]  # Syria → Syrian, Cuba → Cuban
    if country.endswith("stan"):
        return [country + "i"]
    if country.endswith("e"):
        return [country[:-1] + "ian", country + "an"]
    if country.endswith("y"):
        return [country[:-1] + "ian"]
    if country.endswith("o"):
        return [country[:-1] + "an"]
    return [country + "i", country + "ian", country + "ese"]


def persian_adjectives(country: str) -> list[str]:
    """The Persian relational adjectives of a country name: عراق → عراقی، سوریه → سوری."""
    if country in IRREGULAR_FA_ADJECTIVES:
        return IRREGULAR_FA_ADJECTIVES[country]
    if " " in country:
        return []
    if country.endswith("یه"):
        return [country[:-1], country + ZWNJ + "ای"]  # سوریه → سوری، روسیه → روسی
    if country.endswith("ه"):
        return [country + ZWNJ + "ای"]
    if country.endswith(("ا", "و")):
        return [country + "یی"]
    if country.endswith("ی"):
        return []  # مالی، آلبانی: the adjective is written like the name
    return [country + "ی"]


@dataclass
class Entry:
    english: list[str] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    evidence: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    ambiguous: bool = False
    major: bool = False  # a country, region or language, not just a GeoNames town or Wiktionary name


def persian_forms(cell: str) -> list[str]:
    from hamsu import normalize

    forms = []
    for part in _ALTERNATIVES.split(_BRACKETS.sub(" ", cell)):
        part = " ".join(part.split()).strip(ZWNJ + " -")
        if not part or not _PERSIAN.match(part):
            continue
        form = normalize(part, strip_diacritics=True).translate(_STORAGE_FOLD)
        if len(form.replace(" ", "").replace(ZWNJ, "")) >= MIN_FA_LETTERS:
            forms.append(form)
    return forms


def english_forms(cell: str) -> list[str]:
    cell = " ".join(_BRACKETS.sub(" ", cell).split()).strip()
    if not cell or re.search(r"[0-9]", cell) or not cell[0].isupper():
        return []
    forms = [cell]
    if "&" in cell:
        forms.append(cell.replace("&", "and"))
    for suffix in (" Province", " Governorate", " Region", " District", " Oblast", " County"):
        if cell.endswith(suffix):
            forms.append(cell[: -len(suffix)])
    return forms


def name_part(cell: str) -> str:
    """In the place lists a comma qualifies the place (Knox, Indiana): the name comes before it."""
    return re.split("[,،]", cell, maxsplit=1)[0]


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def lilak_words(shared: Path) -> tuple[set[str], set[str]]:
    """Every form Lilak lists, and those it lists as anything but a singular noun (verbs,
    adjectives, adverbs ...)."""
    from hamsu import normalize

    words, not_nouns = set(), set()
    for line in (shared / "data" / "lexicon" / "lilak" / "lexicon.csv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "," not in line:
            continue
        word, pos = line.split(",")[:2]
        word = normalize(word, strip_diacritics=True).translate(_STORAGE_FOLD)
        words.add(word)
        if pos and pos not in ("noun_singular", "foreign"):
            not_nouns.add(word)
    return words, not_nouns


def lilak_adjectives(shared: Path) -> set[str]:
    from hamsu import normalize

    out = set()
    for line in (shared / "data" / "lexicon" / "lilak" / "lexicon.csv").read_text(encoding="utf-8").splitlines():
        parts = line.split(",")
        if len(parts) > 1 and parts[1] in ("adjective", "adverb", "adjective_comparative", "adjective_superlative"):
            out.add(normalize(parts[0], strip_diacritics=True).translate(_STORAGE_FOLD))
    return out


def word_zipf(shared: Path) -> dict[str, float]:
    from hamsu import normalize

    zipf: dict[str, float] = {}
    lines = (shared / "data" / "lexicon" / "wordfreq-fa" / "small_fa.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        word, value = line.split("\t")
        word = normalize(word, strip_diacritics=True).translate(_STORAGE_FOLD)
        zipf[word] = max(zipf.get(word, 0.0), float(value))
    return zipf


def build(shared: Path) -> tuple[dict[str, Entry], list[str]]:
    names = shared / "data" / "names"
    table: dict[str, Entry] = defaultdict(Entry)
    countries: dict[str, set[str]] = defaultdict(set)  # Persian country name -> English names

    def add(fa_cell: str, en_cell: str, kind: str, evidence: str, major: bool, ambiguous: bool = False,
            source: str = "") -> list[str]:
        en_forms = [e for e in english_forms(en_cell) if e not in CALENDAR]
        fa_forms = persian_forms(fa_cell)
        if not en_forms:
            return []
        for fa in fa_forms:
            entry = table[fa]
            entry.english += [e for e in en_forms if e not in entry.english]
            entry.kinds.add(kind)
            entry.evidence.add(evidence)
            entry.major |= major
            entry.ambiguous |= ambiguous
            entry.sources.add(source or evidence)
        return fa_forms

    for row in read_tsv(names / "geonames-fa-en" / "geonames-fa-en.tsv"):
        en, fa, key = name_part(row["en"]), name_part(row["fa"]), row["key"]
        is_country = bool(re.fullmatch("[A-Z]{2}", key))
        for form in add(fa, en, "place", "gazetteer", major=not key.isdigit(), source="geonames"):
            if is_country:
                countries[form].add(en)
    for row in read_tsv(names / "cldr-fa-en" / "cldr-fa-en.tsv"):
        domain, code = row["domain"], row["code"]
        if domain == "territories":
            forms = add(name_part(row["fa"]), name_part(row["en"]), "place", "gazetteer", major=True, source="cldr")
            for form in forms:
                if re.fullmatch("[A-Z]{2}", code):
                    countries[form].add(row["en"])
        elif domain == "tz_city":
            # Time-zone cities are mostly capitals, but not all (ماهه Mahe is also "month-old").
            add(row["fa"], row["en"].replace("_", " "), "place", "gazetteer", major=False, source="cldr")
        elif domain == "languages":
            # Persian language names are adjectives (عربی، فارسی), ordinary words on their own.
            add(row["fa"], row["en"], "name", "gazetteer", major=True, ambiguous=True, source="cldr")

    wiktionary = read_tsv(shared / "data" / "dictionary" / "wiktionary-en-fa" / "en-fa-pairs.tsv")
    common_translations = set()
    for row in wiktionary:
        gloss = row["gloss"]
        if row["en"] in CALENDAR:  # Wiktionary lists the months as proper nouns: مارس March (and Mars)
            common_translations.update(persian_forms(row["fa"]))
        elif row["pos"] == "prop":
            kind = (
                "person" if _PERSON_GLOSS.search(gloss)
                else "organization" if _ORGANIZATION_GLOSS.search(gloss)
                else "place" if _PLACE_GLOSS.search(gloss)
                else "name"
            )
            for form in add(row["fa"], row["en"], kind, "dictionary", major=False):
                if re.search(r"\b(?:country|continent)\b", gloss):
                    countries[form].add(row["en"])
        elif row["en"][:1].isupper() and row["pos"] in ("adj", "n"):
            add(row["fa"], row["en"], "name", "dictionary", major=False, ambiguous=True)  # Iraqi عراقی
        elif row["en"][:1].islower():
            common_translations.update(persian_forms(row["fa"]))  # دوشنبه Monday, also Dushanbe

    for fa_country, en_countries in countries.items():
        demonyms = sorted({d for en in en_countries for d in english_demonyms(en)})
        entry = table[fa_country]
        entry.english += [d for d in demonyms if d not in entry.english]
        for adjective in persian_adjectives(fa_country):
            adj = table[adjective]
            adj.english += [e for e in sorted(en_countries) + demonyms if e not in adj.english]
            adj.kinds.add("place")
            adj.evidence.add("gazetteer")
            adj.ambiguous = True

    for fa, english in ALIASES.items():
        entry = table[fa]
        entry.english += [e for e in english if e not in entry.english]
        entry.kinds.add("place")
        entry.evidence.add("gazetteer")
        entry.sources.add("aliases")
        entry.major = True  # countries and their unions: انگلیس is a name, not a word

    # A name that is also an ordinary word needs the English side to confirm it.
    lexicon, not_nouns = lilak_words(shared)
    zipf = word_zipf(shared)
    for form, entry in table.items():
        letters = form.replace(" ", "").replace(ZWNJ, "")
        if len(letters) <= 2 or form in common_translations or form in not_nouns:
            entry.ambiguous = True
        elif entry.sources == {"dictionary"}:
            # Lilak and the frequency lists have names too (خاورمیانه، ریچارد), so a Wiktionary
            # proper noun is taken for a word only when it translates a word or is no noun
            # (above), or is among the most frequent words.
            entry.ambiguous |= zipf.get(form, 0.0) >= WORD_ZIPF or form in NAME_AND_WORD
        elif not entry.major and len(entry.sources) == 1 and (form in lexicon or zipf.get(form, 0.0) >= 3.0):
            # A name only one list knows that is spelled like a word (کره Carei, بالای Bhilai, میر
            # Mir): countries, regions and names several lists agree on (تهران) stay names.
            entry.ambiguous = True

    # Adjectives and adverbs are never names, however rare (نوآور innovative).
    ordinary = {w for w, z in zipf.items() if z >= COMMON_ZIPF} | lilak_adjectives(shared)
    common = sorted(w for w in ordinary if w not in table and " " not in w)
    return table, common


HEADER = """\
# hamsu Persian–English name table, compiled by tools/build_names.py (see its docstring and NOTICE).
# persian <TAB> english|... <TAB> kind <TAB> evidence <TAB> flags (a: also an ordinary word)
# geonames: GeoNames via Debian libgeonames-common, CC-BY 4.0; cldr: Unicode CLDR via Babel, Unicode-3.0;
# wiktionary: English Wiktionary en-fa extract 2015 (M. Buchmeier), CC-BY-SA 3.0; wordfreq small_fa, CC-BY-SA 4.0
"""


def main() -> None:
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "src"))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=root.parent / "shared")
    ap.add_argument("--out", type=Path, default=root / "src" / "hamsu" / "data" / "names_fa_en.tsv.gz")
    args = ap.parse_args()
    table, common = build(args.shared)
    lines = []
    for fa in sorted(table):
        entry = table[fa]
        if not entry.english:
            continue
        kind = next((k for k in ("person", "organization", "place", "name") if k in entry.kinds), "name")
        evidence = "gazetteer" if "gazetteer" in entry.evidence else "dictionary"
        lines.append(f"{fa}\t{'|'.join(entry.english)}\t{kind}\t{evidence}\t{'a' if entry.ambiguous else ''}\n")
    text = HEADER + "## names\n" + "".join(lines) + "## common\n" + "".join(w + "\n" for w in common)
    tmp = args.out.with_suffix(".tmp")
    # mtime=0 and sorted lines keep the committed file byte-identical across rebuilds.
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    tmp.replace(args.out)
    ambiguous = sum(1 for line in lines if line.endswith("a\n"))
    print(args.out, f"{len(lines)} names ({ambiguous} ambiguous), {len(common)} common words,",
          f"{args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
