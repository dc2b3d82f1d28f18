"""The issue-13 rules on realistic text: each passes a well-written report and fails the slip it is for."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govdisclosure
from govdisclosure import model as m
from govdisclosure import validate
from govdisclosure.cli import main
from govdisclosure.testing import sample_report
from govdisclosure.validation import Finding, Severity, Status

N21 = m.Edition.NATIONAL_2021


def only(report: m.Report, code: str, previous: m.Report | None = None) -> list[Finding]:
    return [f for f in validate(report, previous) if f.code == code]


def with_text(*paragraphs: str, report: m.Report | None = None, key: str = "overview") -> m.Report:
    report = report or sample_report()
    sections = tuple(
        attrs.evolve(s, body=tuple(m.Paragraph(p) for p in paragraphs), subsections=()) if s.key == key else s
        for s in report.sections
    )
    return attrs.evolve(report, sections=sections)


def requests(report: m.Report) -> m.RequestTable:
    assert report.requests is not None
    return report.requests


def appeals(report: m.Report) -> m.AppealsTable:
    assert isinstance(report.appeals, m.AppealsTable)
    return report.appeals


# ----------------------------------------------------------------------------- blanks as zeros


def _blanks_for_zeros(report: m.Report) -> m.Report:
    """The sample with every 0 of Tables 3 and 4 printed as a blank, as some publishers do."""

    def blank(row: m.ApplicantCounts) -> m.ApplicantCounts:
        return m.ApplicantCounts(*(None if cell == 0 else cell for cell in row.cells()))

    def walk(obj: object) -> object:
        if isinstance(obj, m.ApplicantCounts):
            return blank(obj)
        if isinstance(obj, m.AppealsGroup):
            return m.AppealsGroup(*(None if cell == 0 else cell for cell in obj.cells()))
        return attrs.evolve(obj, **{f.name: walk(getattr(obj, f.name)) for f in attrs.fields(type(obj))})  # type: ignore[misc]

    return attrs.evolve(report, requests=walk(report.requests), appeals=walk(report.appeals))


def test_blanks_for_zeros_give_one_warning_per_table_and_no_cannot_tell() -> None:
    report = _blanks_for_zeros(sample_report())
    result = validate(report)
    assert not result.has_errors
    blank = result.by_code("BLANK-CELLS")
    assert len(blank) == 2  # Table 3 and Table 4, one finding each
    assert all("空格显然表示0" in f.message for f in blank)
    assert all(f.status is Status.FAILED and f.severity is Severity.WARNING for f in blank)
    assert not [f for f in result if f.status is Status.UNDETERMINED and f.code.startswith(("T3", "T4"))]


def test_one_real_error_among_blanks_fails_on_exactly_that_identity() -> None:
    report = _blanks_for_zeros(sample_report())
    table = requests(report)
    received = table.received
    wrong = attrs.evolve(
        report, requests=attrs.evolve(table, received=attrs.evolve(received, total=received.total + 1))
    )  # type: ignore[operator]
    result = validate(wrong)
    errors = [f for f in result if f.blocking]
    assert [f.code for f in errors] == ["T3-ROW-TOTAL", "T3-BALANCE"]  # the row and its column: one wrong cell
    assert all(f.paths[0].startswith("$.requests.received") for f in errors)
    (table3,) = [f for f in result.by_code("BLANK-CELLS") if f.paths[0].startswith("$.requests")]
    assert "不等于0" in table3.message  # the blanks no longer evidently stand for zero


def test_a_blank_total_with_parts_is_an_error_even_read_as_zero() -> None:
    report = sample_report()
    table = requests(report)
    wrong = attrs.evolve(report, requests=attrs.evolve(table, received=attrs.evolve(table.received, total=None)))
    (finding,) = only(wrong, "T3-ROW-TOTAL")
    assert finding.status is Status.FAILED
    assert "空格按0计" in finding.message


def test_cannot_tell_does_not_block() -> None:
    report = attrs.evolve(sample_report(), published_on=None)
    (deadline,) = only(report, "DEADLINE")
    assert deadline.status is Status.UNDETERMINED
    undetermined_error = attrs.evolve(deadline, severity=Severity.ERROR)
    assert not undetermined_error.blocking
    assert attrs.evolve(undetermined_error, status=Status.FAILED).blocking


# ----------------------------------------------------------------------------- prose against tables


def _figures(report: m.Report) -> dict[str, int | None]:
    table = requests(report)
    return {
        "disclosed": table.disclosed.total,
        "partial": table.partially_disclosed.total,
        "withheld": table.withheld.computed_subtotal.total,
        "cannot": table.cannot_provide.computed_subtotal.total,
        "handled": table.outcomes_total.total,
        "received": table.received.total,
    }


def test_several_groups_named_together() -> None:
    report = sample_report()
    f = _figures(report)
    both = f["disclosed"] + f["partial"]  # type: ignore[operator]
    good = with_text(f"全年予以公开及部分公开{both}件，不予公开和无法提供{f['withheld'] + f['cannot']}件。")  # type: ignore[operator]
    assert only(good, "PROSE-FIGURE") == []
    bad = with_text(f"全年予以公开及部分公开{both + 3}件。")
    (finding,) = only(bad, "PROSE-FIGURE")
    assert "予以公开及部分公开合计为" in finding.message
    assert finding.evidence is not None
    assert finding.evidence.difference == 3
    whole = with_text(f"无法提供{f['cannot'] + 1}件。")  # 无法提供 is all of （四）
    assert [x.paths[-1] for x in only(whole, "PROSE-FIGURE")] == ["$.requests.cannot_provide"]


def test_litigation_written_without_xingzheng() -> None:
    report = sample_report()
    table = appeals(report)
    lawsuits = table.computed_litigation.total
    assert only(with_text(f"全年被提起诉讼{lawsuits}件，被申请复议{table.review.total}件。"), "PROSE-FIGURE") == []
    (finding,) = only(with_text(f"全年被提起诉讼{lawsuits + 2}件。"), "PROSE-FIGURE")  # type: ignore[operator]
    assert finding.evidence is not None
    assert finding.evidence.right == lawsuits


def test_percentages_base_rounding_and_category() -> None:
    report = sample_report()
    f = _figures(report)
    disclosed, received, handled = f["disclosed"], f["received"], f["handled"]
    assert disclosed
    assert received
    assert handled
    assert received != handled
    share = Decimal(disclosed * 100) / received
    rounded = share.quantize(Decimal("0.01"))
    text = f"予以公开{disclosed}件，占收到申请总数的{rounded}%。"
    assert only(with_text(text), "PROSE-PERCENT") == []
    handled_share = (Decimal(disclosed * 100) / handled).quantize(Decimal("0.01"))
    (wrong_base,) = only(with_text(f"予以公开{disclosed}件，占收到申请总数的{handled_share}%。"), "PROSE-PERCENT")
    assert f"÷本年新收申请{received}件" in wrong_base.message
    truncated = (share * 100).to_integral_value(rounding="ROUND_DOWN") / 100
    if truncated != rounded:
        (cut,) = only(with_text(f"予以公开{disclosed}件，占收到申请总数的{truncated}%。"), "PROSE-PERCENT")
        assert "截去尾数" in cut.message


def test_percentage_of_another_category_says_which() -> None:
    report = sample_report()
    f = _figures(report)
    both = f["disclosed"] + f["partial"]  # type: ignore[operator]
    pair_share = (Decimal(both * 100) / f["handled"]).quantize(Decimal("0.1"))  # type: ignore[operator]
    (finding,) = only(with_text(f"予以公开{f['disclosed']}件，占比{pair_share}%。"), "PROSE-PERCENT")
    assert "“予以公开及部分公开”" in finding.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年被申请行政复议的案件均获维持。", "结果纠正"),
        ("本年度未发生因政府信息公开引起的行政复议、行政诉讼。", "总计"),
        ("未发生被复议纠错的情况。", "结果纠正"),
    ],
)
def test_claims_that_table_4_contradicts(text: str, expected: str) -> None:
    report = sample_report()
    table = appeals(report)
    assert table.review.corrected  # the sample has a corrected review
    (finding, *_) = only(with_text(text), "PROSE-CLAIM")
    assert expected in finding.message


def test_claims_that_hold() -> None:
    report = sample_report()
    quiet = attrs.evolve(
        report, appeals=m.AppealsTable(m.AppealsGroup(2, 0, 0, 0, 2), *([m.AppealsGroup(0, 0, 0, 0, 0)] * 2))
    )
    assert only(with_text("行政复议2件，均获维持。未发生行政诉讼。", report=quiet), "PROSE-CLAIM") == []
    forward = requests(report).carried_forward.total
    assert forward
    accounted = f"全部申请均在法定期限内答复，另有{forward}件结转下年度办理。"
    assert only(with_text(accounted), "PROSE-CLAIM") == []
    (finding,) = only(with_text("收到的政府信息公开申请全部按期答复。"), "PROSE-CLAIM")
    assert f"{forward}件结转下年度" in finding.message


def test_parts_quoted_against_their_total() -> None:
    good = "全年共发布信息380条，其中专项资金152条，预决算公开197条（政府预决算32条、部门预决算公开165条）、“三公”经费27条、债券发行4条。"
    assert only(with_text(good), "PROSE-SUM") == []
    pingtan = (
        "今年，我区政府信息公开单位共公布政府信息2599条，(其中机构职能类信息25条，政策、规范性文件类信息68条，规划计划类信息28条，"
        "行政许可类信息69条，重大建设项目信息90条，为民办实事类信息175条，民政扶贫救灾社会保障就业类信息67条，"
        "国土资源城乡建设环保能源类信息983条，科教文体卫生类信息48条，安全生产、应急管理类信息124条，其他应主动公开政府信息856条)"
        "对于主动公开的政府信息，主要通过政府门户网站发布公开。"
    )
    (finding,) = only(with_text(pingtan), "PROSE-SUM")
    assert finding.evidence is not None
    assert (finding.evidence.left, finding.evidence.right) == (2599, 2533)
    mixed_units = (
        "全年共发布各类信息4811条，其中，在网站发布信息375条，大厅发布信息367条，触摸屏1556条，新闻媒体1614篇。"
    )
    assert only(with_text(mixed_units), "PROSE-SUM") == []  # 条 and 篇: LEGACY-CHANNEL-UNITS' business


# ----------------------------------------------------------------------------- slips


def test_enumeration_slips() -> None:
    good = "存在的问题：一是公开内容不够全面；二是解读形式单一；三是队伍力量薄弱。"
    assert only(with_text(good, key="problems"), "ENUM-SEQUENCE") == []
    (repeat,) = only(
        with_text("一是公开内容不够全面；二是解读形式单一；三是队伍力量薄弱；三是培训不足。", key="problems"),
        "ENUM-SEQUENCE",
    )
    assert "“三是”重复" in repeat.message
    paragraphs = ("（一）继续强化信息公开责任。", "（三）继续加强督导协调工作。")
    (gap,) = only(with_text(*paragraphs, key="problems"), "ENUM-SEQUENCE")
    assert "“（三）”跳号" in gap.message
    assert gap.paths == ("$.sections[4].body[1]",)
    assert only(with_text("1.加强培训。", "2.规范流程。", "1.另一项清单。", key="problems"), "ENUM-SEQUENCE") == []


def test_number_missing() -> None:
    text = "全年公开核准企业资质条、施工许可证76条、安全生产许可证121条、排水许可证5条。"
    (finding,) = only(with_text(text), "NUMBER-MISSING")
    assert "企业资质条" in finding.message
    assert only(with_text("全年公开核准企业资质12条、施工许可证76条，印发文件、通知23件。"), "NUMBER-MISSING") == []


def test_period_missing() -> None:
    report = attrs.evolve(sample_report(), preamble=(m.Paragraph("本报告所列数据的统计期限自至。"),))
    (finding,) = only(report, "PERIOD-MISSING")
    assert "自2023年1月1日起" in finding.message or "年1月1日起" in finding.message
    fine = attrs.evolve(
        sample_report(), preamble=(m.Paragraph("本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。"),)
    )
    assert only(fine, "PERIOD-MISSING") == []


def test_money_decimals() -> None:
    report = sample_report()
    proactive = report.proactive
    assert isinstance(proactive, m.ProactiveTable)

    def fee(amount: str) -> m.Report:
        return attrs.evolve(report, proactive=attrs.evolve(proactive, fees=m.FeeAmount(Decimal(amount))))

    assert only(fee("7730.28"), "MONEY-FEN") == []
    assert only(fee("7730.28"), "MONEY-DECIMALS") == []
    assert only(fee("7730.2812"), "MONEY-FEN") == []  # whole 元
    (fen,) = only(fee("24252.311082"), "MONEY-FEN")  # pingtan 2021: 元 and 分 divided by 10,000
    assert fen.severity is Severity.WARNING
    assert "角、分" in fen.message
    (impossible,) = only(fee("24252.3110825"), "MONEY-DECIMALS")
    assert impossible.severity is Severity.ERROR
    assert "比1分还细" in impossible.message
    (in_text,) = only(with_text("全年收取信息处理费0.0000125万元。"), "MONEY-DECIMALS")
    assert in_text.paths[0].startswith("$.sections")


def test_superseded_citations() -> None:
    cite_2019 = "本报告根据国办公开办函〔2019〕60号要求编制。"
    (finding,) = only(with_text(cite_2019), "CITATION-SUPERSEDED")
    assert "国办公开办函〔2021〕30号" in finding.message
    trial = attrs.evolve(sample_report(m.Edition.NATIONAL_2019_TRIAL))
    assert only(with_text(cite_2019, report=trial), "CITATION-SUPERSEDED") == []
    old = "根据《中华人民共和国政府信息公开条例》（国务院令第492号）第三十二条关于年度报告的规定编制。"
    assert len(only(with_text(old), "CITATION-SUPERSEDED")) == 2
    legacy = sample_report(m.Edition.LEGACY_2008)
    assert legacy.published_on is None or legacy.published_on < dt_revision()
    assert only(with_text(old, report=legacy), "CITATION-SUPERSEDED") == []


def dt_revision() -> object:
    from govdisclosure.validation.citations import REVISED_REGULATIONS

    return REVISED_REGULATIONS


def test_blanks_for_zeros_validate_with_warnings_and_render(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _blanks_for_zeros(sample_report())
    good = tmp_path / "blanks.json"
    good.write_text(govdisclosure.dumps_json(report), encoding="utf-8")
    assert main(["validate", str(good), "--color", "never"]) == 0
    assert "passes: 0 errors, 2 warnings" in capsys.readouterr().out
    out = tmp_path / "out"
    assert main(["render", str(good), "--to", "json", "-o", str(out)]) == 0
    assert (out / "blanks.json").exists()
    table = appeals(report)
    wrong = attrs.evolve(report, appeals=attrs.evolve(table, review=attrs.evolve(table.review, total=5)))
    bad = tmp_path / "one-error.json"
    bad.write_text(govdisclosure.dumps_json(wrong), encoding="utf-8")
    assert main(["render", str(bad), "--to", "json", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "fails the checks (1 error," in err
    assert [line.split(":")[0].strip() for line in err.splitlines() if line.strip().startswith("error ")] == [
        "error T4-GROUP-TOTAL"
    ]
    assert not (out / "one-error.json").exists()


def test_undetermined_alone_renders(tmp_path: Path) -> None:
    from govdisclosure.validation import Context, Issue, Rule, Status

    def cannot_tell(_: Context) -> list[Issue]:
        return [Issue(("$",), "无法核对。", "Cannot tell.", status=Status.UNDETERMINED)]

    rule = Rule("X-UNDETERMINED", Severity.ERROR, "x", "x", "-", "-", cannot_tell)
    result = validate(sample_report(), rules=[rule])
    assert result.count(Severity.ERROR) == 1
    assert not result.has_errors  # "cannot tell" never blocks on its own


def test_half_width_punctuation() -> None:
    (finding,) = only(
        with_text("完善工作机制,细化职责分工，（一）存在的主要问题:政策解读形式不够丰富。"), "PUNCT-HALFWIDTH"
    )
    assert "“工作机制,细化职责”" in finding.message
    assert "“主要问题:政策解读”" in finding.message
    assert only(with_text("网址：www.example.gov.cn，电话：0591-23165250，共1,234条。"), "PUNCT-HALFWIDTH") == []


@given(st.text(alphabet=",:;，中文AZ19”“）（ \n一龥\u4dff\ua000", max_size=30))
def test_half_width_positions_are_those_of_the_pattern_they_replace(text: str) -> None:
    from govdisclosure.validation.enumeration import _half_width_at

    # The rule's first form: a pattern with the ideographs as a character class (slow to compile).
    pattern = re.compile(r"[,:;](?<=[\u4e00-\u9fff”）][,:;])(?=[\u4e00-\u9fff“（])")
    assert list(_half_width_at(text)) == [m.start() for m in pattern.finditer(text)]


def test_summary_figure_against_its_paragraph() -> None:
    summary = "今年共公布政府信息2599条，其中重大建设项目信息90条，安全生产、应急管理类信息124条。"
    section = "（10）推进重大建设项目信息公开。区经济发展局着力推进实施过程信息公开，全年共发布信息291条。"
    (finding,) = only(with_text(summary, section), "PROSE-SUMMARY")
    assert finding.evidence is not None
    assert (finding.evidence.left, finding.evidence.right) == (90, 291)
    agreeing = section.replace("291", "90")
    assert only(with_text(summary, agreeing), "PROSE-SUMMARY") == []
