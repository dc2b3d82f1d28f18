"""The bundled examples load, hold what their sources say, and their tables add up."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import govdisclosure
from govdisclosure import model as m
from govdisclosure.chinese import format_date, heading_number
from tests.helpers import DATA, EXAMPLES

ALL = sorted(EXAMPLES.glob("*.yaml"))


def test_there_are_four_examples() -> None:
    assert {p.name for p in ALL} == {
        "harbin-qts-2011.yaml",
        "huaian-city-2024.yaml",
        "city-department-2023.yaml",
        "county-trial-2020.yaml",
    }


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_example_loads_and_round_trips(path: Path) -> None:
    report = govdisclosure.load(path)
    assert govdisclosure.loads(govdisclosure.dumps_json(report), format="json") == report


@pytest.mark.parametrize("path", [p for p in ALL if "harbin" not in p.name], ids=lambda p: p.stem)
def test_national_example_tables_add_up(path: Path) -> None:
    report = govdisclosure.load(path)
    table = report.requests
    assert table is not None
    for name, row in table.rows():
        assert row.total == row.computed_total, name
    assert table.outcomes_total == table.computed_outcomes_total
    for column in ("natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
                   "legal_service_org", "other_org", "total"):  # fmt: skip
        left = getattr(table.received, column) + getattr(table.carried_over, column)
        right = getattr(table.outcomes_total, column) + getattr(table.carried_forward, column)
        assert left == right, column
    assert isinstance(report.appeals, m.AppealsTable)
    for name, group in report.appeals.groups():
        assert group.total == group.computed_total, name
    assert report.find_section("overview") is not None
    assert [s.key for s in report.sections] == [
        "overview",
        "proactive",
        "requests",
        "appeals",
        "problems",
        "other_matters",
    ]


def test_trial_example_uses_the_trial_tables() -> None:
    report = govdisclosure.load(EXAMPLES / "county-trial-2020.yaml")
    assert report.edition is m.Edition.NATIONAL_2019_TRIAL
    assert isinstance(report.proactive, m.TrialProactiveTable)
    assert report.requests is not None
    assert report.requests.other_handling_is_single_row
    assert any(
        row.change is not None and row.change < 0
        for row in (report.proactive.licensing, report.proactive.penalties, report.proactive.fees)
    )


def test_huaian_every_number_as_printed(huaian: m.Report) -> None:
    numbers = json.loads((DATA / "huaian-city-2024.numbers.json").read_text(encoding="utf-8"))
    table = huaian.requests
    assert table is not None
    printed_rows = list(numbers["table3_applications"]["rows"].values())
    assert [list(row.cells()) for _, row in table.rows()] == printed_rows
    proactive = huaian.proactive
    assert isinstance(proactive, m.ProactiveTable)
    t2 = numbers["table2_active_disclosure"]
    first = t2["第二十条第（一）项"]
    assert (proactive.regulations.issued, proactive.regulations.repealed, proactive.regulations.in_force) == tuple(
        first["规章"].values()
    )
    assert (
        proactive.normative_documents.issued,
        proactive.normative_documents.repealed,
        proactive.normative_documents.in_force,
    ) == tuple(first["行政规范性文件"].values())
    assert proactive.licensing.decisions == t2["第二十条第（五）项"]["行政许可"]["本年处理决定数量"]
    assert proactive.penalties.decisions == t2["第二十条第（六）项"]["行政处罚"]["本年处理决定数量"]
    assert proactive.enforcement.decisions == t2["第二十条第（六）项"]["行政强制"]["本年处理决定数量"]
    assert proactive.fees.amount_10k_yuan == Decimal("96171.6")
    appeals = huaian.appeals
    assert isinstance(appeals, m.AppealsTable)
    t4 = numbers["table4_review_litigation"]
    for (_, group), key in zip(
        appeals.groups(), ("行政复议", "行政诉讼/未经复议直接起诉", "行政诉讼/复议后起诉"), strict=True
    ):
        assert list(group.cells()) == list(t4[key].values())
    assert huaian.metric("processing_fees") == m.Metric("processing_fees", "信息处理费", Decimal(3940), "元")


def _printed_lines(report: m.Report) -> list[str]:
    """The report's text as it reads on paper, one line per heading, paragraph and list item."""
    lines = [report.agency.name, report.title or ""]
    if report.published_on:
        lines.append(format_date(report.published_on))

    def blocks(body: tuple[m.Block, ...]) -> list[str]:
        out = []
        for block in body:
            if isinstance(block, m.Paragraph):
                out.append(block.text)
            else:
                out += [f"{i + 1}.{item}" for i, item in enumerate(block.items)]
        return out

    lines += blocks(report.preamble)
    for position, section in report.walk_sections():
        lines.append(heading_number(len(position), position[-1]) + section.title)
        lines += blocks(section.body)
    return lines


