"""Units of measure and currencies, as data: what each unit is, and how each language writes it.

UNITS gives each unit its dimension and its size in that dimension's base unit (metre, kilogram,
litre, square metre, metre per second; temperatures by scale and offset). EN_UNIT_WORDS and
FA_UNIT_WORDS map a written form to the units it may stand for: more than one when the word is
ambiguous (a pound of weight or of money; تن a tonne or a head count; "degrees" of either scale).
Forms are keyed as quantities.py reads them: English in lower case (symbols as written), Persian
folded (no half-spaces or spaces inside a word, Persian ی and ک), without adjectival or plural
endings (کیلویی, سانتیمتری and اینچ‌ها find کیلو, سانتیمتر and اینچ).

Translators round what they convert: TOLERANCE is how far (relative to the exact value) a
converted figure may stray on top of the rounding its own writing shows (۲۹۰ is rounded to tens).
"""
from __future__ import annotations

from typing import NamedTuple


class Unit(NamedTuple):
    dimension: str  # "length", "mass", …; each currency is its own dimension: it is never converted
    size: float  # in the dimension's base unit
    symbol: str  # how evidence writes it
    offset: float = 0.0  # temperatures: kelvin = value * size + offset


UNITS: dict[str, Unit] = {
    # length, in metres
    "mm": Unit("length", 0.001, "mm"),
    "cm": Unit("length", 0.01, "cm"),
    "m": Unit("length", 1.0, "m"),
    "km": Unit("length", 1000.0, "km"),
    "in": Unit("length", 0.0254, "in"),
    "ft": Unit("length", 0.3048, "ft"),
    "yd": Unit("length", 0.9144, "yd"),
    "mi": Unit("length", 1609.344, "mi"),
    "nmi": Unit("length", 1852.0, "nmi"),
    # mass, in kilograms
    "mg": Unit("mass", 1e-6, "mg"),
    "g": Unit("mass", 0.001, "g"),
    "kg": Unit("mass", 1.0, "kg"),
    "t": Unit("mass", 1000.0, "t"),
    "short ton": Unit("mass", 907.18474, "short ton"),
    "long ton": Unit("mass", 1016.0469088, "long ton"),
    "oz": Unit("mass", 0.028349523125, "oz"),
    "lb": Unit("mass", 0.45359237, "lb"),
    # volume, in litres
    "ml": Unit("volume", 0.001, "ml"),
    "l": Unit("volume", 1.0, "l"),
    "m3": Unit("volume", 1000.0, "m³"),
    "gal": Unit("volume", 3.785411784, "US gal"),
    "imp gal": Unit("volume", 4.54609, "imp gal"),
    "bbl": Unit("volume", 158.987294928, "bbl"),
    "fl oz": Unit("volume", 0.0295735295625, "fl oz"),
    # area, in square metres
    "m2": Unit("area", 1.0, "m²"),
    "km2": Unit("area", 1e6, "km²"),
    "ha": Unit("area", 1e4, "ha"),
    "acre": Unit("area", 4046.8564224, "acre"),
    "mi2": Unit("area", 2589988.110336, "sq mi"),
    "ft2": Unit("area", 0.09290304, "sq ft"),
    # speed, in metres per second
    "km/h": Unit("speed", 1 / 3.6, "km/h"),
    "mph": Unit("speed", 0.44704, "mph"),
    "m/s": Unit("speed", 1.0, "m/s"),
    "kn": Unit("speed", 1852 / 3600, "kn"),
    # temperature, in kelvin
    "C": Unit("temperature", 1.0, "°C", 273.15),
    "F": Unit("temperature", 5 / 9, "°F", 273.15 - 32 * 5 / 9),
    # money: a currency is compared only with itself
    "USD": Unit("currency:dollar", 1.0, "$"),
    "GBP": Unit("currency:pound", 1.0, "£"),
    "EUR": Unit("currency:euro", 1.0, "€"),
    "JPY": Unit("currency:yen", 1.0, "¥"),
    "CNY": Unit("currency:yuan", 1.0, "yuan"),
    "IRR": Unit("currency:rial", 1.0, "rial"),
    "toman": Unit("currency:toman", 1.0, "toman"),
}

# How far a converted figure may be from the exact conversion beyond the rounding its writing shows
# (a relative share), and for temperatures an absolute margin in kelvin: 26.7 °C written ۲۶ or ۲۷.
TOLERANCE = 0.05
TEMPERATURE_MARGIN = 1.1

