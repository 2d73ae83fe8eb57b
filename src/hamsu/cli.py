"""The command line's old address: `hamsu.cli.app` and `hamsu.cli.run` are hamsu.commands's."""
from __future__ import annotations

from .commands import app, run

__all__ = ["app", "run"]
