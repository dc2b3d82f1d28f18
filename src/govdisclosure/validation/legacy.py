"""Rules for the prose itself, and for reports of 2008–2018 (legacy-2008).

Stated totals against their parts, years in the text against the report's year, short
titles used but never defined, and the topics 第三十二条 of the 2007 Regulations requires.
"""

from __future__ import annotations

from collections.abc import Iterator

from govdisclosure._patterns import lazy
from govdisclosure.model import LegacyProactive
from govdisclosure.validation.findings import Evidence, Issue, Severity
from govdisclosure.validation.registry import Context, RuleRegistry

__all__ = ["register"]


def channel_total(ctx: Context) -> Iterator[Issue]:
    proactive = ctx.report.proactive
    if not isinstance(proactive, LegacyProactive) or not proactive.channels:
        return
    stated, computed = proactive.total_items, proactive.computed_total
    if stated is None or computed is None or stated == computed:
        return
    parts = "+".join(str(channel.count) for channel in proactive.channels)
    yield Issue(
        ("$.proactive.total_items", *(f"$.proactive.channels[{i}].count" for i in range(len(proactive.channels)))),
        f"全年发布信息总数写为{stated}条，各发布渠道之和为{parts}={computed}，相差{stated - computed}。",
        f"The stated total of items published, {stated}, is not the sum of the channels, {computed}.",
        Evidence("total_items = Σ channels.count", stated, computed),
    )


def channel_units(ctx: Context) -> Iterator[Issue]:
    proactive = ctx.report.proactive
    if not isinstance(proactive, LegacyProactive):
        return
    units = sorted({channel.unit for channel in proactive.channels})
    if len(units) > 1:
        yield Issue(
            tuple(f"$.proactive.channels[{i}].unit" for i in range(len(proactive.channels))),
            f"发布渠道的计量单位不一（{'、'.join(units)}），总数把不同单位的数量相加。",
            f"The channels are counted in different units ({', '.join(units)}) that the total adds together.",
        )


_TOTAL_IN_TEXT = lazy(r"(?:全年|共)[^，。；\d]{0,8}?发布[^，。；\d]{0,6}?信息(\d+)条")


def stated_total_in_text(ctx: Context) -> Iterator[Issue]:
    report = ctx.report
    proactive = report.proactive
    if not isinstance(proactive, LegacyProactive) or proactive.total_items is None:
        return
    for path, text in ctx.texts:
        for match in _TOTAL_IN_TEXT.finditer(text):
            quoted = int(match.group(1))
            if quoted != proactive.total_items:
                yield Issue(
                    (path, "$.proactive.total_items"),
                    f"正文写“{match.group(0)}”，数据中全年发布信息为{proactive.total_items}条。",
                    f"The text says {quoted} items were published; the data says {proactive.total_items}.",
                    Evidence("text total = total_items", quoted, proactive.total_items),
                )


_SENTENCE_YEAR = lazy(r"(?:^|[。；！？])\s*(?:截至|截止|在)?(\d{4})年(?:度)?(?:，|,|以来|全年|上半年|下半年|共|我)")
# Any year so used, sentence start or not: a superset of the matches, fast to search from the literal 年.
_ANY_YEAR = lazy(r"年(?:度)?(?:，|,|以来|全年|上半年|下半年|共|我)")
_PERIOD = lazy(r"自(\d{4})年1月1日(?:起)?至(\d{4})年12月31日")


def text_years(ctx: Context) -> Iterator[Issue]:
    report = ctx.report
    expected = (str(report.year), str(report.year + 1))
    full = ctx.full_text
    if all(full[max(0, m.start() - 4) : m.start()] in expected for m in _ANY_YEAR.finditer(full)):
        return  # one pass over the whole text; the texts are walked only to name where
    for path, text in ctx.texts:
        for match in _SENTENCE_YEAR.finditer(text):
            year = int(match.group(1))
            if year not in (report.year, report.year + 1):
                yield Issue(
                    (path, "$.year"),
                    f"正文以“{match.group(0).lstrip('。；！？ ')}”叙述本年度情况，但这是{report.year}年度的报告：年份可能写错了。",
                    f"The text reports on '{year}' in a report for {report.year}: probably a wrong year.",
                    Evidence("year in the text = report year", year, report.year),
                )


def period_years(ctx: Context) -> Iterator[Issue]:
    report = ctx.report
    for path, text in ctx.texts:
        for match in _PERIOD.finditer(text):
            start, end = int(match.group(1)), int(match.group(2))
            if start != report.year or end != report.year:
                yield Issue(
                    (path, "$.year"),
                    f"统计期限“{match.group(0)}”与报告年度{report.year}年不一致。",
                    f"The statistical period '{match.group(0)}' is not the report's year {report.year}.",
                    Evidence("statistical period = report year", start if start != report.year else end, report.year),
                )


