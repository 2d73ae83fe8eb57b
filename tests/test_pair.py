"""Document pairing (`hamsu pair`): real WARC files written by warcio, folders, JSON lines, the CLI.

The articles below are written for these tests (not taken from the dev corpora): short news items
with numbers, dates and names, each in Persian and English, plus near-duplicates of one story
whose figures differ, pages in third languages, and an updated crawl of one URL.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from hamsu.errors import InputError
from hamsu.pair import pair_inputs, paired_documents, read_inputs, read_pairs_file
from hamsu.pair.crawl import decode_page, published_date
from hamsu.pair.pages import RawPage, finish_pages, page_language, site_boilerplate

ROOT = Path(__file__).resolve().parent.parent

QUAKE_FA = (
    "زلزله‌ای به بزرگی ۶٫۴ ریشتر روز سه‌شنبه شهر بم در استان کرمان را لرزاند.\n\n"
    "به گفته مقامات محلی دست کم ۱۲ نفر کشته و ۳۴۰ نفر زخمی شدند. هلال احمر ۵۰ تیم امدادی به منطقه فرستاد."
)
QUAKE_EN = (
    "An earthquake of magnitude 6.4 struck the city of Bam in Kerman province on Tuesday.\n\n"
    "Local officials said at least 12 people were killed and 340 were injured. "
    "The Red Crescent sent 50 rescue teams to the area."
)
# The same story later in the day: the same words, other figures.
QUAKE2_FA = (
    "زلزله‌ای به بزرگی ۶٫۴ ریشتر روز سه‌شنبه شهر بم در استان کرمان را لرزاند.\n\n"
    "به گفته مقامات محلی دست کم ۲۷ نفر کشته و ۹۱۵ نفر زخمی شدند. هلال احمر ۱۴۰ تیم امدادی به منطقه فرستاد."
)
QUAKE2_EN = (
    "An earthquake of magnitude 6.4 struck the city of Bam in Kerman province on Tuesday.\n\n"
    "Local officials said at least 27 people were killed and 915 were injured. "
    "The Red Crescent sent 140 rescue teams to the area."
)
BANK_FA = (
    "بانک مرکزی ایران اعلام کرد نرخ تورم در سال ۱۴۰۲ به ۴۰ درصد رسید. رئیس بانک گفت دولت برای کاهش تورم "
    "برنامه تازه‌ای دارد.\n\nکارشناسان اقتصادی می‌گویند قیمت مسکن در تهران در سه سال گذشته دو برابر شده است."
)
BANK_EN = (
    "Iran's central bank announced that the inflation rate reached 40 percent in 2023. The head of the bank "
    "said the government has a new plan to reduce inflation.\n\nEconomists say that housing prices in Tehran "
    "have doubled in the past three years."
)
FOOTBALL_FA = (
    "تیم ملی فوتبال ایران در دیداری دوستانه در دوحه با نتیجه ۳ بر ۱ از تیم ملی اردن پیروز شد.\n\n"
    "مهدی طارمی دو گل برای ایران به ثمر رساند. این بازی با حضور ۲۵ هزار تماشاگر برگزار شد."
)
FOOTBALL_EN = (
    "Iran's national football team beat Jordan 3-1 in a friendly match in Doha.\n\n"
    "Mehdi Taremi scored two goals for Iran. The match was played in front of 25,000 spectators."
)
BOOKS_FA = (
    "نمایشگاه بین‌المللی کتاب تهران با حضور ۲۳۰۰ ناشر از ۳۰ کشور جهان آغاز به کار کرد.\n\n"
    "این نمایشگاه تا ۱۸ اردیبهشت ادامه دارد و برگزارکنندگان انتظار دارند بیش از یک میلیون نفر از آن دیدن کنند."
)
BOOKS_EN = (
    "The Tehran International Book Fair opened with 2,300 publishers from 30 countries.\n\n"
    "The fair runs until May 8, and the organizers expect more than one million people to visit it."
)
# Pages with no counterpart.
POLIO_FA = "وزارت بهداشت از واکسیناسیون ۸۰۰ هزار کودک در برابر فلج اطفال در استان سیستان و بلوچستان خبر داد."
SNOW_EN = "Heavy snowfall closed the main road between Chalus and Karaj for six hours on Sunday, police said."
# Third languages: Arabic and Urdu (Arabic script), French (Latin script).
ARABIC = (
    "أعلنت وزارة الصحة في مصر عن افتتاح 12 مستشفى جديدا في القاهرة هذا العام. وقال الوزير إن هذه المستشفيات"
    " ستخدم أكثر من مليون مواطن في المدينة التي يعيش فيها نحو عشرين مليون شخص."
)
URDU = (
    "پاکستان کے شہر لاہور میں شدید بارش کے بعد کئی سڑکیں پانی میں ڈوب گئیں۔ محکمہ موسمیات نے اگلے دو دنوں"
    " میں مزید بارش کی پیش گوئی کی ہے اور شہریوں کو گھروں میں رہنے کا مشورہ دیا ہے۔"
)
FRENCH = (
    "Le gouvernement a annoncé mardi une nouvelle loi sur le logement. Les prix des loyers ont augmenté de "
    "12 pour cent dans la capitale depuis le début de l'année, selon les chiffres publiés par le ministère."
)

ARTICLES = {  # name: (Persian, English)
    "quake": (QUAKE_FA, QUAKE_EN),
    "quake2": (QUAKE2_FA, QUAKE2_EN),
    "bank": (BANK_FA, BANK_EN),
    "football": (FOOTBALL_FA, FOOTBALL_EN),
    "books": (BOOKS_FA, BOOKS_EN),
}
FA_URL = "https://fa.akhbar.example/news/{}"
EN_URL = "https://www.dailynews.example/story/{}"
FA_IDS = {"quake": 90412, "quake2": 90577, "bank": 88123, "football": 91002, "books": 87310, "polio": 90001}
EN_IDS = {"quake": "a7", "quake2": "b3", "bank": "k9", "football": "m2", "books": "z5", "snow": "q1"}
MENU = {"fa": "<nav><a href='/'>صفحه اصلی</a> <a href='/s'>ورزشی</a></nav>", "en": "<nav><a href='/'>Home</a></nav>"}
# A block every page of a site repeats outside any nav/footer element: only the site view finds it.
RELATED = {"fa": "<div>پربیننده‌ترین خبرهای امروز را اینجا بخوانید</div>",
           "en": "<div>Read the most viewed stories of the day here</div>"}  # fmt: skip


def html(lang: str, text: str, title: str = "", extra: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>{extra}</head>"
            f"<body>{MENU.get(lang, '')}<article>{paras}</article>{RELATED.get(lang, '')}"
            f"<footer>(c) 2024</footer></body></html>")  # fmt: skip


def site_pages() -> list[tuple[str, str, str]]:
    """(url, lang, html) of both sites: five articles in both languages, one orphan on each side,
    and pages in Arabic, Urdu and French on the Persian site."""
    pages = []
    for name, (fa, en) in ARTICLES.items():
        pages.append((FA_URL.format(FA_IDS[name]), "fa", html("fa", fa)))
        pages.append((EN_URL.format(EN_IDS[name]), "en", html("en", en)))
    pages.append((FA_URL.format(FA_IDS["polio"]), "fa", html("fa", POLIO_FA)))
    pages.append((EN_URL.format(EN_IDS["snow"]), "en", html("en", SNOW_EN)))
    pages.append(("https://fa.akhbar.example/ar/1", "ar", html("ar", ARABIC)))
    pages.append(("https://fa.akhbar.example/ur/1", "ur", html("ur", URDU)))
    pages.append(("https://fa.akhbar.example/fr/1", "fr", html("fr", FRENCH)))
    return pages


GOLD = {(FA_URL.format(FA_IDS[n]), EN_URL.format(EN_IDS[n])) for n in ARTICLES}


def write_warc(path: Path, records: list[tuple], gzip_records: bool = True) -> None:
    """records: (url, body bytes, status, content type, date, kind) with kind response or revisit."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip_records)
        for url, body, status, ctype, date, kind in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            warc_headers = {"WARC-Date": date} if date else None
            if kind == "revisit":
                record = writer.create_revisit_record(url, "sha1:AAAA", url, date or "2024-01-01T00:00:00Z",
                                                      http_headers=headers)  # fmt: skip
            else:
                record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                                   warc_headers_dict=warc_headers)  # fmt: skip
            writer.write_record(record)


