"""The `hamsu` command line, run as a real process: `python -m hamsu` and the installed script."""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import hamsu
from hamsu.errors import InputError
from hamsu.read.decode import decode_bytes, decode_chunks

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seed.txt"
ZWNJ = "\u200c"


def _script() -> str | None:
    beside = Path(sys.executable).parent / "hamsu"
    return str(beside) if beside.exists() else shutil.which("hamsu")


SCRIPT = _script()
INVOKERS = [
    pytest.param([sys.executable, "-m", "hamsu"], id="python-m"),
    pytest.param([SCRIPT], id="script", marks=pytest.mark.skipif(SCRIPT is None, reason="hamsu script not found")),
]


def hamsu_cli(*args, stdin: bytes = b"", command=None, cwd=None) -> subprocess.CompletedProcess:
    cmd = (command or [sys.executable, "-m", "hamsu"]) + [str(a) for a in args]
    return subprocess.run(cmd, input=stdin, capture_output=True, timeout=60, cwd=cwd)


def normalize_cli(*args, **kw) -> subprocess.CompletedProcess:
    return hamsu_cli("normalize", *args, **kw)


def assert_one_line_error(result: subprocess.CompletedProcess, *needles: str) -> str:
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("hamsu: error: "), err
    for needle in needles:
        assert needle in err
    return err


# --- lines in, lines out -----------------------------------------------------------------------

MIXED = "Hello , world ?\n\nسلام ، ميشود\n\n\nكتابها\nlast line without newline"
MIXED_OUT = "Hello , world ?\n\nسلام، می‌شود\n\n\nکتاب‌ها\nlast line without newline"


@pytest.mark.parametrize("command", INVOKERS)
def test_one_output_line_per_input_line(command):
    result = normalize_cli(stdin=MIXED.encode(), command=command)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert out == MIXED_OUT
    assert out.count("\n") == MIXED.count("\n")


@pytest.mark.parametrize("ending", ["\n", "\r\n", ""])
def test_line_endings_kept(tmp_path, ending):
    text = ending.join(["ميشود", "", "Hello", "كتابها"]) + ending
    path = tmp_path / "in.txt"
    path.write_bytes(text.encode())
    result = normalize_cli(path)
    assert result.returncode == 0
    assert result.stdout.decode() == ending.join(["می‌شود", "", "Hello", "کتاب‌ها"]) + ending


def test_file_and_stdin_agree(tmp_path):
    path = tmp_path / "seed.txt"
    shutil.copy(SEED, path)
    from_file = normalize_cli(path)
    from_stdin = normalize_cli(stdin=SEED.read_bytes())
    from_dash = normalize_cli("-", stdin=SEED.read_bytes())
    assert from_file.returncode == from_stdin.returncode == from_dash.returncode == 0
    assert from_file.stdout == from_stdin.stdout == from_dash.stdout
    assert from_file.stdout.decode() == hamsu.normalize(SEED.read_text(encoding="utf-8"))


