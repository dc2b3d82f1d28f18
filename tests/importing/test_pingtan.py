"""The three real pages of 平潭 import with every table number as the page prints it.

The expected numbers are read from the pages independently of the importer: each data row
of the page's tables lists its numbers in the template's order (the notes say every
template row is present, in order), so the numbers in document order are the official
cells in order.  A few are also written out by hand from the notes' spot checks.  The
anomalies the notes describe show up in the import record or as findings.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from govdisclosure import model as m
from govdisclosure import validate
from govdisclosure.importing import import_report
from govdisclosure.layout import tables
from tests.importing.helpers import printed_text

PINGTAN = Path("/work/shared/real/pingtan")
if not PINGTAN.exists():  # pragma: no cover - the shared data lives beside the repository
    PINGTAN = Path(__file__).parents[3] / "shared" / "real" / "pingtan"
pytestmark = pytest.mark.skipif(not PINGTAN.exists(), reason="the shared real pages are not available")


def page_numbers(name: str) -> list[list[Decimal]]:
    """Per table of the page, its numbers in document order, read with a regular expression."""
    html = (PINGTAN / name).read_text(encoding="utf-8")
    found = []
    for table in re.findall(r"<table.*?</table>", html, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", table, re.S)
        texts = [re.sub(r"<[^>]+>|&nbsp;|\s", "", cell) for cell in cells]
        found.append([Decimal(t.removesuffix("元")) for t in texts if re.fullmatch(r"\d+(\.\d+)?元?", t)])
    return found


def imported_numbers(report: m.Report) -> list[list[Decimal]]:
    """Per printed table, the imported values in the template's order."""
    return [[Decimal(cell.value) for cell in grid.data_cells() if cell.value is not None] for grid in tables(report)]


@pytest.mark.parametrize("name", ["2021.html", "2019.html"])
def test_every_table_number_is_the_pages(name: str) -> None:
    result = import_report(PINGTAN / name)
    assert imported_numbers(result.report) == page_numbers(name)
    assert all(cell.value is not None for grid in tables(result.report) for cell in grid.data_cells())


def test_2021_edition_metadata_and_hand_checked_numbers() -> None:
    report = import_report(PINGTAN / "2021.html").report
    assert report.edition is m.Edition.NATIONAL_2021
    assert (report.agency.name, report.year) == ("平潭综合实验区", 2021)
    assert str(report.published_on) == "2022-02-08"
    proactive = report.proactive
    assert isinstance(proactive, m.ProactiveTable)
    assert proactive.licensing.decisions == 2293
    assert (proactive.penalties.decisions, proactive.enforcement.decisions) == (1282, 42)
    assert proactive.fees.amount_10k_yuan == Decimal("24252.311082")
    requests = report.requests
    assert requests is not None
    assert (requests.received.natural_person, requests.received.total) == (64, 70)
    assert (requests.disclosed.natural_person, requests.disclosed.total) == (27, 30)
    not_held = requests.cannot_provide.not_held
    assert (not_held.natural_person, not_held.other_org, not_held.total) == (22, 3, 25)
    assert (requests.outcomes_total.natural_person, requests.outcomes_total.total) == (63, 69)
    assert requests.carried_forward.total == 1
    assert isinstance(report.appeals, m.AppealsTable)
    assert (report.appeals.review.total, report.appeals.litigation_direct.total) == (3, 12)
    assert [s.key for s in report.sections] == [
        "overview",
        "proactive",
        "requests",
        "appeals",
        "problems",
        "other_matters",
    ]


def test_2021_wrong_header_merge_is_recorded_and_reported() -> None:
    result = import_report(PINGTAN / "2021.html")
    notes = result.record.by_kind("doubtful")
    assert any("自然人" in note.message and "合并" in note.message for note in notes)
    codes = {f.code for f in validate(result.report)}
    assert "IMP-DOUBT" in codes
    cell = next(c for c in result.record.cells if c.path == "requests.received.commercial_enterprise")
    assert (cell.table, cell.row, cell.column, cell.text) == (2, 4, 5, "0")  # the colspan=2 cell under 商业企业


def test_2019_trial_layout_and_its_anomalies() -> None:
    result = import_report(PINGTAN / "2019.html")
    report = result.report
    assert report.edition is m.Edition.NATIONAL_2019_TRIAL
    assert isinstance(report.proactive, m.TrialProactiveTable)
    assert report.proactive.normative_documents.produced == 89
    assert report.proactive.procurement.amount == Decimal("75394432.52")
    assert report.proactive.procurement.amount_unit == "元"
    assert report.requests is not None
    assert report.requests.other_handling_is_single_row
    assert report.requests.outcomes_total.total == 23
    # 三、本年度办理结果 printed twice (anomaly 1); the cells with stray &nbsp; read as numbers (anomaly 9)
    assert any("三、本年度办理结果" in n.message for n in result.record.by_kind("repeated"))
    nbsp_cell = next(c for c in result.record.cells if c.path == "requests.received.commercial_enterprise")
    assert nbsp_cell.text == "0"
    assert str(report.published_on) == "2020-01-20"


def test_2013_legacy_prose_with_its_statistics_table_unplaced() -> None:
    result = import_report(PINGTAN / "county-2013.html")
    report = result.report
    assert report.edition is m.Edition.LEGACY_2008
    assert (report.agency.name, report.year) == ("平潭县人民政府", 2013)
    assert report.requests is None
    assert report.proactive is None
    assert [n for n in result.record.by_kind("unplaced") if "指标名称" in n.message]
    assert "IMP-UNPLACED" in {f.code for f in validate(report)}
    text = "".join(t for _, t in report.texts())
    assert "本报告所列数据的统计期限自至。" in text  # anomaly 1 kept as printed


@pytest.mark.parametrize("name", ["2021.html", "2019.html", "county-2013.html"])
def test_every_character_of_the_prose_is_kept(name: str) -> None:
    """The page's paragraph text (tags and padding removed) is the imported text, in order."""
    html = (PINGTAN / name).read_text(encoding="utf-8")
    html = re.sub(r"<!--.*?-->|<table.*?</table>|<title>.*?</title>", "", html, flags=re.S)
    page = re.sub(r"\s|\u3000|\xa0", "", re.sub(r"<[^>]+>", "", html).replace("&nbsp;", ""))
    report = import_report(PINGTAN / name).report
    imported = re.sub(r"\s|\u3000|\xa0", "", "".join(printed_text(report)))
    assert imported == page