# English forms after a number ("10 inches", "5km", "80 °F", "a 650-pound pig"), lower case. A
# form of two or three words is matched before its first word alone.
EN_UNIT_WORDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("mm", "millimetre", "millimetres", "millimeter", "millimeters"), ("mm",)),
    **dict.fromkeys(("cm", "centimetre", "centimetres", "centimeter", "centimeters"), ("cm",)),
    **dict.fromkeys(("m", "metre", "metres", "meter", "meters"), ("m",)),
    **dict.fromkeys(("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"), ("km",)),
    **dict.fromkeys(("in", "inch", "inches", '"', "″", "”"), ("in",)),
    **dict.fromkeys(("ft", "foot", "feet", "'", "′", "’"), ("ft",)),
    **dict.fromkeys(("yd", "yds", "yard", "yards"), ("yd",)),
    **dict.fromkeys(("mi", "mile", "miles"), ("mi",)),
    **dict.fromkeys(("nautical mile", "nautical miles"), ("nmi",)),
    **dict.fromkeys(("mg", "milligram", "milligrams", "milligramme", "milligrammes"), ("mg",)),
    **dict.fromkeys(("g", "gram", "grams", "gramme", "grammes"), ("g",)),
    **dict.fromkeys(("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "kilogrammes"), ("kg",)),
    **dict.fromkeys(("tonne", "tonnes", "metric ton", "metric tons"), ("t",)),
    **dict.fromkeys(("ton", "tons"), ("t", "short ton", "long ton")),
    **dict.fromkeys(("oz", "ounce", "ounces"), ("oz",)),
    **dict.fromkeys(("lb", "lbs", "pound", "pounds"), ("lb", "GBP")),
    **dict.fromkeys(("ml", "millilitre", "millilitres", "milliliter", "milliliters"), ("ml",)),
    **dict.fromkeys(("l", "litre", "litres", "liter", "liters"), ("l",)),
    **dict.fromkeys(("cubic metre", "cubic metres", "cubic meter", "cubic meters", "m3", "m³"), ("m3",)),
    **dict.fromkeys(("gallon", "gallons", "gal"), ("gal", "imp gal")),
    **dict.fromkeys(("barrel", "barrels", "bbl"), ("bbl",)),
    **dict.fromkeys(("fluid ounce", "fluid ounces", "fl oz"), ("fl oz",)),
    **dict.fromkeys(("square metre", "square metres", "square meter", "square meters", "sq m", "m2", "m²"),
                    ("m2",)),
    **dict.fromkeys(("square kilometre", "square kilometres", "square kilometer", "square kilometers", "sq km",
                     "km2", "km²"), ("km2",)),
    **dict.fromkeys(("hectare", "hectares", "ha"), ("ha",)),
    **dict.fromkeys(("acre", "acres"), ("acre",)),
    **dict.fromkeys(("square mile", "square miles", "sq mi"), ("mi2",)),
    **dict.fromkeys(("square foot", "square feet", "sq ft"), ("ft2",)),
    **dict.fromkeys(("km/h", "kmh", "kph", "km per hour", "kilometres per hour", "kilometers per hour",
                     "kilometres an hour", "kilometers an hour"), ("km/h",)),
    **dict.fromkeys(("mph", "miles per hour", "miles an hour", "mile per hour"), ("mph",)),
    **dict.fromkeys(("m/s", "metres per second", "meters per second"), ("m/s",)),
    **dict.fromkeys(("knot", "knots"), ("kn",)),
    **dict.fromkeys(("°c", "ºc", "℃", "degrees celsius", "degree celsius", "degrees centigrade", "degrees c",
                     "celsius", "centigrade", "c"), ("C",)),
    **dict.fromkeys(("°f", "ºf", "℉", "degrees fahrenheit", "degree fahrenheit", "degrees f", "fahrenheit", "f"),
                    ("F",)),
    **dict.fromkeys(("degrees", "degree", "°", "º"), ("C", "F")),
    **dict.fromkeys(("dollar", "dollars", "usd"), ("USD",)),
    **dict.fromkeys(("euro", "euros", "eur"), ("EUR",)),
    **dict.fromkeys(("pound sterling", "pounds sterling", "gbp", "sterling"), ("GBP",)),
    **dict.fromkeys(("yen", "jpy"), ("JPY",)),
    **dict.fromkeys(("yuan", "renminbi", "cny", "rmb"), ("CNY",)),
    **dict.fromkeys(("rial", "rials", "irr"), ("IRR",)),
    **dict.fromkeys(("toman", "tomans"), ("toman",)),
}  # fmt: skip
# Forms that are units only right after a number with no space ("5km", "80F"), never as a word
# apart: "in" and "m" are words, "c" and "f" letters of a list.
EN_GLUED_ONLY = frozenset({"c", "f", "m", "l", "g", "ha", "mi", "in"})
# "6 ft 6 in", "6 feet 6 inches", "6-foot-6", 6'6": the second number counts in this smaller unit.
EN_SECOND_UNIT = {"ft": "in", "lb": "oz"}
# Symbols written before the number ("$5", "US$ 2 million", "£3.5bn").
EN_SYMBOLS_BEFORE: dict[str, tuple[str, ...]] = {
    "$": ("USD",), "us$": ("USD",), "£": ("GBP",), "€": ("EUR",), "¥": ("JPY", "CNY"), "﷼": ("IRR",),
}  # fmt: skip

# Persian forms, folded: no half-space or space inside, Persian ی and ک, no ending ی/یی/ای/ها.
FA_UNIT_WORDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("میلیمتر", "میلمتر"), ("mm",)),
    **dict.fromkeys(("سانتیمتر", "سانتی", "سانت"), ("cm",)),
    **dict.fromkeys(("متر",), ("m",)),
    **dict.fromkeys(("کیلومتر",), ("km",)),
    **dict.fromkeys(("اینچ",), ("in",)),
    **dict.fromkeys(("فوت", "پا"), ("ft",)),
    **dict.fromkeys(("یارد",), ("yd",)),
    **dict.fromkeys(("مایل",), ("mi",)),
    **dict.fromkeys(("مایلدریایی", "ناتیکالمایل"), ("nmi",)),
    **dict.fromkeys(("میلیگرم",), ("mg",)),
    **dict.fromkeys(("گرم",), ("g",)),
    **dict.fromkeys(("کیلوگرم", "کیلو"), ("kg",)),
    # تن after a number is as often a head count (۵ تن کشته شدند: five people) as tonnes.
    **dict.fromkeys(("تن",), ("t", "")),
    **dict.fromkeys(("اونس", "انس"), ("oz",)),
    **dict.fromkeys(("پوند",), ("lb", "GBP")),
    **dict.fromkeys(("میلیلیتر", "سیسی"), ("ml",)),
    **dict.fromkeys(("لیتر",), ("l",)),
    **dict.fromkeys(("مترمکعب",), ("m3",)),
    **dict.fromkeys(("گالن",), ("gal", "imp gal")),
    **dict.fromkeys(("بشکه",), ("bbl",)),
    **dict.fromkeys(("مترمربع",), ("m2",)),
    **dict.fromkeys(("کیلومترمربع",), ("km2",)),
    **dict.fromkeys(("هکتار",), ("ha",)),
    **dict.fromkeys(("آکر", "ایکر", "اکر", "جریبانگلیسی"), ("acre",)),
    **dict.fromkeys(("مایلمربع",), ("mi2",)),
    **dict.fromkeys(("فوتمربع",), ("ft2",)),
    **dict.fromkeys(("کیلومتردرساعت", "کیلومتربرساعت"), ("km/h",)),
    **dict.fromkeys(("مایلدرساعت", "مایلبرساعت"), ("mph",)),
    **dict.fromkeys(("متردرثانیه", "متربرثانیه"), ("m/s",)),
    **dict.fromkeys(("گره",), ("kn",)),
    **dict.fromkeys(("درجهسانتیگراد", "درجهسلسیوس", "درجهسانتیگرد", "درجهسلسیس"), ("C",)),
    **dict.fromkeys(("درجهفارنهایت", "درجهفارنهیت"), ("F",)),
    # درجه alone: Celsius in a Persian text, unless the English names Fahrenheit and the figures agree.
    **dict.fromkeys(("درجه",), ("C", "F")),
    **dict.fromkeys(("دلار",), ("USD",)),
    **dict.fromkeys(("یورو",), ("EUR",)),
    **dict.fromkeys(("پوندانگلیس", "پوندانگلستان", "استرلینگ", "پونداسترلینگ"), ("GBP",)),
    **dict.fromkeys(("ین",), ("JPY",)),
    **dict.fromkeys(("یوان",), ("CNY",)),
    **dict.fromkeys(("ریال",), ("IRR",)),
    **dict.fromkeys(("تومان",), ("toman",)),
}  # fmt: skip
# Endings a Persian unit word takes that leave it the unit: adjectival ی (۲۹۰ کیلویی, ۶۰ سانتیمتری),
# the indefinite ای, plurals.
FA_UNIT_ENDINGS = ("هایی", "های", "ها", "یی", "ای", "ی")
# A Persian unit word of more than one word is read over at most this many words.
MAX_UNIT_WORDS = 3
