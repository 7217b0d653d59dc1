"""The one way jobscore writes JSON: every `--json` document goes through `to_json_value`.

- money (`Decimal`) is a decimal string with its exponent as it is: `Decimal("700.00")`
  is `"700.00"`, never a float that could read 699.99999;
- instants are ISO 8601 in UTC with a Z suffix (`format_instant`);
- enums are their values; tuples and lists are lists; sets are sorted lists;
- floats are rounded to 6 places, so that a score reads 81.818182, not 81.81818181818181
  (`float_places=None` keeps every digit, for measurements such as the simulator's);
- a dataclass is the dictionary of its fields, in order.

Nothing here imports rich: printing JSON does not load the terminal's renderer.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from jobscore.instants import format_instant

__all__ = ["FLOAT_PLACES", "dumps", "to_json_value"]

#: Places a float keeps in JSON.
FLOAT_PLACES = 6


def to_json_value(obj: Any, float_places: int | None = FLOAT_PLACES) -> Any:
    """`obj` as the str, int, float, bool, None, list and dict that `json.dumps` writes."""

    def plain(value: Any) -> Any:
        # Enums first: a StrEnum is also a str, an IntEnum also an int.
        if isinstance(value, Enum):
            return plain(value.value)
        if value is None or isinstance(value, str | bool | int):
            return value
        if isinstance(value, float):
            return value if float_places is None else round(value, float_places)
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, datetime):
            return format_instant(value)
        if isinstance(value, Mapping):
            return {_key(plain(k)): plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if isinstance(value, set | frozenset):
            return _sorted([plain(v) for v in value])
        if is_dataclass(value) and not isinstance(value, type):
            return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
        raise TypeError(f"{type(value).__name__} has no JSON form: {value!r}")

    return plain(obj)


def dumps(obj: Any, *, indent: int | None = 2, float_places: int | None = FLOAT_PLACES) -> str:
    """`obj` as JSON text, indented as the command line prints it, without escaping non-ASCII."""
    return json.dumps(to_json_value(obj, float_places), indent=indent, ensure_ascii=False)


def _key(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _sorted(values: list[Any]) -> list[Any]:
    try:
        return sorted(values)
    except TypeError:  # mixed kinds: a stable order all the same
        return sorted(values, key=lambda v: json.dumps(v, sort_keys=True))
