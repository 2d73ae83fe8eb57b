"""Output files appear whole or not at all: write to a temporary file beside, then rename."""
from __future__ import annotations

import contextlib
import os
import stat
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


def _open_args(mode: str) -> dict:
    return {"encoding": None, "newline": None} if "b" in mode else {"encoding": "utf-8", "newline": ""}


def _special(target: Path, info: os.stat_result | None) -> bool:
    """A device, pipe or socket, or a path under /dev or /proc: written in place, never replaced."""
    if info is not None and not stat.S_ISREG(info.st_mode):
        return True
    return str(target.absolute()).startswith(("/dev/", "/proc/"))


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike, mode: str = "w") -> Iterator[IO]:
    """A file opened for writing whose content replaces `path` only if the block succeeds.

    A path that cannot be written (a folder, a missing or read-only folder) is an OutputError,
    raised before the block runs where that can be known in advance. A symbolic link is followed,
    so the file it points to is replaced, not the link. A device or pipe (/dev/stdout, /dev/null,
    a FIFO) is written in place, appending, as it cannot be replaced.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: is a directory")
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as e:
        raise OutputError(f"{target}: cannot write ({e.strerror})") from None
    if _special(target, info):
        try:  # appending: /dev/stdout may be a file behind /proc/self/fd, which "w" would truncate
            stream = open(target, mode.replace("w", "a"), **_open_args(mode))
        except OSError as e:
            raise OutputError(f"{target}: cannot write ({e.strerror})") from None
        with stream:
            yield stream
        return
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise OutputError(f"{path}: cannot write ({e.strerror})") from None
    try:
        with os.fdopen(fd, mode, **_open_args(mode)) as f:
            yield f
        try:
            os.chmod(tmp, _new_file_mode(target))
            os.replace(tmp, target)
        except OSError as e:
            raise OutputError(f"{path}: cannot write ({e.strerror})") from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
