"""A field's value: paths looked up over the report's attrs fields, and the fixed functions.

Only the declared attrs fields of the model are reachable (never an attribute that is not a
field, never a method), so a field cannot reach anything but the report's data.  A table row
stands for its 总计 (``requests.received`` is ``requests.received.total``), a group of rows
for the sum of its rows' 总计 (``requests.cannot_provide`` is all of （四）), a metric for its
value and a channel for its count.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import attrs

from govdisclosure.fields.syntax import Call, Expression, Path
from govdisclosure.model import (
    AppealsGroup,
    ApplicantCounts,
    CannotProvide,
    Channel,
    Metric,
    NotProcessed,
    OtherHandling,
    Report,
    Withheld,
)
from govdisclosure.model.tables import field_names

__all__ = ["FieldValueError", "Number", "evaluate", "format_number", "lookup"]

Number = int | Decimal


class FieldValueError(ValueError):
    """A field that names nothing, or a value that is blank; the message is for a clerk."""


def format_number(value: Number) -> str:
    """The report's number style: whole numbers as digits (no grouping), amounts exactly as written."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _step(node: object, step: str | int, steps: tuple[str | int, ...]) -> object:
    """``node``'s part ``step``; ``steps`` are those that led to ``node`` (named only in an error)."""
    if isinstance(step, int) or step.startswith("["):
        if not isinstance(node, tuple):
            raise FieldValueError(f"{Path(steps)} is not a list, so [{step}] names nothing")
        if isinstance(step, int):
            if step >= len(node):
                raise FieldValueError(f"{Path(steps)} has {len(node)} items, so [{step}] names nothing")
            return node[step]
        key = step[1:-1]
        found = [item for item in node if attrs.has(type(item)) and getattr(item, "key", None) == key]
        if not found:
            raise FieldValueError(f"{Path(steps)} has no item with the key {key!r}")
        return found[0]
    names = field_names(type(node))
    if step not in names:
        hint = f"; its fields are {', '.join(names)}" if names else ""
        where = str(Path(steps)) or "the report"
        raise FieldValueError(f"{where} has no field {step!r}{hint}")
    return getattr(node, step)


def lookup(report: Report, path: Path) -> object:
    """The part of ``report`` that ``path`` names (a number, a row, a group, …)."""
    node: object = report
    for index, step in enumerate(path.steps):
        try:
            node = _step(node, step, path.steps[:index])
        except FieldValueError as exc:
            raise FieldValueError(f"{{{path}}}: {exc}") from None
    return node


def _number(node: object, path: Path) -> Number:
    if isinstance(node, ApplicantCounts | AppealsGroup):
        node = node.total
    elif isinstance(node, Withheld | CannotProvide | NotProcessed | OtherHandling):
        node = node.computed_subtotal.total
    elif isinstance(node, Metric):
        node = node.value
    elif isinstance(node, Channel):
        node = node.count
    if node is None:
        raise FieldValueError(f"{{{path}}} is blank in the report (a blank cell is not stated, not 0)")
    if isinstance(node, bool) or not isinstance(node, int | Decimal):
        raise FieldValueError(f"{{{path}}} is not a figure of the report")
    return node


def _value(report: Report, path: Path) -> Number:
    return _number(lookup(report, path), path)


def evaluate(expression: Expression, report: Report, previous: Report | None = None) -> Number:
    """The value of ``expression`` on ``report`` (``previous`` for ``diff``)."""
    if isinstance(expression, Path):
        return _value(report, expression)
    return _call(expression, report, previous)


def _call(call: Call, report: Report, previous: Report | None) -> Number:
    paths = [arg for arg in call.args if isinstance(arg, Path)]
    if call.name == "sum":
        total: Number = 0
        for path in paths:
            total += _value(report, path)
        return total
    if call.name == "diff":
        if previous is None:
            raise FieldValueError(f"{{{call}}} needs last year's report (give it with --previous)")
        return _value(report, paths[0]) - _value(previous, paths[0])
    part, whole = (_value(report, path) for path in paths)
    decimals = call.args[2]
    assert isinstance(decimals, int)
    if whole == 0:
        raise FieldValueError(f"{{{call}}} divides by {paths[1]}, which is 0")
    ratio = Decimal(part) * 100 / Decimal(whole)
    return ratio.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
