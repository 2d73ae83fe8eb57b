"""Writing results: the output formats (a Writer each, in one table) and atomic files.

    writers()          every format by name: hamsu's own (units.py), then the plugins'
    get_writer(name)   one of them, or a one-line error listing the choices
    Writer             the class a format subclasses (base.py)
"""
from __future__ import annotations

from .base import Writer
from .table import PLUGIN_GROUP, builtin_exchange_formats, exchange_formats, get_writer, writers

__all__ = ["PLUGIN_GROUP", "Writer", "builtin_exchange_formats", "exchange_formats", "get_writer", "writers"]
