"""`jobscore template`: a history file to fill in, for someone starting from nothing.

The header is every column the readers know, in their order (`jobscore.io.rows.COLUMNS`), so
the template cannot fall behind the format. The example rows show the formats: dates, amounts
in dollars and cents, a refund, a contract still open, and blanks where a value is unknown
(the private score, which a marketplace never shows the freelancer).
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Annotated

import typer

from jobscore.cli.common import handle_errors
from jobscore.errors import InvalidInput, Problem
from jobscore.io.rows import COLUMNS
from jobscore.render.json_encoding import dumps

__all__ = ["EXAMPLE_ROWS", "template", "template_text"]

#: The example rows, as a freelancer would type them; a column left out is left blank.
EXAMPLE_ROWS: tuple[dict[str, str], ...] = (
    {
        # A fixed-price job that ended with public feedback, after a partial refund.
        "contract_id": "logo-design",
        "client_id": "kettle-coffee",
        "kind": "fixed",
        "started_at": "2026-03-02",
        "ended_at": "2026-03-20",
        "ended_by": "client",
        "end_reason": "completed",
        "earned": "1250.00",
        "refunded": "150.00",
        "stars": "4.75",
        "client_stars_given_mean": "4.6",
        "client_stars_given_count": "14",
        "category": "design",
        "currency": "USD",
    },
    {
        # An hourly contract still open: no end, no feedback, paid every week so far.
        "contract_id": "weekly-support",
        "client_id": "summit-yoga",
        "kind": "hourly",
        "started_at": "2025-12-01",
        "earned": "2400.00",
        "last_payment_at": "2026-10-26",
        "category": "web-support",
    },
)

_WHOLE_NUMBERS = frozenset({"paid_quarters", "private_score", "client_stars_given_count"})
_NUMBERS = frozenset({"stars", "client_stars_given_mean"})
_FLAGS = frozenset({"feedback_removed", "client_flagged"})


def template_text(as_json: bool = False) -> str:
    """The template as CSV (a header and the example rows), or as a JSON array of rows."""
    rows = [{name: row.get(name, "") for name in COLUMNS} for row in EXAMPLE_ROWS]
    if as_json:
        return dumps([{k: _json_value(k, v) for k, v in row.items()} for row in rows]) + "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _json_value(column: str, text: str) -> str | int | float | bool | None:
    """A cell as JSON writes it: blank is null, counts and stars are numbers, and money stays
    a decimal string, as in every JSON jobscore writes."""
    if not text:
        return None
    if column in _WHOLE_NUMBERS:
        return int(text)
    if column in _NUMBERS:
        return float(text)
    if column in _FLAGS:
        return text == "true"
    return text


@handle_errors
def template(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="write the template to this new .csv (or .json) file instead of printing it",
        ),
    ] = None,
    json: Annotated[
        bool, typer.Option("--json", help="the same rows as a JSON array instead of CSV")
    ] = False,
) -> None:
    """Write a history file to fill in: every column, with example rows showing the formats."""
    as_json = json or (out is not None and out.suffix.lower() == ".json")
    text = template_text(as_json)
    if out is None:
        sys.stdout.write(text)
        return
    wanted = ".json" if as_json else ".csv"
    if out.suffix.lower() != wanted:
        form = "JSON" if as_json else "CSV"
        raise InvalidInput(
            Problem(
                "--out",
                f"a {form} history goes in a file ending in {wanted}: jobscore tells the forms "
                "apart by the ending",
                source=str(out),
            )
        )
    if out.exists():
        raise InvalidInput(
            Problem(
                "--out",
                "the file already exists and is not overwritten; "
                "choose another name or remove it first",
                source=str(out),
            )
        )
    out.write_text(text, encoding="utf-8")
    sys.stdout.write(
        f"wrote {out}: replace its {len(EXAMPLE_ROWS)} example rows with your contracts, "
        f"one row per contract, then run: jobscore score {out}\n"
        "What each column means and where to find it: docs/history-format.md\n"
    )
