"""`hamsu align` end to end: the real command on real files, every output format read back."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed.txt"
ZWNJ = "\u200c"


def hamsu(*args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "hamsu", *map(str, args)], input=stdin, capture_output=True, timeout=120
    )


@pytest.fixture(scope="module")
def seed_units() -> list[dict]:
    result = hamsu("align", SEED, "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    return [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]


def test_seed_aligns_as_title_and_seven_paragraphs(seed_units):
    assert len(seed_units) == 8
    assert [u["fa_ids"] for u in seed_units] == [[i] for i in range(8)]
    assert [u["en_ids"] for u in seed_units] == [[i] for i in range(8)]
    assert "Soleymani" in seed_units[0]["en"] and "سلیمانی" in seed_units[0]["fa"]
    assert all(0.0 <= u["score"] <= 1.0 for u in seed_units)


def test_jsonl_spans_point_into_the_original_text(seed_units):
    original = SEED.read_text(encoding="utf-8")
    for unit in seed_units:
        for side in ("fa", "en"):
            pieces = [original[s:e] for s, e in unit[f"{side}_spans"]]
            if side == "en":
                assert " ".join(pieces) == unit["en"]
            else:  # the Persian text is normalized: the same letters, half-spaces restored
                def letters(text):
                    return text.replace(ZWNJ, "").replace(" ", "")

                assert letters(" ".join(pieces)) == letters(unit["fa"])


def test_persian_is_normalized_and_boilerplate_left_out(seed_units):
    persian = " ".join(u["fa"] for u in seed_units)
    assert "رسانه" + ZWNJ + "ای" in persian and "می" + ZWNJ + "شود" in persian
    text = " ".join(u["fa"] + u["en"] for u in seed_units)
    assert "تصاویر" not in text and "Photos" not in text and "آخرین اخبار" not in text


def test_text_view_shows_boilerplate_with_its_reason():
    result = hamsu("align", SEED)
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0
    assert "آخرین اخبار" in out and "boilerplate (" in out
    # Plain Unicode, never presentation forms
    assert not any("\ufb50" <= ch <= "\ufeff" for ch in out)


def test_beads_format():
    out = hamsu("align", SEED, "--format", "beads").stdout.decode()
    lines = out.splitlines()
    assert lines[0].startswith("[0]:[0]:") and len(lines) == 8


def test_tsv_has_a_header_and_one_row_per_unit():
    out = hamsu("align", SEED, "--format", "tsv").stdout.decode("utf-8")
    rows = list(csv.reader(io.StringIO(out), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["fa", "en", "score", "fa_ids", "en_ids", "doc", "flags", "evidence"]
    assert len(rows) == 9 and all(len(r) == 8 for r in rows)


def test_tmx_is_read_back_by_translate_toolkit(tmp_path):
    tmx = pytest.importorskip("translate.storage.tmx")
    out = tmp_path / "seed.tmx"
    result = hamsu("align", SEED, "--format", "tmx", "-o", out)
    assert result.returncode == 0, result.stderr.decode()
    store = tmx.tmxfile(out.read_bytes(), sourcelanguage="fa", targetlanguage="en")
    assert len(store.units) == 8
    assert "Albu Kamal" in store.units[1].target
    assert "البوکمال" in store.units[1].source


def test_tmx_escapes_markup_and_illegal_characters(tmp_path):
    tmx = pytest.importorskip("translate.storage.tmx")
    fa = tmp_path / "a.fa"
    en = tmp_path / "a.en"
    fa.write_text(
        "این متن کوتاه فارسی یک برچسب <script>alert(1)</script> دارد.\nجمله دوم \x01 اینجاست.\n", encoding="utf-8"
    )
    en.write_text("This text is <script>alert(1)</script>.\nThe second sentence \x01 is here.\n", encoding="utf-8")
    out = tmp_path / "a.tmx"
    result = hamsu("align", fa, en, "--format", "tmx", "-o", out)
    assert result.returncode == 0, result.stderr.decode()
    store = tmx.tmxfile(out.read_bytes())
    assert any("<script>" in u.target for u in store.units)


def test_two_files_one_language_each_are_a_pair(tmp_path):
    fa = tmp_path / "doc.fa.txt"
    en = tmp_path / "doc.en.txt"
    fa.write_text("دو تیپ اعزام شد. سه روز بعد حمله آغاز شد.\n", encoding="utf-8")
    en.write_text("Two brigades were sent. The attack began three days later.\n", encoding="utf-8")
    for order in ((fa, en), (en, fa)):
        result = hamsu("align", *order, "--format", "jsonl")
        assert result.returncode == 0, result.stderr.decode()
        units = [json.loads(line) for line in result.stdout.decode().splitlines()]
        assert [(u["fa_ids"], u["en_ids"]) for u in units] == [([0], [0]), ([1], [1])]
        assert units[0]["fa_source"] == 0 and units[0]["en_source"] == 1


def test_presplit_pair_keeps_one_sentence_a_line(tmp_path):
    fa = tmp_path / "p.fa"
    en = tmp_path / "p.en"
    fa.write_text("جمله اول. جمله دوم.\nجمله سوم.\n", encoding="utf-8")
    en.write_text("First sentence. Second sentence.\nThird sentence.\n", encoding="utf-8")
    out = hamsu("align", fa, en, "--presplit", "--format", "beads").stdout.decode()
    assert out.splitlines()[0].startswith("[0]:[0]") and len(out.splitlines()) == 2


def test_output_file_is_written_atomically(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    missing = tmp_path / "missing.txt"
    result = hamsu("align", SEED, missing, "--format", "jsonl", "-o", out)
    assert result.returncode == 2
    assert out.read_text() == "old\n"  # a failed run leaves what was there
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl.")]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        ("فقط متن فارسی در این پرونده است.\n".encode(), "English"),
        (b"Only English text in this file.\n", "Persian"),
        (b"\xff\xfe broken", "not valid"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = hamsu("align", bad)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert "Traceback" not in err and err.count("\n") == 1
    assert str(bad) in err and message in err


def test_malformed_jsonl_names_the_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"fa": "سلام دنیا.", "en": "Hello world."}\n{not json\n', encoding="utf-8")
    result = hamsu("align", bad)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and f"{bad}:2" in err


def test_bad_format_option():
    result = hamsu("align", SEED, "--format", "xml")
    assert result.returncode == 2 and "--format" in result.stderr.decode()


def test_python_api_mirrors_the_command():
    import hamsu as api

    [alignment] = api.align_paths([SEED])
    assert len(alignment.units) == 8
    assert alignment.fa[0].text.startswith("بازدید")


@pytest.mark.parametrize(
    "args, checked",
    [
        (["--format", "beads"], False),  # beads cannot carry names or flags: none computed
        (["--format", "beads", "--check"], True),
        (["--format", "jsonl"], True),
        (["--format", "jsonl", "--no-check"], False),
        (["--format", "text"], True),
    ],
)
def test_checks_run_only_where_the_output_carries_them(monkeypatch, args, checked):
    from typer.testing import CliRunner

    import hamsu.api
    from hamsu.commands import app

    seen = []
    real = hamsu.api.process_document

    def spy(document, **kwargs):
        seen.append(kwargs["check"])
        return real(document, **kwargs)

    monkeypatch.setattr(hamsu.api, "process_document", spy)
    result = CliRunner().invoke(app, ["align", str(SEED), *args])
    assert result.exit_code == 0, result.output
    assert seen == [checked]


@pytest.mark.parametrize("presplit", [True, False])
def test_one_language_files_with_a_few_lines_of_the_other_script_are_a_pair(tmp_path, presplit):
    """Each file is predominantly one language (a share of its letters, not purity): a Persian file
    with a line of Latin letters (a score line, a headline of English names) is still the
    Persian side, and an English file quoting a Persian line the English side."""
    fa_lines = [f"گزارش شماره {i} دربارهٔ وضعیت شهر در این هفته منتشر شد." for i in range(1, 9)]
    en_lines = [f"Report number {i} on the state of the city was published this week." for i in range(1, 9)]
    fa_lines.insert(3, "Real Madrid 2 - 1 Barcelona")
    en_lines.insert(5, "«گزارش»")
    fa, en = tmp_path / "a.txt", tmp_path / "b.txt"
    fa.write_text("\n".join(fa_lines) + "\n", encoding="utf-8")
    en.write_text("\n".join(en_lines) + "\n", encoding="utf-8")
    for order in ((fa, en), (en, fa)):
        args = ("--presplit",) if presplit else ()
        result = hamsu("align", *args, *order, "--format", "jsonl", "--no-check")
        assert result.returncode == 0, result.stderr.decode()
        units = [json.loads(line) for line in result.stdout.decode().splitlines()]
        assert {u["fa_source"] for u in units if u["fa"]} == {0}
        assert {u["en_source"] for u in units if u["en"]} == {1}
        paired = [u for u in units if u["fa"] and u["en"]]
        assert len(paired) >= 8
        assert sum("Report number" in u["en"] for u in paired) == 8


def test_a_bilingual_file_and_a_one_language_file_are_not_a_pair(tmp_path):
    """The seed (both languages) beside an English file: two documents, the second refused."""
    en = tmp_path / "en.txt"
    en.write_text("Only English text is here. Nothing else.\n", encoding="utf-8")
    result = hamsu("align", SEED, en, "--format", "jsonl")
    assert result.returncode == 2
    assert "only English text found" in result.stderr.decode()


def _limited(*args, timeout=60) -> subprocess.CompletedProcess:
    """hamsu in a process that may use at most 1 GB of memory: reading an endless input whole
    would fail here (a traceback) rather than take the machine's memory."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run([sys.executable, "-m", "hamsu", *map(str, args)], capture_output=True, timeout=timeout,
                          preexec_fn=limit)  # fmt: skip


