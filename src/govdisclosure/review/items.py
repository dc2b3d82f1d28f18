"""The rows of a 问题清单: each finding with its printed location, arithmetic and Chinese message.

The list is itself a :class:`~govdisclosure.layout.Grid` (one header row, one row per finding),
so the DOCX is drawn by the DOCX exporter's table code and the XLSX by the same grid writer as
the unit's own tables: there is one way of drawing a table.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from govdisclosure.layout import Cell, Grid
from govdisclosure.model import Report
from govdisclosure.review.locate import Location, cell_labels, locate
from govdisclosure.review.rounds import FindingState
from govdisclosure.validation import Evidence, Severity

__all__ = ["HEADERS", "ReviewItem", "arithmetic", "items_grid", "review_items"]

HEADERS = ("序号", "统计表或部分", "行", "列", "问题说明", "核算", "类别", "状态")
_WIDTHS = (0.05, 0.12, 0.16, 0.12, 0.31, 0.1, 0.06, 0.08)
SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


@attrs.frozen
class ReviewItem:
    """One row of a 问题清单."""

    number: int
    location: Location
    message: str
    arithmetic: str
    severity: str
    state: str
    code: str
    fingerprint: str
    paths: tuple[str, ...]

    def cells(self) -> tuple[str, ...]:
        """The row as printed, in the order of :data:`HEADERS`."""
        loc = self.location
        return (
            str(self.number),
            loc.table,
            loc.row,
            loc.column,
            self.message,
            self.arithmetic,
            self.severity,
            self.state,
        )


def arithmetic(evidence: Evidence | None) -> str:
    """The finding's arithmetic in words: 填报 …；核算 …；相差 …"""
    if evidence is None:
        return ""
    left = "未填" if evidence.left is None else str(evidence.left)
    right = "无法计算（有未填项）" if evidence.right is None else str(evidence.right)
    difference = evidence.difference
    tail = f"；相差{difference}" if difference is not None and difference != 0 else ""
    return f"填报{left}；核算{right}{tail}"


def review_items(report: Report, states: Sequence[FindingState]) -> tuple[ReviewItem, ...]:
    """The 问题清单 rows of ``report`` for its current findings, errors first."""
    labels = cell_labels(report)
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    ranked = sorted(states, key=lambda s: order[s.finding.severity])
    return tuple(
        ReviewItem(
            number,
            locate(report, state.finding.paths, labels),
            state.finding.message,
            arithmetic(state.finding.evidence),
            SEVERITY_ZH[state.finding.severity],
            state.state_zh,
            state.finding.code,
            state.finding.fingerprint,
            state.finding.paths,
        )
        for number, state in enumerate(ranked, start=1)
    )


def items_grid(items: Sequence[ReviewItem]) -> Grid:
    """The list as a grid: a repeating header row, text columns aligned left."""
    header = tuple(Cell(text, header=True, scope="col") for text in HEADERS)
    left = {1, 2, 3, 4, 5}
    rows = tuple(
        tuple(Cell(text, scope="row" if index in left else None) for index, text in enumerate(item.cells()))
        for item in items
    )
    return Grid("findings", "问题清单", len(HEADERS), 1, (header, *rows), _WIDTHS)
