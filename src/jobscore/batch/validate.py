"""Refuse a malformed marketplace before anything is written, naming the column and a row.

Runs on any engine: the checks are SQL over the `checked_contracts` view, counted in one scan;
only when one fails is a second query run to fetch an example row of each failed check.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jobscore.batch.columns import INPUT_COLUMNS, Family, family_of
from jobscore.batch.engine import BatchEngine
from jobscore.batch.sources import Source, SourceFormat
from jobscore.batch.staging_sql import (
    CHECKED_VIEW,
    RAW_VIEW,
    checked_view_sql,
    checks,
    typed_view_sql,
)
from jobscore.errors import InvalidInput, Problem
from jobscore.scoring.sql import quote

__all__ = ["input_families", "prepare_views", "refuse_bad_contract_ids", "refuse_broken_rows"]

_MAX_SHOWN = 12  # columns of an example row shown in a message


def _describe(row: Mapping[str, Any]) -> str:
    shown = [f"{k}={'' if v is None else v}" for k, v in list(row.items())[:_MAX_SHOWN]]
    more = ", ..." if len(row) > _MAX_SHOWN else ""
    return "{" + ", ".join(shown) + more + "}"


def _record(row: Mapping[str, Any]) -> str | None:
    ident = row.get("contract_id")
    return f"contract {ident}" if ident not in (None, "") else None


def input_families(
    engine: BatchEngine, source: Source, schema: Mapping[str, str]
) -> dict[str, Family]:
    """The family of each history column the file has; refuses missing and mistyped columns."""
    header_row = 1 if source.format is SourceFormat.CSV else None
    missing = [spec.name for spec in INPUT_COLUMNS if spec.required and spec.name not in schema]
    if missing:
        first = engine.query(f"SELECT * FROM {RAW_VIEW} LIMIT 1")
        example = f"; example row: {_describe(first[0])}" if first else "; the file has no rows"
        raise InvalidInput(
            Problem(
                name,
                f"required column missing; the file has: {', '.join(schema) or '(none)'}{example}",
                source.name,
                header_row,
            )
            for name in missing
        )
    families: dict[str, Family] = {}
    problems: list[Problem] = []
    for spec in INPUT_COLUMNS:
        if spec.name not in schema:
            continue
        family = family_of(schema[spec.name])
        if not spec.accepts(family):
            rows = engine.query(
                f"SELECT * FROM {RAW_VIEW} WHERE {quote(spec.name)} IS NOT NULL LIMIT 1"
            )
            example = f"; example row: {_describe(rows[0])}" if rows else ""
            problems.append(
                Problem(
                    spec.name,
                    f"has type {schema[spec.name]}, which cannot hold"
                    f" a {spec.target} value{example}",
                    source.name,
                    record=_record(rows[0]) if rows else None,
                )
            )
        families[spec.name] = family
    if problems:
        raise InvalidInput(problems)
    return families


def prepare_views(engine: BatchEngine, families: Mapping[str, Family]) -> None:
    """The checked view (raw next to typed columns) and the typed view scoring reads."""
    engine.execute(checked_view_sql(families))
    engine.execute(typed_view_sql(families))


def refuse_broken_rows(engine: BatchEngine, source: Source, families: Mapping[str, Family]) -> None:
    """Raise InvalidInput naming every broken rule with its count and an example row.

    Scoring counts broken rows in its own scan (the typed view's `__invalid`); this slower
    search for the details runs only when that count is not zero."""
    found = checks(families)
    counts = ", ".join(
        f"COUNT(CASE WHEN {c.condition} THEN 1 END) AS c{i}" for i, c in enumerate(found)
    )
    totals = engine.query(f"SELECT {counts} FROM {CHECKED_VIEW}")[0]
    problems: list[Problem] = []
    raw = ", ".join(quote(name) for name in families)
    for i, check in enumerate(found):
        count = int(totals[f"c{i}"] or 0)
        if not count:
            continue
        row = engine.query(f"SELECT {raw} FROM {CHECKED_VIEW} WHERE {check.condition} LIMIT 1")[0]
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


def refuse_bad_contract_ids(
    engine: BatchEngine, source: Source, families: Mapping[str, Family]
) -> None:
    """Every contract has an id and no two share one, or InvalidInput says which.

    The one pass over the ids that scoring does not need. Equal ids hash equally, so as many
    distinct hashes as rows proves the ids unique; only a duplicate (or a hash collision)
    needs the costly exact search."""
    ident = quote("__t_contract_id")
    conditions = " OR ".join(
        f"({c.condition})" for c in checks(families) if c.field == "contract_id"
    )
    found = engine.query(
        f"SELECT COUNT(*) = COUNT(DISTINCT HASH({ident})) AS ok,"
        f" COUNT(CASE WHEN {conditions or 'FALSE'} THEN 1 END) AS broken FROM {CHECKED_VIEW}"
    )[0]
    if found["broken"]:
        refuse_broken_rows(engine, source, families)
    if found["ok"]:
        return
    duplicated = engine.query(
        f"SELECT {quote('__t_contract_id')} AS contract_id, COUNT(*) AS n FROM {CHECKED_VIEW}"
        " GROUP BY 1 HAVING COUNT(*) > 1 ORDER BY 1 LIMIT 1"
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
