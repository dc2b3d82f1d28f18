"""The workbook itself: written and read back (imported only when a workbook is).

``check`` and ``validate`` load every plugin; keeping this apart spares them zipfile, the
table layouts and the file helpers.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import BinaryIO

from govdisclosure import (
    Embedded,
    EmbeddedReadError,
    Grid,
    Report,
    document_date,
    embedded_data,
    grid_positions,
    reproducible_zip,
    tables,
)

__all__ = ["DATA_PART", "read_workbook", "write_workbook"]


_SHEET_NAMES = {"proactive": "二、主动公开", "requests": "三、申请处理", "appeals": "四、复议诉讼"}
_FONT = "宋体"
DATA_PART = "govdisclosure/report.json"
_HASH_PREFIX = "sha256:"
_MAX_PART = 64 * 1024 * 1024


def write_workbook(report: Report, out: BinaryIO) -> None:
    """Tables 2, 3 and 4, one sheet each, with the report's data attached: the exporter's work."""
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
    when = document_date(report)
    stamp = dt.datetime(when.year, when.month, when.day)
    data, digest = embedded_data(report)
    workbook.properties.identifier = _HASH_PREFIX + digest
    workbook.properties.creator = report.agency.name
    workbook.properties.title = f"{report.agency.name}{report.year}年政府信息公开工作年度报告统计表"
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    buffer = io.BytesIO()
    # openpyxl's Workbook.save() stamps "modified" with the clock; its writer does not.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).write_data()
        archive.writestr(DATA_PART, data)
    out.write(reproducible_zip(_declare_json(buffer.getvalue()), when))


def read_workbook(content: bytes) -> Embedded | None:
    """The embedded JSON, its stated SHA-256 and the sheets' rows; ``None`` for a file that is no workbook."""
    if not content.startswith(b"PK"):
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = {info.filename: info for info in archive.infolist()}
        if "xl/workbook.xml" not in infos:
            return None
        if any(info.file_size > _MAX_PART for info in infos.values()):
            raise EmbeddedReadError("a part of the workbook inflates to more than a report holds")
        data = archive.read(DATA_PART) if DATA_PART in infos else None
        core = archive.read("docProps/core.xml").decode("utf-8") if "docProps/core.xml" in infos else ""
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError, NotImplementedError, RuntimeError) as exc:
        raise EmbeddedReadError(f"the file does not read as a workbook ({exc})") from None
    match = re.search(r"<dc:identifier(?: [^>]*)?>" + re.escape(_HASH_PREFIX) + r"([0-9a-f]{64})</dc:identifier>", core)
    return Embedded(data, match.group(1) if match else None, _visible_rows(content))


def _declare_json(package: bytes) -> bytes:
    """The package with a content type for its .json part, so that Excel opens it without a repair."""
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml" and b'Extension="json"' not in content:
                content = content.replace(
                    b"<Default ", b'<Default Extension="json" ContentType="application/json"/><Default ', 1
                )
            target.writestr(info, content)
    return out.getvalue()


def _visible_rows(content: bytes) -> str:
    """The values of every sheet, a row a line, as a reader sees them."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    lines = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            lines.append(" ".join("" if value is None else str(value) for value in row))
    workbook.close()
    return "\n".join(lines)


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
