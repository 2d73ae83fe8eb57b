"""Output files appear whole or not at all: write to a temporary file beside, then rename."""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import OutputError


def _new_file_mode(target: Path) -> int:
    """The permissions `target` gets: its own if it exists, else what the umask allows a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike, mode: str = "w") -> Iterator[IO]:
    """A file opened for writing whose content replaces `path` only if the block succeeds.

    A path that cannot be written (a folder, a missing or read-only folder) is an OutputError,
    raised before the block runs where that can be known in advance.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: is a directory")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise OutputError(f"{target}: cannot write ({e.strerror})") from None
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8", newline=None if "b" in mode else "") as f:
            yield f
        try:
            os.chmod(tmp, _new_file_mode(target))
            os.replace(tmp, target)
        except OSError as e:
            raise OutputError(f"{target}: cannot write ({e.strerror})") from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
