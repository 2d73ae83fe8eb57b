"""The compiled words' character classes (names/_faspans.c) read back from the user's cache: the
same classes the patterns give, built once and then only read."""
from __future__ import annotations

import os
import subprocess
import sys

from corekit import compiled_only

from hamsu.names import persian

compiled = compiled_only(persian.COMPILED)

_SCRIPT = (
    "import sys\n"
    "from hamsu.names import persian\n"
    "words = persian.words_of('در ایران\u200cها و Microsoft Office')\n"
    "sys.stdout.write(repr(words))\n"
)


@compiled
def test_the_classes_are_cached_once_and_read_back(tmp_path):
    folder = tmp_path / "cache"
    runs = []
    for setting in ("off", str(folder), str(folder)):  # built; written; read back
        env = {**os.environ, "HAMSU_CACHE_DIR": setting}
        runs.append(subprocess.run([sys.executable, "-c", _SCRIPT], env=env, capture_output=True, check=True).stdout)
    assert runs[0] == runs[1] == runs[2]
    assert runs[0] == repr(persian._python_words("در ایران\u200cها و Microsoft Office")).encode()
    cached = list(folder.glob("faspans-classes-*.pickle"))
    assert len(cached) == 1
    from hamsu.cache import _read

    assert _read(cached[0]) == persian._char_classes()


@compiled
def test_a_damaged_classes_file_is_rebuilt(tmp_path):
    folder = tmp_path / "cache"
    env = {**os.environ, "HAMSU_CACHE_DIR": str(folder)}
    subprocess.run([sys.executable, "-c", _SCRIPT], env=env, capture_output=True, check=True)
    (cached,) = folder.glob("faspans-classes-*.pickle")
    cached.write_bytes(cached.read_bytes()[:-100])
    out = subprocess.run([sys.executable, "-c", _SCRIPT], env=env, capture_output=True, check=True).stdout
    assert out == repr(persian._python_words("در ایران\u200cها و Microsoft Office")).encode()
    from hamsu.cache import _read

    assert _read(cached) == persian._char_classes()
