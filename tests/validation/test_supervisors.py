"""Supervisors' checks: the pingtan pages, legacy facts, who reports, copying, section 五, series, rule packs."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import govdisclosure
from govdisclosure import model as m
from govdisclosure import validate
from govdisclosure.cli import main
from govdisclosure.plugins import get_plugin_manager
from govdisclosure.testing import sample_report
from govdisclosure.validation import Finding, Severity
from govdisclosure.validation.packs import PackError, load_pack, parse_pack
from govdisclosure.validation.series import validate_series
from tests.helpers import EXAMPLES, ROOT

PINGTAN = ROOT / "tests" / "data" / "pingtan"
PACK = EXAMPLES / "packs" / "example-province.yaml"


def only(report: m.Report, code: str, previous: m.Report | None = None) -> list[Finding]:
    return [f for f in validate(report, previous) if f.code == code]


def _write(path: Path, report: m.Report) -> str:
    path.write_text(govdisclosure.dumps_json(report), encoding="utf-8")
    return str(path)


# ----------------------------------------------------------------------------- the pingtan pages


def test_pingtan_2019_gives_the_findings_its_notes_describe() -> None:
    result = validate(govdisclosure.load(PINGTAN / "2019.yaml"))
    assert not result.has_errors
    (total,) = result.by_code("PROSE-SUM")  # notes, anomaly 2: 2599 stated, 2533 in the brackets
    assert total.evidence is not None
    assert (total.evidence.left, total.evidence.right) == (2599, 2533)
    (lost,) = result.by_code("NUMBER-MISSING")  # anomaly 3: 全年公开核准企业资质条
    assert "核准企业资质条" in lost.message
    assert not result.by_code("DEADLINE")  # the office reports for the 管委会, published 2020-01-20
    assert not result.by_code("T2-REGULATIONS-POWER")


def test_pingtan_2021_gives_the_findings_its_notes_describe() -> None:
    result = validate(govdisclosure.load(PINGTAN / "2021.yaml"))
    assert not result.has_errors  # every table adds up (notes: totals checked, all consistent)
    (money,) = result.by_code("MONEY-FEN")  # anomaly 6: 24252.311082 万元
    assert money.severity is Severity.WARNING
    assert "24252.311082" in money.message
    assert not [f for f in result if f.code.startswith(("T3", "T4", "PROSE"))]


def test_pingtan_county_2013_gives_the_findings_its_notes_describe() -> None:
    result = validate(govdisclosure.load(PINGTAN / "county-2013.yaml"))
    assert not result.has_errors
    assert result.by_code("PERIOD-MISSING")  # anomaly 1: 统计期限自至
    (categories,) = result.by_code("PROSE-SUM")  # anomaly 3: 1700 of 1853
    assert categories.evidence is not None
    assert categories.evidence.right == 1700
    channels = [f.message for f in result.by_code("LEGACY-TEXT-FACTS")]  # anomaly 4
    assert channels == ["正文写“网上申请数3条”，而数据中网上申请为4。", "正文写“信函申请数4条”，而数据中信函申请为0。"]
    assert result.by_code("LEGACY-UNANSWERED")  # anomaly 6: 3 of 7 answered, nothing said
    assert not result.by_code("ABBREV-UNDEFINED")  # 《规定》 is defined with 下称


# ----------------------------------------------------------------------------- legacy facts


def _legacy(**facts: object) -> m.Report:
    return attrs.evolve(sample_report(m.Edition.LEGACY_2008), legacy_requests=m.LegacyRequests(**facts))  # type: ignore[arg-type]


def test_legacy_request_totals() -> None:
    good = _legacy(received=7, channels=m.ApplicationChannels(0, 0, 3, 4, 0, 0), answered=7, disclosed=5,
                   partially_disclosed=1, withheld=1, other_answers=0)  # fmt: skip
    assert only(good, "LEGACY-REQUESTS-TOTALS") == []
    bad = attrs.evolve(good, legacy_requests=attrs.evolve(good.legacy_requests, received=8, disclosed=6))  # type: ignore[misc]
    findings = only(bad, "LEGACY-REQUESTS-TOTALS")
    assert [f.evidence.expression for f in findings if f.evidence] == [
        "received = Σ channels",
        "answered = Σ kinds of answer",
    ]
    assert findings[0].severity is Severity.ERROR


def test_legacy_unanswered_unless_explained() -> None:
    report = _legacy(received=7, answered=3)
    (finding,) = only(report, "LEGACY-UNANSWERED")
    assert "另外4件" in finding.message
    explained = attrs.evolve(report, preamble=(m.Paragraph("其余4件正在办理中，将结转下年度答复。"),))
    assert only(explained, "LEGACY-UNANSWERED") == []


def test_legacy_text_against_facts_and_fees() -> None:
    report = _legacy(received=7, answered=3, disclosed=2, fees_charged=Decimal("120.50"))
    text = (m.Paragraph("全年共收到政府信息公开申请7件，答复3件，其中同意公开答复数2条。未收取任何费用。"),)
    findings = only(attrs.evolve(report, preamble=text), "LEGACY-TEXT-FACTS")
    assert [f.paths for f in findings] == [  # the sample's own 未收取任何费用 too
        ("$.preamble[0]", "$.legacy_requests.fees_charged"),
        ("$.sections[0].subsections[2].body[0]", "$.legacy_requests.fees_charged"),
    ]
    wrong = (m.Paragraph("全年共收到政府信息公开申请9件。"),)
    (finding,) = [f for f in only(attrs.evolve(report, preamble=wrong), "LEGACY-TEXT-FACTS") if f.evidence]
    assert finding.evidence is not None
    assert (finding.evidence.left, finding.evidence.right) == (9, 7)


def test_legacy_facts_load_from_yaml_and_round_trip() -> None:
    report = govdisclosure.load(PINGTAN / "county-2013.yaml")
    assert report.legacy_requests == m.LegacyRequests(
        7, m.ApplicationChannels(0, 0, 3, 4, 0, 0), 3, 2, 1, 0, None, None, None
    )
    assert govdisclosure.loads(govdisclosure.dumps_json(report), format="json") == report


# ----------------------------------------------------------------------------- who reports


def test_an_office_reporting_for_its_government() -> None:
    report = sample_report()
    assert isinstance(report.proactive, m.ProactiveTable)
    office = m.Agency("示例市人民政府办公室", m.AgencyKind.DEPARTMENT, m.AgencyLevel.PREFECTURE)
    with_rules = attrs.evolve(
        report,
        agency=office,
        proactive=attrs.evolve(report.proactive, regulations=m.DocumentCounts(2, 0, 31)),
        published_on=dt.date(2024, 3, 20),
    )
    assert only(with_rules, "T2-REGULATIONS-POWER")  # a department's 规章: suspicious
    assert only(with_rules, "DEADLINE")  # a department's deadline is 31 January
    for_government = attrs.evolve(with_rules, agency=attrs.evolve(office, reports_for="示例市人民政府"))
    assert only(for_government, "T2-REGULATIONS-POWER") == []  # the government's 规章
    assert only(for_government, "DEADLINE") == []  # the government's deadline, 31 March
    assert for_government.agency.acting_kind is m.AgencyKind.GOVERNMENT


# ----------------------------------------------------------------------------- copying and section 五


def _last_year(report: m.Report) -> m.Report:
    return attrs.evolve(report, year=report.year - 1, published_on=None)


def test_copied_prose_and_tables() -> None:
    report = sample_report()
    previous = _last_year(report)
    assert [f.code for f in validate(report, previous) if f.code.startswith("COPIED")] == [
        "COPIED-PROSE",
        "COPIED-TABLES",
    ]
    rewritten = attrs.evolve(
        report,
        sections=tuple(
            attrs.evolve(
                s,
                body=(m.Paragraph(f"本年度{s.title}方面的工作围绕群众关切展开，新做法逐项落地见效。"),),
                subsections=(),
            )
            for s in report.sections
        ),
    )
    assert only(rewritten, "COPIED-PROSE", previous) == []
    assert isinstance(report.appeals, m.AppealsTable)
    new_tables = attrs.evolve(report, appeals=attrs.evolve(report.appeals, review=m.AppealsGroup(3, 1, 0, 0, 4)))
    assert only(new_tables, "COPIED-TABLES", previous) == []


def test_copied_prose_ignores_changed_figures() -> None:
    report = sample_report()
    text = "{year}年，本局新收政府信息公开申请{n}件，全部依法依规办理，申请内容主要集中在征地补偿和规划许可方面"

    def narrative(r: m.Report, year: int, n: int) -> m.Report:
        body = tuple(m.Paragraph(text.format(year=year, n=n) + f"（第{i}部分）。") for i in range(3))
        return attrs.evolve(r, sections=tuple(attrs.evolve(s, body=body, subsections=()) for s in r.sections))

    this_year, last_year = narrative(report, 2023, 48), narrative(_last_year(report), 2022, 41)
    (finding,) = only(this_year, "COPIED-PROSE", last_year)  # new year and figures, same sentences
    assert "逐句相同" in finding.message


def test_problems_section_names_problems_measures_and_last_year() -> None:
    report = sample_report()
    assert only(report, "PROBLEMS-SECTION") == []
    bare = attrs.evolve(
        report,
        problems=(),
        improvements=(),
        sections=tuple(
            attrs.evolve(s, body=(m.Paragraph("本年度工作总体平稳。"),)) if s.key == "problems" else s
            for s in report.sections
        ),
    )
    (finding,) = only(bare, "PROBLEMS-SECTION")
    assert "存在的主要问题和改进措施" in finding.message
    previous = _last_year(report)
    follow = [f.message for f in only(report, "PROBLEMS-SECTION", previous)]
    assert follow == [
        f"“存在的主要问题及改进情况”没有说明{previous.year}年度报告所列问题的改进情况（整改落实了哪些）。"
    ]
    answered = attrs.evolve(
        report,
        sections=tuple(
            attrs.evolve(s, body=(*s.body, m.Paragraph("上年度报告提出的解读质量问题已完成整改。")))
            if s.key == "problems"
            else s
            for s in report.sections
        ),
    )
    assert only(answered, "PROBLEMS-SECTION", previous) == []


# ----------------------------------------------------------------------------- series


def _chain(tmp_path: Path, break_at: int | None = None) -> list[str]:
    files = []
    report = sample_report()
    assert report.requests is not None
    forward = report.requests.carried_forward
    for year in (2021, 2022, 2023):
        over = m.ApplicantCounts(2, 0, 0, 0, 0, 0, 2) if year != break_at else m.ApplicantCounts(5, 0, 0, 0, 0, 0, 5)
        assert isinstance(report.proactive, m.ProactiveTable)
        stock = m.DocumentCounts(3, 1, 41 + 2 * (year - 2021))  # 3 issued, 1 repealed a year
        this = attrs.evolve(report, year=year, published_on=dt.date(year + 1, 1, 20),
                            proactive=attrs.evolve(report.proactive, normative_documents=stock),
                            requests=attrs.evolve(report.requests, carried_over=over, carried_forward=forward))  # fmt: skip
        files.append(_write(tmp_path / f"{year}.json", this))
    return files


def test_series_finds_the_year_the_chain_breaks(tmp_path: Path) -> None:
    reports = [(name, govdisclosure.load(name)) for name in reversed(_chain(tmp_path, break_at=2023))]
    result = validate_series(reports, plugins=govdisclosure.default_plugins())
    assert [link.year for link in result.links] == [2021, 2022, 2023]
    assert result.breaks == (2023,)
    assert "XY-CARRY" in [f.code for f in result.links[-1].findings]
    ok = tmp_path / "ok"
    ok.mkdir()
    assert (
        validate_series(
            [(name, govdisclosure.load(name)) for name in _chain(ok)], plugins=govdisclosure.default_plugins()
        ).breaks
        == ()
    )


def test_validate_series_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _chain(tmp_path, break_at=2022)
    assert main(["validate", "--series", str(tmp_path), "--color", "never"]) == 1
    out = capsys.readouterr().out
    assert "2022 (" in out
    assert "BREAKS" in out
    assert "the chain breaks at 2022" in out
    assert main(["validate", "--series", str(tmp_path), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["first_break"] == 2022
    assert data["years"] == [2021, 2022, 2023]
    assert main(["validate", "--series", str(tmp_path / "2021.json")]) == 2
    assert "at least two reports" in capsys.readouterr().err


# ----------------------------------------------------------------------------- rule packs


def test_the_example_pack_changes_severities_and_adds_its_rules() -> None:
    pack = load_pack(PACK)
    plugins = get_plugin_manager(entry_points=False, extra=[("example-province", pack.plugin())])
    rules = plugins.rules
    assert rules.get("DEADLINE").severity is Severity.ERROR  # type: ignore[union-attr]
    assert rules.get("PROSE-PERCENT").severity is Severity.INFO  # type: ignore[union-attr]
    report = govdisclosure.load(EXAMPLES / "county-trial-2020.yaml")  # published 2021-03-26
    result = validate(report, plugins=plugins)
    (deadline,) = result.by_code("EXPROV-DEADLINE")
    assert "二〇二一年三月十日" in deadline.message
    (topics,) = result.by_code("EXPROV-TOPICS")
    assert topics.severity is Severity.ERROR
    assert "年度政务公开工作要点落实情况" in topics.message
    assert "EXPROV-DEADLINE" not in [f.code for f in validate(report)]  # only with the pack


def test_a_pack_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    county = str(EXAMPLES / "county-trial-2020.yaml")
    assert main(["validate", county, "--color", "never"]) == 0
    capsys.readouterr()
    assert main(["validate", county, "--rules-pack", str(PACK), "--color", "never"]) == 1
    assert "EXPROV-TOPICS" in capsys.readouterr().out
    typo = tmp_path / "typo.yaml"
    typo.write_text("pack: 某市\ncode: MS\nseverities: {DEADLNE: error}\n", encoding="utf-8")
    assert main(["validate", county, "--rules-pack", str(typo), "--color", "never"]) == 0
    assert "DEADLNE, which no rule has" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code: X\n", "$.pack: expected the pack's name"),
        ("pack: 某市\ncode: lower\n", "$.code: expected a short upper-case code"),
        (
            "pack: 某市\ncode: MS\nseverities: {DEADLINE: fatal}\n",
            "$.severities.DEADLINE: expected error, warning or info",
        ),
        ("pack: 某市\ncode: MS\ndeadline: {department: 02-30}\n", "$.deadline.department: expected a month-day"),
        ("pack: 某市\ncode: MS\nrequired_topics: [{title: 解读, words: []}]\n", "$.required_topics[0].words"),
        ("pack: 某市\ncode: MS\ncolour: red\n", "$.colour: unknown key"),
    ],
)
def test_a_bad_pack_names_the_file_and_field(
    tmp_path: Path, text: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PackError, match=r"pack\.yaml: "):
        load_pack(path)
    assert main(["validate", str(EXAMPLES / "county-trial-2020.yaml"), "--rules-pack", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_parse_pack_accepts_data() -> None:
    pack = parse_pack({"pack": "某市", "code": "MS", "required_topics": [{"title": "政策解读"}]})
    assert pack.topics[0].words == ("政策解读",)


def test_the_pack_in_the_docs_works() -> None:
    import re

    import yaml

    text = (ROOT / "docs" / "validation.md").read_text(encoding="utf-8")
    (snippet,) = [s for s in re.findall(r"```yaml\n(.*?)```", text, re.S) if "pack:" in s]
    pack = parse_pack(yaml.safe_load(snippet), "docs/validation.md")
    assert pack.code == "EXPROV"
    assert pack.severities["DEADLINE"] is Severity.ERROR
