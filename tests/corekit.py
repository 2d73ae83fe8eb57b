"""The optional compiled cores in tests: skipped where no C compiler built them, required by CI."""
from __future__ import annotations

import os

import pytest


def compiled_only(compiled: bool):
    """Mark a test that needs a compiled core: skipped where it was not built, except under CI
    (CI=true), which installs a compiler and so must have built it."""
    return pytest.mark.skipif(
        not compiled and os.environ.get("CI") != "true",
        reason="the compiled core was not built here (no C compiler); CI requires it",
    )