def test_seed_prose_is_kept_word_for_word_and_in_order(seed: m.Report) -> None:
    original = (DATA / "seed-harbin-qts-2011.txt").read_text(encoding="utf-8").splitlines()
    original = [line.strip(" \xa0\u3000") for line in original if line.strip(" \xa0\u3000")]
    assert _printed_lines(seed) == original


def test_seed_facts_are_data(seed: m.Report) -> None:
    assert seed.edition is m.Edition.LEGACY_2008
    assert (seed.agency.name, seed.year) == ("哈尔滨市质量技术监督局", 2011)
    assert format_date(seed.published_on) == "二〇一二年三月二日"  # type: ignore[arg-type]
    assert seed.agency.website == "http://www.hrbqts.gov.cn"
    proactive = seed.proactive
    assert isinstance(proactive, m.LegacyProactive)
    assert [(c.name, c.count, c.unit) for c in proactive.channels] == [
        ("中国哈尔滨政务公开信息网", 375, "条"),
        ("部门网站", 590, "条"),
        ("行政服务大厅", 367, "条"),
        ("市政府信息查阅中心", 309, "条"),
        ("触摸屏和电子大屏幕", 1556, "条"),
        ("新闻媒体", 1614, "篇"),
    ]
    assert proactive.total_items == 4811
    assert {m.key: m.value for m in seed.metrics} == {
        "complaints_12365": 211,
        "mayor_hotline_cases": 212,
        "mayor_hotline_completion_rate": 100,
    }
    office = seed.contacts.request_office
    assert office == m.Contact(
        name="哈尔滨市质监局政府信息公开办公室",
        address="哈尔滨市南岗区中山路203号",
        postcode="150001",
        phone="82805738",
        fax="82805728",
    )
    assert seed.contacts.oversight_body == m.Contact(phone="12365")
    assert seed.appeals == m.LegacyAppeals(reviews=0, lawsuits=0)
    organisation = seed.organisation
    assert organisation is not None
    assert organisation.leading_group is not None
    assert organisation.leading_group.leader == m.Person("马力实", "局长")
    assert [w.kind for w in organisation.work_systems] == [
        m.WorkSystemKind.REVIEW,
        m.WorkSystemKind.ASSESSMENT,
        m.WorkSystemKind.ACCOUNTABILITY,
        m.WorkSystemKind.EVALUATION,
    ]
    assert organisation.catalogue == m.Publication("政府信息公开目录", ("中国哈尔滨政务公开信息网", "局信息网"))
    assert organisation.guide is not None
    assert organisation.guide.title == "哈尔滨市质量技术监督局政务公开服务指南"
    assert [i.title for i in organisation.channel_measures] == [
        "充分利用信息网作用", "及时报送发布信息", "建立政府信息查询场所", "联合新闻媒体",
    ]  # fmt: skip
    assert len(seed.problems) == 4
    assert [i.title for i in seed.improvements] == [
        "提高认识，进一步规范工作流程。",
        "建立制度，进一步完善监督制约机制。",
        "创新模式，进一步探索公开方式方法。",
    ]
    assert [(a.short, a.full) for a in seed.abbreviations] == [
        ("《条例》", "《中华人民共和国政府信息公开条例》"),
        ("《细则》", "《哈尔滨市政务公开规定实施细则》"),
    ]
    # every fact given as data is stated in the prose it came from
    prose = "".join(_printed_lines(seed))
    for channel in proactive.channels:
        assert f"{channel.count}" in prose
    for item in (*seed.problems, *organisation.channel_measures):
        assert item.text is not None
        assert item.text[:12] in prose
