"""Read history files: contracts.csv, the same rows as JSON, or rich JSON records.

A file with any bad row is refused whole: `InvalidInput` lists every problem, each naming
the file, row and field. Nothing is scored from a half-read file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jobscore.domain.facts import ContractFacts, History
from jobscore.domain.records import Client, Freelancer
from jobscore.errors import InvalidInput, Problem
from jobscore.io.headers import match_columns, normal_keys, normal_name
from jobscore.io.rich_json import parse_client, parse_freelancer, parse_rich_contract
from jobscore.io.rows import COLUMNS, REQUIRED_COLUMNS, is_blank_row, parse_row
from jobscore.io.text_files import JSON_SHAPE, read_csv_rows, read_json
from jobscore.scoring.result import Finding

__all__ = ["HistoryFile", "load_history", "load_history_file"]

DEFAULT_FREELANCER = "me"
#: Keys that make a contract in a JSON history a rich record rather than a flat row.
_RICH_KEYS = frozenset({"payments", "refunds", "feedback"})


@dataclass(frozen=True, slots=True)
class HistoryFile:
    """Everything one file holds: contracts of one or more freelancers, and their clients."""

    source: str
    contracts: tuple[ContractFacts, ...]
    freelancers: Mapping[str, Freelancer] = field(default_factory=dict)
    clients: Mapping[str, Client] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()

    def freelancer_ids(self) -> tuple[str, ...]:
        return tuple(sorted({c.freelancer_id for c in self.contracts} | set(self.freelancers)))

    def history(self, freelancer_id: str | None = None) -> History:
        """One freelancer's history; the only one, when the file holds a single freelancer."""
        ids = self.freelancer_ids()
        if freelancer_id is None:
            if len(ids) > 1:
                shown = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
                raise InvalidInput(
                    Problem(
                        "freelancer_id",
                        f"the file holds {len(ids)} freelancers ({shown}); "
                        "choose one with --freelancer ID",
                        source=self.source,
                    )
                )
            freelancer_id = ids[0] if ids else DEFAULT_FREELANCER
        elif freelancer_id not in ids:
            raise InvalidInput(
                Problem(
                    "freelancer_id", f"no freelancer {freelancer_id!r} in the file", self.source
                )
            )
        mine = tuple(c for c in self.contracts if c.freelancer_id == freelancer_id)
        return History(
            freelancer_id=freelancer_id,
            contracts=mine,
            freelancer=self.freelancers.get(freelancer_id),
            clients=self.clients,
            source=self.source,
        )


def load_history(
    path: str | Path, freelancer_id: str | None = None, *, decimal_comma: bool = False
) -> History:
    return load_history_file(path, decimal_comma=decimal_comma).history(freelancer_id)


def load_history_file(path: str | Path, *, decimal_comma: bool = False) -> HistoryFile:
    """Read a history file (CSV, JSON, Parquet, or a directory of Parquet files).

    With `decimal_comma`, amounts and decimals written as text use a comma before the decimals
    ("1.700,50"); numbers stored as numbers (JSON, Parquet) read the same either way."""
    path = Path(path)
    source = path.name
    if not path.exists():
        raise InvalidInput(Problem("path", f"no such file: {path}", source=str(path)))
    loaded = _read(path, source, decimal_comma)
    if not loaded.contracts:
        raise InvalidInput(
            Problem(
                "contracts",
                "the file holds no contracts; add a row for each contract"
                + (" under the header" if path.suffix.lower() == ".csv" else ""),
                source,
            )
        )
    return loaded


def _read(path: Path, source: str, decimal_comma: bool) -> HistoryFile:
    suffix = path.suffix.lower()
    if path.is_dir() or suffix == ".parquet":
        from jobscore.io.parquet_rows import read_parquet_tables

        return _merge(
            [
                _from_table(name, header, rows, None, decimal_comma)
                for name, header, rows in read_parquet_tables(path)
            ],
            source,
        )
    if suffix == ".csv":
        header, rows = read_csv_rows(path, source)
        return _from_table(source, header, rows, 1, decimal_comma)
    if suffix == ".json":
        return _from_json(source, read_json(path, source), decimal_comma)
    raise InvalidInput(
        Problem("path", f"unknown file type {suffix!r}; use .csv, .json or .parquet", source)
    )


