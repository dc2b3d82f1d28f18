"""govdisclosure-xlsx: the statistical tables of a report as an Excel workbook.

A separately installed plugin, found by govdisclosure through the entry point
``xlsx = "govdisclosure_xlsx"`` of the group ``govdisclosure``.  It uses only the
public API: the exporter contract, the hook marker and the table layouts.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import zipfile
from typing import BinaryIO

from govdisclosure import Availability, Exporter, ExporterRegistry, Report, hookimpl
from govdisclosure.exporters import reproducible_zip
from govdisclosure.layout import Grid, grid_positions, tables

__all__ = ["XlsxExporter", "register_exporters"]

_SHEET_NAMES = {"proactive": "二、主动公开", "requests": "三、申请处理", "appeals": "四、复议诉讼"}
_FONT = "宋体"


class XlsxExporter(Exporter):
    """Tables 2, 3 and 4, one sheet each, with the official merged header cells."""

    name = "xlsx"
    suffix = ".xlsx"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    description = "the statistical tables as an Excel workbook with the official merged headers"

    @classmethod
    def availability(cls) -> Availability:
        if importlib.util.find_spec("openpyxl") is None:
            return Availability(False, "the Python package openpyxl is not installed", "pip install openpyxl")
        return Availability.ok()

    def export(self, report: Report, out: BinaryIO) -> None:
        from openpyxl import Workbook
        from openpyxl.writer.excel import ExcelWriter

        workbook = Workbook()
        about = workbook.active
        about.title = "报告信息"
        for row in (
            ("机关", report.agency.name),
            ("年度", report.year),
            ("格式", report.edition.value),
            ("发布日期", report.published_on.isoformat() if report.published_on else ""),
        ):
            about.append(row)
        about.column_dimensions["A"].width = 12
        about.column_dimensions["B"].width = 40
        for grid in tables(report):
            _write_sheet(workbook.create_sheet(_SHEET_NAMES.get(grid.key, grid.key)), grid)
        # Dates from the report, not the clock: the same report gives the same bytes.
        when = report.published_on or dt.date(report.year + 1, 1, 1)
        stamp = dt.datetime(when.year, when.month, when.day)
        workbook.properties.creator = report.agency.name
        workbook.properties.title = f"{report.agency.name}{report.year}年政府信息公开工作年度报告统计表"
        workbook.properties.created = stamp
        workbook.properties.modified = stamp
        buffer = io.BytesIO()
        # openpyxl's Workbook.save() stamps "modified" with the clock; its writer does not.
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            ExcelWriter(workbook, archive).write_data()
        out.write(reproducible_zip(buffer.getvalue(), when))


def _write_sheet(sheet: object, grid: Grid) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    assert isinstance(sheet, Worksheet)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    matrix = grid_positions(grid)
    placed: set[int] = set()
    for r, row in enumerate(matrix, start=1):
        for c, cell in enumerate(row, start=1):
            target = sheet.cell(row=r, column=c)
            target.border = border
            if cell is None or id(cell) in placed:
                continue
            placed.add(id(cell))
            target.value = cell.value if cell.path is not None else cell.text
            target.font = Font(name=_FONT, size=10, bold=cell.header and cell.scope in ("col", "colgroup"))
            horizontal = "left" if cell.scope in ("row", "rowgroup") else "center"
            target.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
            if cell.colspan > 1 or cell.rowspan > 1:
                sheet.merge_cells(
                    start_row=r, start_column=c, end_row=r + cell.rowspan - 1, end_column=c + cell.colspan - 1
                )
    total = 120 if grid.columns > 4 else 70
    for index, width in enumerate(grid.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(6, round(width * total, 1))
    if grid.header_rows:
        sheet.freeze_panes = sheet.cell(row=grid.header_rows + 1, column=1)
        sheet.print_title_rows = f"1:{grid.header_rows}"


@hookimpl
def register_exporters(registry: ExporterRegistry) -> None:
    registry.add(XlsxExporter)
