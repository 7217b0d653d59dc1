"""The optional extras, the modules each one brings, and checking for them before work starts.

A command that needs an extra calls `require` first, so that a missing module stops it at once
with the install command, not after minutes of work with a traceback. `require` only looks for
the modules (`importlib.util.find_spec`); it imports none of them.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from importlib.util import find_spec
from types import MappingProxyType

from jobscore.errors import MissingExtra

__all__ = ["EXTRAS", "missing_modules", "require"]

#: Extra -> the top-level modules it installs; as `[project.optional-dependencies]` in
#: pyproject.toml has them (a test holds the two together).
EXTRAS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "duckdb": ("duckdb", "pyarrow", "sqlglot", "scipy"),
        "spark": ("pyspark", "pyarrow", "sqlglot", "pandas", "scipy"),
        "sim": ("numpy", "scipy", "matplotlib"),
        "service": (
            "sqlalchemy",
            "alembic",
            "psycopg",
            "adbc_driver_manager",
            "adbc_driver_sqlite",
            "adbc_driver_postgresql",
            "fastapi",
            "uvicorn",
            "httptools",
            "httpx2",
            "jinja2",
            "python_multipart",
            "asgi_csrf",
        ),
    }
)


def _installed(module: str) -> bool:
    if module in sys.modules:
        # None marks a module that failed to import (or one hidden on purpose).
        return sys.modules[module] is not None
    try:
        return find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def missing_modules(extra: str) -> tuple[str, ...]:
    """The modules of `extra` that cannot be imported here."""
    return tuple(module for module in EXTRAS[extra] if not _installed(module))


def require(extra: str) -> None:
    """Raise `MissingExtra` naming every missing module of `extra` and the install command."""
    missing = missing_modules(extra)
    if missing:
        raise MissingExtra(missing, extra)
