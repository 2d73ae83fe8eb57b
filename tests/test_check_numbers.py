"""The numbers and dates rules on what real translations do: number words inside terms, units
converted, separator typos, figures moved to the next sentence, compound weekdays, weekdays and
months inside titles and names. One table per behaviour; each table holds the real errors that
must stay caught beside the false alarms that must go, and every flag must carry its evidence."""
from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hamsu.check import check_alignment
from hamsu.check.base import at_least
from hamsu.check.measures import EN_UNIT_WORDS, FA_UNIT_WORDS, UNITS
from hamsu.check.quantities import convert
from hamsu.read.aligned import aligned_pairs


def flags_of(rules: list[str], pairs: list[tuple[str, str]]):
    flags = check_alignment(aligned_pairs(pairs, "doc"), rules=rules)
    for f in flags:
        assert f.evidence and "\n" not in f.evidence, f  # every numbers and dates flag says what it compared
    return flags


def alarms(rule: str, fa: str, en: str) -> list[str]:
    """Severities of the rule's flags at warning or above."""
    return [f.severity for f in flags_of([rule], [(fa, en)]) if at_least(f.severity, "warning")]


# --- number words that are part of a term, not a quantity ---------------------------------------

TERMS = [
    # (Persian, English, an alarm expected?)
    ("این دو بازیکن به فینال رسیدند", "The pair reached the final", False),
    ("این دو خواننده با هم اجرا کردند", "The duo performed together", False),
    ("هر دو تیم گل زدند", "Both teams scored", False),
    ("دو تیم گل زدند", "Both teams scored", False),
    ("بازی‌های چهار نفره", "the foursomes", False),
    ("دو برادر دوقلو", "twin brothers", False),
    ("یک جفت کفش", "a pair of shoes", False),
    ("حدود بیست نماینده مبتلا شدند", "around two dozen lawmakers were infected", False),
    ("آن سه با هم آمدند", "The trio came together", False),
    ("به کشورهای ونزوئلا و ایران", "to the latter two countries", False),
    ("به کشورهای ونزوئلا و ایران", "to the latter six countries", True),
    ("رکاب‌ها در دو طرف زین آویزانند", "Stirrups hang on either side of the saddle", False),  # minor only
    # real errors stay caught
    ("این دو بازیکن به فینال رسیدند", "The three players reached the final", True),
    ("دو تیم گل زدند", "Three teams scored", True),
    ("حدود بیست نماینده مبتلا شدند", "around seven dozen lawmakers were infected", True),
    ("پنج نفر کشته شدند", "People were killed", True),
    ("مردم کشته شدند", "Two people were killed", True),
]


@pytest.mark.parametrize("fa, en, alarm", TERMS)
def test_number_words_inside_terms(fa, en, alarm):
    assert bool(alarms("numbers", fa, en)) == alarm


HYPHENATED = [
    ("۵۸ نفر", "fifty-eight people", False),
    ("۵۸ نفر", "fifty\u2013eight people", False),  # en dash
    ("۵۸ نفر", "fifty\u2011eight people", False),  # non-breaking hyphen
    ("مردی ۵۸ ساله", "a fifty-eight-year-old man", False),
    ("۵۹ نفر", "fifty-eight people", True),
    ("۵۸ نفر", "fifty-nine people", True),
]


@pytest.mark.parametrize("fa, en, alarm", HYPHENATED)
def test_hyphenated_number_words(fa, en, alarm):
    assert bool(alarms("numbers", fa, en)) == alarm


# --- units converted ----------------------------------------------------------------------------

