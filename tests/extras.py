"""Skipping tests whose optional extra is not installed, with the extra's name."""

from __future__ import annotations

import pytest

from jobscore.extras import missing_modules

__all__ = ["skip_without"]


def skip_without(extra: str) -> None:
    """Skip the calling module — or, from a conftest.py, its whole directory — when a module
    of `extra` is missing, saying which extra brings it."""
    missing = missing_modules(extra)
    if missing:
        pytest.skip(
            f"needs jobscore[{extra}]: {', '.join(missing)} not installed",
            allow_module_level=True,
        )
