"""Rules on the report as a whole: dates, deadlines and the statutory sections."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import attrs

from govdisclosure._patterns import lazy
from govdisclosure.chinese import format_date
from govdisclosure.editions import spec_for
from govdisclosure.model import AgencyKind, Edition
from govdisclosure.validation._text import section_text
from govdisclosure.validation.findings import Evidence, Issue, Severity, Status
from govdisclosure.validation.registry import Context, RuleRegistry

__all__ = ["register"]


def deadline(ctx: Context) -> Iterator[Issue]:
    report = ctx.report
    spec = spec_for(report.edition)
    kind = report.agency.acting_kind  # an office reporting for its government has the government's deadline
    due = spec.deadline(report.year, kind)
    who = "各级人民政府" if kind is AgencyKind.GOVERNMENT else "政府部门等"
    if spec.government_deadline == spec.department_deadline:
        who = "各级行政机关"
    if report.published_on is None:
        yield Issue(
            ("$.published_on",),
            f"未填写发布日期，无法核对是否在{format_date(due)}前公布。",
            f"No publication date is given, so the deadline ({due.isoformat()}) cannot be checked.",
            status=Status.UNDETERMINED,
        )
        return
    late = (report.published_on - due).days
    if late > 0:
        yield Issue(
            ("$.published_on",),
            f"发布日期{format_date(report.published_on)}晚于法定期限{format_date(due)}（{who}），逾期{late}天。",
            f"Published on {report.published_on.isoformat()}, {late} days after the deadline {due.isoformat()}.",
            Evidence("published_on ≤ deadline", report.published_on.toordinal(), due.toordinal()),
        )


def published_early(ctx: Context) -> Iterator[Issue]:
    report = ctx.report
    if report.published_on is not None and report.published_on <= dt.date(report.year, 12, 31):
        yield Issue(
            ("$.published_on", "$.year"),
            f"发布日期{format_date(report.published_on)}在{report.year}年度结束之前：年度或日期有误。",
            f"Published on {report.published_on.isoformat()}, before the year {report.year} it reports on ended.",
        )


_TOPIC_WORDS = {
    "proactive": ("主动公开",),
    "on_request": ("依申请",),
    "information_management": ("信息管理", "政府信息管理"),
    "platforms": ("平台",),
    "oversight": ("监督", "保障"),
}
_ASSESSMENT = {
    "考核": lazy("考核"),
    "评议": lazy("评议"),
    "责任追究": lazy(r"责任追究|追究[^，。；]{0,4}责任"),
}


def sections(ctx: Context) -> Iterator[Issue]:
    report = ctx.report
    spec = spec_for(report.edition)
    keys = {section.key for section in report.sections}
    if not report.sections:
        yield Issue(
            ("$.sections",),
            "报告没有正文：六个部分的文字（总体情况、存在的主要问题及改进情况等）都未填写。",
            "The report has no text: none of the six sections is written.",
        )
        return
    missing = [s for s in spec.sections if s.key not in keys]
    if missing:
        names = "、".join(f"“{s.title}”" for s in missing)
        yield Issue(
            ("$.sections",),
            f"缺少{names}部分（按全国统一格式，报告应包括六个部分）。",
            f"Missing sections: {', '.join(s.key for s in missing)} (the national format has six).",
        )
    overview = next((s for s in report.sections if s.key == "overview"), None)
    if overview is None:
        return
    text = section_text(overview)
    topic_keys = {sub.key for sub in overview.subsections}
    absent = [
        topic for topic in spec.overview_topics
        if topic.key not in topic_keys and not any(word in text for word in _TOPIC_WORDS.get(topic.key, ()))
    ]  # fmt: skip
    if absent:
        names = "、".join(t.title for t in absent)
        yield Issue(
            ("$.sections[0]",),
            f"“总体情况”没有写到：{names}（格式要求涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障）。",
            f"The overview does not cover: {', '.join(t.key for t in absent)}.",
        )
    if report.agency.acting_kind is AgencyKind.GOVERNMENT and "assessment" not in topic_keys:
        lacking = [word for word, pattern in _ASSESSMENT.items() if not pattern.search(text)]
        if lacking:
            yield Issue(
                ("$.sections[0]",),
                "人民政府的报告应在“总体情况”中报告工作考核、社会评议和责任追究结果情况（条例第五十条），"
                f"未见：{'、'.join(lacking)}。",
                "A government's report must cover assessment, public evaluation and accountability "
                f"(条例 art. 50); not found: {', '.join(lacking)}.",
            )


def processing_fees(ctx: Context) -> Iterator[Issue]:
    report = ctx.report
    if report.metric("processing_fees") is not None:
        return
    other = next((s for s in report.sections if s.key == "other_matters"), None)
    if other is not None and "处理费" in section_text(other):
        return
    yield Issue(
        ("$.sections",),
        "“其他需要报告的事项”中没有报告收取信息处理费的情况（未收取也应说明）。",
        "Section 六 does not report the information processing fees collected (say so if none).",
    )


def _has_figures(value: object) -> bool:
    """Whether a table (or any part of one) holds at least one stated number."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | Decimal):
        return True
    if isinstance(value, tuple):
        return any(_has_figures(item) for item in value)
    if attrs.has(type(value)):
        return any(_has_figures(getattr(value, field.name)) for field in attrs.fields(type(value)))  # type: ignore[arg-type]
    return False


