"""Every module says what it exports, and exports only what it has."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import pytest

import jobscore
from jobscore.extras import EXTRAS


def module_names() -> list[str]:
    found = ["jobscore"]
    for info in pkgutil.walk_packages(jobscore.__path__, "jobscore."):
        found.append(info.name)
    return sorted(found)


def load(name: str) -> ModuleType:
    """Import a module, or skip naming the extra that brings the module it is missing."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        top = (exc.name or "").split(".")[0]
        extra = next((e for e, modules in EXTRAS.items() if top in modules), None)
        if extra is None:
            raise
        pytest.skip(f"needs jobscore[{extra}]: {top} not installed")


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
