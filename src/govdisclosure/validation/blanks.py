"""Blank cells read the way a reviewer reads them.

Many publishers print zeros as empty cells.  A blank still means "not stated" in the
model, but when every identity of a table holds with its blanks read as 0, the blanks
evidently stand for zero: the table gets one warning that says so, and the arithmetic
rules (:mod:`.tables`) stay silent about it instead of giving one "cannot tell" per
identity.  An identity that fails even with the blanks read as 0 is a real error, and
the arithmetic rules report it as one (:func:`zero_row`, :func:`zero_group` are what
they use to read a row that way).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from govdisclosure.model import (
    AppealsGroup,
    AppealsTable,
    ApplicantCounts,
    ProactiveTable,
    RequestTable,
    TrialProactiveTable,
)
from govdisclosure.validation._text import COLUMNS
from govdisclosure.validation.findings import Issue, Severity
from govdisclosure.validation.registry import Context, RuleRegistry

__all__ = [
    "appeals_hold_as_zero",
    "register",
    "requests_hold_as_zero",
    "zero_group",
    "zero_row",
    "zero_sums",
    "zero_table",
]


def zero_row(row: ApplicantCounts) -> ApplicantCounts:
    """The row with its blank cells read as 0."""
    return ApplicantCounts(*(0 if cell is None else cell for cell in row.cells()))


def zero_group(group: AppealsGroup) -> AppealsGroup:
    """The Table 4 group with its blank cells read as 0."""
    return AppealsGroup(*(0 if cell is None else cell for cell in group.cells()))


def zero_sums(row: ApplicantCounts | AppealsGroup) -> tuple[int, int]:
    """(stated total, computed total) of a row or group whose blanks were read as 0 (:func:`zero_row`)."""
    return row.total or 0, row.computed_total or 0


def _zero_fill(obj: Any) -> Any:
    if isinstance(obj, ApplicantCounts):
        return zero_row(obj)
    changes = {f.name: _zero_fill(getattr(obj, f.name)) for f in attrs.fields(type(obj))}
    return attrs.evolve(obj, **changes)


def zero_table(table: RequestTable) -> RequestTable:
    """Table 3 with every blank cell read as 0."""
    result: RequestTable = _zero_fill(table)
    return result


def requests_hold_as_zero(table: RequestTable) -> bool:
    """Every identity of Table 3 (row totals, （七）总计, the column balance) holds with blanks read as 0."""
    zero = zero_table(table)
    if any(row.total != row.computed_total for _, row in zero.rows()):
        return False
    if zero.outcomes_total != zero.computed_outcomes_total:
        return False
    for column in COLUMNS:
        received, over, handled, forward = (
            getattr(row, column)
            for row in (zero.received, zero.carried_over, zero.outcomes_total, zero.carried_forward)
        )
        if received + over != handled + forward:
            return False
    return True


def appeals_hold_as_zero(table: AppealsTable) -> bool:
    """Every group total of Table 4 holds with blanks read as 0."""
    return all(zero_group(g).total == zero_group(g).computed_total for _, g in table.groups())


def _leaves(obj: Any, prefix: str) -> Iterator[tuple[str, object]]:
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if attrs.has(type(value)):
            yield from _leaves(value, f"{prefix}.{field.name}")
        else:
            yield f"{prefix}.{field.name}", value


_GETTERS: dict[tuple[type, ...], Callable[[Any], tuple[object, ...]]] = {}


def _all_cells(obj: Any, paths: Callable[[], list[str]]) -> tuple[object, ...]:
    """Every cell of a table in one C call: the getter is built once per layout."""
    key = (type(obj), *(type(getattr(obj, f.name)) for f in attrs.fields(type(obj))))
    getter = _GETTERS.get(key)
    if getter is None:
        getter = _GETTERS[key] = operator.attrgetter(*paths())
    return getter(obj)


def _has_blank(obj: Any, paths: Callable[[], list[str]]) -> bool:
    return None in _all_cells(obj, paths)


def _tables(ctx: Context) -> Iterator[tuple[str, str, list[tuple[str, object]], bool | None]]:
    """(表名, table name, its cells with paths, whether its identities hold with blanks as 0)."""
    report = ctx.report
    requests = report.requests
    # Most reports have no blank cell: look before building 175 paths.
    if requests is not None and _has_blank(requests, lambda: [f"{p}.{c}" for p, _ in requests.rows() for c in COLUMNS]):
        rows = requests.rows()
        cells = [(f"$.requests.{p}.{c}", getattr(row, c)) for p, row in rows for c in COLUMNS]
        yield "表三", "Table 3", cells, requests_hold_as_zero(requests)
    appeals = report.appeals
    if isinstance(appeals, AppealsTable):
        groups = appeals.groups()
        if any(None in group.cells() for _, group in groups):
            fields = ("upheld", "corrected", "other", "pending", "total")
            cells = [(f"$.appeals.{n}.{f}", v) for n, g in groups for f, v in zip(fields, g.cells(), strict=True)]
            yield "表四", "Table 4", cells, appeals_hold_as_zero(appeals)
    proactive = report.proactive
    if isinstance(proactive, ProactiveTable | TrialProactiveTable):
        leaves = lambda: [p[len("$.proactive.") :] for p, _ in _leaves(proactive, "$.proactive")]  # noqa: E731
        if _has_blank(proactive, leaves):
            cells = [(p, v) for p, v in _leaves(proactive, "$.proactive") if not p.endswith("amount_unit")]
        else:
            cells = []
        if any(value is None for _, value in cells):
            yield "表二", "Table 2", cells, None  # Table 2 has no identity within itself


def blank_cells(ctx: Context) -> Iterator[Issue]:
    for zh, en, cells, holds in _tables(ctx):
        blank = [path for path, value in cells if value is None]
        if len(blank) == len(cells):
            yield Issue(
                (blank[0].rsplit(".", 2)[0],),
                f"{zh}一个数字也没有填写。",
                f"{en} is entirely blank.",
            )
        elif holds:
            yield Issue(
                tuple(blank),
                f"{zh}有{len(blank)}个单元格未填写；把空格看作0时，本表各项勾稽关系全部成立，空格显然表示0。"
                "空格在格式上表示“未说明”，数量为零的请填0。",
                f"{en} has {len(blank)} blank cells; with them read as 0 every identity of the table holds, so they "
                "evidently stand for zero. Write 0 where the count is zero: a blank means 'not stated'.",
            )
        else:
            yield Issue(
                tuple(blank),
                f"{zh}有{len(blank)}个单元格未填写。空格表示“未说明”，不等于0；数量为零的请填0。",
                f"{en} has {len(blank)} blank cells. Blank means 'not stated', not 0: write 0 where the count is zero.",
            )


def register(registry: RuleRegistry) -> None:
    registry.rule(
        "BLANK-CELLS",
        Severity.WARNING,
        title="Blank table cells",
        title_zh="统计表有空格",
        description="A blank cell means 'not stated', not 0; each table with blanks gets one finding listing them. "
        "When every identity of the table holds with the blanks read as 0, the finding says the blanks evidently "
        "stand for zero, and the arithmetic rules stay silent; an identity that fails even then is an error of its "
        "own rule.",
        source="national-2021.md §4.4: the format does not say blank is 0; reviewers read blanks as 0 when the "
        "arithmetic agrees",
        scope="tables",
    )(blank_cells)
