"""A Word file as an office writes it: heading styles and bold headings, merged cells, blanks as "/".

The file is built with python-docx the way a clerk builds it in Word: the title in the Title
style, first-level headings in 标题 1 (Heading 1), second-level headings as bold text, the
tables with merged cells, a blank written as "/" or "—", one label mistyped.
"""

from __future__ import annotations

import io
from typing import Any

import docx

from govdisclosure import model as m
from govdisclosure import validate
from govdisclosure.importing import import_report
from govdisclosure.layout import grid_positions, tables


def _report() -> m.Report:
    counts = m.ApplicantCounts(5, 1, 0, None, 0, 2, 8)
    return m.Report(
        m.Edition.NATIONAL_2021,
        m.Agency("示例市生态环境局"),
        2023,
        proactive=m.ProactiveTable(m.DocumentCounts(0, 0, 3), licensing=m.DecisionCount(17)),
        requests=m.RequestTable(received=counts, disclosed=counts, outcomes_total=counts),
        appeals=m.AppealsTable(review=m.AppealsGroup(1, 0, 0, 0, 1)),
    )


def _table(document: Any, report: m.Report, key: str, typo: dict[str, str], marks: dict[str, str]) -> None:
    grid = next(g for g in tables(report) if g.key == key)
    positions = grid_positions(grid)
    table = document.add_table(rows=len(positions), cols=grid.columns)
    done: set[int] = set()
    for r, row in enumerate(positions):
        for c, cell in enumerate(row):
            if cell is None or id(cell) in done:
                continue
            done.add(id(cell))
            target = table.cell(r, c)
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
            text = typo.get(cell.text, cell.text)
            if cell.path is not None and cell.value is None:
                text = marks.get(cell.path, "")
            target.text = text


def build_docx() -> bytes:
    report = _report()
    document = docx.Document()
    document.add_paragraph("示例市生态环境局2023年政府信息公开工作年度报告", style="Title")
    document.add_paragraph("本报告根据《中华人民共和国政府信息公开条例》编制。")
    document.add_heading("一、总体情况", level=1)
    bold = document.add_paragraph()
    bold.add_run("（一）主动公开情况").bold = True
    document.add_paragraph("全年主动公开信息1200条。")
    run_in = document.add_paragraph()
    run_in.add_run("（二）依申请公开情况。").bold = True
    run_in.add_run("全年收到申请8件。")
    document.add_heading("二、主动公开政府信息情况", level=1)
    _table(document, report, "proactive", {}, {"proactive.regulations.issued": "—"})
    document.add_heading("三、收到和处理政府信息公开申请情况", level=1)
    _table(
        document,
        report,
        "requests",
        {"4.保护第三方合法权益": "4.保护第三方合法权利"},
        {"requests.carried_over.natural_person": "/"},
    )
    document.add_heading("四、政府信息公开行政复议、行政诉讼情况", level=1)
    _table(document, report, "appeals", {}, {})
    document.add_heading("五、存在的主要问题及改进情况", level=1)
    document.add_paragraph("信息公开的及时性有待提高。")
    document.add_heading("六、其他需要报告的事项", level=1)
    document.add_paragraph("无。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_an_office_docx_imports() -> None:
    result = import_report(build_docx(), name="office.docx")
    report, original = result.report, _report()
    assert (report.agency.name, report.year, report.edition) == ("示例市生态环境局", 2023, m.Edition.NATIONAL_2021)
    assert report.proactive == original.proactive
    assert report.requests == original.requests
    assert report.appeals == original.appeals
    assert report.requests is not None
    assert report.requests.carried_over.natural_person is None
    overview = report.sections[0]
    assert overview.key == "overview"
    assert [(s.title, s.run_in) for s in overview.subsections] == [("主动公开情况", False), ("依申请公开情况。", True)]
    first = overview.subsections[1].body[0]
    assert isinstance(first, m.Paragraph)
    assert first.text == "全年收到申请8件。"
    assert [s.key for s in report.sections] == [
        "overview",
        "proactive",
        "requests",
        "appeals",
        "problems",
        "other_matters",
    ]


def test_a_mistyped_label_is_a_finding() -> None:
    result = import_report(build_docx(), name="office.docx")
    (note,) = result.record.by_kind("label")
    assert "4.保护第三方合法权利" in note.message
    assert "4.保护第三方合法权益" in note.message
    cell = next(c for c in result.record.cells if c.path == "requests.withheld.third_party_rights.total")
    assert cell.row_label == "4.保护第三方合法权利"
    labels = [f for f in validate(result.report) if f.code == "IMP-LABEL"]
    assert labels
    assert "保护第三方合法权利" in labels[0].message
    assert result.record.by_kind("blank")  # the "/" and "—" cells, read as blank