def site_warc(path: Path, extra: list[tuple] = ()) -> None:
    records = [(url, page.encode("utf-8"), "200 OK", "text/html; charset=utf-8", None, "response")
               for url, _, page in site_pages()]  # fmt: skip
    records = records[::2] + records[1::2]  # the two sites interleaved differently from the gold order
    write_warc(path, records + list(extra))


def pairs_of(pairing) -> set[tuple[str, str]]:
    return {(p.fa.source, p.en.source) for p in pairing.pairs}


# --- Reading ----------------------------------------------------------------------------------


def test_warc_pairs_every_article_and_sets_other_languages_aside(tmp_path):
    crawl = tmp_path / "crawl.warc.gz"
    site_warc(crawl)
    reading, pairing = pair_inputs([str(crawl)])
    assert pairs_of(pairing) == GOLD
    reasons = {u.source: (u.lang, u.reason) for u in reading.unpaired + pairing.unpaired}
    assert reasons["https://fa.akhbar.example/ar/1"] == ("ar", "language ar")
    assert reasons["https://fa.akhbar.example/ur/1"] == ("ur", "language ur")
    assert reasons["https://fa.akhbar.example/fr/1"] == ("fr", "language fr")
    assert reasons[FA_URL.format(FA_IDS["polio"])][0] == "fa"
    assert reasons[EN_URL.format(EN_IDS["snow"])][0] == "en"
    for p in pairing.pairs:
        assert 0 < p.score <= 1


