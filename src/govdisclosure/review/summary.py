"""The batch summary: a row per unit with status, findings and key figures, as XLSX and as HTML.

The HTML page stands alone (no network): its chart is drawn by matplotlib as SVG with the
Chinese labels in Noto Sans CJK SC turned into outlines, so it shows the same on any machine.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from collections.abc import Sequence

import attrs

from govdisclosure.model import AppealsTable, Report

__all__ = ["CHART_UNITS", "FIGURES", "SummaryRow", "figures", "summary_html", "summary_xlsx"]

FIGURES = ("本年新收申请", "复议结果纠正", "诉讼结果纠正", "结转下年度")
"""The key figures of a unit, in the order of the summary's columns."""
COLUMNS = ("序号", "单位", "报送", "时限", "状态", "错误", "警告", *FIGURES, "本轮变化")


@attrs.frozen
class SummaryRow:
    name: str
    submitted: str
    timeliness: str
    status: str
    errors: int | None
    warnings: int | None
    figures: tuple[int | None, ...]
    changes: str

    def cells(self, number: int) -> tuple[int | str | None, ...]:
        return (
            number, self.name, self.submitted, self.timeliness, self.status, self.errors, self.warnings,
            *self.figures, self.changes,
        )  # fmt: skip


def figures(report: Report | None) -> tuple[int | None, ...]:
    """申请 received, 复议 corrected, 诉讼 lost (corrected, direct and after review), carried forward."""
    if report is None:
        return (None, None, None, None)
    requests = report.requests
    received = requests.received.total if requests else None
    forward = requests.carried_forward.total if requests else None
    appeals = report.appeals
    if isinstance(appeals, AppealsTable):
        review = appeals.review.corrected
        lost = appeals.computed_litigation.corrected
    else:
        review = lost = None
    return (received, review, lost, forward)


def summary_xlsx(rows: Sequence[SummaryRow], title: str, when: dt.date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from govdisclosure.review.xlsx import FONT, MARK_FILL, workbook_bytes

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "汇总"
    sheet.cell(row=1, column=1, value=title).font = Font(name=FONT, size=14, bold=True)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for c, label in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=2, column=c, value=label)
        cell.font, cell.border = Font(name=FONT, size=10, bold=True), border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row.cells(r - 2), start=1):
            cell = sheet.cell(row=r, column=c, value=value)
            cell.font, cell.border = Font(name=FONT, size=10), border
            if row.status != "通过" and c == 5:
                cell.fill = PatternFill("solid", fgColor=MARK_FILL)
    for c, width in enumerate((5, 28, 7, 10, 7, 6, 6, 10, 10, 10, 10, 40), start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = "C3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(COLUMNS))}{len(rows) + 2}"
    workbook.properties.title = title
    return workbook_bytes(workbook, when)


CHART_UNITS = 60
"""More bars than this are unreadable: the chart then shows the units with most applications."""


def _charted(rows: Sequence[SummaryRow]) -> list[SummaryRow]:
    submitted = [row for row in rows if row.submitted == "已报送"]
    if len(submitted) <= CHART_UNITS:
        return submitted
    ranked = sorted(submitted, key=lambda row: -(row.figures[0] or 0))[:CHART_UNITS]
    keep = {id(row) for row in ranked}
    return [row for row in submitted if id(row) in keep]


def _caption(rows: Sequence[SummaryRow]) -> str:
    submitted = sum(1 for row in rows if row.submitted == "已报送")
    if submitted <= CHART_UNITS:
        return f"各单位主要数据（{submitted}个报送单位；未通过的单位名称以红色标出）"
    return f"本年新收申请最多的{CHART_UNITS}个单位的主要数据（共{submitted}个报送单位；未通过的单位名称以红色标出）"


def _chart_svg(rows: Sequence[SummaryRow]) -> str:
    """A horizontal bar chart of the units' key figures, as inline SVG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager
    from matplotlib.ticker import MaxNLocator

    family = "Noto Sans CJK SC"
    if not any(font.name == family for font in font_manager.fontManager.ttflist):
        raise RuntimeError("the chart needs the font Noto Sans CJK SC (Debian: apt install fonts-noto-cjk)")
    shown = _charted(rows)
    names = [row.name for row in shown]
    height = max(2.5, 0.32 * len(shown) + 1.2)
    with plt.rc_context({"font.family": family, "svg.fonttype": "path", "svg.hashsalt": "govdisclosure"}):
        figure, axes = plt.subplots(1, 2, figsize=(11, height), sharey=True, layout="constrained")
        positions = list(range(len(shown)))
        for axis, pair in zip(axes, ((0, 3), (1, 2)), strict=True):
            for offset, index in zip((-0.2, 0.2), pair, strict=True):
                values = [row.figures[index] or 0 for row in shown]
                axis.barh([p + offset for p in positions], values, height=0.38, label=FIGURES[index])
            axis.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=2, fontsize=8, frameon=False)
            axis.grid(axis="x", alpha=0.3)
            axis.xaxis.set_major_locator(MaxNLocator(integer=True))
            axis.xaxis.tick_top()
        axes[0].set_yticks(positions, names, fontsize=8)
        axes[0].invert_yaxis()
        for label, row in zip(axes[0].get_yticklabels(), shown, strict=True):
            if row.status != "通过":
                label.set_color("#b00020")
        axes[0].set_title("申请：本年新收与结转下年度", fontsize=10)
        axes[1].set_title("复议、诉讼：结果被纠正", fontsize=10)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "govdisclosure"})
        plt.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


_STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 2em; color: #111; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { border: 1px solid #555; padding: 0.25em 0.5em; }
th { background: #eee; }
td.num { text-align: right; }
tr.fail td.status { background: #fff2a8; color: #b00020; font-weight: bold; }
tr.missing td { color: #777; }
figure { margin: 1.5em 0; }
svg { max-width: 100%; height: auto; }
"""


def summary_html(rows: Sequence[SummaryRow], title: str) -> str:
    """A standalone page: the chart, then the table."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS)
    body = []
    for number, row in enumerate(rows, start=1):
        css = "missing" if row.submitted != "已报送" else ("fail" if row.status != "通过" else "pass")
        cells = []
        for index, value in enumerate(row.cells(number)):
            klass = " class=num" if isinstance(value, int) else (" class=status" if index == 4 else "")
            cells.append(f"<td{klass}>{'' if value is None else html.escape(str(value))}</td>")
        body.append(f'<tr class="{css}">{"".join(cells)}</tr>')
    chart = _chart_svg(rows) if any(row.submitted == "已报送" for row in rows) else ""
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>"
        f"<figure>{chart}<figcaption>{html.escape(_caption(rows))}</figcaption></figure>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></body></html>\n"
    )
