"""Errors hamsu reports to its users: one line, naming the file and the place."""
from __future__ import annotations


class HamsuError(Exception):
    """A problem with the user's input or options; the CLI prints it as one line and exits 2."""

    exit_code = 2


class InputError(HamsuError):
    """Input that cannot be read: missing, binary, undecodable, empty or malformed."""


class OutputError(HamsuError):
    """An output file that cannot be written: its folder is missing or read-only, or it is a folder."""