CONVERSIONS = [
    # (Persian, English, severities of the numbers flags, a piece of the evidence)
    ("دمای هوا به ۲۷ درجه سانتیگراد رسید", "Temperatures reached 80 degrees Fahrenheit", ["info"],
     "80 °F = 26.7 °C ≈ ۲۷"),
    ("دمای هوا به ۲۷ درجه رسید", "Temperatures reached 80°F", ["info"], "80 °F = 26.7 °C ≈ ۲۷"),
    ("تا ۲۵۰ میلیمتر باران بارید", "Up to 10 inches of rain fell", ["info"], "10 in = 254 mm ≈ ۲۵۰"),
    ("یک خوک ۲۹۰ کیلویی", "a 650 pound pig", ["info"], "650 lb = 295 kg ≈ ۲۹۰"),
    ("کلاهی با لبه ۶۰ سانتیمتری", "a hat with a two-foot brim", ["info"], "2 ft = 61 cm ≈ ۶۰"),
    ("کلاهی با لبه ۶۰ سانتی‌متری", "a hat with a 2-foot brim", ["info"], "≈ ۶۰"),
    ("قد او ۱۹۸ سانتیمتر است", "He is 6-foot-6", ["info"], "6-foot-6 = 198 cm ≈ ۱۹۸"),
    ("با سرعت ۱۲۰ کیلومتر در ساعت", "at 75 mph", ["info"], "75 mph = 121 km/h ≈ ۱۲۰"),
    ("۱۶۰ کیلومتر", "100 miles (160 km)", ["info"], "100 mi = 161 km ≈ ۱۶۰"),
    ("۲ هزار هکتار", "5,000 acres", ["info"], "= 2,023 ha ≈ ۲ هزار"),
    ("۱۰ تا ۱۵ سانتیمتر", "4 to 6 inches", ["info", "info"], "4 in = 10.2 cm ≈ ۱۰"),
    ("۳۸ لیتر", "10 gallons", ["info"], "10 US gal = 37.9 l ≈ ۳۸"),
    # wrong conversions: major, with both values
    ("قد او ۱۸۲ سانتیمتر است", "He is 6 ft 6 in tall", ["major"], "6 ft 6 in = 198 cm | fa ۱۸۲ سانتیمتر"),
    ("قد او ۱۸۲ سانتیمتر است", "He is 6'6\" tall", ["major"], "= 198 cm | fa ۱۸۲"),
    ("تا ۱۵۰ میلیمتر باران بارید", "Up to 10 inches of rain fell", ["major"], "10 in = 254 mm | fa ۱۵۰ میلیمتر"),
    ("دمای هوا به ۳۲ درجه سانتیگراد رسید", "Temperatures reached 80 degrees Fahrenheit", ["major"],
     "80 °F = 26.7 °C | fa ۳۲"),
    ("یک خوک ۶۵۰ کیلویی", "a 650 pound pig", [], ""),  # the same figure in another unit: the numbers agree
    # the same unit on both sides compares plain values, as before
    ("۱۲ کیلومتر", "17 km", ["major"], "fa ۱۲ | en 17"),
    ("۵ دلار", "$5", [], ""),
    ("۵ میلیون دلار", "$5m", [], ""),
    ("۳۰۰ میلیارد دلار", "a $300+ billion impact", [], ""),
    ("۵ تن کشته شدند", "five people were killed", [], ""),  # تن counts people here
    # the figure right, the money wrong: a warning; the same money in symbol or word is fine
    ("۵ یورو پرداخت کرد", "paid $5", ["warning"], "fa ۵ یورو | en $5"),
    ("۵ پوند پرداخت کرد", "paid $5", ["warning"], "fa ۵ پوند | en $5"),
    ("۵ میلیارد تومان", "5 billion rials", ["warning"], "fa ۵ میلیارد تومان | en 5 billion rials"),
    ("۵ پوند پرداخت کرد", "paid £5", [], ""),
    ("۵ یورو پرداخت کرد", "paid 5 euros", [], ""),
    ("۵ دلار و ۵ یورو", "$5 and €5", [], ""),
    # an amount given again in another currency in brackets: either may be the one kept
    ("۵ میلیون پوند جریمه شد", "fined £5m ($6.5m)", ["info"], "en £5m ($6.5m)"),
    ("۶.۵ میلیون دلار جریمه شد", "fined £5m (about $6.5 million)", ["info"], "en £5m ($6.5 million)"),
    ("۷ میلیون پوند جریمه شد", "fined £5m ($6.5m)", ["major"], "fa ۷ میلیون | en 5, 6.5"),
    # a figure given in two units on both sides: a changed one is not excused by the other unit's figure
    ("فاصله بین 1 تا 2 متر (3 تا 6 فوت)", "within 1 to 2 metres (3 to 6 feet)", [], ""),
    ("فاصله بین 1 تا 2 متر (3 تا 6 فوت)", "within 1 to 2 metres (2 to 6 feet)", ["major"], "fa 3 | en 2"),
    ("تا 4.5 متر (15 فوت)", "up to 4.8 metres (15 feet)", ["major"], "fa 4.5 | en 4.8"),
    ("تا 4.5 متر", "up to 4.5 metres (15 feet)", ["info"], "15 ft = 4.6 m ≈ 4.5"),
]  # fmt: skip


@pytest.mark.parametrize("fa, en, severities, evidence", CONVERSIONS)
def test_unit_conversions(fa, en, severities, evidence):
    flags = flags_of(["numbers"], [(fa, en)])
    assert [f.severity for f in flags] == severities, [(f.message, f.evidence) for f in flags]
    assert all(evidence in f.evidence for f in flags[:1]), [f.evidence for f in flags]


