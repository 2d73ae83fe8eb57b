"""Generic words inside names and their Persian translations, and English demonym endings.

Many names are a proper part and generic words around it: Dalhousie University (دانشگاه
دالهاوزی), North Kivu (کیوو شمالی), Quds Force (نیروی قدس), University of Tehran (دانشگاه تهران).
The proper part is transliterated; the generic words are translated, and Persian puts the head
noun first, so they may stand on either side of it.
"""
from __future__ import annotations

from functools import lru_cache

from .table import fa_lookup_key

# English word -> Persian words it is translated by inside a name (ezafe forms are matched too).
_GENERIC = {
    "North": "شمال شمالی", "Northern": "شمالی شمال", "South": "جنوب جنوبی", "Southern": "جنوبی جنوب",
    "East": "شرق شرقی", "Eastern": "شرقی شرق", "West": "غرب غربی", "Western": "غربی غرب",
    "Central": "مرکزی", "Upper": "علیا بالا", "Lower": "سفلی پایین", "New": "جدید نو",
    "Great": "بزرگ کبیر", "Greater": "بزرگ", "Old": "قدیم قدیمی کهنه", "Ancient": "باستان باستانی",
    "Little": "کوچک", "Holy": "مقدس", "Royal": "سلطنتی", "National": "ملی", "International": "بین‌المللی",
    "Islamic": "اسلامی", "Arab": "عرب عربی", "United": "متحد متحده", "Federal": "فدرال",
    "Democratic": "دموکراتیک", "People's": "خلق", "Popular": "مردمی", "Revolutionary": "انقلاب انقلابی",
    "Supreme": "عالی", "High": "عالی", "General": "عمومی کل",
    "University": "دانشگاه", "College": "کالج دانشکده", "School": "مدرسه دانشکده", "Institute": "موسسه مؤسسه",
    "Academy": "آکادمی فرهنگستان", "Museum": "موزه", "Library": "کتابخانه", "Hospital": "بیمارستان",
    "Lake": "دریاچه", "Lakes": "دریاچه‌های دریاچه‌ها", "River": "رود رودخانه", "Sea": "دریا",
    "Ocean": "اقیانوس", "Gulf": "خلیج", "Bay": "خلیج", "Strait": "تنگه", "Island": "جزیره",
    "Islands": "جزایر", "Mount": "کوه", "Mountain": "کوه", "Mountains": "کوه‌های کوه‌ها کوهستان",
    "Valley": "دره", "Desert": "صحرا بیابان", "Cape": "دماغه", "Peninsula": "شبه‌جزیره", "Canal": "کانال",
    "Province": "استان", "State": "ایالت دولت", "City": "شهر", "County": "شهرستان", "Region": "منطقه",
    "District": "منطقه ناحیه بخش", "Republic": "جمهوری", "Kingdom": "پادشاهی", "Empire": "امپراتوری",
    "Union": "اتحادیه اتحاد", "Council": "شورا شورای هیئت", "Assembly": "مجمع مجلس", "Parliament": "پارلمان مجلس",
    "Ministry": "وزارت", "Minister": "وزیر", "Ministers": "وزیران", "Court": "دادگاه", "Party": "حزب",
    "Front": "جبهه", "Movement": "جنبش",
    "Resistance": "مقاومت", "Army": "ارتش", "Force": "نیرو نیروی", "Forces": "نیروها نیروهای",
    "Guard": "گارد پاسدار پاسداران", "Guards": "پاسداران گارد", "Corps": "سپاه", "Command": "فرماندهی",
    "Organization": "سازمان", "Organisation": "سازمان",
    "Association": "انجمن", "Society": "انجمن جامعه", "Foundation": "بنیاد", "Agency": "آژانس سازمان",
    "Company": "شرکت", "Group": "گروه", "Bank": "بانک", "Center": "مرکز", "Centre": "مرکز",
    "Committee": "کمیته", "Commission": "کمیسیون", "Office": "دفتر", "Department": "وزارت اداره",
    "Service": "سرویس خدمات", "News": "خبر خبری", "Airport": "فرودگاه", "Station": "ایستگاه",
    "Port": "بندر", "Street": "خیابان", "Square": "میدان", "Bridge": "پل", "Tower": "برج",
    "Palace": "کاخ", "Church": "کلیسا", "Cathedral": "کلیسای", "Mosque": "مسجد", "Temple": "معبد",
    "Park": "پارک", "Stadium": "ورزشگاه استادیوم", "Club": "باشگاه", "Team": "تیم", "Cup": "جام",
    "Games": "بازی‌های", "Prize": "جایزه", "War": "جنگ", "World": "جهان جهانی", "Day": "روز",
    "Health": "بهداشت بهداشتی سلامت", "Medical": "پزشکی", "Medicine": "پزشکی", "Research": "تحقیقات پژوهش",
    "Science": "علوم علم", "Sciences": "علوم", "Technology": "فناوری تکنولوژی", "Education": "آموزش",
    "Security": "امنیت امنیتی", "Public": "عمومی", "Affairs": "امور", "Foreign": "خارجه خارجی",
    "Hurricane": "طوفان توفان", "Storm": "طوفان توفان", "Typhoon": "طوفان توفان", "Cyclone": "طوفان گردباد",
    "Festival": "جشنواره جشن", "Plan": "طرح برنامه", "Act": "قانون", "Treaty": "پیمان معاهده عهدنامه",
    "Enterprise": "شرکت", "Corporation": "شرکت", "Inc": "شرکت", "Ltd": "شرکت", "Co": "شرکت", "Corp": "شرکت",
    "Imperial": "سلطنتی امپراتوری", "Authority": "اداره سازمان مرجع", "Administration": "اداره سازمان دولت",
    "Institutes": "موسسات مؤسسات موسسه مؤسسه", "Institut": "موسسه مؤسسه", "Instituto": "موسسه مؤسسه",
    "Harbour": "بندر لنگرگاه", "Harbor": "بندر لنگرگاه", "Northeast": "شمال‌شرق شمال‌شرقی شمال شرق شرقی",
    "Northwest": "شمال‌غرب شمال‌غربی شمال غرب غربی", "Southeast": "جنوب‌شرق جنوب‌شرقی جنوب شرق شرقی",
    "Southwest": "جنوب‌غرب جنوب‌غربی جنوب غرب غربی", "Accord": "پیمان توافق توافقنامه قرارداد",
    "Accords": "پیمان توافق توافقات توافقنامه قرارداد",
    "Glacier": "یخچال", "Range": "رشته دامنه", "Airways": "هواپیمایی", "Airlines": "هواپیمایی",
}


@lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    return {en: frozenset(fa_lookup_key(w) for w in fa.split()) for en, fa in _GENERIC.items()}


@lru_cache(maxsize=1)
def persian_generic_words() -> frozenset[str]:
    """Persian keys of every generic name word (دانشگاه، ملی، شورا)."""
    return frozenset(key for keys in _table().values() for key in keys)


# Generic words that head the name of an institution (Ministry of Health: وزارت بهداشت); not
# Assembly, whose مجمع also makes مجمع‌الجزایر (archipelago).
_INSTITUTIONS = """University College School Institute Academy Museum Library Hospital Council Parliament
Ministry Court Party Front Movement Organization Organisation Association Society Foundation Agency Company
Bank Committee Commission Office Department Union""".split()


@lru_cache(maxsize=1)
def institution_words() -> frozenset[str]:
    """Persian keys of the head nouns of institution names (وزارت، کمیسیون، دانشگاه)."""
    return frozenset(key for word in _INSTITUTIONS for key in _table().get(word, ()))


@lru_cache(maxsize=1)
def generic_english() -> dict[str, frozenset[str]]:
    """Persian key of a generic name word -> the English words it translates, in lower case
    (دانشگاه: university)."""
    out: dict[str, set[str]] = {}
    for english, keys in _table().items():
        for key in keys:
            out.setdefault(key, set()).add(english.lower())
    return {k: frozenset(v) for k, v in out.items()}


def generic_translations(word: str) -> frozenset[str]:
    """Persian keys that translate a generic English name word; empty for any other word."""
    return _table().get(word, frozenset())


# Endings of English demonyms and their stems: Tasmanian → Tasmania, Iranian → Iran.
_DEMONYM_ENDINGS = (("ians", ("ia", "")), ("ian", ("ia", "")), ("ans", ("a", "")), ("an", ("a", "")),
                    ("lese", ("", "l")), ("ese", ("",)), ("is", ("",)), ("i", ("",)), ("ish", ("",)))


def demonym_stems(word: str) -> list[str]:
    """Place names an English demonym may come from (for transliteration, not a dictionary)."""
    if " " in word or not word[:1].isupper():
        return []
    for ending, replacements in _DEMONYM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return [word[: -len(ending)] + r for r in replacements]
    return []


@lru_cache(maxsize=1)
def aligner_dictionary():
    """The aligner's dictionary and its stemmers, loaded on first use; None without it."""
    try:
        from ..align.dictionary import shipped_dictionary
        from ..align.lexical import en_key, fa_key
    except ImportError:  # pragma: no cover - the aligner ships with hamsu
        return None
    return shipped_dictionary().en_to_fa, en_key, fa_key


@lru_cache(maxsize=4096)
def dictionary_stems(word: str) -> frozenset[str]:
    """The aligner's dictionary translations of an English word, as its Persian stems (year: سال)."""
    dictionary = aligner_dictionary()
    if dictionary is None:
        return frozenset()
    en_to_fa, en_key, _ = dictionary
    return frozenset(s for s in en_to_fa.get(en_key(word), ()) if " " not in s)


@lru_cache(maxsize=1 << 14)
def persian_stem(word: str) -> str:
    """A Persian word as the aligner's dictionary stems it (جهانی: جه)."""
    dictionary = aligner_dictionary()
    return dictionary[2](word) if dictionary else ""
