"""hamsu (همسو, "aligned"): clean, sentence-aligned, checked Persian–English parallel text.

The Python API mirrors the `hamsu` command line:

    >>> import hamsu
    >>> hamsu.normalize("درگیریها")
    'درگیری\u200cها'
"""
from __future__ import annotations

from .errors import HamsuError, InputError

__version__ = "0.1.0"

# Each name loads its module on first use: `import hamsu` (and the command line, which imports
# it for the version) pays for no stage it does not run, and normalization alone loads no aligner.
_LAZY = {
    "normalize": "persian.normalize",
    "normalize_detailed": "persian.normalize",
    "normalize_stream": "persian.stream",
    "LineChange": "persian.stream",
    "Change": "records",
    "Normalized": "records",
    "align_paths": "api",
    "read_documents": "api",
    "process_paths": "api",
    "align_document": "pipeline",
    "check_document": "pipeline",
    "process_document": "pipeline",
    "Checked": "records",
    "Alignment": "records",
    "Document": "records",
    "Sentence": "records",
    "Unit": "records",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'hamsu' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value

__all__ = [
    "Alignment",
    "Checked",
    "check_document",
    "process_document",
    "process_paths",
    "Document",
    "Sentence",
    "Unit",
    "align_document",
    "align_paths",
    "read_documents",
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
