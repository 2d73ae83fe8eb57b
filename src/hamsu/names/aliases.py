"""Other names of one thing: abbreviations and their expansions, short and historical names,
nationalities and their countries, in English and Persian.

A translator may write a name in full where the source abbreviates it (EU: اتحادیه اروپا), by its
short or older name (UK: انگلیس, Persia: ایران), or by its people (British: انگلیسی), and none
of these is a romanization or a word-for-word translation the other tests can see. Each row is
one thing: its English forms, then its Persian forms; any form on one side renders any on the
other. General knowledge, not data from any text hamsu was measured on.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .table import en_lookup_key, fa_lookup_key

# English forms : Persian forms, each |-separated (a long row goes on, indented, on the next line);
# spaces and half-spaces do not matter: Persian forms compare by key.
_ROWS = """
EU|European Union|Europe|European|Brussels : اتحادیه اروپا|اتحادیه اروپایی|اروپا|اروپایی|بروکسل
UN|United Nations|U.N. : سازمان ملل|سازمان ملل متحد|ملل متحد
UNSC|Security Council : شورای امنیت
UNICEF : یونیسف|صندوق کودکان سازمان ملل
UNESCO : یونسکو
UNHCR : کمیساریای عالی پناهندگان
NATO : ناتو|پیمان آتلانتیک شمالی
IRGC|Revolutionary Guards|Revolutionary Guard|Guards : سپاه|سپاه پاسداران|پاسداران
US|U.S.|USA|U.S.A.|America|American|Americans|United States|Washington
    : آمریکا|امریکا|آمریکایی|امریکایی|ایالات متحده|ایالات متحده آمریکا|واشنگتن
UK|U.K.|Britain|British|Briton|Britons|United Kingdom|England|English|London
    : بریتانیا|بریتانیایی|انگلیس|انگلیسی|انگلستان|پادشاهی متحد|لندن