def test_unit_tables_name_known_units_and_convert_exactly():
    for table in (EN_UNIT_WORDS, FA_UNIT_WORDS):
        assert all(u in UNITS for units in table.values() for u in units if u)
    assert convert(80, "F", "C") == pytest.approx(26.6667, abs=1e-3)
    assert convert(100, "C", "F") == pytest.approx(212)
    assert convert(1, "mi", "km") == pytest.approx(1.609344)
    assert convert(78, "in", "cm") == pytest.approx(198.12)


# --- separator typos ----------------------------------------------------------------------------

SEPARATORS = [
    # (Persian, English, severities)
    ("نرخ رشد ۲٬۵۲ درصد بود", "growth was 2.52 percent", ["minor"]),  # a thousands mark for a decimal
    ("نرخ رشد ۲٫۵۲ درصد بود", "growth was 2,52 percent", ["minor"]),
    ("نرخ رشد ۲٫۵۲ درصد بود", "growth was 2.52 percent", []),
    ("نرخ رشد ۲٬۵۲ درصد بود", "growth was 2.53 percent", ["major"]),  # other digits: a different number
    ("۱۲٬۵۰۰ نفر", "12,500 people", []),
    ("در شکل ۲٫۴ آمده است", "as shown in Fig.2,4", ["minor"]),  # after an abbreviation's dot
    ("نسبت ۳٫۲٬۴ بود", "the ratio was 3.2.4", ["major"]),  # inside a longer number: not the same digits
]


@pytest.mark.parametrize("fa, en, severities", SEPARATORS)
def test_separator_typos(fa, en, severities):
    flags = flags_of(["numbers"], [(fa, en)])
    assert [f.severity for f in flags] == severities, [f.message for f in flags]


# --- a figure moved to a neighbouring unit ------------------------------------------------------

MOVED = [
    # (units of one document, the unit looked at, its numbers severities)
    ([("پلیس گفت ۱۲ نفر کشته شدند.", "People were killed."),
      ("حادثه در شهر رخ داد.", "Twelve died in the city, police said.")], 0, ["minor"]),
    ([("حادثه در شهر رخ داد.", "Twelve died in the city, police said."),
      ("پلیس گفت ۱۲ نفر کشته شدند.", "People were killed.")], 0, ["minor"]),
    # two units apart still counts; three does not
    ([("۱۲ نفر کشته شدند.", "People were killed."), ("او آمد.", "He came."), ("حادثه رخ داد.", "12 died.")], 0,
     ["minor"]),
    ([("۱۲ نفر کشته شدند.", "People were killed."), ("او آمد.", "He came."), ("او رفت.", "He left."),
      ("حادثه رخ داد.", "12 died.")], 0, ["major"]),
    # the neighbour's own counterpart has the figure: nothing moved, the number is missing
    ([("۱۲ نفر کشته شدند.", "People were killed."), ("۱۲ خانه ویران شد.", "12 houses were destroyed.")], 0, ["major"]),
    # a number replaced by another stays an error even when a neighbour has the old one
    ([("۱۲ نفر کشته شدند.", "13 people were killed."), ("حادثه رخ داد.", "12 died.")], 0, ["major"]),
]  # fmt: skip


@pytest.mark.parametrize("pairs, unit, severities", MOVED)
def test_numbers_moved_to_a_neighbouring_unit(pairs, unit, severities):
    flags = [f for f in flags_of(["numbers"], pairs) if f.unit == unit]
    assert sorted(f.severity for f in flags) == sorted(severities), [(f.message, f.evidence) for f in flags]


# --- weekdays -----------------------------------------------------------------------------------

WEEKDAYS = [
    # (Persian, English, severities of the dates flags)
    ("روز یکشنبه", "on Sunday", []),
    ("روز یک‌شنبه", "on Sunday", []),
    ("روز یک شنبه", "on Sunday", []),
    ("روز یک  شنبه", "on Sunday", []),  # two spaces
    ("روز ۱شنبه", "on Sunday", []),
    ("دوشنبه‌شب", "on Monday night", []),
    ("سه‌شنبه‌ها", "on Tuesdays", []),
    ("چهار شنبه", "Wednesday", []),
    ("پنج‌شنبه", "Thursday", []),
    ("روز پنجشنبه", "on Thursday", []),
    # a weekday rendered as another weekday: caught, with the reading of the Persian
    ("روز شنبه", "on Sunday", ["major"]),
    ("روز یک‌شنبه", "on Saturday", ["major"]),
    ("روز دوشنبه", "on Tuesday", ["major"]),
    ("روز یک شنبه", "on Monday", ["major"]),
    # one side only: information dropped, a warning
    ("او آمد", "He came on Sunday", ["warning"]),
]


