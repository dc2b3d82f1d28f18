"""The summable cells of Tables 2–4 of a national edition, read from the edition's spec.

A cell is named by its JSON path, the same path validation findings and load errors use:
``$.proactive.regulations.issued``, ``$.requests.withheld.state_secret.total``,
``$.appeals.review.corrected``.  :func:`cell_paths` lists them in printed order,
:func:`read_cells` reads a report's values and :func:`build_tables` puts summed values
back into the model's table classes.  Labels and layouts are never typed here: the rows
and columns come from :mod:`govdisclosure.editions`.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

import attrs

from govdisclosure.editions import APPEALS_GROUP_LABELS, APPEALS_RESULT_LABELS, APPLICANT_COLUMN_LABELS, spec_for
from govdisclosure.model import (
    AppealsTable,
    ApplicantCounts,
    Edition,
    ProactiveTable,
    Report,
    RequestTable,
    TrialProactiveTable,
)

__all__ = ["Value", "build_tables", "cell_paths", "read_cells", "single_row_other_handling"]

Value = int | Decimal | None

#: The trial format's 第二十条第（九）项 amount has no printed unit: the filer's own (amount_unit)
#: must agree across units before the amounts can be added (see aggregate.rollup).
PROCUREMENT_AMOUNT = "$.proactive.procurement.amount"


@functools.cache
def cell_paths(edition: Edition) -> tuple[str, ...]:
    """Every data cell of Tables 2, 3 and 4 of ``edition`` in printed order (2021 or the trial)."""
    spec = spec_for(edition)
    paths = [f"$.proactive.{path}" for block in spec.proactive_blocks for row in block.rows for path in row.cells]
    paths += [f"$.requests.{row.path}.{column}" for row in spec.request_rows for column, _ in APPLICANT_COLUMN_LABELS]
    if spec.has_appeals_table:
        paths += [
            f"$.appeals.{group}.{result}" for group, _ in APPEALS_GROUP_LABELS for result, _ in APPEALS_RESULT_LABELS
        ]
    return tuple(paths)


@functools.cache
def _steps(path: str) -> tuple[str, ...]:
    return tuple(path.split(".")[1:])


def read_cells(report: Report, paths: tuple[str, ...]) -> list[Value]:
    """The values of ``paths`` in ``report``; a table the report lacks reads as blank cells."""
    values: list[Value] = []
    for path in paths:
        obj: Any = report
        for step in _steps(path):
            obj = getattr(obj, step, None)
            if obj is None:
                break
        values.append(obj)
    return values


def _nest(values: dict[str, object], table: str) -> dict[str, Any]:
    nested: dict[str, Any] = {}
    for path, value in values.items():
        steps = _steps(path)
        if steps[0] != table:
            continue
        node = nested
        for step in steps[1:-1]:
            node = node.setdefault(step, {})
        node[steps[-1]] = value
    return nested


def _apply(obj: Any, nested: dict[str, Any]) -> Any:
    changes = {
        name: _apply(getattr(obj, name), value) if isinstance(value, dict) else value for name, value in nested.items()
    }
    return attrs.evolve(obj, **changes)


def single_row_other_handling(edition: Edition) -> bool:
    """Whether the edition prints （六）其他处理 as one row (the trial layout) rather than three."""
    return any(row.path == "other_handling" for row in spec_for(edition).request_rows)


def build_tables(
    edition: Edition, values: dict[str, Value], extra: dict[str, str] | None = None
) -> tuple[ProactiveTable | TrialProactiveTable, RequestTable, AppealsTable | None]:
    """Tables 2–4 of ``edition`` holding ``values`` (path → value); cells not given stay blank.

    The table classes follow the edition's spec: its Table 2 columns, its （六） layout, whether it
    has Table 4.  ``extra`` sets non-cell fields by path too (the trial procurement's ``amount_unit``).
    """
    spec = spec_for(edition)
    merged: dict[str, object] = {**values, **(extra or {})}
    trial_columns = any(
        ".produced" in path for block in spec.proactive_blocks for row in block.rows for path in row.cells
    )
    proactive: ProactiveTable | TrialProactiveTable = TrialProactiveTable() if trial_columns else ProactiveTable()
    single = single_row_other_handling(edition)
    requests = RequestTable(other_handling=ApplicantCounts()) if single else RequestTable()
    return (
        _apply(proactive, _nest(merged, "proactive")),
        _apply(requests, _nest(merged, "requests")),
        _apply(AppealsTable(), _nest(merged, "appeals")) if spec.has_appeals_table else None,
    )