def _one_line_error(result, *needles) -> str:
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert err.count("\n") == 1 and err.startswith("hamsu: error: ") and "Traceback" not in err, err
    for needle in needles:
        assert needle in err, err
    return err


@pytest.mark.skipif(not Path("/dev/zero").exists() or sys.platform == "darwin", reason="needs /dev/zero, RLIMIT_AS")
@pytest.mark.parametrize("command", ["align", "check"])
@pytest.mark.parametrize(
    "device, message",
    [("/dev/zero", "/dev/zero: binary data (a NUL byte) at byte 0"), ("/dev/urandom", "/dev/urandom: ")],
)
def test_endless_devices_stop_at_their_first_chunk(command, device, message):
    _one_line_error(_limited(command, device), message)


@pytest.mark.skipif(not Path("/bin/bash").exists() or sys.platform == "darwin", reason="needs bash, RLIMIT_AS")
def test_an_endless_pipe_stops_at_the_maximum_input_size():
    """<(yes ...) never ends and never has a bad byte: the maximum input size ends the read."""
    script = f'exec "{sys.executable}" -m hamsu align --max-input-size 4 <(yes "A line of text.")'
    result = subprocess.run(["/bin/bash", "-c", script], capture_output=True, timeout=60)
    _one_line_error(result, "/dev/fd/", ": larger than the maximum input size, 4 MB (raise it with --max-input-size)")


