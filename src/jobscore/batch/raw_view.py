"""The raw view of a file's rows: its columns under their history names, and which rows are
blank (a spreadsheet's trailing empty rows), so that the checks and the typed view skip them."""

from __future__ import annotations

from collections.abc import Mapping

from jobscore.batch.columns import Family
from jobscore.batch.staging_sql import BLANK, FILE_VIEW, RAW_VIEW
from jobscore.scoring.sql import quote

__all__ = ["raw_view_sql"]


def raw_view_sql(columns: Mapping[str, str], cells: Mapping[str, Family]) -> str:
    """The file's columns under their history names (`columns`: history name -> the file's
    column), and `BLANK`, true where every cell of the row (`cells`: every column of the file,
    with its family) is empty or spaces."""
    named = [f"{quote(file)} AS {quote(name)}" for name, file in columns.items()]
    empty = " AND ".join(
        f"({quote(c)} IS NULL OR TRIM({quote(c)}) = '')" if f is Family.TEXT
        else f"{quote(c)} IS NULL"
        for c, f in cells.items()
    )  # fmt: skip
    blank = f"COALESCE({empty or 'TRUE'}, FALSE)"
    # Cheapest test first: a row with a contract id is not blank, and telling so needs no look
    # at its other cells (nor a copy of the id, as trimming it would make).
    first = columns.get("contract_id") or next(iter(cells), None)
    if first is not None:
        x = quote(first)
        filled = (
            f"{x} <> '' AND {x} NOT LIKE ' %'" if cells.get(first) is Family.TEXT
            else f"{x} IS NOT NULL"
        )  # fmt: skip
        blank = f"CASE WHEN {filled} THEN FALSE ELSE {blank} END"
    return (
        f"CREATE OR REPLACE TEMP VIEW {RAW_VIEW} AS SELECT\n  "
        + ",\n  ".join([*named, f"{blank} AS {BLANK}"])
        + f"\nFROM {FILE_VIEW}"
    )