def _from_table(
    source: str,
    header: Sequence[str],
    rows: Iterable[tuple[int, Sequence[Any]]],
    header_row: int | None,
    decimal_comma: bool,
) -> HistoryFile:
    """Rows under one header (CSV, Parquet): names matched to columns once, for every row."""
    match = match_columns(header, COLUMNS, source=source, row=header_row)
    problems = list(match.problems)
    missing = [name for name in REQUIRED_COLUMNS if name not in match.columns.values()]
    if missing:
        shown = ", ".join(name or "(blank)" for name in header) or "(none)"
        problems.append(
            Problem(
                ",".join(missing),
                f"required column missing; the header has: {shown}",
                source=source,
                row=header_row,
            )
        )
    if problems:
        raise InvalidInput(problems)
    named: list[tuple[int, dict[str, Any]]] = []
    blank: list[int] = []
    for number, cells in rows:
        if _blank_cells(cells):
            blank.append(number)
        else:
            pairs = zip(header, cells, strict=True)
            named.append((number, {match.columns[k]: v for k, v in pairs if k in match.columns}))
    return _from_rows(source, named, blank, match.note(), decimal_comma=decimal_comma)


def _blank_cells(cells: Sequence[Any]) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in cells)


def _from_json(source: str, document: Any, decimal_comma: bool) -> HistoryFile:
    if isinstance(document, list):
        rows, blank, note, close = _json_rows(source, document)
        return _from_rows(source, rows, blank, note, problems=close, decimal_comma=decimal_comma)
    if isinstance(document, dict):
        document, _ = normal_keys(document)
    if not isinstance(document, dict) or not isinstance(document.get("contracts"), list):
        raise InvalidInput(Problem("contracts", f"expected {JSON_SHAPE}", source))
    problems: list[Problem] = []
    freelancers: dict[str, Freelancer] = {}
    if document.get("freelancer") is not None:
        freelancer, found = parse_freelancer(document["freelancer"], source)
        problems += found
        if freelancer:
            freelancers[freelancer.id] = freelancer
    clients: dict[str, Client] = {}
    client_means: dict[str, tuple[float | None, int | None]] = {}
    listed = document.get("clients") or []
    if not isinstance(listed, list):
        problems.append(Problem("clients", "expected a list of objects", source))
        listed = []
    for index, raw in enumerate(listed, start=1):
        client, means, found = parse_client(raw, source, index)
        problems += found
        if client:
            clients[client.id] = client
            client_means[client.id] = means
    default = next(iter(freelancers), DEFAULT_FREELANCER)

    flat: list[tuple[int, Any]] = []
    rich: list[tuple[int, ContractFacts]] = []
    for index, raw in enumerate(document["contracts"], start=1):
        if isinstance(raw, dict) and _is_rich(raw):
            facts, found = parse_rich_contract(raw, source, index, default, clients, decimal_comma)
            problems += found
            if facts is not None:
                mean, count = client_means.get(facts.client_id, (None, None))
                if facts.client_stars_given_mean is None and mean is not None:
                    facts = replace(
                        facts, client_stars_given_mean=mean, client_stars_given_count=count
                    )
                rich.append((index, facts))
        else:
            flat.append((index, raw))
    rows, blank, note, found = _json_rows(source, flat, numbered=True)
    parsed = _from_rows(source, rows, blank, note, default, problems + found, rich, decimal_comma)
    return replace(parsed, freelancers=freelancers, clients=clients)


def _is_rich(raw: dict[str, Any]) -> bool:
    return any(normal_name(str(key)) in _RICH_KEYS for key in raw)


