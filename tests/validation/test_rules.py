"""Every built-in rule: a report that passes it and reports that fail it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import govdisclosure
from govdisclosure import model as m
from govdisclosure import validate
from govdisclosure.plugins import get_plugin_manager
from govdisclosure.testing import sample_report
from govdisclosure.validation import Finding, Severity, Status
from tests.helpers import EXAMPLES

N21, TRIAL, LEGACY = m.Edition.NATIONAL_2021, m.Edition.NATIONAL_2019_TRIAL, m.Edition.LEGACY_2008


def codes(report: m.Report, previous: m.Report | None = None) -> list[str]:
    return [f.code for f in validate(report, previous)]


def only(report: m.Report, code: str, previous: m.Report | None = None) -> list[Finding]:
    return [f for f in validate(report, previous) if f.code == code]


def with_requests(report: m.Report, **changes: object) -> m.Report:
    assert report.requests is not None
    return attrs.evolve(report, requests=attrs.evolve(report.requests, **changes))


def with_text(report: m.Report, key: str, *paragraphs: str) -> m.Report:
    sections = tuple(
        attrs.evolve(s, body=tuple(m.Paragraph(p) for p in paragraphs)) if s.key == key else s for s in report.sections
    )
    return attrs.evolve(report, sections=sections)


@pytest.mark.parametrize("edition", list(m.Edition))
def test_the_sample_reports_pass_every_rule(edition: m.Edition) -> None:
    assert codes(sample_report(edition)) == []


def test_the_realistic_examples() -> None:
    assert codes(govdisclosure.load(EXAMPLES / "city-department-2023.yaml")) == []
    assert codes(govdisclosure.load(EXAMPLES / "county-trial-2020.yaml")) == []
    huaian = validate(govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml"))
    assert not huaian.has_errors  # its numbers are consistent
    assert [f.code for f in huaian] == ["DEADLINE", "SECTIONS"]  # no date printed; no 考核/评议/责任追究


# ----------------------------------------------------------------------------- Table 3 and 4


def test_row_total() -> None:
    report = sample_report()
    bad = with_requests(report, received=m.ApplicantCounts(40, 6, 0, 0, 2, 0, 49))
    (finding,) = only(bad, "T3-ROW-TOTAL")
    assert finding.severity is Severity.ERROR
    assert finding.status is Status.FAILED
    assert finding.evidence is not None
    assert (finding.evidence.left, finding.evidence.right, finding.evidence.difference) == (49, 48, 1)
    assert "$.requests.received.natural_person" in finding.paths
    assert "一、本年新收政府信息公开申请数量" in finding.message
    blank = with_requests(report, received=m.ApplicantCounts(40, None, 0, 0, 2, 0, 48))
    (failed,) = only(blank, "T3-ROW-TOTAL")  # 40 + 0 + 2 ≠ 48: wrong even with the blank read as 0
    assert failed.status is Status.FAILED
    assert "空格按0计" in failed.message


def test_outcomes_total() -> None:
    report = sample_report()
    assert report.requests is not None
    bad = with_requests(report, disclosed=m.ApplicantCounts(21, 2, 0, 0, 2, 0, 25))
    findings = only(bad, "T3-OUTCOMES-TOTAL")
    assert [f.evidence.left - f.evidence.right for f in findings if f.evidence] == [-1, -1]  # type: ignore[operator]
    assert {f.paths[0] for f in findings} == {
        "$.requests.outcomes_total.natural_person",
        "$.requests.outcomes_total.total",
    }


def test_balance() -> None:
    report = sample_report()
    bad = with_requests(report, carried_forward=m.ApplicantCounts(3, 0, 0, 0, 0, 0, 3))
    findings = only(bad, "T3-BALANCE")
    assert len(findings) == 2  # natural_person and total columns
    assert "第一项加第二项之和，等于第三项加第四项之和" in findings[0].message
    assert findings[0].evidence is not None
    assert (findings[0].evidence.left, findings[0].evidence.right) == (43, 44)


def test_trial_single_row_arithmetic() -> None:
    report = sample_report(TRIAL)
    assert codes(report) == []
    bad = with_requests(report, other_handling=m.ApplicantCounts(2, 0, 0, 0, 0, 0, 2))
    assert codes(bad) == ["T3-OUTCOMES-TOTAL", "T3-OUTCOMES-TOTAL"]  # natural_person and total columns


def test_appeals_totals() -> None:
    report = sample_report()
    assert isinstance(report.appeals, m.AppealsTable)
    bad = attrs.evolve(report, appeals=attrs.evolve(report.appeals, review=m.AppealsGroup(2, 1, 0, 1, 5)))
    (finding,) = only(bad, "T4-GROUP-TOTAL")
    assert finding.paths[-1] == "$.appeals.review.total"
    assert "表四“行政复议”" in finding.message


def test_blank_cells() -> None:
    report = sample_report()
    bad = with_requests(report, carried_over=m.ApplicantCounts(3, 0, None, 0, 0, 0, 3))
    (finding,) = only(bad, "BLANK-CELLS")
    assert finding.paths == ("$.requests.carried_over.research_institution",)
    assert "空格显然表示0" in finding.message  # the table adds up with the blank read as 0
    wrong = with_requests(report, carried_over=m.ApplicantCounts(3, 0, None, 0, 0, 0, 4))
    assert "不等于0" in only(wrong, "BLANK-CELLS")[0].message
    empty = attrs.evolve(report, appeals=m.AppealsTable())
    assert "表四一个数字也没有填写" in only(empty, "BLANK-CELLS")[0].message


# ----------------------------------------------------------------------------- Table 2 and editions


def test_regulations_reported_by_a_department() -> None:
    report = sample_report()
    assert isinstance(report.proactive, m.ProactiveTable)
    bad = attrs.evolve(report, proactive=attrs.evolve(report.proactive, regulations=m.DocumentCounts(2, 0, 6)))
    (finding,) = only(bad, "T2-REGULATIONS-POWER")
    assert finding.paths == ("$.proactive.regulations.issued", "$.proactive.regulations.in_force")
    city = attrs.evolve(bad, agency=m.Agency("某市人民政府", m.AgencyKind.GOVERNMENT, m.AgencyLevel.PREFECTURE))
    assert only(city, "T2-REGULATIONS-POWER") == []
    township = attrs.evolve(bad, agency=m.Agency("某镇人民政府", m.AgencyKind.TOWNSHIP))
    assert len(only(township, "T2-REGULATIONS-POWER")) == 1


def test_edition_mix() -> None:
    current, trial = sample_report(N21), sample_report(TRIAL)
    mixed = attrs.evolve(current, proactive=trial.proactive)
    assert [f.paths for f in only(mixed, "EDITION-MIX")] == [("$.proactive",)]
    hongze = with_requests(current, other_handling=m.ApplicantCounts(1, 0, 0, 0, 0, 0, 1))  # 洪泽区 2023
    (finding,) = only(hongze, "EDITION-MIX")
    assert "（六）其他处理" in finding.message
    assert only(hongze, "T3-BALANCE") == []  # reported apart from the arithmetic
    assert only(attrs.evolve(trial, proactive=current.proactive), "EDITION-MIX")
    assert only(attrs.evolve(current, edition=LEGACY, year=2015), "EDITION-MIX")


def test_edition_year() -> None:
    report = sample_report()
    assert only(attrs.evolve(report, year=2020, published_on=dt.date(2021, 1, 20)), "EDITION-YEAR")
    trial_in_2022 = attrs.evolve(sample_report(TRIAL), year=2022, published_on=dt.date(2023, 1, 20))  # 衡东县杨林镇
    (finding,) = only(trial_in_2022, "EDITION-YEAR")
    assert "2022年度的报告应使用2021年格式" in finding.message


# ----------------------------------------------------------------------------- report


def test_deadline() -> None:
    report = sample_report()
    late = attrs.evolve(report, published_on=dt.date(2024, 2, 5))
    (finding,) = only(late, "DEADLINE")
    assert "逾期5天" in finding.message
    government = attrs.evolve(late, agency=m.Agency("某市人民政府", m.AgencyKind.GOVERNMENT, m.AgencyLevel.PREFECTURE))
    assert only(government, "DEADLINE") == []  # governments have until 31 March
    (unknown,) = only(attrs.evolve(report, published_on=None), "DEADLINE")
    assert unknown.status is Status.UNDETERMINED
    legacy = sample_report(LEGACY)
    assert only(attrs.evolve(legacy, published_on=dt.date(2012, 4, 1)), "DEADLINE")


def test_published_before_the_year_ended() -> None:
    (finding,) = only(attrs.evolve(sample_report(), published_on=dt.date(2023, 12, 30)), "PUBLISHED-EARLY")
    assert finding.severity is Severity.ERROR


def test_sections() -> None:
    report = sample_report()
    missing = attrs.evolve(report, sections=report.sections[:4])
    (finding,) = only(missing, "SECTIONS")
    assert "“存在的主要问题及改进情况”、“其他需要报告的事项”" in finding.message
    assert "没有正文" in only(attrs.evolve(report, sections=()), "SECTIONS")[0].message
    government = attrs.evolve(report, agency=m.Agency("某县人民政府", m.AgencyKind.GOVERNMENT, m.AgencyLevel.COUNTY))
    (finding,) = only(government, "SECTIONS")
    assert "工作考核、社会评议和责任追究" in finding.message
    covered = with_text(government, "overview", "纳入年度考核，开展社会评议，本年度未发生追究责任的情况。")
    assert only(covered, "SECTIONS") == []


def test_processing_fees() -> None:
    report = with_text(sample_report(), "other_matters", "无其他需要报告的事项。")
    assert only(report, "FEES-REPORTED")[0].severity is Severity.INFO
    fee = m.Metric("processing_fees", "信息处理费", Decimal(0), "元")
    assert only(attrs.evolve(report, metrics=(fee,)), "FEES-REPORTED") == []


# ----------------------------------------------------------------------------- prose against tables


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本年新收政府信息公开申请48件，上年结转3件，办结49件，结转下年度继续办理2件。", []),
        ("本年新收政府信息公开申请50件。", ["received"]),
        (
            "全年共受理政府信息公开申请48件，答复47件（含上年度结转申请3件，另有2件顺延到下年度答复）。",
            ["outcomes_total"],
        ),
        ("其中予以公开24件，部分公开6件，不予公开4件，无法提供12件，不予处理2件，其他处理1件。", []),
        ("其中予以公开24件，不予公开5件，无法提供11件。", ["withheld", "cannot_provide"]),
        ("被申请行政复议4件，其中结果维持2件，结果纠正1件，其他结果0件，尚未审结1件；被提起行政诉讼2件。", []),
        (
            "被申请行政复议5件，其中结果维持3件；被提起行政诉讼3件（未经复议直接起诉1件、复议后起诉1件）。",
            ["review", "litigation", "upheld"],
        ),
        ("另有5件因临近年底，结转至2024年继续办理。", ["carried_forward"]),
        ("制发行政规范性文件3件，废止1件，现行有效41件；全年公开行政许可决定310件、行政处罚决定96件。", []),
        ("全年公开行政许可决定311件。", ["licensing"]),
    ],
)
def test_prose_figures(text: str, expected: list[str]) -> None:
    report = with_text(sample_report(), "overview", text)
    findings = only(report, "PROSE-FIGURE")
    found = [f.evidence.expression.split()[1].split(".")[-1] if f.evidence else "" for f in findings]
    assert found == expected
    for finding in findings:
        assert finding.paths[0].startswith("$.sections[0].body")


def test_prose_figures_against_a_blank_cell() -> None:
    report = with_requests(sample_report(), received=m.ApplicantCounts(40, 6, 0, 0, 2, 0, None))
    report = with_text(report, "overview", "本年新收政府信息公开申请48件。")
    statuses = [f.status for f in only(report, "PROSE-FIGURE")]
    assert statuses == [Status.UNDETERMINED]


def test_prose_percentages() -> None:
    good = with_text(sample_report(), "overview", "予以公开24件，占49.0%；无法提供12件，占比24.5%；不予公开4件，占8%。")
    assert only(good, "PROSE-PERCENT") == []
    bad = with_text(sample_report(), "overview", "予以公开24件，占52.3%。")
    (finding,) = only(bad, "PROSE-PERCENT")
    assert "应为49.0%" in finding.message


def test_prose_against_the_real_report() -> None:
    huaian = govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml")
    assert only(huaian, "PROSE-FIGURE") == []
    paragraph = huaian.sections[0].subsections[1].body[0]
    assert isinstance(paragraph, m.Paragraph)
    wrong = paragraph.text.replace("行政诉讼46件", "行政诉讼47件").replace("答复3050件", "答复3015件")
    sub = attrs.evolve(huaian.sections[0].subsections[1], body=(m.Paragraph(wrong),))
    overview = attrs.evolve(
        huaian.sections[0], subsections=(huaian.sections[0].subsections[0], sub, *huaian.sections[0].subsections[2:])
    )
    broken = attrs.evolve(huaian, sections=(overview, *huaian.sections[1:]))
    messages = [f.message for f in only(broken, "PROSE-FIGURE")]
    assert messages == [
        "正文写“答复3015件”，统计表中办结（答复）申请为3050，相差-35。",
        "正文写“行政诉讼47件”，统计表中行政诉讼为46，相差1。",
    ]


# ----------------------------------------------------------------------------- legacy and text


def test_legacy_channel_total() -> None:
    report = sample_report(LEGACY)
    assert isinstance(report.proactive, m.LegacyProactive)
    bad = attrs.evolve(report, proactive=attrs.evolve(report.proactive, total_items=31))
    (finding,) = only(bad, "LEGACY-CHANNEL-TOTAL")
    assert "20+10=30" in finding.message
    assert only(bad, "LEGACY-TEXT-TOTAL")  # and the text says 30


def test_legacy_units(seed: m.Report) -> None:
    assert only(seed, "LEGACY-CHANNEL-UNITS")[0].severity is Severity.INFO
    assert only(sample_report(LEGACY), "LEGACY-CHANNEL-UNITS") == []


def test_text_year(seed: m.Report) -> None:
    (finding,) = only(seed, "TEXT-YEAR")
    assert finding.paths[0] == "$.sections[0].subsections[2].body[0]"
    assert finding.evidence is not None
    assert (finding.evidence.left, finding.evidence.right) == (2010, 2011)
    plans = with_text(sample_report(), "problems", "2024年，我局将进一步加强解读。")
    assert only(plans, "TEXT-YEAR") == []  # next year's plans are fine


def test_period_year() -> None:
    report = attrs.evolve(
        sample_report(), preamble=(m.Paragraph("本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。"),)
    )
    (finding,) = only(report, "PERIOD-YEAR")
    assert finding.severity is Severity.ERROR
    right = attrs.evolve(report, preamble=(m.Paragraph("统计期限自2023年1月1日至2023年12月31日。"),))
    assert only(right, "PERIOD-YEAR") == []


def test_abbreviations(seed: m.Report) -> None:
    (finding,) = only(seed, "ABBREV-UNDEFINED")
    assert "《办法》" in finding.message
    defined_in_text = with_text(
        sample_report(), "overview", "《某某市政务公开办法》（以下简称《办法》）施行以来，我局落实《办法》。"
    )
    assert only(defined_in_text, "ABBREV-UNDEFINED") == []
    assert only(with_text(sample_report(), "overview", "落实《细则》。"), "ABBREV-UNDEFINED")


def test_legacy_topics(seed: m.Report) -> None:
    (finding,) = only(seed, "LEGACY-TOPICS")
    assert "收费及减免" in finding.message
    assert "未收取任何费用" in finding.message


# ----------------------------------------------------------------------------- cross-year


def _previous() -> m.Report:
    report = sample_report()
    assert report.requests is not None
    return attrs.evolve(
        report,
        year=2022,
        published_on=dt.date(2023, 1, 20),
        requests=attrs.evolve(report.requests, carried_forward=m.ApplicantCounts(3, 0, 0, 0, 0, 0, 3)),
        proactive=attrs.evolve(report.proactive, normative_documents=m.DocumentCounts(5, 2, 39)),  # type: ignore[misc]
    )


def test_cross_year_passes_when_the_years_meet() -> None:
    # The sample is its own last year: its prose is copied and its problems are not followed up.
    assert codes(sample_report(), _previous()) == ["COPIED-PROSE", "PROBLEMS-SECTION"]
    assert {"XY-PREVIOUS", "XY-CARRY", "XY-STOCK"}.isdisjoint(codes(sample_report()))  # only with --previous


def test_carry() -> None:
    previous = with_requests(_previous(), carried_forward=m.ApplicantCounts(4, 0, 0, 0, 0, 0, 4))
    findings = only(sample_report(), "XY-CARRY", previous)
    assert [f.paths[0] for f in findings] == ["$.requests.carried_over.natural_person", "$.requests.carried_over.total"]


def test_stock() -> None:
    previous = _previous()
    assert isinstance(previous.proactive, m.ProactiveTable)
    drift = attrs.evolve(
        previous, proactive=attrs.evolve(previous.proactive, normative_documents=m.DocumentCounts(5, 2, 30))
    )
    (finding,) = only(sample_report(), "XY-STOCK", drift)
    assert "30+本年制发3−本年废止1=32件" in finding.message
    few = attrs.evolve(
        previous, proactive=attrs.evolve(previous.proactive, normative_documents=m.DocumentCounts(0, 0, 0))
    )
    current = sample_report()
    assert isinstance(current.proactive, m.ProactiveTable)
    repeal_more = attrs.evolve(
        current, proactive=attrs.evolve(current.proactive, normative_documents=m.DocumentCounts(0, 2, 0))
    )
    assert "多于上年现行有效" in only(repeal_more, "XY-STOCK", few)[0].message


def test_previous_of_another_year_or_agency() -> None:
    previous = attrs.evolve(_previous(), year=2021, agency=m.Agency("别的局"))
    messages = [f.message for f in only(sample_report(), "XY-PREVIOUS", previous)]
    assert len(messages) == 2


# ----------------------------------------------------------------------------- the engine


def test_every_built_in_rule_is_tested_here() -> None:
    source = "".join(path.read_text(encoding="utf-8") for path in Path(__file__).parent.glob("test_*.py"))
    for rule in get_plugin_manager(entry_points=False).rules.rules():
        assert f'"{rule.code}"' in source, f"no test names {rule.code}"


def test_fingerprints_are_stable_and_distinct(seed: m.Report) -> None:
    first = [f.fingerprint for f in validate(seed)]
    assert first == [f.fingerprint for f in validate(govdisclosure.load(EXAMPLES / "harbin-qts-2011.yaml"))]
    assert len(set(first)) == len(first)
    assert first[2] == "7a093aef6bd41352"  # the TEXT-YEAR finding, as docs/validation.md shows it


def test_a_rule_that_crashes_becomes_a_finding() -> None:
    from govdisclosure.validation import Rule

    def broken(_: object) -> list[object]:
        raise ZeroDivisionError("division by zero")

    rule = Rule("X-BROKEN", Severity.ERROR, "broken", "坏规则", "-", "-", broken)  # type: ignore[arg-type]
    (finding,) = validate(sample_report(), rules=[rule]).findings
    assert finding.status is Status.UNDETERMINED
    assert "ZeroDivisionError" in finding.message


def _everything_blank(edition: m.Edition) -> m.Report:
    return m.Report(
        edition, m.Agency("空"), 2023, requests=m.RequestTable(), appeals=m.AppealsTable(), proactive=m.ProactiveTable()
    )


@pytest.mark.parametrize("make", [_everything_blank, lambda e: m.Report(e, m.Agency("空"), 2011)])
@pytest.mark.parametrize("edition", list(m.Edition))
def test_validate_never_raises(make: Callable[[m.Edition], m.Report], edition: m.Edition) -> None:
    result = validate(make(edition))
    assert all(isinstance(f, Finding) for f in result)


def test_report_empty_is_the_untouched_template() -> None:
    from govdisclosure.scaffold import template
    from govdisclosure.serialization import loads

    empty = loads(template(N21, agency="某局", year=2024))
    assert [f.code for f in validate(empty) if f.code == "REPORT-EMPTY"] == ["REPORT-EMPTY"]
    assert codes(sample_report()).count("REPORT-EMPTY") == 0
    one_figure = attrs.evolve(empty, appeals=attrs.evolve(empty.appeals, review=m.AppealsGroup(upheld=1)))
    assert "REPORT-EMPTY" not in codes(one_figure)
    one_line = attrs.evolve(empty, preamble=(m.Paragraph("本报告由某局编制。"),))
    assert "REPORT-EMPTY" not in codes(one_line)


def test_import_rules_report_the_import_record() -> None:
    """The govdisclosure-import rules: nothing without a record; each note kind as its finding."""
    from govdisclosure.importing.record import ImportRecord, Note, attach

    typed = sample_report(m.Edition.NATIONAL_2021)
    assert not [f for f in validate(typed) if f.code.startswith("IMP-")]
    imported = attrs.evolve(typed)
    notes = tuple(
        Note(kind, f"{kind}说明", f"{kind} note", "$.requests")
        for kind in ("label", "doubtful", "unit", "unplaced", "guess", "blank", "repeated")
    )
    attach(imported, ImportRecord("page.html", "html", "the year", (), notes))
    found = {(f.code, f.message_en) for f in validate(imported) if f.code.startswith("IMP-")}
    assert found == {
        ("IMP-LABEL", "label note"),
        ("IMP-DOUBT", "doubtful note"),
        ("IMP-DOUBT", "unit note"),
        ("IMP-UNPLACED", "unplaced note"),
        ("IMP-NOTE", "guess note"),
        ("IMP-NOTE", "blank note"),
        ("IMP-NOTE", "repeated note"),
    }
