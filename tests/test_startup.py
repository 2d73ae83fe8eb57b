"""Start-up: a command loads only what it runs (issue 14). Each case is a fresh interpreter."""
from __future__ import annotations

import subprocess
import sys

import pytest

# Modules that cost tens of milliseconds to import and belong to one stage only.
STORE = ("hamsu.store.db", "hamsu.store.fold", "sqlite3")
STAGES = ("hamsu.persian.normalize", "hamsu.align", "hamsu.check", "hamsu.names")


def _loaded(code: str, modules) -> list[str]:
    # The answer goes to stderr: a command writes its own output to stdout.
    probe = f"import sys\n{code}\nprint(sorted(m for m in {tuple(modules)!r} if m in sys.modules), file=sys.stderr)"
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return eval(r.stderr.strip().splitlines()[-1])


def test_the_command_line_loads_no_stage_and_no_store():
    assert _loaded("import hamsu.cli", (*STORE, *STAGES, "numpy")) == []


def test_importing_hamsu_loads_no_stage():
    assert _loaded("import hamsu", (*STORE, *STAGES, "typer", "rich")) == []


def test_the_lazy_names_still_resolve():
    assert _loaded("import hamsu\nassert hamsu.normalize('درگیریها') == 'درگیری\u200cها'", STAGES) == [
        "hamsu.persian.normalize"
    ]
    assert _loaded("from hamsu.store import open_store", STORE) == sorted(STORE)


@pytest.mark.parametrize("command", [["normalize", "examples/seed.txt"], ["--help"]])
def test_a_command_loads_no_store_and_no_numpy(command):
    code = f"sys.argv = ['hamsu', *{command!r}]\nfrom hamsu.cli import run\n"
    code += "try:\n    run()\nexcept SystemExit:\n    pass"
    assert _loaded(code, (*STORE, "numpy", "hamsu.align", "hamsu.check")) == []


def test_shipped_data_is_read_the_same_without_importlib_resources():
    from importlib import resources

    from hamsu.cache import shipped_bytes

    for name in ("fa_halfspace.txt.gz", "en_fa_dictionary.tsv.gz", "names_fa_en.tsv.gz"):
        assert shipped_bytes(name) == resources.files("hamsu.data").joinpath(name).read_bytes()


def test_aligning_to_beads_loads_no_web_client_modules():
    # xml.sax.saxutils (TMX only) brings urllib.request and http.client with it.
    code = "sys.argv = ['hamsu', 'align', 'examples/seed.txt', '--format', 'beads']\nfrom hamsu.cli import run\n"
    code += "try:\n    run()\nexcept SystemExit:\n    pass"
    assert _loaded(code, ("xml.sax.saxutils", "urllib.request", "http.client")) == []


def test_a_command_leaves_the_collector_nothing_to_scan_at_exit():
    # atexit runs last-registered first: this check runs after the command's own exit hook.
    code = (
        "import atexit, gc\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0, file=sys.stderr))\n"
        "sys.argv = ['hamsu', 'normalize', 'examples/seed.txt']\nfrom hamsu.cli import run\n"
        "try:\n    run()\nexcept SystemExit:\n    pass\n"
    )
    r = subprocess.run([sys.executable, "-c", "import sys\n" + code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "frozen True" in r.stderr
