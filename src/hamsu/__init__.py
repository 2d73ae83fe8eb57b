"""hamsu (همسو, "aligned"): clean, sentence-aligned, checked Persian–English parallel text.

The Python API mirrors the `hamsu` command line:

    >>> import hamsu
    >>> hamsu.normalize("درگیریها")
    'درگیری\u200cها'
"""
from __future__ import annotations

from .errors import HamsuError, InputError
from .persian.normalize import normalize, normalize_detailed
from .persian.stream import LineChange, normalize_stream
from .records import Change, Normalized

__version__ = "0.1.0"

__all__ = [
    "Change",
    "HamsuError",
    "InputError",
    "LineChange",
    "Normalized",
    "normalize",
    "normalize_detailed",
    "normalize_stream",
    "__version__",
]