def test_near_duplicate_stories_pair_by_their_figures(tmp_path):
    """Two versions of one story, alike but for their numbers: each goes to the English with its figures."""
    crawl = tmp_path / "crawl.warc.gz"
    site_warc(crawl)
    _, pairing = pair_inputs([str(crawl)])
    by_fa = {p.fa.source: p for p in pairing.pairs}
    first, second = by_fa[FA_URL.format(FA_IDS["quake"])], by_fa[FA_URL.format(FA_IDS["quake2"])]
    assert first.en.source == EN_URL.format(EN_IDS["quake"])
    assert second.en.source == EN_URL.format(EN_IDS["quake2"])
    assert "27" in second.evidence["numbers"] and "12" not in second.evidence["numbers"]


def test_site_boilerplate_outside_nav_elements_is_removed(tmp_path):
    crawl = tmp_path / "crawl.warc.gz"
    site_warc(crawl)
    reading = read_inputs([str(crawl)])
    assert reading.pages
    for page in reading.pages:
        assert "پربیننده" not in page.text and "most viewed" not in page.text
    assert any("کرمان" in p.text for p in reading.pages)


def test_site_boilerplate_needs_many_pages():
    texts = [f"menu line\n\narticle {i}" for i in range(10)] + ["shared sentence\n\nstory a", "shared sentence"]
    found = site_boilerplate(texts)
    assert "menu line" in found
    assert "shared sentence" not in found  # on two pages only: two versions of a story, not furniture


def test_revisits_non_200_and_non_html_are_skipped_and_counted(tmp_path):
    crawl = tmp_path / "crawl.warc"
    page = html("fa", BANK_FA).encode("utf-8")
    write_warc(crawl, [
        ("https://fa.akhbar.example/1", page, "200 OK", "text/html; charset=utf-8", None, "response"),
        ("https://fa.akhbar.example/2", b"<html>gone</html>", "404 Not Found", "text/html", None, "response"),
        ("https://fa.akhbar.example/3", b"", "301 Moved", "text/html", None, "response"),
        ("https://fa.akhbar.example/logo.png", b"\x89PNG....", "200 OK", "image/png", None, "response"),
        ("https://fa.akhbar.example/1", b"", "200 OK", "text/html", "2024-02-01T00:00:00Z", "revisit"),
    ], gzip_records=False)  # fmt: skip
    reading = read_inputs([str(crawl)])
    assert [p.source for p in reading.pages] == ["https://fa.akhbar.example/1"]
    assert reading.pages[0].lang == "fa" and reading.pages[0].url == "https://fa.akhbar.example/1"
    assert reading.skipped == {"status 404": 1, "status 301": 1, "not HTML (image/png)": 1, "revisit": 1}


