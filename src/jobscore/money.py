"""Money is Decimal, always; this module turns text into it and formats it back."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

__all__ = ["ZERO", "format_money", "parse_money"]

ZERO = Decimal("0")
CENT = Decimal("0.01")


def parse_money(text: str | int | Decimal) -> Decimal:
    """Parse decimal dollars ("1,250.50", "$300", 300) into a Decimal rounded to cents.

    Floats are refused on purpose: a binary float cannot hold most cent amounts exactly.
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
    return value.quantize(CENT)


def format_money(value: Decimal, currency: str = "USD") -> str:
    symbol = "$" if currency == "USD" else f"{currency} "
    sign = "-" if value < 0 else ""
    return f"{sign}{symbol}{abs(value):,.2f}"