def empty_report(ctx: Context) -> Iterator[Issue]:
    report = ctx.report
    text = any(value.strip() for path, value in ctx.texts if not path.endswith(".title"))
    facts = report.problems or report.improvements or report.metrics
    figures = any(_has_figures(table) for table in (report.proactive, report.requests, report.appeals))
    if not (text or facts or figures):
        yield Issue(
            ("$",),
            "报告没有正文，统计表也一个数字都没有填写：这还是空白模板，不能作为年度报告发布。",
            "The report has no text and not a single figure in its tables: it is still the empty template.",
        )


def register(registry: RuleRegistry) -> None:
    registry.rule(
        "REPORT-EMPTY",
        Severity.ERROR,
        title="Not the empty template",
        title_zh="报告不能是空白模板",
        description="A report with no text at all and no figure in any table is the template `govdisclosure new` "
        "wrote, not yet a report: it is not rendered unless --allow-errors.",
        source="条例 第五十条 (the report states its content)",
    )(empty_report)
    registry.rule(
        "DEADLINE",
        Severity.WARNING,
        title="Publication deadline",
        title_zh="发布期限",
        description="Since 2019 departments publish by 31 January and governments by 31 March of the next year "
        "(条例 第四十九条); before 2019 every agency by 31 March (2007 条例 第三十一条). A missing date cannot be checked.",
        source="《中华人民共和国政府信息公开条例》第四十九条; 2007年条例第三十一条",
    )(deadline)
    registry.rule(
        "PUBLISHED-EARLY",
        Severity.ERROR,
        title="Published before the year ended",
        title_zh="发布日期早于年度结束",
        description="A report cannot be published before the year it reports on is over: the year or the date is wrong.",
        source="统计期限 = the calendar year",
    )(published_early)
    registry.rule(
        "SECTIONS",
        Severity.WARNING,
        title="The six sections and the topics of 总体情况",
        title_zh="六个部分及总体情况应涵盖的内容",
        description="A national-format report has the six sections; 总体情况 covers 主动公开、依申请公开、政府信息管理、"
        "平台建设、监督保障, and a government's report also 工作考核、社会评议和责任追究.",
        source="国办公开办函〔2021〕30号 (S4); 条例 第五十条",
        scope="tables",
    )(sections)
    registry.rule(
        "FEES-REPORTED",
        Severity.INFO,
        title="Information processing fees reported",
        title_zh="报告信息处理费收取情况",
        description="The 2021 template asks section 六 to report the 信息处理费 collected under 国办函〔2020〕109号.",
        source="2021 template, section 六 placeholder (S5)",
        editions=(Edition.NATIONAL_2021,),
    )(processing_fees)