def test_an_updated_crawl_of_a_url_replaces_the_older_one(tmp_path):
    """The same URL crawled twice, the story updated in between: the latest version is the page."""
    crawl = tmp_path / "crawl.warc.gz"
    url = FA_URL.format(FA_IDS["quake"])
    kind = "text/html; charset=utf-8"
    old = (url, html("fa", QUAKE_FA).encode(), "200 OK", kind, "2024-01-02T08:00:00Z", "response")
    new = (url, html("fa", QUAKE2_FA).encode(), "200 OK", kind, "2024-01-02T20:00:00Z", "response")
    english = [(EN_URL.format(EN_IDS[n]), html("en", ARTICLES[n][1]).encode(), "200 OK", "text/html", None, "response")
               for n in ("quake2", "bank", "football")]  # fmt: skip
    fa_more = [(FA_URL.format(FA_IDS[n]), html("fa", ARTICLES[n][0]).encode(), "200 OK", "text/html", None, "response")
               for n in ("bank", "football")]  # fmt: skip
    write_warc(crawl, [new] + english + fa_more + [old])  # the older crawl stored last
    reading, pairing = pair_inputs([str(crawl)])
    page = next(p for p in reading.pages if p.source == url)
    assert "۲۷" in page.text and page.crawl_date == "2024-01-02T20:00:00Z"
    assert [u.reason for u in reading.unpaired if u.source == url] == ["older crawl of the same URL"]
    assert (url, EN_URL.format(EN_IDS["quake2"])) in pairs_of(pairing)


def test_charset_declared_in_header_meta_or_sniffed(tmp_path):
    text = BANK_FA.split("\n\n")[0]
    legacy = ("<html><body><p>" + text + "</p></body></html>").encode("windows-1256", errors="ignore")
    with_meta = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1256'>"
                 "</head><body><p>" + text + "</p></body></html>").encode("windows-1256", errors="ignore")  # fmt: skip
    assert "تورم" in decode_page(legacy, "windows-1256")
    assert "تورم" in decode_page(with_meta, None)
    assert "تورم" in decode_page(legacy, None)  # not UTF-8: the older Persian encoding
    # UTF-8 sent as the servers' default ISO-8859-1 is still UTF-8; a real Latin-1 page stays Latin-1
    assert decode_page("<p>تورم</p>".encode(), "iso-8859-1") == "<p>تورم</p>"
    assert decode_page("<p>café</p>".encode("latin-1"), "iso-8859-1") == "<p>café</p>"
    assert decode_page("<p>تورم</p>".encode(), "no-such-charset") == "<p>تورم</p>"


def test_published_date_from_meta():
    page = b"<html><head><meta property='article:published_time' content='2024-03-05T10:00:00+03:30'></head>"
    assert published_date(page) == "2024-03-05"
    assert published_date(b"<html><head><title>x</title></head>") is None


def test_page_language_tells_persian_from_its_neighbours():
    assert page_language(QUAKE_FA) == "fa"
    assert page_language(QUAKE_EN) == "en"
    assert page_language(ARABIC) == "ar"
    assert page_language(URDU) == "ur"
    assert page_language(FRENCH) == "fr"
    assert page_language("Гос дума приняла закон о бюджете на следующий год.") == "other"


def test_exact_duplicates_are_one_page():
    raw = [RawPage("a", BANK_FA, site="s"), RawPage("b", BANK_FA, site="s"), RawPage("c", BANK_EN, site="s")]
    pages, unpaired = finish_pages(raw)
    assert [p.source for p in pages] == ["a", "c"]
    assert [(u.source, u.reason) for u in unpaired] == [("b", "duplicate of a")]


# --- Malformed WARC ---------------------------------------------------------------------------


def test_a_malformed_record_is_reported_and_the_good_ones_around_it_kept(tmp_path):
    crawl = tmp_path / "crawl.warc.gz"
    site_warc(crawl)
    data = bytearray(crawl.read_bytes())
    members = [i for i in range(len(data)) if data[i:i + 3] == b"\x1f\x8b\x08"]
    bad = members[3]
    data[bad + 20:bad + 60] = b"\x00" * 40  # the fourth record's compressed bytes destroyed
    crawl.write_bytes(bytes(data))
    reading = read_inputs([str(crawl)])
    assert len(reading.warnings) == 1
    assert reading.warnings[0].startswith(f"{crawl}: bad WARC record at byte {bad}:")
    assert reading.read == len(site_pages()) - 1
    assert reading.skipped["malformed record"] == 1


def test_a_truncated_warc_keeps_the_records_before_the_cut(tmp_path):
    crawl = tmp_path / "crawl.warc"
    site_warc(crawl)
    whole = gzip.decompress(crawl.read_bytes())
    crawl.write_bytes(whole[: len(whole) - 200])
    reading = read_inputs([str(crawl)])
    assert reading.read == len(site_pages()) - 1
    assert len(reading.warnings) == 1 and "truncated" in reading.warnings[0]


