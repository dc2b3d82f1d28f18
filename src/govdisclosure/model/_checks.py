"""Single-field invariants shared by the model's validators and the file loader.

Each ``problem_*`` function returns a plain-language description of what is wrong
with one value, or ``None`` when the value is acceptable.  The attrs validators in
this package and the structure hooks in :mod:`govdisclosure.serialization` both call
them, so a rule such as "a count is a whole number ≥ 0" is written once.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

__all__ = [
    "amount",
    "count",
    "describe",
    "name",
    "problem_amount",
    "problem_count",
    "problem_name",
    "problem_signed",
    "problem_year",
    "signed",
    "text",
    "year",
]


def describe(value: object) -> str:
    """Show a value to a clerk the way they wrote it (text quoted, numbers bare)."""
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f"the text {shown!r}"
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a yes/no value)"
    if isinstance(value, dict):
        return "a mapping (key: value entries)"
    if isinstance(value, (list, tuple)):
        return "a list"
    return str(value)


LARGEST = 10**15
"""No count or amount of a report comes near this; a larger one is a typing slip or an attack."""


def problem_count(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= LARGEST:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value > LARGEST:
        return f"expected a whole number ≥ 0, got {value:.3e}, which no report can hold (the limit is 10^15)"
    return f"expected a whole number ≥ 0, got {describe(value)}"


def problem_signed(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) <= LARGEST:
        return None
    return f"expected a whole number (may be negative), got {describe(value)}"


FIRST_YEAR = 2008
"""Reports exist from 2008, when the 2007 Regulations came into force."""
LAST_YEAR = 2100


def problem_year(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and FIRST_YEAR <= value <= LAST_YEAR:
        return None
    return f"expected a year from {FIRST_YEAR} to {LAST_YEAR}, got {describe(value)}"


MAX_PLACES = 20
"""Decimal places an amount may have: a file holds at most 40 digits (serialization's limits), and
an amount up to 10^15 with 20 places stays within them; no report is precise beyond a 万分之一元."""


def problem_amount(value: object) -> str | None:
    if isinstance(value, Decimal) and value.is_finite() and 0 <= value <= LARGEST:
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -MAX_PLACES:
            return f"expected an amount with at most {MAX_PLACES} decimal places, got {value}"
        return None
    if isinstance(value, Decimal) and value.is_finite() and value > LARGEST:
        return f"expected an amount ≥ 0, got {value:.3e}, which no report can hold (the limit is 10^15)"
    return f"expected an amount ≥ 0 (digits with an optional decimal point), got {describe(value)}"


def _validator(problem: Any) -> Any:
    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        message = problem(value)
        if message is not None:
            raise ValueError(f"{attribute.name}: {message}")

    return check


#: attrs validators: ``None`` (a blank cell, "not stated") is always accepted.
count = _validator(problem_count)
signed = _validator(problem_signed)
amount = _validator(problem_amount)
year = _validator(problem_year)


def _problem_text(value: object) -> str | None:
    return None if isinstance(value, str) else f"expected text, got {describe(value)}"


def problem_name(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return None
    return f"expected a name, got {describe(value) if value else 'nothing'}"


text = _validator(_problem_text)
name = _validator(problem_name)