_SHORT_TITLE = lazy(
    r"《([^《》]{1,3}(?:条例|办法|细则|规定|意见|通知|决定|规则|方案|指南|目录|要点))》|《(条例|办法|细则|规定|意见|通知|决定|规则|方案|指南|目录|要点)》"
)
_DEFINED_IN_TEXT = lazy(r"称(?<=简称|下称)“?(《[^《》]+》)")  # 以下简称 / (以)下称; literal first: fast


def abbreviations(ctx: Context) -> Iterator[Issue]:
    report = ctx.report
    defined = {abbreviation.short for abbreviation in report.abbreviations}
    all_text = ctx.texts
    defined |= {match.group(1) for _, text in all_text for match in _DEFINED_IN_TEXT.finditer(text)}
    reported: set[str] = set()
    for path, text in all_text:
        for match in _SHORT_TITLE.finditer(text):
            short = match.group(0)
            if len(short) > 6 or short in defined or short in reported:
                continue
            reported.add(short)
            yield Issue(
                (path, "$.abbreviations"),
                f"正文使用了简称{short}，但报告没有说明它指哪一个文件（如“（以下简称{short}）”）。",
                f"The text uses the short title {short} without saying which document it stands for.",
            )


_TOPICS = (
    ("proactive", "主动公开政府信息的情况", ("主动公开",), "第一项"),
    ("on_request", "依申请公开政府信息和不予公开政府信息的情况", ("依申请",), "第二项"),
    ("fees", "政府信息公开的收费及减免情况", ("收费", "减免", "费用"), "第三项"),
    ("appeals", "因政府信息公开申请行政复议、提起行政诉讼的情况", ("行政复议", "行政诉讼"), "第四项"),
    ("problems", "政府信息公开工作存在的主要问题及改进情况", ("问题",), "第五项"),
)


def legacy_topics(ctx: Context) -> Iterator[Issue]:
    report = ctx.report
    keys = {section.key for _, section in report.walk_sections() if section.key}
    text = "\n".join(t for _, t in ctx.texts)
    for key, title, words, item in _TOPICS:
        if key in keys or any(word in text for word in words):
            continue
        example = "，如“未收取任何费用”" if key == "fees" else ""
        yield Issue(
            ("$.sections",),
            f"报告没有写“{title}”（2007年《条例》第三十二条{item}要求报告）。没有发生也应写明{example}。",
            f"The report does not cover '{key}', which article 32 of the 2007 Regulations requires.",
        )


def register(registry: RuleRegistry) -> None:
    registry.rule(
        "LEGACY-CHANNEL-TOTAL",
        Severity.ERROR,
        title="Stated total against its channels",
        title_zh="发布信息总数等于各渠道之和",
        description="The stated number of items published (全年共发布信息N条) equals the sum of the channels listed.",
        source="legacy-2008.md §4: prose arithmetic",
        scope="prose",
    )(channel_total)
    registry.rule(
        "LEGACY-CHANNEL-UNITS",
        Severity.INFO,
        title="Channels counted in different units",
        title_zh="发布渠道计量单位不一",
        description="The channels are counted in different units (条, 篇) that the total adds together.",
        source="observed in real legacy reports (the seed: 新闻媒体1614篇 within 4811条)",
        scope="prose",
    )(channel_units)
    registry.rule(
        "LEGACY-TEXT-TOTAL",
        Severity.WARNING,
        title="Total in the text against the data",
        title_zh="正文发布总数与数据一致",
        description="The total of items published quoted in the text equals the stated total in the data.",
        source="legacy-2008.md §4",
        scope="prose",
    )(stated_total_in_text)
    registry.rule(
        "TEXT-YEAR",
        Severity.WARNING,
        title="Years in the text",
        title_zh="正文年份与报告年度一致",
        description='A sentence that reports on a year ("2010年，…") names the report\'s year (or the next, for '
        "plans); another year is usually a copy of last year's report.",
        source='observed in real reports: the seed reports "2010年" in its 2011 report',
    )(text_years)
    registry.rule(
        "PERIOD-YEAR",
        Severity.ERROR,
        title="Statistical period",
        title_zh="统计期限与报告年度一致",
        description="The statistical period (自X年1月1日起至X年12月31日止) is the report's year.",
        source="legacy-2008.md §2; national-2021.md §3 (preamble)",
    )(period_years)
    registry.rule(
        "ABBREV-UNDEFINED",
        Severity.WARNING,
        title="Short titles never defined",
        title_zh="简称未作说明",
        description="A short title such as 《办法》 is used without a definition (以下简称…), so the reader cannot "
        "tell which document it means.",
        source="GB/T 9704-2012 practice; observed in the seed (《办法》)",
    )(abbreviations)
    registry.rule(
        "LEGACY-TOPICS",
        Severity.WARNING,
        title="Topics the 2007 Regulations require",
        title_zh="2007年条例第三十二条规定的报告内容",
        description="A report of 2008–2018 covers 主动公开, 依申请公开和不予公开, 收费及减免, 行政复议和行政诉讼, "
        "存在的主要问题及改进情况; 收费及减免 is the one most often left out.",
        source="《中华人民共和国政府信息公开条例》（2007）第三十二条",
        scope="prose",
    )(legacy_topics)