@pytest.mark.parametrize("fa, en, severities", WEEKDAYS)
def test_compound_weekdays(fa, en, severities):
    flags = flags_of(["dates"], [(fa, en)])
    assert [f.severity for f in flags] == severities, [(f.message, f.evidence) for f in flags]


def test_weekday_evidence_names_both_readings():
    [flag] = flags_of(["dates"], [("روز شنبه", "on Sunday")])
    assert flag.evidence == "weekday: fa شنبه (Saturday) | en Sunday"


TITLES = [
    # weekdays and months inside titles and names are no dates; real dates beside them still are
    ("به گزارش ساندی تایمز", "the Sunday Times reported", False),
    ("در برنامه ساترده نایت لایو", "on Saturday Night Live", False),
    ("ترزا می گفت", "Theresa May said", False),
    ("ترزا می گفت", "May said", False),
    ("دولت ترزا می", "the May government", False),
    ("نتیجه تبدیل فوریه", "the result of the Fourier transform", False),
    ("در ماه اکتبر", "in Oct.", False),
    ("در ۵ نوامبر", "on Nov. 5", False),
    ("در سپتامبر", "in Sept.", False),
    ("روز یکشنبه به گزارش ساندی تایمز", "the Sunday Times reported on Saturday", True),
    ("در ماه مه", "in June", True),
    ("در ماه ژوئن", "in May", True),
    ("ترزا می در ۵ مه گفت", "Theresa May said on 6 May", True),
    ("در فوریه", "in March", True),
    ("در ماه اکتبر", "in Nov.", True),
]


@pytest.mark.parametrize("fa, en, alarm", TITLES)
def test_weekdays_and_months_in_titles_and_names(fa, en, alarm):
    assert bool(alarms("dates", fa, en)) == alarm


def test_year_evidence_shows_the_calendar_readings():
    [flag] = flags_of(["dates"], [("در سال ۱۴۰۳", "in 2023")])
    assert flag.severity == "major"
    assert flag.evidence == "year: fa ۱۴۰۳ (1403/2024/2025) | en 2023"


def test_numbers_evidence_lists_what_is_left_on_each_side():
    [flag] = flags_of(["numbers"], [("۱۲ نفر کشته شدند", "13 people were killed")])
    assert flag.evidence == "fa ۱۲ | en 13"
    [flag] = flags_of(["numbers"], [("۱۲ نفر کشته شدند", "People were killed")])
    assert flag.evidence == "fa ۱۲ | en —"


YEAR_SPANS_AND_IDENTIFIERS = [
    # (units, rules flagged at warning or above)
    ([("تخت به ازای هر ۱۰۰ هزار نفر در سال 11-2010", "beds per 100,000 population in 2010–11")], []),
    ([("در سال ۱۳۹۸-۹۹", "in 2019-20")], []),
    ([("در سال ۲۰۱۰-۱۱", "in 2010/11")], []),
    ([("ویروسی با نام Hipposideros / GhanaKwam / ۱۹ / ۲۰۰۸", "a virus termed Hipposideros/GhanaKwam/19/2008")], []),
    # a four-digit count on one side does not make the other side's full date owe it a year
    ([("در 1261 نفر علایم دیده شد. در 23 فوریه اعلام کرد.", "1,261 had symptoms. It declared on 23 February 2020.")],
     []),
    # real errors stay caught: a span shifted by a year, a year changed inside it
    ([("در سال 11-2010", "in 2011–12")], ["dates"]),
    ([("در سال 11-2010", "in 2011–11")], ["dates", "numbers"]),
    ([("در 1261 نفر علایم دیده شد. در 23 فوریه 2020 اعلام کرد.",
       "1,261 had symptoms. It declared on 23 February 2021.")], ["dates"]),
]  # fmt: skip


@pytest.mark.parametrize("pairs, rules", YEAR_SPANS_AND_IDENTIFIERS)
def test_year_spans_and_identifiers(pairs, rules):
    flags = flags_of(["numbers", "dates"], pairs)
    assert sorted({f.rule for f in flags if at_least(f.severity, "warning")}) == rules, [f.message for f in flags]


