"""Tables printed in pieces: Table 2 as one small table per 第二十条 item, Table 3 split by a page break."""

from __future__ import annotations

import re
from pathlib import Path

from govdisclosure.importing import import_report

PINGTAN = Path("/work/shared/real/pingtan")
if not PINGTAN.exists():  # pragma: no cover
    PINGTAN = Path(__file__).parents[3] / "shared" / "real" / "pingtan"


def _tables(html: str) -> list[str]:
    return re.findall(r"<table>.*?</table>", html, re.S)


def test_table_2_as_one_table_per_item() -> None:
    html = (PINGTAN / "2021.html").read_text(encoding="utf-8")
    table = _tables(html)[0]
    blocks: list[list[str]] = []
    for row in re.findall(r"<tr>.*?</tr>", table, re.S):
        if "第二十条" in row or not blocks:
            blocks.append([])
        blocks[-1].append(row)
    assert len(blocks) == 4
    pieces = "".join("<table><tbody>" + "".join(rows) + "</tbody></table>" for rows in blocks)
    result = import_report(html.replace(table, pieces).encode(), name="split.html")
    assert result.report.proactive == import_report(PINGTAN / "2021.html").report.proactive
    assert any("第1–4个表格" in note.message for note in result.record.by_kind("repeated"))


def test_table_3_split_by_a_page_break() -> None:
    html = (PINGTAN / "2019.html").read_text(encoding="utf-8")
    table = _tables(html)[1]
    rows = re.findall(r"<tr>.*?</tr>", table, re.S)
    second = next(i for i, row in enumerate(rows) if "（四）无法提供" in row)
    assert "三、本年度办理结果" in rows[second]  # the page's own second block of the label
    pieces = (
        "<table><tbody>" + "".join(rows[:second]) + "</tbody></table>"
        "<table><tbody>" + "".join(rows[second:]) + "</tbody></table>"
    )
    split = import_report(html.replace(table, pieces).encode(), name="split.html").report
    assert split.requests == import_report(PINGTAN / "2019.html").report.requests
