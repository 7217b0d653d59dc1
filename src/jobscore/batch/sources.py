"""Where a marketplace's contracts come from: a CSV file, a Parquet file, or a directory of them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from jobscore.errors import InvalidInput, Problem

__all__ = ["Source", "SourceFormat", "resolve_source"]


class SourceFormat(StrEnum):
    CSV = "csv"
    PARQUET = "parquet"


@dataclass(frozen=True, slots=True)
class Source:
    """The files an engine reads, all of one format, and the name errors cite."""

    format: SourceFormat
    files: tuple[Path, ...]
    name: str


def resolve_source(path: Path) -> Source:
    """Resolve a path to the files it stands for, refusing what no engine could read."""
    name = path.name
    if not path.exists():
        raise InvalidInput(Problem("path", f"no such file or directory: {path}", name))
    if path.is_dir():
        # Spark and other writers leave _SUCCESS and .crc files next to the data.
        files = tuple(
            sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and not p.name.startswith(("_", ".")) and p.suffix == ".parquet"
            )
        )
        if not files:
            raise InvalidInput(
                Problem("path", f"the directory {path} holds no .parquet files", name)
            )
        return Source(SourceFormat.PARQUET, files, name)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return Source(SourceFormat.CSV, (path,), name)
    if suffix == ".parquet":
        return Source(SourceFormat.PARQUET, (path,), name)
    raise InvalidInput(
        Problem("path", f"unknown file type {suffix!r}; use .csv, .parquet or a directory", name)
    )
