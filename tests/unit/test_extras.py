"""The extras: what each brings matches pyproject.toml, and `require` names what is missing."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest

from jobscore.errors import MissingExtra
from jobscore.extras import EXTRAS, missing_modules, require
from tests.extras import needs

PYPROJECT = Path(__file__).parents[2] / "pyproject.toml"


def test_extras_match_pyproject() -> None:
    declared = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    for extra, modules in EXTRAS.items():
        # Each of these distributions installs the top-level module of the same name (with
        # `_` for `-`: adbc-driver-sqlite installs adbc_driver_sqlite). One that only some
        # platforms get (uvloop) is welcome, not required.
        names = {
            re.split(r"[<>=!~\[ ;]", requirement)[0].replace("-", "_")
            for requirement in declared[extra]
            if ";" not in requirement
        }
        assert set(modules) == names, extra


def test_require_names_every_missing_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if it were not installed
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtra) as caught:
        require("spark")
    assert caught.value.modules == ("pyspark", "pandas")
    assert caught.value.extra == "spark"
    assert "pip install 'jobscore[spark]'" in str(caught.value)
    assert "pyspark" not in missing_modules("duckdb")  # neither is part of it
    assert "pandas" not in missing_modules("duckdb")


@needs("sim")
def test_require_imports_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m.split(".")[0] == "matplotlib"]:
        monkeypatch.delitem(sys.modules, name)
    require("sim")
    assert "matplotlib" not in sys.modules


@needs("spark")
@pytest.mark.parametrize("hidden", ["pyspark", "scipy", "pyarrow"])
def test_opening_spark_without_a_module_of_its_extra_names_spark(
    monkeypatch: pytest.MonkeyPatch, hidden: str
) -> None:
    from jobscore.batch import open_engine

    monkeypatch.setitem(sys.modules, hidden, None)
    with pytest.raises(MissingExtra) as caught:
        open_engine("spark")
    assert (caught.value.modules, caught.value.extra) == ((hidden,), "spark")
