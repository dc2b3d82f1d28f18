"""Rules across years, when last year's report is given (``validate(report, previous=…)``)."""

from __future__ import annotations

from collections.abc import Iterator

from govdisclosure.model import DocumentCounts, ProactiveTable
from govdisclosure.validation._text import COLUMNS, column_label
from govdisclosure.validation.findings import Evidence, Issue, Severity
from govdisclosure.validation.registry import Context, RuleRegistry

__all__ = ["register"]


def same_agency(ctx: Context) -> Iterator[Issue]:
    report, previous = ctx.report, ctx.previous
    if previous is None:
        return
    if previous.year != report.year - 1:
        yield Issue(
            ("$.year",),
            f"作为上一年度报告提供的是{previous.year}年度的报告，而本报告是{report.year}年度：跨年度核对不可靠。",
            f"The previous report is for {previous.year}, not {report.year - 1}: cross-year checks are unreliable.",
            Evidence("previous.year = year − 1", previous.year, report.year - 1),
        )
    if (previous.agency.reports_for or previous.agency.name) != (report.agency.reports_for or report.agency.name):
        yield Issue(
            ("$.agency.name",),
            f"上一年度报告的机关是“{previous.agency.name}”，本报告是“{report.agency.name}”。",
            f"The previous report is by {previous.agency.name!r}, this one by {report.agency.name!r}.",
        )


def carried(ctx: Context) -> Iterator[Issue]:
    report, previous = ctx.report, ctx.previous
    if previous is None or report.requests is None or previous.requests is None:
        return
    for column in COLUMNS:
        now = getattr(report.requests.carried_over, column)
        before = getattr(previous.requests.carried_forward, column)
        if now is None or before is None or now == before:
            continue
        yield Issue(
            (f"$.requests.carried_over.{column}",),
            f"表三“{column_label(column)}”列：本年“上年结转”为{now}，而{previous.year}年度报告“结转下年度继续办理”为{before}。"
            "机构调整等原因造成的差异请在报告中说明。",
            f"Table 3, column {column}: carried over {now}, but last year's report carried forward {before}.",
            Evidence("carried_over(N) = carried_forward(N−1)", now, before),
        )


def stock(ctx: Context) -> Iterator[Issue]:
    report, previous = ctx.report, ctx.previous
    if previous is None:
        return
    if not (isinstance(report.proactive, ProactiveTable) and isinstance(previous.proactive, ProactiveTable)):
        return  # the trial Table 2 counts other things: not comparable (national-2019-trial.md §3)
    for name, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        now: DocumentCounts = getattr(report.proactive, name)
        before: DocumentCounts = getattr(previous.proactive, name)
        if None in (now.issued, now.repealed, now.in_force, before.in_force):
            continue
        assert now.issued is not None
        assert now.repealed is not None
        assert before.in_force is not None
        expected = before.in_force + now.issued - now.repealed
        paths = tuple(f"$.proactive.{name}.{field}" for field in ("issued", "repealed", "in_force"))
        if now.repealed > before.in_force + now.issued:
            yield Issue(
                paths,
                f"表二“{label}”：本年废止{now.repealed}件，多于上年现行有效{before.in_force}件加本年制发{now.issued}件。",
                f"Table 2, {name}: {now.repealed} repealed, more than last year's {before.in_force} in force plus "
                f"{now.issued} issued.",
                Evidence("repealed ≤ in_force(N−1) + issued", now.repealed, before.in_force + now.issued),
            )
        elif now.in_force != expected:
            yield Issue(
                paths,
                f"表二“{label}”：现行有效{now.in_force}件，而上年现行有效{before.in_force}+本年制发{now.issued}"
                f"−本年废止{now.repealed}={expected}件。有效期届满、清理等原因请在报告中说明。",
                f"Table 2, {name}: {now.in_force} in force, but {before.in_force} + {now.issued} − {now.repealed} = "
                f"{expected}.",
                Evidence("in_force(N) = in_force(N−1) + issued − repealed", now.in_force, expected),
            )


def register(registry: RuleRegistry) -> None:
    registry.rule(
        "XY-PREVIOUS",
        Severity.WARNING,
        title="The previous report is last year's, by the same agency",
        title_zh="上一年度报告的年度和机关",
        description="The report given as the previous one is for the year before and by the same agency.",
        source="cross-year checks (national-2021.md §5.2 I7, I8)",
        needs_previous=True,
    )(same_agency)
    registry.rule(
        "XY-CARRY",
        Severity.WARNING,
        title="Carried over against last year's carried forward",
        title_zh="上年结转等于上年度结转下年度",
        description="In every column of Table 3, 二、上年结转 equals last year's 四、结转下年度继续办理. "
        "Reorganisations legitimately break it: then say so in the text.",
        source="national-2021.md §5.2 I7",
        needs_previous=True,
    )(carried)
    registry.rule(
        "XY-STOCK",
        Severity.WARNING,
        title="Documents in force against last year",
        title_zh="现行有效件数与上年度衔接",
        description="现行有效件数 = last year's 现行有效件数 + 本年制发件数 − 本年废止件数, and no more can be repealed "
        "than were in force plus issued. Expiry and clean-ups legitimately break the first.",
        source="national-2021.md §5.2 I8, I9",
        needs_previous=True,
    )(stock)
