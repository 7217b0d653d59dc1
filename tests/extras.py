"""Skipping tests whose optional extra is not installed, with the extra's name."""

from __future__ import annotations

import pytest

from jobscore.extras import missing_modules

__all__ = ["needs", "skip_without"]


def _reason(extra: str, missing: tuple[str, ...]) -> str:
    return f"needs jobscore[{extra}]: {', '.join(missing)} not installed"


def needs(extra: str) -> pytest.MarkDecorator:
    """A mark that skips a test, or a module as `pytestmark`, when `extra` is missing."""
    missing = missing_modules(extra)
    return pytest.mark.skipif(bool(missing), reason=_reason(extra, missing))


def skip_without(extra: str) -> None:
    """Skip the calling module — or, from a conftest.py, its whole directory — when a module
    of `extra` is missing, saying which extra brings it."""
    missing = missing_modules(extra)
    if missing:
        pytest.skip(_reason(extra, missing), allow_module_level=True)