@pytest.mark.skipif(sys.platform == "darwin", reason="RLIMIT_AS")
def test_a_gigabyte_of_nul_bytes_is_refused_before_it_is_read(tmp_path):
    zeros = tmp_path / "zeros.txt"
    with open(zeros, "wb") as f:
        f.truncate(1 << 30)  # sparse: no disk used
    _one_line_error(_limited("align", zeros, timeout=20), f"{zeros}: larger than the maximum input size, 256 MB")
    raised = _limited("align", zeros, "--max-input-size", "2048", timeout=20)
    _one_line_error(raised, f"{zeros}: binary data (a NUL byte) at byte 0")


@pytest.mark.skipif(not Path("/bin/bash").exists(), reason="needs bash")
def test_stdin_and_process_substitution_still_read():
    for script in (f'"{sys.executable}" -m hamsu align /dev/stdin --format beads < "{SEED}"',
                   f'"{sys.executable}" -m hamsu align <(cat "{SEED}") --format beads'):  # fmt: skip
        result = subprocess.run(["/bin/bash", "-c", script], capture_output=True, timeout=120)
        assert result.returncode == 0, result.stderr.decode()
        assert len(result.stdout.decode().splitlines()) == 8


HOSTILE_FA = "دوازده نفر آمدند \x1b]0;pwned\x07 و \x1b[31mقرمز\x1b[0m رفتند.\n"
HOSTILE_EN = "Thirteen people came \x1b]0;pwned\x07 and \x1b[31mred\x1b[0m left.\x9b\n"
RAW_CONTROLS = ("\x1b", "\x07", "\x9b")


@pytest.fixture()
def hostile(tmp_path):
    fa, en = tmp_path / "fa.txt", tmp_path / "en.txt"
    fa.write_text(HOSTILE_FA, encoding="utf-8")
    en.write_text(HOSTILE_EN, encoding="utf-8")
    return fa, en


@pytest.mark.parametrize("command", ["align", "check"])
def test_control_characters_are_shown_escaped_in_the_text_view(hostile, command):
    """A title-setting OSC sequence, colour codes and a C1 control never reach the terminal raw."""
    result = hamsu(command, *hostile)
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, result.stderr.decode()
    assert not any(c in out for c in RAW_CONTROLS), out
    assert "came \\x1b]0;pwned\\x07 and \\x1b[31mred\\x1b[0m left.\\x9b" in out
    assert "\\x1b[31mقرمز\\x1b[0m" in out


def test_data_formats_keep_control_characters_as_they_are(hostile):
    [unit] = [json.loads(line) for line in hamsu("align", *hostile, "-f", "jsonl").stdout.decode().splitlines()]
    assert unit["en"] == HOSTILE_EN.strip() and "\x1b]0;pwned\x07" in unit["fa"]
    tsv = hamsu("align", *hostile, "-f", "tsv").stdout.decode("utf-8")
    assert HOSTILE_EN.strip() in tsv


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_glossary_is_read_within_the_maximum_input_size():
    result = hamsu("align", SEED, "--glossary", "/dev/zero", "--max-input-size", "1")
    _one_line_error(result, "/dev/zero: larger than the maximum input size, 1 MB")