def test_a_file_that_is_no_warc_is_an_error(tmp_path):
    bogus = tmp_path / "notes.warc"
    bogus.write_text("these are notes, not an archive\n" * 5)
    with pytest.raises(InputError, match=r"notes\.warc: not a WARC file"):
        read_inputs([str(bogus)])


# --- Folders and JSON lines -------------------------------------------------------------------


def write_folders(root: Path, together: bool = False) -> None:
    for url, lang, page in site_pages():
        folder = root / ("pages" if together else ("fa" if lang != "en" else "en"))
        folder.mkdir(parents=True, exist_ok=True)
        (folder / (url.rsplit("/", 2)[-2] + "-" + url.rsplit("/", 1)[-1] + ".html")).write_text(page, encoding="utf-8")


@pytest.mark.parametrize("together", [False, True], ids=["two-folders", "one-folder"])
def test_folders_of_pages(tmp_path, together):
    write_folders(tmp_path, together)
    inputs = [tmp_path / "pages"] if together else [tmp_path / "fa", tmp_path / "en"]
    _, pairing = pair_inputs([str(p) for p in inputs])
    names = {(Path(p.fa.source).name, Path(p.en.source).name) for p in pairing.pairs}
    expected = {(f"news-{FA_IDS[n]}.html", f"story-{EN_IDS[n]}.html") for n in ARTICLES}
    assert names == expected


def test_json_lines_with_and_without_urls(tmp_path):
    path = tmp_path / "pages.jsonl"
    lines = []
    for n, (fa, en) in ARTICLES.items():
        lines.append({"url": FA_URL.format(FA_IDS[n]), "text": fa, "lang": "fa"})
        lines.append({"text": en})  # no url: named FILE:LINE; no lang: identified
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    _, pairing = pair_inputs([str(path)])
    expected = {(FA_URL.format(FA_IDS[n]), f"{path}:{2 * k + 2}") for k, n in enumerate(ARTICLES)}
    assert pairs_of(pairing) == expected


