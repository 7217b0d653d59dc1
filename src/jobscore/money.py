"""Money is Decimal, always; this module turns text into it and formats it back.

Amounts are whole cents. An amount with more than two decimals ("250.005") is refused rather
than rounded: rounding rules differ between engines (half to even here, half away from zero in
SQL), and on a weight bracket the half cent decides the weight.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

__all__ = ["SUB_CENT", "ZERO", "format_money", "has_sub_cents", "parse_money"]

ZERO = Decimal("0")
CENT = Decimal("0.01")
#: What is wrong with an amount that has more than two decimals, and what to give instead.
SUB_CENT = "has more than two decimals; amounts are in whole cents, such as 1250.50"


def has_sub_cents(value: Decimal) -> bool:
    """Whether a finite amount has a non-zero digit after its second decimal ("250.500" has
    none). Read from the digits themselves, so no context precision rounds them away."""
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # infinity or NaN: not an amount at all
        return False
    extra = -exponent - 2  # digits after the second decimal
    return extra > 0 and any(digits[-extra:])


def parse_money(text: str | int | Decimal) -> Decimal:
    """Parse decimal dollars ("1,250.50", "$300", 300) into a Decimal of whole cents.

    Floats are refused on purpose: a binary float cannot hold most cent amounts exactly.
    So are amounts with more than two decimals (trailing zeros aside): see the module.
    """
    if isinstance(text, bool):
        raise ValueError(f"{text!r} is not an amount")
    if isinstance(text, float):
        raise ValueError(f"{text!r} is a float; give money as a decimal string such as '12.50'")
    if isinstance(text, Decimal | int):
        value = Decimal(text)
    else:
        cleaned = text.strip().replace(",", "").removeprefix("$").strip()
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise ValueError(
                f"{text!r} is not an amount (use decimal dollars such as 250.00)"
            ) from None
    if not value.is_finite():
        raise ValueError(f"{text!r} is not a finite amount")
    if has_sub_cents(value):
        raise ValueError(f"{str(text).strip()!r} {SUB_CENT}")
    return value.quantize(CENT)


def format_money(value: Decimal, currency: str = "USD") -> str:
    symbol = "$" if currency == "USD" else f"{currency} "
    sign = "-" if value < 0 else ""
    return f"{sign}{symbol}{abs(value):,.2f}"
