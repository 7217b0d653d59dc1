"""One JSON encoder: money as decimal strings, instants in UTC, enums as values."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from jobscore.domain.enums import EndReason, Outcome
from jobscore.render.json_encoding import dumps, to_json_value
from jobscore.scoring import BAYES, UPWORK, UPWORK_2015, UpworkPolicy


@dataclass(frozen=True, slots=True)
class Payment:
    amount: Decimal
    at: datetime
    reasons: frozenset[EndReason]


def test_money_is_a_decimal_string_with_its_exponent_as_it_is() -> None:
    assert to_json_value(Decimal("700.00")) == "700.00"
    assert to_json_value(Decimal("0.10")) == "0.10"
    assert to_json_value(Decimal("250")) == "250"
    assert to_json_value(Decimal("-12.50")) == "-12.50"
    assert dumps({"spend": Decimal("1234567.89")}) == '{\n  "spend": "1234567.89"\n}'


def test_the_other_values() -> None:
    utc_noon = datetime(2026, 1, 31, 12, tzinfo=UTC)
    assert to_json_value(utc_noon) == "2026-01-31T12:00:00Z"
    assert to_json_value(utc_noon.astimezone(timezone(timedelta(hours=2)))) == (
        "2026-01-31T12:00:00Z"
    )
    assert to_json_value(Outcome.BAD) == "bad"
    assert to_json_value(frozenset({EndReason.QUALITY, EndReason.DISPUTE})) == [
        "dispute",
        "quality",
    ]
    assert to_json_value((1, (2.0, None))) == [1, [2.0, None]]
    assert to_json_value(100 / 3) == 33.333333
    assert to_json_value({"a": True, 90.0: 1}) == {"a": True, "90.0": 1}
    assert to_json_value(Payment(Decimal("5.00"), utc_noon, frozenset())) == {
        "amount": "5.00",
        "at": "2026-01-31T12:00:00Z",
        "reasons": [],
    }


def test_what_has_no_json_form_is_refused() -> None:
    with pytest.raises(TypeError, match="object"):
        to_json_value(object())


def test_dumps_writes_what_the_command_line_prints() -> None:
    document = {"name": "café", "amount": Decimal("3.10"), "scores": (81.81818181818181,)}
    assert dumps(document) == json.dumps(
        {"name": "café", "amount": "3.10", "scores": [81.818182]}, indent=2, ensure_ascii=False
    )
    assert dumps(document, indent=None) == (
        '{"name": "café", "amount": "3.10", "scores": [81.818182]}'
    )


@pytest.mark.parametrize("policy", [UPWORK, UPWORK_2015])
def test_a_policys_parameters_are_written_as_json(policy: UpworkPolicy) -> None:
    """Decimals as strings, sets sorted, enums as values, the recalculation anchor in UTC."""
    written = to_json_value(policy.parameters())
    assert json.loads(json.dumps(written)) == written
    assert written["weight_brackets"] == [["250", 1.0], ["1000", 1.25], [None, 1.5]]
    assert written["bad_end_reasons"] == ["quality", "unresponsive"]
    assert written["zero_earnings_counted"] == ["bad"]
    assert written["recalculation_anchor"] == "2015-01-04T00:00:00Z"
    assert written["top_rated_min_earnings_12m"] == "1000"
    assert "name" not in written


def test_the_bayes_parameters_nest_the_counting_rules() -> None:
    written = to_json_value(BAYES.parameters())
    assert written["end_reason_coefs"]["quality"] == -3.0
    assert written["counting"]["policy"] == "upwork 2026.11"
    assert written["counting"]["weight_brackets"][0] == ["250", 1.0]
