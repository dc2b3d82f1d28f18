"""The official tables as the importer matches them: every data cell with its labels.

The labels come from :func:`govdisclosure.layout.tables`, the same grids the exporters
print, so import and export cannot disagree about which label heads which cell.  For each
data cell of each layout (Table 2 of 2021 and of the 2019 trial, Table 3 with three or
one （六） rows, Table 4) a :class:`Target` lists its row labels (the header cells to its
left) and column labels (the header cells above it, up to the previous data row), both
leaf first, as printed and as comparison keys.
"""

from __future__ import annotations

import functools

import attrs

from govdisclosure.importing.text import label_key
from govdisclosure.layout import Grid, grid_positions, tables
from govdisclosure.model import (
    Agency,
    AppealsTable,
    ApplicantCounts,
    Edition,
    ProactiveTable,
    Report,
    RequestTable,
    TrialProactiveTable,
)

__all__ = ["Layout", "Target", "header_block", "layouts"]


@attrs.frozen
class Target:
    """One official data cell: its model path and its labels, leaf first."""

    path: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]


@attrs.frozen
class Layout:
    """An official table layout: ``key`` is its place in the report, ``edition`` whose layout it is."""

    key: str
    edition: Edition
    caption: str
    blank: object
    """The model table with every cell blank, in this layout."""
    targets: tuple[Target, ...]

    @property
    def number(self) -> int:
        return {"proactive": 2, "requests": 3, "appeals": 4}[self.key]

    def describe(self) -> str:
        return f"表{'二三四'[self.number - 2]}（{self.caption}）"


def header_block(row: int, data_rows: list[bool]) -> list[int]:
    """The header rows that head a data cell in ``row``, nearest first.

    Upward from the row: past the data rows above, then the header rows up to the next
    data row.  Table 2's column labels are its block's own header rows; Tables 3 and 4
    have one header block at the top.
    """
    r = row - 1
    while r >= 0 and data_rows[r]:
        r -= 1
    block = []
    while r >= 0 and not data_rows[r]:
        block.append(r)
        r -= 1
    return block


def _targets(grid: Grid) -> tuple[Target, ...]:
    positions = grid_positions(grid)
    out: list[Target] = []
    seen: set[int] = set()
    data_rows = [any(cell is not None and cell.path is not None for cell in row) for row in positions]
    for r, row in enumerate(positions):
        for c, cell in enumerate(row):
            if cell is None or cell.path is None or id(cell) in seen:
                continue
            seen.add(id(cell))
            left: list[str] = []
            for other in row[:c]:
                if other is not None and other.path is None and other.text not in left:
                    left.append(other.text)
            above: list[str] = []
            for rr in header_block(r, data_rows):
                other = positions[rr][c]
                if other is not None and other.path is None and other.text not in above:
                    above.append(other.text)
            rows = tuple(reversed(left))
            columns = tuple(above)
            path = cell.path.split(".", 1)[1]
            out.append(
                Target(path, tuple(label_key(t) for t in rows), tuple(label_key(t) for t in columns), rows, columns)
            )
    return tuple(out)


@functools.cache
def layouts() -> tuple[Layout, ...]:
    """Every official table layout, built once from the exporters' grids."""
    agency = Agency("x")
    found: list[Layout] = []
    for edition, proactive, requests in (
        (Edition.NATIONAL_2021, ProactiveTable(), RequestTable()),
        (Edition.NATIONAL_2019_TRIAL, TrialProactiveTable(), RequestTable(other_handling=ApplicantCounts())),
    ):
        report = Report(edition, agency, 2021, proactive=proactive, requests=requests, appeals=AppealsTable())
        blanks = {"proactive": proactive, "requests": requests, "appeals": AppealsTable()}
        for grid in tables(report):
            if grid.key == "appeals" and edition is not Edition.NATIONAL_2021:
                continue  # Table 4 is the same in both formats
            found.append(Layout(grid.key, edition, grid.caption, blanks[grid.key], _targets(grid)))
    return tuple(found)