def test_multiple_files_each_normalized_on_its_own(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    empty = tmp_path / "empty.txt"
    a.write_text("ميشود\nاو می", encoding="utf-8")  # no line break at the end
    b.write_text("شود\nدرگیریها\n", encoding="utf-8")
    empty.write_bytes(b"")
    result = normalize_cli(a, empty, b)
    assert result.returncode == 0, result.stderr
    # The last line of a.txt stays a line of its own: no rule joins it to the first line of b.txt.
    assert result.stdout.decode() == "می‌شود\nاو می\nشود\nدرگیری‌ها\n"
    # --explain numbers the lines through the files as they appear on the output.
    assert normalize_cli(a, empty, b, "--explain", tmp_path / "log.jsonl").returncode == 0
    records = [json.loads(line) for line in (tmp_path / "log.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["line"], r["rule"]) for r in records if r["rule"].startswith("halfspace")] == [
        (1, "halfspace.glued"),
        (4, "halfspace.glued"),
    ]


# --- --explain ---------------------------------------------------------------------------------

def test_explain_records_and_stdout_unchanged(tmp_path):
    log = tmp_path / "changes.jsonl"
    plain = normalize_cli(SEED)
    explained = normalize_cli(SEED, "--explain", log)
    assert plain.returncode == explained.returncode == 0
    assert explained.stdout == plain.stdout
    lines = SEED.read_text(encoding="utf-8").split("\n")
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 13
    for r in records:
        assert set(r) == {"line", "offset", "before", "after", "rule"}
        assert r["line"] >= 1 and r["offset"] >= 0
        line = lines[r["line"] - 1]
        assert line[r["offset"] : r["offset"] + len(r["before"])] == r["before"]
        assert r["rule"] in {"halfspace.glued", "halfspace.split"}
    # A restored half-space is an insertion at its exact place: after رسانه in رسانهای.
    assert records[0] == {"line": 6, "offset": 35, "before": "", "after": "\u200c", "rule": "halfspace.glued"}
    assert lines[5][30:35] == "رسانه"
    assert {"line": 8, "offset": 130, "before": " ", "after": ZWNJ, "rule": "halfspace.split"} in records


def test_explain_offsets_count_code_points_per_line(tmp_path):
    log = tmp_path / "log.jsonl"
    result = normalize_cli("--explain", log, stdin="Hello\nاو گفت ، نه\n\u00e9\u00e9 ، ميشود".encode())
    assert result.returncode == 0
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert {"line": 2, "offset": 6, "before": " ", "after": "", "rule": "punct.space_before"} in records
    assert {"line": 3, "offset": 6, "before": "ي", "after": "ی", "rule": "letters.arabic_variant"} in records


def test_explain_file_is_valid_when_nothing_changes(tmp_path):
    log = tmp_path / "log.jsonl"
    result = normalize_cli("--explain", log, stdin="سلام دنیا\n".encode())
    assert result.returncode == 0
    assert log.read_bytes() == b""
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(log.stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("text", ["ميشود\nThe end.\n", "ميشود\n"])
def test_explain_keeps_what_follows_the_last_persian_line(tmp_path, text):
    plain = normalize_cli(stdin=text.encode())
    explained = normalize_cli("--explain", tmp_path / "log.jsonl", stdin=text.encode())
    assert explained.stdout == plain.stdout


# --- encodings -------------------------------------------------------------------------------

def test_utf8_byte_order_mark_accepted(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "ميشود\nHello\n".encode())
    result = normalize_cli(path)
    assert result.returncode == 0
    assert result.stdout.decode() == "می‌شود\nHello\n"
    latin = tmp_path / "bom-latin.txt"
    latin.write_bytes(b"\xef\xbb\xbfHello\n")
    assert normalize_cli(latin).stdout == b"Hello\n"


def test_windows_1256_input(tmp_path):
    path = tmp_path / "cp1256.txt"
    # Windows-1256 has no Persian yeh: older Persian sites wrote the Arabic ي, and often no half-space.
    path.write_bytes("پژوهشگران ميگويند كه گچ و ژاله\r\n".encode("cp1256"))
    result = normalize_cli("--encoding", "windows-1256", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8") == "پژوهشگران می‌گویند که گچ و ژاله\r\n"
    # Read as UTF-8 (the default) the same bytes are an error that suggests the encoding.
    assert_one_line_error(normalize_cli(path), str(path), "byte 0", "windows-1256")


def test_undecodable_utf8(tmp_path):
    path = tmp_path / "broken.txt"
    good = "سلام\nدنیا ".encode()
    path.write_bytes(good + b"\xff\xfe" + "ادامه\n".encode())
    result = normalize_cli(path)
    assert_one_line_error(result, str(path), f"byte {len(good)}")
    assert len(good) == 18


def test_undecodable_offset_counts_the_byte_order_mark(tmp_path):
    path = tmp_path / "broken-bom.txt"
    path.write_bytes(b"\xef\xbb\xbfab\xff")
    assert_one_line_error(normalize_cli(path), "byte 5")


def test_truncated_utf8_at_end(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_bytes("سلام".encode()[:-1])
    assert_one_line_error(normalize_cli(path), str(path), "byte 6")


def test_undecodable_stdin():
    assert_one_line_error(normalize_cli(stdin=b"ok\n\xc3("), "<stdin>", "byte 3")


def test_unknown_encoding(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("سلام", encoding="utf-8")
    assert_one_line_error(normalize_cli("--encoding", "no-such-codec", path), "no-such-codec")


@pytest.mark.parametrize("cut", range(0, 12))
def test_decode_offsets_across_chunks(cut):
    data = b"\xef\xbb\xbf" + "یی".encode() + b"\xd9" + b"x"  # a split character, then a bad one
    with pytest.raises(InputError, match="byte 7"):
        list(decode_chunks([data[:cut], data[cut:]], "t"))
    good = b"\xef\xbb\xbf" + "یک".encode()
    assert "".join(decode_chunks([good[:cut], good[cut:]], "t")) == "یک"


def test_decode_bytes_keeps_a_later_byte_order_mark():
    assert decode_bytes(b"\xef\xbb\xbfa\xef\xbb\xbf", "t") == "a\ufeff"


# --- bad input and options -------------------------------------------------------------------

def test_binary_file(tmp_path):
    path = tmp_path / "image.bin"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert_one_line_error(normalize_cli(path), str(path), "byte 8")


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.txt"
    assert_one_line_error(normalize_cli(missing), str(missing))


def test_directory_as_input(tmp_path):
    assert_one_line_error(normalize_cli(tmp_path), str(tmp_path), "directory")


@pytest.mark.parametrize("value", ["roman", "FA", ""])
def test_bad_digits(value):
    assert_one_line_error(normalize_cli("--digits", value, stdin="سال ۱۴۰۳".encode()), "--digits")


@pytest.mark.parametrize(
    ("value", "expected"), [("fa", "سال ۱۴۰۳ و ۳٫۵"), ("ascii", "سال 1403 و 3.5"), ("keep", "سال ۱۴۰۳ و 3.5")]
)
def test_digits_option(value, expected):
    result = normalize_cli("--digits", value, stdin="سال ۱۴۰۳ و 3.5".encode())
    assert result.stdout.decode() == expected


def test_strip_diacritics_option():
    assert normalize_cli("--strip-diacritics", stdin="نُجَباء".encode()).stdout.decode() == "نجباء"
    assert normalize_cli(stdin="نُجَباء".encode()).stdout.decode() == "نُجَباء"


# --- --explain that cannot be written: an error, and no file, whole or partial ---------------

def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_explain_into_missing_folder(tmp_path):
    target = tmp_path / "missing" / "log.jsonl"
    result = normalize_cli("--explain", target, stdin="ميشود\n".encode())
    assert_one_line_error(result, str(target))
    assert not target.parent.exists()
    assert result.stdout == b""


def test_explain_below_a_file(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = normalize_cli("--explain", blocker / "log.jsonl", stdin="ميشود\n".encode())
    assert_one_line_error(result, "log.jsonl")
    assert _leftovers(tmp_path) == ["file"]


def test_explain_onto_a_folder(tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    result = normalize_cli("--explain", folder, stdin="ميشود\n".encode())
    assert_one_line_error(result, "directory")
    assert _leftovers(folder) == [] and _leftovers(tmp_path) == ["folder"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_explain_into_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = normalize_cli("--explain", folder / "log.jsonl", stdin="ميشود\n".encode())
        assert_one_line_error(result, "log.jsonl")
        assert _leftovers(folder) == []
    finally:
        folder.chmod(0o755)


def test_explain_not_written_when_input_fails(tmp_path):
    good = tmp_path / "good.txt"
    bad = tmp_path / "bad.txt"
    good.write_text("ميشود\n", encoding="utf-8")
    bad.write_bytes(b"\xff")
    log = tmp_path / "log.jsonl"
    result = normalize_cli(good, bad, "--explain", log)
    assert_one_line_error(result, str(bad))
    assert result.stdout.decode().startswith("می‌شود")  # what was done before the error is on stdout
    assert not log.exists()
    assert _leftovers(tmp_path) == ["bad.txt", "good.txt"]
    # An explain file from an earlier run is left as it was.
    log.write_text("earlier\n")
    normalize_cli(good, bad, "--explain", log)
    assert log.read_text() == "earlier\n"


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")
def test_explain_to_a_pipe_is_written_in_place(tmp_path):
    # Like --explain /dev/stderr, but through a link of our own, so that a regression replaces
    # only the link in tmp_path, never /dev/stderr itself.
    link = tmp_path / "stderr"
    link.symlink_to("/proc/self/fd/2")
    result = normalize_cli("--explain", link, stdin="ميشود".encode())
    assert result.returncode == 0
    assert result.stdout.decode() == "می‌شود"
    records = [json.loads(line) for line in result.stderr.decode().splitlines()]
    assert {r["rule"] for r in records} == {"halfspace.glued", "letters.arabic_variant"}
    assert link.is_symlink() and _leftovers(tmp_path) == ["stderr"]


def test_explain_through_a_symlink_replaces_the_file_it_points_to(tmp_path):
    real = tmp_path / "real.jsonl"
    link = tmp_path / "link.jsonl"
    real.write_text("old\n")
    link.symlink_to(real.name)
    assert normalize_cli("--explain", link, stdin="ميشود\n".encode()).returncode == 0
    assert link.is_symlink()
    rules = {json.loads(line)["rule"] for line in real.read_text(encoding="utf-8").splitlines()}
    assert rules == {"letters.arabic_variant", "halfspace.glued"}


# --- the rest of the command line ---------------------------------------------------------

@pytest.mark.parametrize("command", INVOKERS)
def test_version(command):
    result = hamsu_cli("--version", command=command)
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"hamsu {hamsu.__version__}"


def test_help_lists_the_options():
    result = hamsu_cli("normalize", "--help")
    assert result.returncode == 0
    for option in ("--digits", "--strip-diacritics", "--explain", "--encoding"):
        assert option in result.stdout.decode()


def test_runs_from_another_folder(tmp_path):
    result = normalize_cli(SEED, cwd=tmp_path)
    assert result.returncode == 0
    assert "می‌شود" in result.stdout.decode()


# --- integer options are bounded ----------------------------------------------------------------


@pytest.mark.parametrize(
    "args, option",
    [
        (["search", "c.db", "q", "-n", "0"], "'--limit' / '-n': 0 is not in the range 1<=x<=100"),
        (["search", "c.db", "q", "-n", "-5"], "'--limit' / '-n': -5 is not in the range"),
        (["search", "c.db", "q", "-n", "1000"], "'--limit' / '-n': 1000 is not in the range"),
        (["search", "c.db", "q", "--offset", "-3"], "'--offset': -3 is not in the range"),
        (["search", "c.db", "q", "--offset", "9223372036854775807"], "'--offset': 9223372036854775807 is not in"),
        (["build", "in", "-o", "out", "-j", "0"], "'--jobs' / '-j': 0 is not in the range"),
        (["build", "in", "-o", "out", "-j", str(1 << 70)], "'--jobs' / '-j'"),
        (["build", "in", "-o", "out", "--shard-size", "0"], "'--shard-size': 0 is not in the range"),
        (["build", "in", "-o", "out", "--min-score", "2"], "'--min-score': 2.0 is not in the range"),
        (["search", "c.db", "q", "--no-such-option"], "No such option: --no-such-option"),
    ],
)
def test_integer_options_out_of_range_are_one_line_errors(tmp_path, args, option):
    """Nothing runs (no corpus, no input needed): the value is refused as the command line is read."""
    err = assert_one_line_error(hamsu_cli(*args, cwd=tmp_path), option)
    assert err.endswith(f" -m hamsu {args[0]} --help)\n")
    assert not list(tmp_path.iterdir())


def test_the_furthest_page_of_a_search_is_empty_not_a_traceback(tmp_path):
    corpus = tmp_path / "c.db"
    assert hamsu_cli("ingest", corpus, SEED).returncode == 0
    result = hamsu_cli("search", corpus, "Soleimani", "--offset", str(1 << 40))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b"" and result.stderr.decode().startswith("hamsu: no hits")


def test_store_and_command_line_agree_on_the_search_bounds():
    from hamsu.commands import store as commands
    from hamsu.store import search

    assert (commands.MAX_LIMIT, commands.MAX_OFFSET) == (search.MAX_LIMIT, search.MAX_OFFSET)
