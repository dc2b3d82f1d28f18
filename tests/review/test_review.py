"""The review pack: 问题清单 per unit (DOCX, XLSX), the batch summary, review rounds."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from govdisclosure import default_plugins
from govdisclosure.aggregate import assess, check_units, load_roster
from govdisclosure.cli import main
from govdisclosure.review import Review, review, write_review
from govdisclosure.review.items import HEADERS
from govdisclosure.testing.units import unit_reports, write_units
from govdisclosure.validation.acknowledgements import load_acknowledgements, load_reviews
from tests.review.planted import PLANTED, planted_report

RULES = default_plugins().rules.rules()

DATE = dt.date(2024, 2, 5)
OFFICE = "云澜市人民政府办公室"


def _review(reports: list, **kwargs: object) -> Review:  # type: ignore[type-arg]
    coverage = assess(
        check_units([(f"u{i}.yaml", r) for i, r in enumerate(reports)], rules=RULES), include_failing=True
    )
    return review(coverage, office=OFFICE, date=DATE, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def result() -> Review:
    return _review([*unit_reports(3), planted_report()])


def _errors(result: Review) -> list[tuple[str, str, str, str]]:
    pack = next(p for p in result.packs if p.unit == "云澜市第7单位")
    return [(i.code, i.location.table, i.location.row, i.location.column) for i in pack.items if i.severity == "错误"]


def test_the_three_planted_errors_are_listed_each_at_its_cell(result: Review) -> None:
    expected = [item for items in PLANTED.values() for item in items]
    assert sorted(_errors(result)) == sorted(expected)
    pack = next(p for p in result.packs if p.unit == "云澜市第7单位")
    for path, locations in PLANTED.items():
        for code, *_ in locations:
            assert any(i.code == code and path in i.paths for i in pack.items), (path, code)
    review_item = next(i for i in pack.items if "$.appeals.review.total" in i.paths)
    assert "行政复议" in review_item.message
    assert review_item.arithmetic.startswith("填报")
    assert "相差2" in review_item.arithmetic
    assert pack.errors == 4
    assert all(p.errors == 0 for p in result.packs if p.unit != "云澜市第7单位")


def _docx_rows(data: bytes) -> list[tuple[str, ...]]:
    import docx

    document = docx.Document(io.BytesIO(data))
    table = document.tables[0]
    return [tuple(cell.text for cell in row.cells) for row in table.rows]


def test_the_docx_reads_back_the_same_findings(result: Review) -> None:
    import docx

    from govdisclosure.review.pack import unit_docx

    pack = next(p for p in result.packs if p.unit == "云澜市第7单位")
    data = unit_docx(pack)
    rows = _docx_rows(data)
    assert rows[0] == HEADERS
    assert rows[1:] == [item.cells() for item in pack.items]
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["云澜市第7单位", "2023年政府信息公开工作年度报告问题清单"]
    assert any(t.startswith("审核结论：未通过。发现错误4项") for t in texts)
    assert OFFICE in texts
    assert "二〇二四年二月五日" in texts
    # The official layout: A4 and the 公文 body face from the DOCX exporter's styles.
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    body = document.styles["Body Text"].element.rPr.rFonts
    assert body.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋_GB2312"
    # The unit's own tables follow, as the exporter draws them: 3 tables plus the list.
    assert len(document.tables) == 4
    assert unit_docx(pack) == data  # the same pack gives the same bytes


def test_the_xlsx_reads_back_the_same_findings_and_marks_the_cells(result: Review) -> None:
    import openpyxl

    from govdisclosure.review.pack import unit_xlsx

    pack = next(p for p in result.packs if p.unit == "云澜市第7单位")
    workbook = openpyxl.load_workbook(io.BytesIO(unit_xlsx(pack)))
    assert workbook.sheetnames == ["问题清单", "二、主动公开", "三、申请处理", "四、复议诉讼", "审核记录"]
    record = list(workbook["审核记录"].iter_rows(min_row=2, values_only=True))
    assert [(row[1], row[2]) for row in record] == [(item.code, item.fingerprint) for item in pack.items]
    sheet = workbook["问题清单"]
    rows = [tuple("" if v is None else str(v) for v in row) for row in sheet.iter_rows(values_only=True)]
    start = rows.index(HEADERS)
    assert rows[start + 1 : start + 1 + len(pack.items)] == [item.cells() for item in pack.items]
    appeals = workbook["四、复议诉讼"]
    marked = {(c.row, c.column): c.comment.text for row in appeals.iter_rows() for c in row if c.comment is not None}
    # Row 4 holds the data; 复议 总计 is column 5, 直接起诉 总计 column 10.
    assert set(marked) >= {(4, 5), (4, 10)}
    assert "行政复议" in marked[(4, 5)]
    requests = workbook["三、申请处理"]
    cell = next(c for row in requests.iter_rows() for c in row if c.comment and "1.属于国家秘密" in c.comment.text)
    assert requests.cell(row=cell.row, column=3).value == "1.属于国家秘密"
    assert cell.column == 4  # 自然人


def test_the_summary_has_a_row_per_unit_with_the_key_figures(tmp_path: Path) -> None:
    import openpyxl

    reports = [*unit_reports(3), planted_report()]
    roster = tmp_path / "roster.yaml"
    roster.write_text("".join(f"- 云澜市第{i}单位\n" for i in (0, 1, 2, 7, 9)), encoding="utf-8")
    coverage = assess(check_units([(f"u{i}.yaml", r) for i, r in enumerate(reports)], rules=RULES), load_roster(roster))
    result = review(coverage, office=OFFICE, date=DATE)
    written = write_review(result, tmp_path / "pack")
    assert {p.name for p in written} >= {"审核汇总表.xlsx", "审核汇总表.html"}
    assert len([p for p in written if p.suffix == ".docx"]) == 4
    sheet = openpyxl.load_workbook(tmp_path / "pack" / "审核汇总表.xlsx")["汇总"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert [row[1] for row in rows] == [
        "云澜市第0单位",
        "云澜市第1单位",
        "云澜市第2单位",
        "云澜市第7单位",
        "云澜市第9单位",
    ]
    planted = rows[3]
    report = reports[3]
    assert planted[4] == "未通过"
    assert planted[5] == 4
    assert report.requests is not None
    assert planted[7] == report.requests.received.total
    assert planted[8] == report.appeals.review.corrected  # type: ignore[union-attr]
    assert planted[9] == report.appeals.computed_litigation.corrected  # type: ignore[union-attr]
    assert planted[10] == report.requests.carried_forward.total
    assert rows[4][2] == "缺报"
    assert rows[4][4] == "缺报"
    page = (tmp_path / "pack" / "审核汇总表.html").read_text(encoding="utf-8")
    assert "<svg" in page
    assert "<script" not in page
    assert 'src="http' not in page
    assert "<link" not in page
    assert page.count("<tr") == 6
    assert 'class="fail"' in page
    assert 'class="missing"' in page


def test_rounds_are_recorded_and_the_next_run_shows_what_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ack = tmp_path / "ack.yaml"
    ack.write_text("# reviewed by the office\nacknowledgements: []\n", encoding="utf-8")
    first = write_units(tmp_path / "round1", [*unit_reports(2), planted_report()])
    common = ["--ack", str(ack), "--record", "--office", OFFICE]
    assert main(["review", *first, *common, "--date", "2024-02-05", "-o", str(tmp_path / "r1")]) == 1
    rounds = load_reviews(ack)
    assert [r.number for r in rounds] == [1]
    returned = next(u for u in rounds[0].units if u.unit == "云澜市第7单位")
    assert returned.status == "returned"
    assert {f.code for f in returned.findings if f.status == "returned"} >= {"T4-GROUP-TOTAL", "T3-ROW-TOTAL"}
    assert load_acknowledgements(ack) == ()  # an old reader still reads the file
    assert ack.read_text(encoding="utf-8").startswith("# reviewed by the office\n")
    # The unit corrects its report and sends it again.
    second = write_units(tmp_path / "round2", [*unit_reports(2), unit_reports(8)[7]])
    capsys.readouterr()
    assert main(["review", *second, *common, "--date", "2024-02-20", "-o", str(tmp_path / "r2")]) == 0
    rounds = load_reviews(ack)
    assert [r.number for r in rounds] == [1, 2]
    rechecked = next(u for u in rounds[1].units if u.unit == "云澜市第7单位")
    assert rechecked.status == "rechecked"
    assert {f.code for f in rechecked.findings if f.status == "corrected"} == {
        "T4-GROUP-TOTAL", "T3-ROW-TOTAL", "T3-OUTCOMES-TOTAL"
    }  # fmt: skip
    import docx

    [pack] = (tmp_path / "r2" / "units").glob("003-*.docx")
    texts = [p.text for p in docx.Document(str(pack)).paragraphs]
    assert "审核情况：第1轮退回；已更正4项，仍存在1项，新发现0项" in texts
    assert "二、上轮退回后已更正的问题" in texts


def test_review_refuses_unusable_input_without_writing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    names = write_units(tmp_path / "units", unit_reports(2))
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "keep.txt").write_text("x", encoding="utf-8")
    assert main(["review", *names, "-o", str(tmp_path / "busy")]) == 2
    assert "is not an empty folder" in capsys.readouterr().err
    assert main(["review", *names, "--record", "-o", str(tmp_path / "out")]) == 2
    assert "--record needs --ack FILE" in capsys.readouterr().err
    bad_ack = tmp_path / "ack.yaml"
    bad_ack.write_text(
        "acknowledgements: []\nreviews:\n  - round: 1\n    units:\n      - unit: 甲\n        status: lost\n",
        encoding="utf-8",
    )
    assert main(["review", *names, "--ack", str(bad_ack), "-o", str(tmp_path / "out")]) == 2
    assert "ack.yaml:5: $.reviews[0].units[0].status: expected one of returned" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
