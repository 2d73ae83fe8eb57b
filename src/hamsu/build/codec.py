"""Checked documents as plain nested tuples, for the trip from a worker to the coordinator.

Pickling the records themselves is slow: a frozen dataclass with slots pickles through Python
code (its __getstate__ / __setstate__) field by field, about 15 µs a record, and a FLORES-sized
article is some 40 records (blocks, sentences, units, names, flags): over a millisecond each way,
a tenth of the pipeline's own time, paid by the coordinator as well as the worker. Tuples of
strings and numbers pickle in C. The encoding follows dataclasses.fields, so a field added to a
record travels without a change here.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from ..records import Alignment, Block, Checked, Document, Flag, Mention, NameLink, Sentence, Unit, UnitNames

RECORDS = (Checked, Alignment, Document, Block, Sentence, Unit, UnitNames, NameLink, Mention, Flag)
_TAG = {cls: i for i, cls in enumerate(RECORDS)}
_FIELDS = {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in RECORDS}


_PLAIN = frozenset({str, int, float, bool, type(None)})


def encode(value: Any) -> Any:
    """A record as a list [tag, field values...]; tuples stay tuples (records hold no lists)."""
    cls = type(value)
    tag = _TAG.get(cls)
    if tag is not None:
        return [tag, *(encode(getattr(value, name)) for name in _FIELDS[cls])]
    if cls is tuple:
        if all(type(v) in _PLAIN for v in value):
            return value  # texts, ids, a span: nothing inside to encode
        return tuple(encode(v) for v in value)
    if cls in _PLAIN:
        return value
    raise TypeError(f"cannot encode {cls.__name__} inside a record")


def decode(value: Any) -> Any:
    cls = type(value)
    if cls is list:
        return RECORDS[value[0]](*(decode(v) for v in value[1:]))
    if cls is tuple:
        if all(type(v) in _PLAIN for v in value):
            return value
        return tuple(decode(v) for v in value)
    return value
