"""The 问题清单 of one unit, as a Word document in the official layout and as a workbook.

The DOCX is set up by the DOCX exporter (:func:`~govdisclosure.exporters.docx_exporter.new_document`:
A4, 公文 margins, 仿宋/黑体 with their Chinese fallbacks, page numbers) and its tables are drawn
by the exporter's table code, the unit's own tables from :func:`govdisclosure.layout.tables`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from govdisclosure.chinese import format_date
from govdisclosure.editions import spec_for
from govdisclosure.layout import tables
from govdisclosure.model import Report
from govdisclosure.review.items import HEADERS, ReviewItem, items_grid
from govdisclosure.review.rounds import UnitHistory
from govdisclosure.validation.acknowledgements import FindingReview

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["UnitPack", "unit_docx", "unit_xlsx"]


@attrs.frozen
class UnitPack:
    """What a unit's 问题清单 says."""

    unit: str
    source: str
    report: Report = attrs.field(repr=False)
    items: tuple[ReviewItem, ...]
    errors: int
    warnings: int
    timeliness: str
    deadline: dt.date | None
    history: UnitHistory
    office: str | None
    date: dt.date

    @property
    def title(self) -> str:
        return f"{self.report.year}年政府信息公开工作年度报告问题清单"

    def verdict(self) -> str:
        if self.errors:
            return f"审核结论：未通过。发现错误{self.errors}项、警告{self.warnings}项，请对照问题清单逐项核实、更正后重新报送。"
        if self.warnings:
            return f"审核结论：通过。另有警告{self.warnings}项，请核实；确属无误的，请说明理由。"
        return "审核结论：通过，未发现问题。"

    def facts(self) -> list[str]:
        spec = spec_for(self.report.edition)
        published = format_date(self.report.published_on) if self.report.published_on else "未注明"
        deadline = format_date(self.deadline) if self.deadline else "未定"
        return [
            f"报送单位：{self.unit}",
            f"报送文件：{self.source}",
            f"报告格式：{spec.name}（{spec.basis}）；统计年度：{self.report.year}年",
            f"发布日期：{published}；报送时限：{deadline}（{self.timeliness or '无法判断'}）",
            f"审核情况：{self.history.changes_zh()}",
        ]


def _corrected_lines(corrected: Sequence[FindingReview]) -> list[str]:
    return [
        f"{review.code or '问题'}（{review.fingerprint}）：本次报送已不再出现，视为已更正。" for review in corrected
    ]


def unit_docx(pack: UnitPack) -> bytes:
    """The 问题清单 as a Word document in the official layout."""
    from govdisclosure.exporters.docx_exporter import document_bytes, new_document, paragraph_xml, table_xml, write_body

    blank = '<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr></w:p>'
    parts = [paragraph_xml(pack.unit, "Title"), paragraph_xml(pack.title, "Title"), blank]
    parts += [paragraph_xml(line, "BodyText") for line in (*pack.facts(), pack.verdict())]
    parts.append(paragraph_xml("一、问题清单", "Heading1"))
    if pack.items:
        parts += [table_xml(items_grid(pack.items)), blank]
    else:
        parts.append(paragraph_xml("未发现需要更正的问题。", "BodyText"))
    if pack.history.corrected:
        parts.append(paragraph_xml("二、上轮退回后已更正的问题", "Heading1"))
        parts += [paragraph_xml(line, "BodyText") for line in _corrected_lines(pack.history.corrected)]
    number = "三" if pack.history.corrected else "二"
    grids = tables(pack.report)
    if grids:
        parts.append(paragraph_xml(f"{number}、报送的统计表（供核对）", "Heading1"))
        for grid in grids:
            parts += [paragraph_xml(grid.caption, "Heading2"), table_xml(grid), blank]
    if pack.office:
        parts += [blank, paragraph_xml(pack.office, "Signature"), paragraph_xml(format_date(pack.date), "Signature")]
    document = new_document()
    write_body(document, parts)
    props = document.core_properties
    props.title = f"{pack.unit}{pack.title}"
    props.author = pack.office or "govdisclosure"
    props.language = "zh-CN"
    props.created = props.modified = dt.datetime.combine(pack.date, dt.time())
    props.revision = 1
    return document_bytes(document, pack.date)


_SHEETS = {"proactive": "二、主动公开", "requests": "三、申请处理", "appeals": "四、复议诉讼"}


def unit_xlsx(pack: UnitPack) -> bytes:
    """The 问题清单 as a workbook: the list, then the unit's tables with the cells in question marked."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from govdisclosure.review.xlsx import FONT, workbook_bytes, write_grid

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "问题清单"
    sheet.cell(row=1, column=1, value=f"{pack.unit}{pack.title}").font = Font(name=FONT, size=14, bold=True)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    row = 2
    for line in (*pack.facts(), pack.verdict()):
        sheet.cell(row=row, column=1, value=line).font = Font(name=FONT, size=10)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADERS))
        row += 1
    end = write_grid(sheet, items_grid(pack.items), first_row=row + 1)
    for line in _corrected_lines(pack.history.corrected):
        end += 1
        sheet.cell(row=end, column=1, value=line).alignment = Alignment(wrap_text=False)
    marks: dict[str, list[str]] = {}
    for item in pack.items:
        for path in item.paths:
            marks.setdefault(path, []).append(f"{item.number}. {item.message}")
    for grid in tables(pack.report):
        write_grid(
            workbook.create_sheet(_SHEETS.get(grid.key, grid.key)), grid, {k: "\n".join(v) for k, v in marks.items()}
        )
    _record_sheet(workbook.create_sheet("审核记录"), pack)
    workbook.properties.creator = pack.office or "govdisclosure"
    workbook.properties.title = f"{pack.unit}{pack.title}"
    return workbook_bytes(workbook, pack.date)


def _record_sheet(sheet: Worksheet, pack: UnitPack) -> None:
    """For the office: each finding's rule code, fingerprint (to acknowledge it) and cell paths."""
    sheet.append(("序号", "规则代码", "指纹（fingerprint）", "单元格路径"))
    for item in pack.items:
        sheet.append((item.number, item.code, item.fingerprint, " ".join(item.paths)))
    for column, width in zip("ABCD", (6, 22, 20, 80), strict=True):
        sheet.column_dimensions[column].width = width
