"""Structure hooks for single values: counts, amounts, text, dates, names, choices.

The rules ("a count is a whole number ≥ 0") come from :mod:`govdisclosure.model._checks`,
which the model's own validators also use; the messages say what was expected and what
the file holds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import typing
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from govdisclosure.chinese import parse_date
from govdisclosure.model import Edition, _checks
from govdisclosure.serialization.errors import InputError, suggest

__all__ = [
    "FORBIDDEN_CONTROL",
    "choice_hook",
    "structure_bool",
    "structure_count",
    "structure_date",
    "structure_decimal",
    "structure_name",
    "structure_signed",
    "structure_str",
    "structure_year",
]


def _reject(problem: str | None) -> None:
    if problem is not None:
        raise InputError(problem)


def _integral(value: object) -> object:
    """Accept 3 and 3.0 as the whole number 3; leave anything else for the check to refuse."""
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def structure_count(value: object, _: type) -> int:
    value = _integral(value)
    if isinstance(value, str) and value.strip() in {"/", "-", "—", "／", "无"}:
        raise InputError(
            f"expected a whole number ≥ 0, got {_checks.describe(value)}; leave a cell that is not stated blank (~)"
        )
    _reject(_checks.problem_count(value))
    return typing.cast(int, value)


def structure_signed(value: object, _: type) -> int:
    if isinstance(value, str):
        stripped = value.strip().replace("＋", "+").replace("－", "-")
        if stripped.lstrip("+-").isdigit():
            value = int(stripped)
    value = _integral(value)
    _reject(_checks.problem_signed(value))
    return typing.cast(int, value)


def structure_year(value: object, _: type) -> int:
    value = _integral(value)
    _reject(_checks.problem_year(value))
    return typing.cast(int, value)


def structure_decimal(value: object, _: type) -> Decimal:
    if isinstance(value, bool):
        pass
    elif isinstance(value, int):
        value = Decimal(value)
    elif isinstance(value, float):
        value = Decimal(repr(value))
    elif isinstance(value, str):
        with contextlib.suppress(InvalidOperation):
            value = Decimal(value.strip().replace(",", ""))
    _reject(_checks.problem_amount(value))
    return typing.cast(Decimal, value)


FORBIDDEN_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n\r"} | {"\x7f", "\ufffe", "\uffff"}


def structure_str(value: object, _: type) -> str:
    if isinstance(value, bool) or value is None:
        raise InputError(f"expected text, got {_checks.describe(value)}")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        hint = "; put it in quotes" if isinstance(value, Decimal) else ""
        raise InputError(f"expected text, got {_checks.describe(value)}{hint}")
    bad = next((c for c in value if c in FORBIDDEN_CONTROL), None)
    if bad is not None:
        raise InputError(f"the text contains the control character U+{ord(bad):04X}, which documents cannot hold")
    return value


def structure_name(value: object, _: type) -> str:
    text = structure_str(value, str)
    _reject(_checks.problem_name(text))
    return text


def structure_bool(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise InputError(f"expected true or false, got {_checks.describe(value)}")


def structure_date(value: object, _: type) -> dt.date:
    date = _date(value)
    if not _checks.FIRST_YEAR <= date.year <= _checks.LAST_YEAR + 1:
        raise InputError(
            f"expected a date from {_checks.FIRST_YEAR} to {_checks.LAST_YEAR + 1}, got {date.isoformat()} "
            "(a typo in the year?)"
        )
    return date


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except (ValueError, OverflowError) as exc:
            raise InputError(str(exc)) from None
    raise InputError(f"expected a date such as 2012-03-02 or 二〇一二年三月二日, got {_checks.describe(value)}")


def choice_hook(cl: type[enum.Enum] | type[Edition]) -> Callable[[object, type], object]:
    """One of a closed list of values: an enum's, or the editions defined when the file is read."""

    def structure(value: object, _: type) -> object:
        values = [member.value for member in cl]
        try:
            return cl(value)
        except ValueError:
            shown = _checks.describe(value)
            suggestion = suggest(value, values) if isinstance(value, str) else ""
            raise InputError(f"expected one of {', '.join(values)}; got {shown}{suggestion}") from None

    return structure