def test_a_bad_json_line_names_its_place(tmp_path):
    path = tmp_path / "pages.jsonl"
    path.write_text('{"text": "x"}\n{"url": "u"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"pages\.jsonl:2: expected a JSON object with a \"text\" string"):
        read_inputs([str(path)])


# --- Pairs back in ----------------------------------------------------------------------------


def test_pair_list_read_back_into_documents(tmp_path):
    crawl = tmp_path / "crawl.warc.gz"
    site_warc(crawl)
    listing = tmp_path / "pairs.tsv"
    url_fa, url_en = FA_URL.format(FA_IDS["bank"]), EN_URL.format(EN_IDS["bank"])
    listing.write_text(f"fa\ten\tscore\n{url_fa}\t{url_en}\t0.9\n", encoding="utf-8")
    pairs = read_pairs_file(str(listing))
    [doc] = paired_documents(pairs, read_inputs([str(crawl)]).pages)
    assert doc.source == f"{url_fa} + {url_en}"
    assert "تورم" in doc.texts[0] and "inflation" in doc.texts[1]
    assert ("fa_url", url_fa) in doc.meta
    with pytest.raises(InputError, match="not among the pages"):
        list(paired_documents([("https://elsewhere.example/1", url_en)], []))


# --- The command line -------------------------------------------------------------------------


def hamsu(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hamsu", *map(str, args)], capture_output=True, timeout=120,
                          cwd=cwd)  # fmt: skip


def test_cli_tsv_jsonl_and_unpaired(tmp_path):
    crawl = tmp_path / "crawl.warc.gz"
    site_warc(crawl)
    done = hamsu("pair", crawl, "--unpaired", tmp_path / "unpaired.tsv")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    assert lines[0] == "fa\ten\tscore"
    assert {tuple(line.split("\t")[:2]) for line in lines[1:]} == GOLD
    err = done.stderr.decode()
    assert "pages read: 15" in err and "pairs: 5" in err and "language ar 1" in err
    unpaired = (tmp_path / "unpaired.tsv").read_text(encoding="utf-8").splitlines()
    assert unpaired[0] == "source\tlanguage\treason"
    assert "https://fa.akhbar.example/ur/1\tur\tlanguage ur" in unpaired
    assert len(unpaired) == 1 + 15 - 10

    done = hamsu("pair", crawl, "--format", "jsonl", "-o", tmp_path / "pairs.jsonl", "--min-score", "0.05")
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in (tmp_path / "pairs.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {(r["fa"], r["en"]) for r in records} == GOLD
    football = next(r for r in records if "m2" in r["en"])
    assert set(football["evidence"]) >= {"names", "numbers", "dates", "dictionary"}
    assert "25000" in football["evidence"]["numbers"]
    bank = next(r for r in records if "k9" in r["en"])
    assert "2023" in bank["evidence"]["dates"]  # ۱۴۰۲ (Solar Hijri) met 2023


def test_cli_errors_are_one_line(tmp_path):
    bogus = tmp_path / "bad.warc.gz"
    bogus.write_bytes(b"\x1f\x8b\x08\x00garbage" * 10)
    done = hamsu("pair", bogus)
    assert done.returncode == 2
    assert done.stderr.decode().strip().splitlines()[-1].startswith(f"hamsu: error: {bogus}: not a WARC file")
    assert done.stdout == b""
    done = hamsu("pair", tmp_path / "missing.warc")
    assert done.returncode == 2 and b"no such file" in done.stderr
    (tmp_path / "empty").mkdir()
    done = hamsu("pair", tmp_path / "empty")
    assert done.returncode == 2 and f"{tmp_path / 'empty'}: no pages found".encode() in done.stderr
    done = hamsu("pair", bogus, "--min-score", "2")
    assert done.returncode == 2 and b"--min-score" in done.stderr


def test_cli_malformed_record_is_a_warning_and_pairs_still_come(tmp_path):
    crawl = tmp_path / "crawl.warc.gz"
    site_warc(crawl)
    data = crawl.read_bytes()
    with open(crawl, "ab") as f:  # a record cut short at the end of the crawl, as an interrupted crawl leaves
        f.write(data[:200])
    done = hamsu("pair", crawl)
    assert done.returncode == 0
    assert f"hamsu: warning: {crawl}: bad WARC record at byte {len(data)}".encode() in done.stderr
    assert len(done.stdout.decode().splitlines()) == 1 + len(GOLD)


def test_align_pairs_a_crawl_first_or_takes_a_pair_list(tmp_path):
    crawl = tmp_path / "crawl.warc.gz"
    site_warc(crawl)
    done = hamsu("align", crawl, "--format", "jsonl", "--no-check")
    assert done.returncode == 0, done.stderr
    units = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert any("Taremi" in u["en"] and "طارمی" in u["fa"] for u in units)
    assert len({u["doc"] for u in units}) == len(GOLD)

    listing = tmp_path / "pairs.tsv"
    url_fa, url_en = FA_URL.format(FA_IDS["football"]), EN_URL.format(EN_IDS["football"])
    listing.write_text(f"fa\ten\tscore\n{url_fa}\t{url_en}\t1\n", encoding="utf-8")
    done = hamsu("align", crawl, "--pairs", listing, "--format", "jsonl", "--no-check")
    assert done.returncode == 0, done.stderr
    units = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len({u["doc"] for u in units}) == 1 and any("25,000" in u["en"] for u in units)

    write_folders(tmp_path)  # pages saved as files: the list names the files, no inputs needed
    fa_file, en_file = tmp_path / "fa" / f"news-{FA_IDS['bank']}.html", tmp_path / "en" / f"story-{EN_IDS['bank']}.html"
    listing.write_text(f"{fa_file}\t{en_file}\n", encoding="utf-8")
    done = hamsu("align", "--pairs", listing, "--format", "tsv", "--no-check")
    assert done.returncode == 0, done.stderr
    assert "inflation" in done.stdout.decode() and "تورم" in done.stdout.decode()
    listing.write_text(f"{fa_file}\n", encoding="utf-8")
    done = hamsu("align", "--pairs", listing)
    assert done.returncode == 2 and f"{listing}:1: expected".encode() in done.stderr and done.stdout == b""


# --- hamsu build on crawls ----------------------------------------------------------------------


def test_build_walks_a_crawl_as_pairs_and_reports_the_unpaired(tmp_path):
    from hamsu.batch.inputs import walk

    crawl = tmp_path / "crawl.warc.gz"
    site_warc(crawl, [("https://fa.akhbar.example/x.png", b"png", "200 OK", "image/png", None, "response")])
    jobs = list(walk([str(crawl)]))
    pairs = {tuple(j.source.split(" + ")) for j in jobs if j.kind == "pair"}
    assert pairs == GOLD
    skipped = {j.source: j.reason for j in jobs if j.kind == "skip"}
    assert skipped["https://fa.akhbar.example/ar/1"] == "unpaired ar page: language ar"
    assert skipped[f"{crawl} (1 records)"] == "not a page: not HTML (image/png)"
    assert not [j for j in jobs if j.kind == "bad"]


def test_build_two_edition_folders_pair_by_name_then_by_content(tmp_path):
    from hamsu.batch.inputs import walk

    write_folders(tmp_path / "site")
    # one page saved under the same name in both editions: the name decides
    (tmp_path / "site" / "fa" / "same.html").write_text(html("fa", POLIO_FA), encoding="utf-8")
    (tmp_path / "site" / "en" / "same.html").write_text(html("en", SNOW_EN), encoding="utf-8")
    jobs = list(walk([str(tmp_path / "site")]))
    pairs = {tuple(Path(s).name for s in j.source.split(" + ")) for j in jobs if j.kind == "pair"}
    assert ("same.html", "same.html") in pairs
    assert {(f"news-{FA_IDS[n]}.html", f"story-{EN_IDS[n]}.html") for n in ARTICLES} <= pairs
    assert len(pairs) == len(ARTICLES) + 1


def test_build_crawl_end_to_end(tmp_path):
    crawl = tmp_path / "crawl.warc.gz"
    site_warc(crawl)
    done = hamsu("build", crawl, "-o", tmp_path / "out", "--formats", "tsv", "--no-progress")
    assert done.returncode == 0, done.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"]["ok"] == len(GOLD)
    counts = summary["pairing"][str(crawl)]
    assert counts["pages"] == 15 and counts["pairs"] == len(GOLD)
    assert counts["languages"] == {"ar": 1, "en": 6, "fa": 6, "fr": 1, "ur": 1}
    assert counts["unpaired"]["language ur"] == 1 and sum(counts["unpaired"].values()) == 15 - 2 * len(GOLD)
    assert "Pages paired" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    text = gzip.decompress(next((tmp_path / "out" / "tsv").glob("*.gz")).read_bytes()).decode()
    assert "Taremi" in text and "طارمی" in text


def test_ingest_a_crawl_or_a_pair_list(tmp_path):
    crawl = tmp_path / "crawl.warc.gz"
    site_warc(crawl)
    corpus = tmp_path / "corpus.db"
    done = hamsu("ingest", corpus, crawl)
    assert done.returncode == 0, done.stderr
    assert f"hamsu: {corpus}: {len(GOLD)} added".encode() in done.stderr
    done = hamsu("search", corpus, "Taremi")
    assert done.returncode == 0 and "طارمی" in done.stdout.decode()

    listing = tmp_path / "pairs.tsv"
    url_fa, url_en = FA_URL.format(FA_IDS["bank"]), EN_URL.format(EN_IDS["bank"])
    listing.write_text(f"{url_fa}\t{url_en}\n", encoding="utf-8")
    done = hamsu("ingest", tmp_path / "other.db", crawl, "--pairs", listing)
    assert done.returncode == 0, done.stderr
    assert b"1 added" in done.stderr


def test_build_with_a_pair_list(tmp_path):
    crawl = tmp_path / "crawl.warc.gz"
    site_warc(crawl)
    listing = tmp_path / "pairs.tsv"
    url_fa, url_en = FA_URL.format(FA_IDS["football"]), EN_URL.format(EN_IDS["football"])
    listing.write_text(f"fa\ten\tscore\n{url_fa}\t{url_en}\t1\nhttps://nowhere.example/1\t{url_en}\t1\n",
                       encoding="utf-8")  # fmt: skip
    done = hamsu("build", crawl, "--pairs", listing, "-o", tmp_path / "out", "--formats", "tsv", "--no-progress")
    assert done.returncode == 0, done.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"]["ok"] == 1 and summary["documents"]["bad"] == 1
    text = gzip.decompress(next((tmp_path / "out" / "tsv").glob("*.gz")).read_bytes()).decode()
    assert "Taremi" in text and "Kerman" not in text


# --- Properties -------------------------------------------------------------------------------

_PAGES = [(lang, text) for pair in ARTICLES.values() for lang, text in zip(("fa", "en"), pair)] + [
    ("fa", POLIO_FA), ("en", SNOW_EN)]  # fmt: skip


@settings(max_examples=40)
@given(chosen=st.lists(st.sampled_from(range(len(_PAGES))), min_size=1, max_size=24),
       min_score=st.floats(0, 1))  # fmt: skip
def test_each_page_in_at_most_one_pair_and_scores_in_range(chosen, min_score):
    """Any mix of pages, repeats included (the same text under several sources): one-to-one,
    scores in [min_score, 1], and every page either paired or listed as unpaired."""
    from hamsu.pair import pair_pages
    from hamsu.pair.pages import Page

    pages = [Page(f"p{k}", _PAGES[i][0], _PAGES[i][1]) for k, i in enumerate(chosen)]
    pairing = pair_pages(pages, min_score)
    sources = [p.fa.source for p in pairing.pairs] + [p.en.source for p in pairing.pairs]
    assert len(sources) == len(set(sources))
    assert all(min_score <= p.score <= 1 and p.fa.lang == "fa" and p.en.lang == "en" for p in pairing.pairs)
    assert sorted(sources + [u.source for u in pairing.unpaired]) == sorted(p.source for p in pages)


def test_url_hint_and_publication_dates_move_the_score_but_are_not_needed():
    from hamsu.pair import pair_pages
    from hamsu.pair.pages import Page

    def pages(fa_url=None, en_url=None, fa_date=None, en_date=None):
        out = [Page("fa-bank", "fa", BANK_FA, url=fa_url, date=fa_date), Page("en-bank", "en", BANK_EN, url=en_url,
                                                                              date=en_date)]  # fmt: skip
        out += [Page(f"fa-{n}", "fa", ARTICLES[n][0]) for n in ("quake", "football", "books")]
        out += [Page(f"en-{n}", "en", ARTICLES[n][1]) for n in ("quake", "football", "books")]
        return out

    def bank(pairing):
        return next(p for p in pairing.pairs if p.fa.source == "fa-bank")

    plain = bank(pair_pages(pages()))
    assert plain.en.source == "en-bank" and "url" not in plain.evidence
    hinted = bank(pair_pages(pages("https://x.example/fa/news/2024/inflation", "https://x.example/en/news/2024/inflation")))
    assert hinted.evidence["url"] == "same path" and hinted.evidence["raw_score"] > plain.evidence["raw_score"]
    far = bank(pair_pages(pages(fa_date="2024-01-01", en_date="2024-03-01")))
    assert far.evidence["days_apart"] == 60 and far.evidence["raw_score"] < plain.evidence["raw_score"]
    near = bank(pair_pages(pages(fa_date="2024-01-01", en_date="2024-01-02")))
    assert near.evidence["raw_score"] == plain.evidence["raw_score"]


def test_output_does_not_depend_on_the_hash_seed(tmp_path):
    crawl = tmp_path / "crawl.warc.gz"
    site_warc(crawl)
    outputs = set()
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-m", "hamsu", "pair", str(crawl), "--format", "jsonl"],
                              capture_output=True, timeout=120, env={**os.environ, "PYTHONHASHSEED": seed})  # fmt: skip
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1


@pytest.mark.parametrize("fa_name, en_name", [("books", "bank"), ("bank", "football"), ("football", "books")])
def test_two_unrelated_pages_alone_are_not_a_pair(fa_name, en_name):
    """With no other candidates to compare with, a pair must still stand above what unrelated
    articles share (common words); a translation does."""
    from hamsu.pair import pair_pages
    from hamsu.pair.pages import Page

    alone = pair_pages([Page("f", "fa", ARTICLES[fa_name][0]), Page("e", "en", ARTICLES[en_name][1])])
    assert alone.pairs == []
    assert [u.reason.split()[0] for u in alone.unpaired] == ["best", "best"]
    translated = pair_pages([Page("f", "fa", ARTICLES[fa_name][0]), Page("e", "en", ARTICLES[fa_name][1])])
    assert len(translated.pairs) == 1 and translated.pairs[0].score > 0.3


def test_build_reads_same_name_html_editions_as_pages_not_markup(tmp_path):
    """fa/NAME.html + en/NAME.html: paired by name, and read as pages (their article text)."""
    for lang, text in (("fa", FOOTBALL_FA), ("en", FOOTBALL_EN)):
        (tmp_path / "site" / lang).mkdir(parents=True)
        (tmp_path / "site" / lang / "match.html").write_text(html(lang, text), encoding="utf-8")
    done = hamsu("build", tmp_path / "site", "-o", tmp_path / "out", "--formats", "tsv", "--no-progress")
    assert done.returncode == 0, done.stderr
    text = gzip.decompress(next((tmp_path / "out" / "tsv").glob("*.gz")).read_bytes()).decode()
    assert "Taremi" in text and "طارمی" in text
    assert "<" not in text and "Home" not in text
