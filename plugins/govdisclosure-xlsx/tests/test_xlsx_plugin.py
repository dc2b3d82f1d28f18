"""govdisclosure-xlsx: the contract, and the workbook read back as a supervising office would."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from govdisclosure_xlsx import XlsxExporter

import govdisclosure
from govdisclosure.testing import ExporterContract, sample_report

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


class TestXlsxContract(ExporterContract):
    exporter_class = XlsxExporter
    entry_point_name = "xlsx"


def _workbook(name: str) -> openpyxl.Workbook:
    report = govdisclosure.load(EXAMPLES / f"{name}.yaml")
    return openpyxl.load_workbook(io.BytesIO(govdisclosure.render(report, "xlsx")))


def test_sheets_and_official_merged_headers() -> None:
    workbook = _workbook("huaian-city-2024")
    assert workbook.sheetnames == ["报告信息", "二、主动公开", "三、申请处理", "四、复议诉讼"]
    requests = workbook["三、申请处理"]
    merged = {str(r) for r in requests.merged_cells.ranges}
    assert {"A1:C3", "D1:J1", "D2:D3", "E2:I2", "J2:J3", "A4:C4", "A5:C5", "A6:A27", "B6:C6", "B8:B15"} <= merged
    assert requests["A1"].value == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert requests["D1"].value == "申请人情况"
    assert requests["E2"].value == "法人或其他组织"
    assert [requests.cell(row=3, column=c).value for c in range(5, 10)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    appeals = workbook["四、复议诉讼"]
    assert {"A1:E1", "F1:O1", "F2:J2", "K2:O2", "A2:A3"} <= {str(r) for r in appeals.merged_cells.ranges}
    assert [appeals.cell(row=4, column=c).value for c in range(1, 16)] == [
        72,
        64,
        178,
        37,
        351,
        13,
        4,
        8,
        1,
        26,
        12,
        1,
        1,
        6,
        20,
    ]


def test_numbers_are_numbers_in_their_cells() -> None:
    workbook = _workbook("huaian-city-2024")
    requests = workbook["三、申请处理"]
    assert [requests.cell(row=4, column=c).value for c in range(1, 11)] == [
        "一、本年新收政府信息公开申请数量", None, None, 3001, 53, 0, 0, 61, 4, 3119,
    ]  # fmt: skip
    proactive = workbook["二、主动公开"]
    values = [cell.value for row in proactive.iter_rows() for cell in row if isinstance(cell.value, int | float)]
    assert 447228 in values
    assert 96171.6 in values


def test_trial_layout_and_blank_cells() -> None:
    workbook = _workbook("county-trial-2020")
    requests = workbook["三、申请处理"]
    assert requests.max_row == 3 + 23
    assert requests.cell(row=24, column=2).value == "（六）其他处理"
    report = sample_report()
    assert report.requests is not None
    import attrs

    blank = attrs.evolve(
        report, requests=attrs.evolve(report.requests, carried_over=govdisclosure.model.ApplicantCounts())
    )
    sheet = openpyxl.load_workbook(io.BytesIO(govdisclosure.render(blank, "xlsx")))["三、申请处理"]
    assert [sheet.cell(row=5, column=c).value for c in range(4, 11)] == [None] * 7


def test_rendered_through_the_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "govdisclosure", "render", str(EXAMPLES / "huaian-city-2024.yaml"),
         "--to", "xlsx", "-o", str(tmp_path)],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert openpyxl.load_workbook(tmp_path / "huaian-city-2024.xlsx").sheetnames[1] == "二、主动公开"


@pytest.mark.parametrize("name", ["harbin-qts-2011"])
def test_a_legacy_report_has_only_its_information_sheet(name: str) -> None:
    assert _workbook(name).sheetnames == ["报告信息"]


def test_verify_checks_a_workbook_through_the_plugin(tmp_path: Path) -> None:
    """govdisclosure verify knows nothing of XLSX: it asks the plugin's exporter to read its own file."""
    import zipfile

    from govdisclosure.cli import main

    book = tmp_path / "huaian.xlsx"
    govdisclosure.render_file(govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml"), book)
    result = govdisclosure.verify_file(book)
    assert result.kind == "xlsx"
    assert result.ok, result.checks
    assert main(["verify", str(book)]) == 0

    # A number changed in a sheet (the data left alone) is caught by the visible-table check.
    from openpyxl import load_workbook

    workbook = load_workbook(book)
    sheet = workbook["三、申请处理"]
    cell = next(c for row in sheet.iter_rows() for c in row if isinstance(c.value, int) and c.value > 100)
    cell.value += 1
    edited = tmp_path / "edited.xlsx"
    workbook.save(edited)
    with zipfile.ZipFile(book) as original, zipfile.ZipFile(edited, "a") as target:
        if "govdisclosure/report.json" not in target.namelist():
            target.writestr("govdisclosure/report.json", original.read("govdisclosure/report.json"))
    changed = govdisclosure.verify_file(edited)
    assert not changed.ok
    assert main(["verify", str(edited)]) == 1


def test_a_format_that_embeds_nothing_says_it_cannot_be_verified(tmp_path: Path) -> None:
    page = tmp_path / "huaian.html"
    govdisclosure.render_file(govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml"), page)
    result = govdisclosure.verify_file(page)
    assert result.kind == "unknown"
    assert not result.ok
    ((check, passed),) = result.checks
    assert not passed
    assert check.startswith("the file is of a format whose data can be verified (")
    listed = check.partition("(")[2].rstrip(")").split(", ")
    assert {"docx", "pdf", "xlsx"} <= set(listed)  # and other installed plugins' formats, in loading order
