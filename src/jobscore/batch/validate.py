"""Refuse a malformed marketplace before anything is written, naming the column and a row.

Runs on any engine: the checks are SQL over the `checked_contracts` view, counted in one scan;
only when one fails is a second query run to fetch an example row of each failed check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jobscore.batch.columns import INPUT_COLUMNS, Family, family_of
from jobscore.batch.engine import BatchEngine
from jobscore.batch.sources import Source, SourceFormat, csv_column
from jobscore.batch.staging_sql import (
    BLANK,
    CHECKED_VIEW,
    FILE_VIEW,
    RAW_VIEW,
    checked_view_sql,
    checks,
    typed_view_sql,
)
from jobscore.errors import InvalidInput, Problem
from jobscore.io.headers import match_columns
from jobscore.io.rows import COLUMNS
from jobscore.scoring.sql import quote

__all__ = ["Staged", "refuse_bad_contract_ids", "refuse_broken_rows", "stage_input"]

_MAX_SHOWN = 12  # columns of an example row shown in a message


def _describe(row: Mapping[str, Any]) -> str:
    shown = [f"{k}={'' if v is None else v}" for k, v in list(row.items())[:_MAX_SHOWN]]
    more = ", ..." if len(row) > _MAX_SHOWN else ""
    return "{" + ", ".join(shown) + more + "}"


def _record(row: Mapping[str, Any]) -> str | None:
    ident = row.get("contract_id")
    return f"contract {ident}" if ident not in (None, "") else None


@dataclass(frozen=True, slots=True)
class Staged:
    """The input as the checks and the scoring SQL see it."""

    #: The family of every history column the file has.
    families: dict[str, Family]
    decimal_comma: bool = False
    #: Notes on what was read, for the summary: columns ignored.
    notes: tuple[str, ...] = ()


def stage_input(
    engine: BatchEngine, source: Source, schema: Mapping[str, str], decimal_comma: bool = False
) -> Staged:
    """Name the file's columns as history columns (whatever their case or separators) and
    create the views over them; refuses names close to a column, a column named twice, and
    missing or wrongly typed columns."""
    csv = source.format is SourceFormat.CSV
    header_row = 1 if csv else None
    physical = [csv_column(i) for i in range(len(source.header))] if csv else list(schema)
    names = list(source.header) if csv else list(schema)
    match = match_columns(names, COLUMNS, source=source.name, row=header_row)
    if match.problems:
        raise InvalidInput(match.problems)
    # The header's names by position (two may be alike, when neither is a column).
    columns = {
        match.columns[name]: file
        for name, file in zip(names, physical, strict=True)
        if name in match.columns
    }
    cells = {file: family_of(schema[file]) for file in physical}
    engine.execute(_raw_view_sql(columns, cells))
    types = {name: schema[file] for name, file in columns.items()}
    families = _families(engine, source, types, names, header_row)
    engine.execute(checked_view_sql(families, decimal_comma))
    engine.execute(typed_view_sql(families, decimal_comma))
    note = match.note()
    return Staged(families, decimal_comma, (note,) if note else ())


def _raw_view_sql(columns: Mapping[str, str], cells: Mapping[str, Family]) -> str:
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


def _families(
    engine: BatchEngine,
    source: Source,
    types: Mapping[str, str],
    names: list[str],
    header_row: int | None,
) -> dict[str, Family]:
    """The family of each history column the file has; refuses missing and mistyped columns."""
    missing = [spec.name for spec in INPUT_COLUMNS if spec.required and spec.name not in types]
    if missing:
        known = ", ".join(quote(name) for name in types) or "1 AS one"
        first = engine.query(f"SELECT {known} FROM {RAW_VIEW} WHERE NOT {BLANK} LIMIT 1")
        example = f"; example row: {_describe(first[0])}" if first else "; the file has no rows"
        shown = ", ".join(name or "(blank)" for name in names) or "(none)"
        raise InvalidInput(
            Problem(
                name,
                f"required column missing; the file has: {shown}{example}",
                source.name,
                header_row,
            )
            for name in missing
        )
    families: dict[str, Family] = {}
    problems: list[Problem] = []
    for spec in INPUT_COLUMNS:
        if spec.name not in types:
            continue
        family = family_of(types[spec.name])
        if not spec.accepts(family):
            rows = engine.query(
                f"SELECT {', '.join(quote(name) for name in types)} FROM {RAW_VIEW}"
                f" WHERE {quote(spec.name)} IS NOT NULL LIMIT 1"
            )
            example = f"; example row: {_describe(rows[0])}" if rows else ""
            problems.append(
                Problem(
                    spec.name,
                    f"has type {types[spec.name]}, which cannot hold"
                    f" a {spec.target} value{example}",
                    source.name,
                    record=_record(rows[0]) if rows else None,
                )
            )
        families[spec.name] = family
    if problems:
        raise InvalidInput(problems)
    return families


def refuse_broken_rows(engine: BatchEngine, source: Source, staged: Staged) -> None:
    """Raise InvalidInput naming every broken rule with its count and an example row.

    Scoring counts broken rows in its own scan (the typed view's `__invalid`); this slower
    search for the details runs only when that count is not zero."""
    found = checks(staged.families, staged.decimal_comma)
    counts = ", ".join(
        f"COUNT(CASE WHEN {c.condition} THEN 1 END) AS c{i}" for i, c in enumerate(found)
    )
    totals = engine.query(f"SELECT {counts} FROM {CHECKED_VIEW} WHERE NOT {BLANK}")[0]
    problems: list[Problem] = []
    raw = ", ".join(quote(name) for name in staged.families)
    for i, check in enumerate(found):
        count = int(totals[f"c{i}"] or 0)
        if not count:
            continue
        row = engine.query(
            f"SELECT {raw} FROM {CHECKED_VIEW} WHERE NOT {BLANK} AND {check.condition} LIMIT 1"
        )[0]
        value = row.get(check.field)
        problems.append(
            Problem(
                check.field,
                f"{check.message} ({'' if value is None else f'value {str(value)!r}, '}"
                f"{count} row{'s' * (count != 1)}); example row: {_describe(row)}",
                source.name,
                record=_record(row),
            )
        )
    if problems:
        raise InvalidInput(problems)


def refuse_bad_contract_ids(engine: BatchEngine, source: Source, staged: Staged) -> int:
    """Every contract has an id and no two share one, or InvalidInput says which; a file
    without contracts is refused too. Returns how many blank rows were skipped.

    The one pass over the ids that scoring does not need. Equal ids hash equally, so as many
    distinct hashes as rows proves the ids unique; only a duplicate (or a hash collision)
    needs the costly exact search."""
    ident = quote("__t_contract_id")
    conditions = " OR ".join(
        f"({c.condition})"
        for c in checks(staged.families, staged.decimal_comma)
        if c.field == "contract_id"
    )
    kept = f"NOT {BLANK}"
    found = engine.query(
        f"SELECT COUNT(CASE WHEN {kept} THEN 1 END) AS contracts,"
        f" COUNT(CASE WHEN {BLANK} THEN 1 END) AS blank,"
        f" COUNT(CASE WHEN {kept} THEN 1 END)"
        f" = COUNT(DISTINCT CASE WHEN {kept} THEN HASH({ident}) END) AS ok,"
        f" COUNT(CASE WHEN {kept} AND ({conditions or 'FALSE'}) THEN 1 END) AS broken"
        f" FROM {CHECKED_VIEW}"
    )[0]
    if found["broken"]:
        refuse_broken_rows(engine, source, staged)
    if not found["contracts"]:
        where = " under the header" if source.format is SourceFormat.CSV else ""
        raise InvalidInput(
            Problem(
                "contracts",
                f"the file holds no contracts; add a row for each contract{where}",
                source.name,
            )
        )
    if found["ok"]:
        return int(found["blank"])
    duplicated = engine.query(
        f"SELECT {quote('__t_contract_id')} AS contract_id, COUNT(*) AS n FROM {CHECKED_VIEW}"
        f" WHERE {kept} GROUP BY 1 HAVING COUNT(*) > 1 ORDER BY 1 LIMIT 1"
    )
    if duplicated:
        ident = duplicated[0]["contract_id"]
        raise InvalidInput(
            Problem(
                "contract_id",
                f"duplicate id {ident!r} ({duplicated[0]['n']} rows);"
                " every contract needs a unique id",
                source.name,
                record=f"contract {ident}",
            )
        )
    return int(found["blank"])
