"""Swiss francs: exact Decimal amounts, read with ' or ’ as thousands separator, shown as CHF 469'686."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

_SEPARATORS = ("'", "’", "\u00a0", " ")


def parse_chf(text: str) -> Decimal:
    """An amount such as 469'686, 469’686.50 or 469686 as a Decimal; ValueError if it is not one."""
    cleaned = str(text).strip().removeprefix("CHF").strip()
    for sep in _SEPARATORS:
        cleaned = cleaned.replace(sep, "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"not an amount in CHF: {text!r}") from None
    if not value.is_finite():
        raise ValueError(f"not an amount in CHF: {text!r}")
    return value


def format_chf(amount: object, *, currency: bool = True) -> str:
    """UN/ISU style for the screen: CHF 2'425'799, cents only when there are any; "unknown" for none."""
    if amount is None or amount != amount:  # None or NaN
        return "unknown"
    value = Decimal(str(amount))
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole = int(value)
    cents = value - whole
    text = f"{whole:,}".replace(",", "'")
    if cents:
        text += f"{cents.quantize(Decimal('0.01'))}"[1:]
    return f"{'CHF ' if currency else ''}{sign}{text}"


def chf(centimes: object) -> Decimal | None:
    """Integer centimes as an exact Decimal amount in CHF with two decimals (None for missing)."""
    if centimes is None or str(centimes) in ("<NA>", "nan", "NaT"):  # pandas' missing values, without pandas
        return None
    return (Decimal(int(centimes)) / 100).quantize(Decimal("0.01"))


def format_centimes(centimes: object, *, currency: bool = True) -> str:
    """`format_chf` of an amount kept in integer centimes, exact to the last step: CHF 469'686."""
    return format_chf(chf(centimes), currency=currency)
