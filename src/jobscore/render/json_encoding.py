"""The one way jobscore writes JSON: every `--json` document goes through `to_json_value`.

- money (`Decimal`) is a decimal string with its exponent as it is: `Decimal("700.00")`
  is `"700.00"`, never a float that could read 699.99999;
- instants are ISO 8601 in UTC with a Z suffix (`format_instant`);
- enums are their values; tuples and lists are lists; sets are sorted lists;
- floats are rounded to 6 places, so that a score reads 81.818182, not 81.81818181818181;
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


def to_json_value(obj: Any) -> Any:
    """`obj` as the str, int, float, bool, None, list and dict that `json.dumps` writes."""
    # Enums first: a StrEnum is also a str, an IntEnum also an int.
    if isinstance(obj, Enum):
        return to_json_value(obj.value)
    if obj is None or isinstance(obj, str | bool | int):
        return obj
    if isinstance(obj, float):
        return round(obj, FLOAT_PLACES)
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, datetime):
        return format_instant(obj)
    if isinstance(obj, Mapping):
        return {_key(k): to_json_value(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_json_value(v) for v in obj]
    if isinstance(obj, set | frozenset):
        return _sorted([to_json_value(v) for v in obj])
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_json_value(getattr(obj, f.name)) for f in fields(obj)}
    raise TypeError(f"{type(obj).__name__} has no JSON form: {obj!r}")


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """`obj` as JSON text, indented as the command line prints it, without escaping non-ASCII."""
    return json.dumps(to_json_value(obj), indent=indent, ensure_ascii=False)


def _key(key: Any) -> str:
    value = to_json_value(key)
    return value if isinstance(value, str) else json.dumps(value)


def _sorted(values: list[Any]) -> list[Any]:
    try:
        return sorted(values)
    except TypeError:  # mixed kinds: a stable order all the same
        return sorted(values, key=lambda v: json.dumps(v, sort_keys=True))