UAE|Emirates|Emirati : امارات|امارات متحده عربی|اماراتی
USSR|Soviet|Soviets|Soviet Union : شوروی|اتحاد جماهیر شوروی|اتحاد شوروی
DC|D.C. : واشنگتن|دی سی|دی‌سی
NYC : نیویورک
GMT|UTC|Greenwich : گرینویچ|به وقت گرینویچ
WHO : سازمان بهداشت جهانی|سازمان جهانی بهداشت
CDC : مرکز کنترل و پیشگیری از بیماری|مراکز کنترل و پیشگیری از بیماری
FDA : سازمان غذا و دارو
IMF : صندوق بین‌المللی پول
OPEC : اوپک
IAEA : آژانس بین‌المللی انرژی اتمی|آژانس
ISIS|ISIL|Daesh|Islamic State : داعش|دولت اسلامی
UEFA : یوفا|اروپا
FIFA : فیفا
NASA : ناسا
BBC : بی‌بی‌سی|بی بی سی
CNN : سی‌ان‌ان|سی ان ان
Brexit|Brexiteer|Brexiteers : برگزیت|برکسیت|خروج بریتانیا|خروج بریتانیا از اتحادیه اروپا|خروج انگلیس
Persia|Persian|Persians : ایران|ایرانی|پارس|فارسی
Holland|Dutch|Netherlands : هلند|هلندی
Poles|Pole|Polish|Poland : لهستان|لهستانی|لهستانی‌ها
Danes|Dane|Danish|Denmark : دانمارک|دانمارکی
Swedes|Swede|Swedish|Sweden : سوئد|سوئدی
Finns|Finn|Finnish|Finland : فنلاند|فنلاندی
Turks|Turk|Turkish|Turkey : ترکیه|ترک|ترکیه‌ای
Scots|Scot|Scottish|Scotland : اسکاتلند|اسکاتلندی
Welsh|Wales : ولز|ولزی
Irish|Ireland : ایرلند|ایرلندی
Greeks|Greek|Greece : یونان|یونانی
Filipino|Filipinos|Philippines : فیلیپین|فیلیپینی
Thai|Thailand : تایلند|تایلندی
Kurds|Kurd|Kurdish : کرد|کردها|کردی|کردستان
Afghans|Afghan|Afghanistan : افغانستان|افغان|افغانی
Pakistanis|Pakistani|Pakistan : پاکستان|پاکستانی
Swiss|Switzerland : سوئیس|سوئیسی
Czech|Czechia|Czech Republic : چک|جمهوری چک
Burma|Myanmar : میانمار|برمه
Constantinople|Istanbul : قسطنطنیه|استانبول
Jesus|Christ|Jesus Christ : عیسی|مسیح|عیسی مسیح
AUD|A$ : دلار استرالیا|استرالیا
CAD|C$ : دلار کانادا|کانادا
NZD : دلار نیوزیلند|نیوزیلند
USD|US$ : دلار آمریکا|آمریکا
GBP : پوند|پوند انگلیس|پوند استرلینگ
EUR : یورو
A.D.|AD|B.C.|BC|BCE|CE : میلاد|میلادی|میلاد مسیح|مسیح|پیش از میلاد|قبل از میلاد
Atlantic|Atlantic Ocean : اطلس|اقیانوس اطلس|آتلانتیک
Pacific|Asia-Pacific|Oceania : اقیانوس آرام|آرام|اقیانوسیه|آسیا-اقیانوسیه
Christian|Christians|Christianity : مسیحی|مسیحیان|مسیحیت
Muslim|Muslims|Islam|Islamic : مسلمان|مسلمانان|اسلام|اسلامی
Jewish|Jew|Jews|Hebrew|Judaism : یهودی|یهودیان|یهود|عبری
Arab|Arabs|Arabic : عرب|اعراب|عربی
Kremlin : کرملین|مسکو
White House : کاخ سفید|واشنگتن
Pentagon : پنتاگون|وزارت دفاع
Downing Street : داونینگ استریت|دولت بریتانیا
Gulf|Persian Gulf : خلیج فارس|خلیج
St|St.|Saint : سنت|سن|قدیس
"""


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]]]:
    """English key → Persian keys, and Persian key → English forms as written, over every row."""
    en_to_fa: dict[str, set[str]] = {}
    fa_to_en: dict[str, set[str]] = {}
    for line in _ROWS.strip().replace("\n    : ", " : ").splitlines():
        english, _, persian = line.partition(" : ")
        en_forms = set(english.split("|"))
        fa_keys = {fa_lookup_key(f) for f in persian.split("|")} - {""}
        for form in en_forms:
            en_to_fa.setdefault(_en_key(form), set()).update(fa_keys)
        for key in fa_keys:
            fa_to_en.setdefault(key, set()).update(en_forms)
    return ({k: frozenset(v) for k, v in en_to_fa.items()}, {k: tuple(sorted(v)) for k, v in fa_to_en.items()})


def _en_key(form: str) -> str:
    """Abbreviations compare as written (US is not "us"), other forms by their lookup key."""
    bare = form.replace(".", "")
    return bare if bare.isupper() else en_lookup_key(form)


def persian_aliases(english: str) -> frozenset[str]:
    """Persian keys of the other names of an English form (EU: اتحادیه اروپا, اروپا …)."""
    return _tables()[0].get(_en_key(english), frozenset())


@lru_cache(maxsize=256)
def _pattern(fa_key: str) -> re.Pattern | None:
    forms = _tables()[1].get(fa_key)
    if not forms:
        return None
    acronyms = [re.escape(f) for f in forms if f.replace(".", "").isupper()]
    words = [re.escape(f) for f in forms if not f.replace(".", "").isupper()]
    parts = []
    if acronyms:
        parts.append(r"(?<![A-Za-z])(?:" + "|".join(acronyms) + r")(?![a-z])")
    if words:
        parts.append(r"(?i:\b(?:" + "|".join(words) + r")\b)")
    return re.compile("|".join(parts))


def alias_in_english(fa_key: str, english: str) -> str:
    """The other name of a Persian form (by key) the English text has, or "": an abbreviation
    as written (UK, not uk), other forms in any case (british)."""
    pattern = _pattern(fa_key)
    if pattern is None:
        return ""
    found = pattern.search(english)
    return found.group() if found else ""
