"""Every module says what it exports, and exports only what it has."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import pytest

import jobscore


def module_names() -> list[str]:
    found = ["jobscore"]
    for info in pkgutil.walk_packages(jobscore.__path__, "jobscore."):
        found.append(info.name)
    return sorted(found)


#: Modules that import an optional engine at the top, and the extra that brings it.
NEEDS = {
    "jobscore.batch.duckdb_engine": ("duckdb", "duckdb"),
    "jobscore.batch.spark_engine": ("pyspark", "spark"),
    "jobscore.batch.dialects": ("sqlglot", "duckdb"),
}


def load(name: str) -> ModuleType:
    if name in NEEDS:
        module, extra = NEEDS[name]
        pytest.importorskip(module, reason=f"needs jobscore[{extra}]")
    return importlib.import_module(name)


def test_every_module_is_found() -> None:
    names = module_names()
    assert "jobscore.scoring.catalog" in names
    assert "jobscore.scoring.upwork.scorer" in names
    assert len(names) > 60


@pytest.mark.parametrize("name", module_names())
def test_a_module_exports_only_names_it_has(name: str) -> None:
    module = load(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    assert len(set(exported)) == len(exported), f"{name} exports a name twice"
    missing = [item for item in exported if not hasattr(module, item)]
    assert missing == [], f"{name} exports names it does not have"


@pytest.mark.parametrize("name", [n for n in module_names() if n.count(".") <= 1])
def test_a_package_exports_no_private_name(name: str) -> None:
    module = load(name)
    assert [item for item in module.__all__ if item.startswith("_")] in ([], ["__version__"])
