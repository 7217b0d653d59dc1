"""Money is Decimal, always; this module turns text into it and formats it back.

Amounts are whole cents. An amount with more than two decimals ("250.005") is refused rather
than rounded: rounding rules differ between engines (half to even here, half away from zero in
SQL), and on a weight bracket the half cent decides the weight.

Amounts written as text are read only in a format that cannot be mistaken for another:
`1700.50` and `$1,700.50`, or, for a file written with a decimal comma, `1700,50` and
`1.700,50` (`amount_pattern`). "1.700,50" read with a decimal point, or "1,00", is refused
rather than read as $1.70 or $100.00.
"""

from __future__ import annotations

import re
from decimal import Decimal

__all__ = [
    "AMOUNT_FORMAT",
    "MAX_AMOUNT",
    "SUB_CENT",
    "ZERO",
    "amount_pattern",
    "canonical_amount",
    "format_money",
    "has_sub_cents",
    "parse_money",
]

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


def amount_pattern(decimal_comma: bool = False) -> str:
    """The amounts a file may write, as a regular expression both Python and the batch
    engines' SQL read alike: an optional sign and `$`, digits with or without thousands
    separators in groups of three, and the cents after the decimal mark. With a decimal point
    (the default) that is `1700.50` or `$1,700.50`; with a decimal comma, `1700,50` or
    `1.700,50`. Nothing else: `1.700,50` with a decimal point, `1,00`, `17,00.5` or `1e3`
    could each mean more than one amount."""
    group, mark = (r"[.]", ",") if decimal_comma else (",", r"[.]")
    whole = rf"([0-9]+|[0-9]{{1,3}}({group}[0-9]{{3}})+)"
    return rf"^[+-]?[$]? *({whole}({mark}[0-9]*)?|{mark}[0-9]+)$"


_AMOUNT = {comma: re.compile(amount_pattern(comma)) for comma in (False, True)}
#: What to write instead of an amount in another format, with a decimal point or comma.
AMOUNT_FORMAT = {
    False: (
        "write decimal dollars with a point before the cents, such as 1700.50 or $1,700.50 "
        "(commas only between groups of three digits)"
    ),
    True: (
        "with a decimal comma, write a comma before the cents, such as 1700,50 or 1.700,50 "
        "(points only between groups of three digits)"
    ),
}
#: The largest amount every engine holds exactly (DECIMAL(18, 2)).
MAX_AMOUNT = Decimal("9999999999999999.99")


def canonical_amount(text: str, decimal_comma: bool = False) -> str | None:
    """The amount written in `text` as a plain decimal ("-1700.50"), or None when `text` is
    not an amount in the file's format (`amount_pattern`)."""
    cleaned = text.strip(" ")
    if not _AMOUNT[decimal_comma].match(cleaned):
        return None
    cleaned = cleaned.replace("$", "").replace(" ", "")
    if decimal_comma:
        return cleaned.replace(".", "").replace(",", ".")
    return cleaned.replace(",", "")


def parse_money(text: str | int | Decimal, *, decimal_comma: bool = False) -> Decimal:
    """Parse decimal dollars ("1,250.50", "$300", 300) into a Decimal of whole cents.

    Text must be an amount in the file's format (`amount_pattern`); `decimal_comma` reads
    "1.250,50" instead. Numbers (a JSON number, a Parquet decimal) have no format to mistake.
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
        cleaned = canonical_amount(text, decimal_comma)
        if cleaned is None:
            raise ValueError(f"{text.strip()!r} is not an amount: {AMOUNT_FORMAT[decimal_comma]}")
        value = Decimal(cleaned)
    if not value.is_finite():
        raise ValueError(f"{str(text).strip()!r} is not a finite amount")
    if has_sub_cents(value):
        raise ValueError(f"{str(text).strip()!r} {SUB_CENT}")
    if abs(value) > MAX_AMOUNT:
        raise ValueError(f"{str(text).strip()!r} is too large; amounts go up to {MAX_AMOUNT:,}")
    return value.quantize(CENT)


def format_money(value: Decimal, currency: str = "USD") -> str:
    symbol = "$" if currency == "USD" else f"{currency} "
    sign = "-" if value < 0 else ""
    return f"{sign}{symbol}{abs(value):,.2f}"
