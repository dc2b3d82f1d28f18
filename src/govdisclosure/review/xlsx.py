"""Writing grids into Excel sheets (openpyxl): merged cells as the template merges them.

Used for the 问题清单's list and for the unit's own tables, where the cells a finding points
at are filled and carry the finding as a comment.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from collections.abc import Mapping
from typing import TYPE_CHECKING

from govdisclosure._files import reproducible_zip
from govdisclosure.chinese import display_width
from govdisclosure.layout import Grid, grid_positions

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["FONT", "MARK_FILL", "workbook_bytes", "write_grid"]

FONT = "宋体"
MARK_FILL = "FFF2A8"
"""The fill of a cell a finding points at (a pale yellow that prints as light grey)."""


def write_grid(sheet: Worksheet, grid: Grid, marks: Mapping[str, str] | None = None, *, first_row: int = 1) -> int:
    """Draw ``grid`` from ``first_row``; data cells whose ``$.path`` is in ``marks`` are filled and commented.

    Returns the row after the grid.
    """
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor=MARK_FILL)
    marks = marks or {}
    placed: set[int] = set()
    for r, row in enumerate(grid_positions(grid), start=first_row):
        for c, cell in enumerate(row, start=1):
            target = sheet.cell(row=r, column=c)
            target.border = border
            if cell is None or id(cell) in placed:
                continue
            placed.add(id(cell))
            target.value = cell.value if cell.path is not None else cell.text
            bold = cell.header and cell.scope in ("col", "colgroup", None)
            target.font = Font(name=FONT, size=10, bold=bold)
            horizontal = "left" if cell.scope in ("row", "rowgroup") else "center"
            target.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
            mark = marks.get(f"$.{cell.path}") if cell.path else None
            if mark is not None:
                target.fill = fill
                target.comment = Comment(mark, "govdisclosure")
            if cell.colspan > 1 or cell.rowspan > 1:
                sheet.merge_cells(
                    start_row=r, start_column=c, end_row=r + cell.rowspan - 1, end_column=c + cell.colspan - 1
                )
    total = 150 if grid.columns > 4 else 70
    widths = [max(6, round(width * total, 1)) for width in grid.widths]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    _row_heights(sheet, grid, widths, first_row)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if grid.header_rows:
        sheet.print_title_rows = f"{first_row}:{first_row + grid.header_rows - 1}"
    return first_row + len(grid.rows)


def _row_heights(sheet: Worksheet, grid: Grid, widths: list[float], first_row: int) -> None:
    """Row heights for the wrapped text (spreadsheet programs do not grow rows when they print)."""
    lines = [1] * len(grid.rows)
    placed: set[int] = set()
    for r, row in enumerate(grid_positions(grid)):
        for c, cell in enumerate(row):
            if cell is None or id(cell) in placed or cell.rowspan > 1:
                continue
            placed.add(id(cell))
            room = max(1.0, sum(widths[c : c + cell.colspan]) - 1)
            text = "\n".join(cell.lines) if cell.lines else cell.text
            needed = sum(max(1, math.ceil(display_width(line) / room)) for line in text.split("\n"))
            lines[r] = max(lines[r], needed)
    for r, count in enumerate(lines, start=first_row):
        if count > 1:
            sheet.row_dimensions[r].height = 13.5 * count


def workbook_bytes(workbook: Workbook, when: dt.date) -> bytes:
    """The workbook's bytes, stamped ``when`` (openpyxl's save() would stamp the clock)."""
    from openpyxl.writer.excel import ExcelWriter

    stamp = dt.datetime(when.year, when.month, when.day)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).write_data()
    return reproducible_zip(buffer.getvalue(), when)