def _json_rows(
    source: str, items: Sequence[Any], numbered: bool = False
) -> tuple[list[tuple[int, Any]], list[int], str | None, list[Problem]]:
    """The rows of a JSON array (numbered from 1, unless `numbered` already), the numbers of
    the blank ones, the note of ignored names and the problems with names close to a column."""
    pairs = list(items) if numbered else list(enumerate(items, start=1))
    names: dict[str, str] = {}
    for _, raw in pairs:
        if isinstance(raw, dict):
            for key in raw:
                names.setdefault(normal_name(str(key)), str(key))
    match = match_columns(names.values(), COLUMNS, source=source)
    blank = [n for n, raw in pairs if isinstance(raw, dict) and is_blank_row(raw)]
    rows = [(n, raw) for n, raw in pairs if not (isinstance(raw, dict) and is_blank_row(raw))]
    return rows, blank, match.note(), list(match.problems)


def _from_rows(
    source: str,
    rows: Iterable[tuple[int, Any]],
    blank: Sequence[int] = (),
    note: str | None = None,
    default_freelancer: str = DEFAULT_FREELANCER,
    problems: list[Problem] | None = None,
    already: Iterable[tuple[int, ContractFacts]] = (),
    decimal_comma: bool = False,
) -> HistoryFile:
    """Parse the rows, then merge them with contracts parsed elsewhere (rich JSON records)
    in file order, so a duplicate id is caught whichever form each copy took."""
    problems = list(problems or [])
    findings: list[Finding] = []
    parsed: list[tuple[int, ContractFacts]] = list(already)
    for number, raw in rows:
        if not isinstance(raw, dict):
            problems.append(
                Problem("row", "expected an object with the history columns", source, number)
            )
            continue
        facts, found = parse_row(
            raw,
            source=source,
            row=number,
            default_freelancer=default_freelancer,
            decimal_comma=decimal_comma,
        )
        problems += found
        if facts is not None:
            parsed.append((number, facts))
    contracts: dict[str, ContractFacts] = {}
    first_row: dict[str, int] = {}
    for number, facts in sorted(parsed, key=lambda item: item[0]):
        earlier = contracts.get(facts.contract_id)
        if earlier is None:
            contracts[facts.contract_id] = facts
            first_row[facts.contract_id] = number
        elif earlier != facts:
            where = first_row[facts.contract_id]
            problems.append(
                Problem(
                    "contract_id",
                    f"duplicate id {facts.contract_id!r} with different content "
                    f"(first seen at row {where})",
                    source,
                    number,
                    f"contract {facts.contract_id}",
                )
            )
        else:
            findings.append(
                Finding(f"row {number} repeats an identical row; counted once", facts.contract_id)
            )
    if problems:
        raise InvalidInput(problems)
    if note:
        findings.append(Finding(note))
    if blank:
        findings.append(Finding(_blank_note(blank)))
    return HistoryFile(source, tuple(contracts.values()), findings=tuple(findings))


def _blank_note(rows: Sequence[int]) -> str:
    shown = ", ".join(str(n) for n in rows[:5]) + (", ..." if len(rows) > 5 else "")
    plural = "s" * (len(rows) != 1)
    return f"skipped {len(rows)} blank row{plural} (row{plural} {shown})"


def _merge(parts: Sequence[HistoryFile], source: str) -> HistoryFile:
    """The files of a directory as one history file; an id in two files is one contract only
    if both rows say the same."""
    contracts: dict[str, ContractFacts] = {}
    where: dict[str, str] = {}
    problems: list[Problem] = []
    for part in parts:
        for facts in part.contracts:
            earlier = contracts.get(facts.contract_id)
            if earlier is not None and earlier != facts:
                problems.append(
                    Problem(
                        "contract_id",
                        f"duplicate id {facts.contract_id!r} with different content"
                        f" (also in {where[facts.contract_id]})",
                        part.source,
                        record=f"contract {facts.contract_id}",
                    )
                )
            contracts.setdefault(facts.contract_id, facts)
            where.setdefault(facts.contract_id, part.source)
    if problems:
        raise InvalidInput(problems)
    findings = tuple(
        replace(f, message=f"{part.source}: {f.message}") if len(parts) > 1 else f
        for part in parts
        for f in part.findings
    )
    return HistoryFile(source, tuple(contracts.values()), findings=findings)
