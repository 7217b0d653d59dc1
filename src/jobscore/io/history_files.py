"""Read history files: contracts.csv, the same rows as JSON, or rich JSON records.

A file with any bad row is refused whole: `InvalidInput` lists every problem, each naming
the file, row and field. Nothing is scored from a half-read file.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from jobscore.domain.facts import ContractFacts, History
from jobscore.domain.records import Client, Freelancer
from jobscore.errors import InvalidInput, Problem
from jobscore.io.rich_json import parse_client, parse_freelancer, parse_rich_contract
from jobscore.io.rows import COLUMNS, REQUIRED_COLUMNS, parse_row
from jobscore.scoring.result import Finding

__all__ = ["HistoryFile", "load_history", "load_history_file"]

DEFAULT_FREELANCER = "me"


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


def load_history(path: str | Path, freelancer_id: str | None = None) -> History:
    return load_history_file(path).history(freelancer_id)


def load_history_file(path: str | Path) -> HistoryFile:
    path = Path(path)
    source = path.name
    if not path.exists():
        raise InvalidInput(Problem("path", f"no such file: {path}", source=str(path)))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _from_rows(source, _read_csv(path, source))
    if suffix == ".json":
        return _from_json(source, _read_json(path, source))
    if suffix == ".parquet" or path.is_dir():
        from jobscore.io.parquet_rows import read_parquet_rows

        return _from_rows(source, read_parquet_rows(path))
    raise InvalidInput(
        Problem("path", f"unknown file type {suffix!r}; use .csv, .json or .parquet", source)
    )


def _read_csv(path: Path, source: str) -> list[tuple[int, dict[str, Any]]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [name.strip() for name in reader.fieldnames or []]
            missing = [name for name in REQUIRED_COLUMNS if name not in header]
            if missing:
                raise InvalidInput(
                    Problem(
                        ",".join(missing),
                        f"required column missing; the header has: {', '.join(header) or '(none)'}",
                        source=source,
                        row=1,
                    )
                )
            reader.fieldnames = header
            return [(reader.line_num, dict(raw)) for raw in reader]
    except UnicodeDecodeError as exc:
        raise InvalidInput(Problem("file", f"not UTF-8 text ({exc.reason})", source)) from exc
    except csv.Error as exc:
        raise InvalidInput(Problem("file", f"not a readable CSV file: {exc}", source)) from exc


def _read_json(path: Path, source: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(Problem("file", f"not valid JSON: {exc}", source)) from exc


def _from_json(source: str, document: Any) -> HistoryFile:
    if isinstance(document, list):
        return _from_rows(source, list(enumerate(document, start=1)))
    if not isinstance(document, dict) or not isinstance(document.get("contracts"), list):
        raise InvalidInput(
            Problem(
                "contracts",
                "expected a JSON array of contract rows, or an object with a 'contracts' array",
                source,
            )
        )
    problems: list[Problem] = []
    freelancers: dict[str, Freelancer] = {}
    if document.get("freelancer") is not None:
        freelancer, found = parse_freelancer(document["freelancer"], source)
        problems += found
        if freelancer:
            freelancers[freelancer.id] = freelancer
    clients: dict[str, Client] = {}
    client_means: dict[str, tuple[float | None, int | None]] = {}
    for index, raw in enumerate(document.get("clients") or [], start=1):
        client, means, found = parse_client(raw, source, index)
        problems += found
        if client:
            clients[client.id] = client
            client_means[client.id] = means
    default = next(iter(freelancers), DEFAULT_FREELANCER)

    rows: list[tuple[int, dict[str, Any]]] = []
    rich: list[tuple[int, ContractFacts]] = []
    for index, raw in enumerate(document["contracts"], start=1):
        if isinstance(raw, dict) and any(k in raw for k in ("payments", "refunds", "feedback")):
            facts, found = parse_rich_contract(raw, source, index, default, clients)
            problems += found
            if facts is not None:
                mean, count = client_means.get(facts.client_id, (None, None))
                if facts.client_stars_given_mean is None and mean is not None:
                    facts = replace(
                        facts, client_stars_given_mean=mean, client_stars_given_count=count
                    )
                rich.append((index, facts))
        else:
            rows.append((index, raw))
    parsed = _from_rows(source, rows, default, problems, rich)
    return replace(parsed, freelancers=freelancers, clients=clients)


def _from_rows(
    source: str,
    rows: Iterable[tuple[int, Any]],
    default_freelancer: str = DEFAULT_FREELANCER,
    problems: list[Problem] | None = None,
    already: Iterable[tuple[int, ContractFacts]] = (),
) -> HistoryFile:
    """Parse the rows, then merge them with contracts parsed elsewhere (rich JSON records)
    in file order, so a duplicate id is caught whichever form each copy took."""
    problems = list(problems or [])
    findings: list[Finding] = []
    parsed: list[tuple[int, ContractFacts]] = list(already)
    unknown: set[str] = set()
    for number, raw in rows:
        if not isinstance(raw, dict):
            problems.append(
                Problem("row", "expected an object with the history columns", source, number)
            )
            continue
        unknown |= set(raw) - set(COLUMNS)
        facts, found = parse_row(
            raw, source=source, row=number, default_freelancer=default_freelancer
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
    if unknown:
        findings.append(Finding(f"ignored unknown columns: {', '.join(sorted(unknown))}"))
    return HistoryFile(source, tuple(contracts.values()), findings=tuple(findings))
