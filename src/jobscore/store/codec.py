"""Facts to JSON documents and back, for the log's body column, and the digests idempotency
compares.

A fact is written as `{"fact": its kind, field: value, ...}` with instants in ISO 8601 (UTC),
money as decimal strings and closed sets by their values. The document of a fact is
canonical (sorted keys, equal amounts written alike), so two equal facts have the same digest.
"""

from __future__ import annotations

import hashlib
import json
import types
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import fields
from datetime import UTC, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

from jobscore.domain.events import (
    ClientFlagged,
    ClientRegistered,
    ContractEnded,
    ContractOpened,
    DisputeOpened,
    DisputeResolved,
    EditGranted,
    Fact,
    FeedbackEdited,
    FeedbackGiven,
    FeedbackRemoved,
    FreelancerRegistered,
    PaymentMade,
    Recorded,
    RefundMade,
    ResponsePosted,
)
from jobscore.money import has_sub_cents

__all__ = [
    "FACT_KINDS",
    "decode_fact",
    "encode_fact",
    "fact_digest",
    "fact_kind",
    "request_digest",
    "to_json",
]

#: The name each kind of fact has in the log. Names are stored: never rename one.
FACT_KINDS: Mapping[str, type[Fact]] = types.MappingProxyType(
    {
        "freelancer_registered": FreelancerRegistered,
        "client_registered": ClientRegistered,
        "contract_opened": ContractOpened,
        "payment_made": PaymentMade,
        "refund_made": RefundMade,
        "dispute_opened": DisputeOpened,
        "dispute_resolved": DisputeResolved,
        "contract_ended": ContractEnded,
        "feedback_given": FeedbackGiven,
        "edit_granted": EditGranted,
        "feedback_edited": FeedbackEdited,
        "response_posted": ResponsePosted,
        "feedback_removed": FeedbackRemoved,
        "client_flagged": ClientFlagged,
    }
)
_HINTS: Mapping[type[Fact], dict[str, Any]] = {
    cls: get_type_hints(cls) for cls in FACT_KINDS.values()
}
_CENT = Decimal("0.01")
_KIND_OF: Mapping[type[Fact], str] = {cls: name for name, cls in FACT_KINDS.items()}


def fact_kind(fact: Fact) -> str:
    return _KIND_OF[type(fact)]


def _hints(cls: type[Fact]) -> dict[str, Any]:
    return _HINTS[cls]


def _instant(value: datetime) -> str:
    # An instant without a zone is refused by the rules; it is written as it is until then.
    return value.isoformat() if value.utcoffset() is None else value.astimezone(UTC).isoformat()


def _amount(value: Decimal) -> str:
    # Whole cents as cents ("10" and "10.00" are one amount); anything else as it is.
    if value.is_finite() and not has_sub_cents(value):
        with suppress(ArithmeticError):  # too many digits to show cents: as it is
            return str(value.quantize(_CENT))
    return str(value)


def _encode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        (inner,) = [arg for arg in get_args(hint) if arg is not type(None)]
        return _encode(inner, value)
    if origin is tuple and isinstance(value, tuple):
        args = get_args(hint)
        hints = [args[0]] * len(value) if args[-1] is Ellipsis else list(args)
        return [_encode(h, item) for h, item in zip(hints, value, strict=False)]
    if isinstance(value, datetime):
        return _instant(value)
    if isinstance(value, Decimal):
        return _amount(value)
    if isinstance(value, Enum):
        return value.value
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)  # 5 stars and 5.0 stars are one rating
    return value


def _wants_float(hint: Any) -> bool:
    if get_origin(hint) in (Union, types.UnionType):
        return any(_wants_float(arg) for arg in get_args(hint) if arg is not type(None))
    return hint is float


#: Each kind's fields: (name, type hint, whether an int there is written as a float).
_FIELDS: Mapping[type[Fact], tuple[tuple[str, Any, bool], ...]] = {
    cls: tuple(
        (spec.name, _HINTS[cls][spec.name], _wants_float(_HINTS[cls][spec.name]))
        for spec in fields(cls)
    )
    for cls in FACT_KINDS.values()
}


def encode_fact(fact: Fact) -> dict[str, Any]:
    """The JSON document of a fact."""
    document: dict[str, Any] = {"fact": fact_kind(fact)}
    for name, hint, wants_float in _FIELDS[type(fact)]:
        value = getattr(fact, name)
        kind = type(value)
        # The common values are written as `_encode` writes them, without a look at the hint.
        if value is None or kind is str or kind is bool or kind is float:
            document[name] = value
        elif kind is int:
            document[name] = float(value) if wants_float else value
        elif kind is datetime:
            document[name] = _instant(value)
        elif kind is Decimal:
            document[name] = _amount(value)
        elif isinstance(value, Enum):
            document[name] = value.value
        else:
            document[name] = _encode(hint, value)
    return document


def _decode(hint: Any, value: Any) -> Any:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        if value is None:
            return None
        (inner,) = [arg for arg in get_args(hint) if arg is not type(None)]
        return _decode(inner, value)
    if origin is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item) for item in value)
        return tuple(_decode(arg, item) for arg, item in zip(args, value, strict=True))
    if hint is datetime:
        return datetime.fromisoformat(value)
    if hint is Decimal:
        return Decimal(value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if hint is float:
        return float(value)
    return value


def decode_fact(document: Mapping[str, Any]) -> Fact:
    """The fact a document holds; its `fact` key says which kind."""
    cls = FACT_KINDS[document["fact"]]
    hints = _hints(cls)
    values = {
        spec.name: _decode(hints[spec.name], document[spec.name])
        for spec in fields(cls)
        if spec.name in document
    }
    return cls(**values)


def to_json(document: Any) -> str:
    """Canonical JSON: sorted keys, no spaces."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _digest(document: Any) -> str:
    return hashlib.sha256(to_json(document).encode("utf-8")).hexdigest()


def fact_digest(fact: Fact) -> str:
    """Equal facts, equal digests: how a fact already in the log is found again."""
    return _digest(encode_fact(fact))


def request_digest(recorded: Recorded) -> str:
    """What an idempotency key is held to: the fact and who records it (not when: a retry
    comes later)."""
    return _digest(
        {
            "fact": encode_fact(recorded.fact),
            "actor_role": recorded.actor_role.value,
            "actor_id": recorded.actor_id,
        }
    )