BELOW_ZERO = [
    # (Persian, English, severities, evidence)
    ("دما به ۲۹ درجه زیر صفر رسید", "temperatures fell to minus 20 degrees Fahrenheit", ["info"],
     "-20 °F = -28.9 °C ≈ -۲۹"),
    ("دما به منفی ۲۹ درجه رسید", "temperatures fell to -20°F", ["info"], "-20 °F = -28.9 °C ≈ -۲۹"),
    ("دما به ۷ درجه زیر صفر رسید", "temperatures fell to 20°F", ["info"], "20 °F = -6.7 °C ≈ -۷"),
    ("دما به ۲۹ درجه رسید", "temperatures fell to -20°F", ["major"], "-20 °F = -28.9 °C | fa ۲۹ درجه"),  # sign lost
]  # fmt: skip


@pytest.mark.parametrize("fa, en, severities, evidence", BELOW_ZERO)
def test_temperatures_below_zero(fa, en, severities, evidence):
    flags = flags_of(["numbers"], [(fa, en)])
    assert [f.severity for f in flags] == severities
    assert flags[0].evidence == evidence


def test_a_figure_in_a_neighbouring_sentence_left_unaligned_is_moved():
    flags = flags_of(["numbers"], [("پلیس گفت ۱۲ نفر کشته شدند.", "Police said people were killed."),
                                   ("", "Twelve died.")])  # fmt: skip
    [flag] = [f for f in flags if f.unit == 0]
    assert flag.severity == "minor"
    assert flag.evidence == "fa ۱۲ in unit 0 | en Twelve in unit 1"


# English form, Persian form, English unit, Persian unit: pairs a translator converts between.
CONVERTED_PAIRS = [("miles", "کیلومتر", "mi", "km"), ("inches", "سانتیمتر", "in", "cm"), ("feet", "متر", "ft", "m"),
                   ("pounds", "کیلوگرم", "lb", "kg"), ("gallons", "لیتر", "gal", "l"), ("acres", "هکتار", "acre", "ha"),
                   ("mph", "کیلومتر در ساعت", "mph", "km/h"),
                   ("degrees Fahrenheit", "درجه سانتیگراد", "F", "C")]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=2, max_value=5000), st.sampled_from(CONVERTED_PAIRS), st.sampled_from([0, 1]))
def test_a_rounded_conversion_is_info_and_a_far_one_major(value, pair, decimals):
    en_word, fa_word, en_unit, fa_unit = pair
    exact = convert(value, en_unit, fa_unit)
    written = f"{exact:.{decimals}f}"
    flags = flags_of(["numbers"], [(f"به {written} {fa_word} رسید", f"it reached {value} {en_word}")])
    assert [f.severity for f in flags] == ["info"], [(f.message, f.evidence) for f in flags]
    wrong = f"{exact + abs(exact) * 0.3 + 5:.0f}"  # off by far more than any rounding
    assume(int(wrong) != value)  # (the same figure in both units is no conversion to check)
    flags = flags_of(["numbers"], [(f"به {wrong} {fa_word} رسید", f"it reached {value} {en_word}")])
    assert [f.severity for f in flags] == ["major"], [(f.message, f.evidence) for f in flags]


IDENTIFIERS = [
    # (Persian, English, severities): numbers inside names are not demanded, but a changed one is caught
    ("کووید-۱۹ شایع شد", "COVID-19 spread", []),
    ("کرونا شایع شد", "COVID-19 spread", []),  # the name rendered without its number
    ("ویروس کووید ۱۹", "the COVID-19 virus", []),
    ("ویروس HCoV - ۲۲۹ E", "the HCoV-229E virus", []),
    ("کووید-۱۹ شایع شد", "COVID-24 spread", ["warning"]),
    ("ویروس SARS-CoV-2", "the SARS-CoV-12 virus", ["warning"]),
    ("HCoV-OC43 و HCoV-NL6", "HCoV-OC43 and HCoV-NL63", ["warning"]),  # a digit dropped from a name
]


@pytest.mark.parametrize("fa, en, severities", IDENTIFIERS)
def test_numbers_inside_names(fa, en, severities):
    flags = flags_of(["numbers"], [(fa, en)])
    assert [f.severity for f in flags] == severities, [(f.message, f.evidence) for f in flags]


def test_an_english_scale_word_alone_is_a_count():
    assert alarms("numbers", "نابینایی در یک چشم", "blindness in million eye") == ["major"]
    assert alarms("numbers", "یک میلیون نفر", "a million people") == []
    assert alarms("numbers", "هزار بار به او گفتم", "I told him many times") == []  # a Persian one alone is not
