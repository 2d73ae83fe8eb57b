"""Shared test settings.

Hypothesis runs derandomized by default, so that the suite gives the same answer on every run
(CI included). To search further with fresh random examples:

    HAMSU_HYPOTHESIS=explore .venv/bin/pytest tests/test_properties.py
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    max_examples=200,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "explore", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HAMSU_HYPOTHESIS", "default"))
