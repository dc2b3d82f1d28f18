"""A source table as a grid: every position knows the printed cell that covers it.

HTML tables give rows of cells with ``rowspan``/``colspan``; Word tables give ``gridSpan``
and ``vMerge``.  Both become a :class:`SourceTable`: the cells as printed (their text,
their first row and column, their spans) and :meth:`SourceTable.at`, the cell covering a
position.  The spans follow the HTML rules (a span past the end of the table is cut
there); sizes are bounded, so a hostile page cannot make the grid large.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

__all__ = ["MAX_CELLS", "MAX_COLUMNS", "RawCell", "SourceCell", "SourceTable", "TooLargeError", "build_grid"]

MAX_COLUMNS = 64
"""No statistical table of a report is wider (Table 4 has 15 columns)."""
MAX_CELLS = 4000
"""Positions in one grid; Table 3 has 280."""


class TooLargeError(ValueError):
    """A table far larger than any statistical table of a report."""


@attrs.frozen
class RawCell:
    """A cell as the file gives it."""

    text: str
    rowspan: int = 1
    colspan: int = 1


@attrs.frozen
class SourceCell:
    """A printed cell placed in the grid: ``row``/``column`` of its top-left position (0-based)."""

    text: str
    row: int
    column: int
    rowspan: int
    colspan: int

    @property
    def columns(self) -> range:
        return range(self.column, self.column + self.colspan)


@attrs.frozen
class SourceTable:
    """A table of the source file: ``number`` counts the file's tables from 1."""

    number: int
    cells: tuple[SourceCell, ...]
    positions: tuple[tuple[int, ...], ...]
    """Per row, per column: the index in ``cells`` of the covering cell, or -1 for a hole."""

    @property
    def height(self) -> int:
        return len(self.positions)

    @property
    def width(self) -> int:
        return len(self.positions[0]) if self.positions else 0

    def at(self, row: int, column: int) -> SourceCell | None:
        index = self.positions[row][column]
        return self.cells[index] if index >= 0 else None

    def text_rows(self) -> list[list[str]]:
        """The text of each row's own cells, for messages and the record."""
        rows: list[list[str]] = [[] for _ in self.positions]
        for cell in self.cells:
            rows[cell.row].append(cell.text)
        return rows


def build_grid(number: int, rows: Sequence[Sequence[RawCell]]) -> SourceTable:
    """Lay out rows of cells with their spans, as a browser does.  Raises :class:`TooLargeError`."""
    if not rows:
        return SourceTable(number, (), ())
    height = len(rows)
    width = 0
    for row in rows:
        width = max(width, sum(min(max(cell.colspan, 1), MAX_COLUMNS + 1) for cell in row))
        if width > MAX_COLUMNS:
            raise TooLargeError(f"table {number} has more than {MAX_COLUMNS} columns")
    if height * max(width, 1) > MAX_CELLS:
        raise TooLargeError(f"table {number} has {height} rows of {width} columns")
    grid = [[-1] * width for _ in range(height)]
    cells: list[SourceCell] = []
    for r, row in enumerate(rows):
        c = 0
        for raw in row:
            while c < width and grid[r][c] != -1:
                c += 1
            if c >= width:
                break
            colspan = max(1, min(raw.colspan, width - c))
            rowspan = height - r if raw.rowspan <= 0 else max(1, min(raw.rowspan, height - r))
            index = len(cells)
            cells.append(SourceCell(raw.text, r, c, rowspan, colspan))
            for dr in range(rowspan):
                for dc in range(colspan):
                    if grid[r + dr][c + dc] == -1:
                        grid[r + dr][c + dc] = index
            c += colspan
    return SourceTable(number, tuple(cells), tuple(tuple(row) for row in grid))


def merge_tables(tables: Sequence[SourceTable]) -> SourceTable:
    """Tables printed one after another read as one (a table split by a page break, or Table 2
    printed as one small table per 第二十条 item).  Numbered as the first; rows counted on."""
    rows: list[list[RawCell]] = []
    for table in tables:
        own: list[list[RawCell]] = [[] for _ in range(table.height)]
        for cell in sorted(table.cells, key=lambda c: (c.row, c.column)):
            own[cell.row].append(RawCell(cell.text, cell.rowspan, cell.colspan))
        rows += own
    return build_grid(tables[0].number, rows)
