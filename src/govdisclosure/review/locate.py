"""Where a finding points, in the words of the official template: table, row labels, column labels.

The labels are read from the printed tables of :mod:`govdisclosure.layout` — the same grids the
exporters draw — so a 问题清单 names a cell exactly as the unit sees it on its form: for
``$.requests.withheld.state_secret.total`` the table 三、收到和处理政府信息公开申请情况, the row
三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 and the column 申请人情况 / 总计.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from govdisclosure.chinese import heading_number
from govdisclosure.editions import spec_for
from govdisclosure.layout import Cell, Grid, grid_positions, tables
from govdisclosure.model import Report

__all__ = ["CellLabels", "Location", "cell_labels", "locate"]


@attrs.frozen
class CellLabels:
    """The printed labels of one data cell."""

    table: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]


@attrs.frozen
class Location:
    """Where a finding points: its table (or part of the report), rows and columns, as printed."""

    table: str
    row: str
    column: str


def _distinct(cells: Sequence[Cell | None]) -> tuple[str, ...]:
    out: list[str] = []
    seen: set[int] = set()
    for cell in cells:
        if cell is not None and id(cell) not in seen:
            seen.add(id(cell))
            out.append(cell.text)
    return tuple(out)


def _grid_labels(grid: Grid, caption: str) -> dict[str, CellLabels]:
    matrix = grid_positions(grid)
    header_row = [all(cell is None or cell.path is None for cell in row) for row in matrix]
    labels: dict[str, CellLabels] = {}
    for r, row in enumerate(matrix):
        for c, cell in enumerate(row):
            if cell is None or cell.path is None or f"$.{cell.path}" in labels:
                continue
            rows = _distinct([x for x in row[:c] if x is not None and x.header and x.scope in ("row", "rowgroup")])
            # The column headings are the header rows right above this block of data rows.
            above: list[Cell | None] = []
            k = r - 1
            while k >= 0 and not header_row[k]:
                k -= 1
            while k >= 0 and header_row[k]:
                above.insert(0, matrix[k][c])
                k -= 1
            columns = _distinct([x for x in above if x is not None and x.scope in ("col", "colgroup")])
            labels[f"$.{cell.path}"] = CellLabels(caption, rows, columns)
    return labels


def cell_labels(report: Report) -> dict[str, CellLabels]:
    """Every data cell of the report's tables (by JSON path) with its printed labels."""
    spec = spec_for(report.edition)
    numbers = {s.key: heading_number(1, index) for index, s in enumerate(spec.sections)}
    labels: dict[str, CellLabels] = {}
    for grid in tables(report):
        labels.update(_grid_labels(grid, f"{numbers.get(grid.key, '')}{grid.caption}"))
    return labels


_FIELDS = {
    "$.published_on": "发布日期",
    "$.year": "统计年度",
    "$.edition": "报告格式",
    "$.title": "报告标题",
    "$.agency": "机关名称",
    "$.contacts": "联系方式",
    "$.preamble": "报告开头",
}
_SECTION = re.compile(r"^\$\.sections\[(\d+)\]")


def _outside(report: Report, path: str) -> Location:
    """A path outside the tables: the report field or the section it lies in."""
    match = _SECTION.match(path)
    if match and int(match.group(1)) < len(report.sections):
        return Location("正文", report.sections[int(match.group(1))].title, "")
    for prefix, label in _FIELDS.items():
        if path == prefix or path.startswith((prefix + ".", prefix + "[")):
            return Location("报告信息", label, "")
    spec = spec_for(report.edition)
    for index, section in enumerate(spec.sections):
        if path == f"$.{section.key}":
            return Location(f"{heading_number(1, index)}{section.title}", "（全表）", "")
    return Location("其他", path, "")


def locate(report: Report, paths: Sequence[str], labels: dict[str, CellLabels] | None = None) -> Location:
    """The table, rows and columns the ``paths`` of a finding cover, joined as printed labels."""
    labels = cell_labels(report) if labels is None else labels
    order = {path: index for index, path in enumerate(labels)}  # printed order
    found = [labels[path] for path in sorted((p for p in paths if p in labels), key=order.__getitem__)]
    if not found:
        return _outside(report, paths[0]) if paths else Location("其他", "", "")
    return Location(found[0].table, _join([item.rows for item in found]), _join([item.columns for item in found]))


def _join(chains: list[tuple[str, ...]]) -> str:
    """One heading chain in full (申请人情况 / 法人或其他组织 / 商业企业); several as their common
    heading and their last labels, a long run by its ends (申请人情况 / 自然人至总计（7项）)."""
    distinct = list(dict.fromkeys(chain for chain in chains if chain))
    if not distinct:
        return ""
    if len(distinct) == 1:
        return " / ".join(distinct[0])
    common: list[str] = []
    for labels in zip(*distinct, strict=False):
        if len(set(labels)) > 1:
            break
        common.append(labels[0])
    common = common[: min(len(chain) for chain in distinct) - 1]
    last = list(dict.fromkeys(chain[-1] for chain in distinct))
    tail = f"{last[0]}至{last[-1]}（{len(last)}项）" if len(last) > 4 else "；".join(last)
    return " / ".join([*common, tail])
