"""Rules on the national statistical tables (2021 and the 2019 trial).

The arithmetic of Tables 3 and 4 (shared/spec/national-2021.md §5: S1, I1, I2, I4), with
blank cells read as 0 (:mod:`.blanks`), who may report 规章 (I10), and whether the tables follow the report's
format version.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from govdisclosure.editions import registered, spec_for
from govdisclosure.model import (
    AgencyKind,
    AgencyLevel,
    AppealsTable,
    ApplicantCounts,
    LegacyAppeals,
    LegacyProactive,
    ProactiveTable,
    TrialProactiveTable,
)
from govdisclosure.validation._text import COLUMNS, appeals_label, column_label, row_label
from govdisclosure.validation.blanks import zero_group, zero_row, zero_sums, zero_table
from govdisclosure.validation.findings import Evidence, Issue, Severity
from govdisclosure.validation.registry import Context, RuleRegistry

__all__ = ["register"]


def _cell(path: str, column: str) -> str:
    return f"$.requests.{path}.{column}"


def row_totals(ctx: Context) -> Iterator[Issue]:
    table = ctx.report.requests
    if table is None:
        return
    for path, row in table.rows():
        if row.is_blank:
            continue
        stated, computed = row.total, row.computed_total
        if stated is not None and stated == computed:
            continue
        label = row_label(path)
        paths = tuple(_cell(path, c) for c in COLUMNS)
        expression = f"{path}.total = Σ applicant columns"
        if stated is None or computed is None:
            stated, computed = zero_sums(zero_row(row))
            if stated != computed:  # blanks that hold as 0 are BLANK-CELLS' to report
                yield Issue(
                    paths,
                    f"表三“{label}”行：空格按0计，总计为{stated}，各列之和为{computed}，仍相差{stated - computed}。",
                    f"Table 3, row {path}: even with blanks read as 0, the total {stated} is not the sum {computed}.",
                    Evidence(f"{expression} (blanks as 0)", stated, computed),
                )
        elif stated != computed:
            yield Issue(
                paths,
                f"表三“{label}”行：总计填报{stated}，自然人与法人或其他组织各列之和为{computed}，相差{stated - computed}。",
                f"Table 3, row {path}: the stated total {stated} is not the sum of the applicant columns, {computed} "
                f"(difference {stated - computed}).",
                Evidence(expression, stated, computed),
            )


def outcomes_total(ctx: Context) -> Iterator[Issue]:
    table = ctx.report.requests
    if table is None:
        return
    computed = table.computed_outcomes_total
    rows = table.outcome_rows()
    for column in COLUMNS:
        stated, summed = getattr(table.outcomes_total, column), getattr(computed, column)
        if stated is not None and stated == summed:
            continue
        if stated is None and all(getattr(row, column) is None for _, row in rows):
            continue
        paths = (_cell("outcomes_total", column), *(_cell(path, column) for path, _ in rows))
        expression = f"outcomes_total.{column} = Σ outcome rows.{column}"
        label = column_label(column)
        if stated is None or summed is None:
            zero = zero_table(table)
            stated, summed = getattr(zero.outcomes_total, column), getattr(zero.computed_outcomes_total, column)
            if stated != summed:  # blanks that hold as 0 are BLANK-CELLS' to report
                yield Issue(
                    paths,
                    f"表三“{label}”列：空格按0计，（七）总计为{stated}，（一）至（六）之和为{summed}，仍相差{stated - summed}。",
                    f"Table 3, column {column}: even with blanks read as 0, （七）总计 {stated} is not the sum {summed}.",
                    Evidence(f"{expression} (blanks as 0)", stated, summed),
                )
        elif stated != summed:
            yield Issue(
                paths,
                f"表三“{label}”列：（七）总计填报{stated}，（一）至（六）各项之和为{summed}，相差{stated - summed}。",
                f"Table 3, column {column}: （七）总计 is {stated} but the outcome rows add up to {summed} "
                f"(difference {stated - summed}).",
                Evidence(expression, stated, summed),
            )


def balance(ctx: Context) -> Iterator[Issue]:
    table = ctx.report.requests
    if table is None:
        return
    for column in COLUMNS:
        cells = [
            getattr(row, column)
            for row in (table.received, table.carried_over, table.outcomes_total, table.carried_forward)
        ]
        if all(cell is None for cell in cells):
            continue
        paths = tuple(_cell(path, column) for path in ("received", "carried_over", "outcomes_total", "carried_forward"))
        expression = f"received.{column} + carried_over.{column} = outcomes_total.{column} + carried_forward.{column}"
        label = column_label(column)
        blanks = None in cells
        received, over, handled, forward = (0 if cell is None else cell for cell in cells)
        left, right = received + over, handled + forward
        if left != right:
            yield Issue(
                paths,
                f"表三“{label}”列：{'空格按0计，' if blanks else ''}本年新收{received}加上年结转{over}为{left}，"
                f"而办理结果总计{handled}加结转下年度{forward}为{right}，相差{left - right}"
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）。",
                f"Table 3, column {column}: received {received} + carried over {over} = {left}, but handled {handled} "
                f"+ carried forward {forward} = {right} (difference {left - right}).",
                Evidence(f"{expression}{' (blanks as 0)' if blanks else ''}", left, right),
            )


def appeals_totals(ctx: Context) -> Iterator[Issue]:
    table = ctx.report.appeals
    if not isinstance(table, AppealsTable):
        return
    for name, group in table.groups():
        cells = group.cells()
        if all(cell is None for cell in cells):
            continue
        paths = tuple(f"$.appeals.{name}.{field}" for field in ("upheld", "corrected", "other", "pending", "total"))
        stated, computed = group.total, group.computed_total
        expression = f"{name}.total = upheld + corrected + other + pending"
        label = appeals_label(name)
        if stated is None or computed is None:
            stated, computed = zero_sums(zero_group(group))
            if stated != computed:  # blanks that hold as 0 are BLANK-CELLS' to report
                yield Issue(
                    paths,
                    f"表四“{label}”：空格按0计，总计为{stated}，各项之和为{computed}，仍相差{stated - computed}。",
                    f"Table 4, {name}: even with blanks read as 0, the total {stated} is not the sum {computed}.",
                    Evidence(f"{expression} (blanks as 0)", stated, computed),
                )
        elif stated != computed:
            yield Issue(
                paths,
                f"表四“{label}”：总计填报{stated}，结果维持、结果纠正、其他结果、尚未审结之和为{computed}，"
                f"相差{stated - computed}。",
                f"Table 4, {name}: the stated total {stated} is not upheld + corrected + other + pending = {computed}.",
                Evidence(expression, stated, computed),
            )


def _leaves(obj: Any, prefix: str) -> Iterator[tuple[str, object]]:
    import attrs

    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if attrs.has(type(value)):
            yield from _leaves(value, f"{prefix}.{field.name}")
        else:
            yield f"{prefix}.{field.name}", value


_RULE_MAKERS = "国务院部门，省、自治区、直辖市和设区的市、自治州的人民政府"


def regulations_power(ctx: Context) -> Iterator[Issue]:
    report = ctx.report
    table = report.proactive
    if not isinstance(table, ProactiveTable | TrialProactiveTable):
        return
    agency = report.agency
    kind = agency.acting_kind  # an office reporting for its government reports the government's 规章
    cannot = (
        kind in (AgencyKind.TOWNSHIP, AgencyKind.STREET_OFFICE)
        or agency.level in (AgencyLevel.COUNTY, AgencyLevel.TOWNSHIP)
        or (kind is AgencyKind.DEPARTMENT and agency.level not in (None, AgencyLevel.STATE_COUNCIL))
    )
    if not cannot:
        return
    reported = _leaves(table.regulations, "$.proactive.regulations")
    nonzero = [(path, value) for path, value in reported if isinstance(value, int) and value > 0]
    if nonzero:
        figures = "、".join(str(value) for _, value in nonzero)
        yield Issue(
            tuple(path for path, _ in nonzero),
            f"表二“规章”填报了{figures}，但只有{_RULE_MAKERS}能制定规章（《立法法》），"
            f"{agency.name}应填0。常见原因：把行政规范性文件填进了规章行。",
            f"Table 2 reports 规章 ({figures}), but only State Council departments and the governments of provinces "
            "and cities with districts can make them; this agency should report 0.",
        )


def _layout_edition(table: object, attribute: str) -> str:
    """The short name of the edition whose layout ``table`` follows (``attribute``: the spec's layout field)."""
    names = [spec.short_name for spec in registered() if isinstance(table, getattr(spec, attribute))]
    return names[0] if names else type(table).__name__


def edition_layout(ctx: Context) -> Iterator[Issue]:
    report = ctx.report
    spec = spec_for(report.edition)
    proactive, requests, appeals = report.proactive, report.requests, report.appeals
    if not spec.tables:
        if isinstance(proactive, ProactiveTable | TrialProactiveTable) or isinstance(appeals, AppealsTable):
            yield Issue(
                ("$.edition",),
                f"报告声明为{spec.short_name}，却含有全国统一格式的统计表：请核对格式版本。",
                f"A report declared {report.edition.value} holds national-format tables: check the edition.",
            )
        return
    if isinstance(proactive, LegacyProactive) or isinstance(appeals, LegacyAppeals):
        yield Issue(
            ("$.proactive" if isinstance(proactive, LegacyProactive) else "$.appeals",),
            "全国统一格式的报告应填写统计表，不能只列2008—2018年式的发布渠道或复议诉讼件数。",
            "A national-format report holds legacy-style figures instead of the statistical tables.",
        )
    elif proactive is not None and not isinstance(proactive, spec.proactive_layout):
        printed = _layout_edition(proactive, "proactive_layout")
        yield Issue(
            ("$.proactive",),
            f"表二用的是{printed}的表二，报告却是{spec.short_name}：应改用{spec.short_name}的表二。",
            f"Table 2 follows the layout of {printed} in a report in {report.edition.value}.",
        )
    if requests is not None and isinstance(requests.other_handling, ApplicantCounts) != spec.single_other_handling:
        if spec.single_other_handling:
            yield Issue(
                ("$.requests.other_handling",),
                f"表三“（六）其他处理”分了三行（2021年格式），{spec.short_name}只有一行。",
                f"Table 3 splits （六）其他处理 into three rows (2021) in a report in {report.edition.value}.",
            )
        else:
            yield Issue(
                ("$.requests.other_handling",),
                f"表三“（六）其他处理”只有一行（2019年试行格式），{spec.short_name}应分为1.逾期不补正、2.逾期未缴费、3.其他三行。",
                f"Table 3 prints （六）其他处理 as one row (the trial layout); {report.edition.value} has three rows.",
            )


def edition_year(ctx: Context) -> Iterator[Issue]:
    report = ctx.report
    year, spec = report.year, spec_for(report.edition)
    if spec.covers(year):
        return
    expected = [other for other in registered() if other.covers(year)]
    names = "或".join(other.short_name for other in expected) or "（本库未收录的格式）"
    yield Issue(
        ("$.edition", "$.year"),
        f"{year}年度的报告应使用{names}，本报告却是{spec.short_name}。",
        f"A report for {year} should follow {' or '.join(o.edition.value for o in expected) or 'another format'}, "
        f"not {report.edition.value}.",
    )


def register(registry: RuleRegistry) -> None:
    source = "国办公开办函〔2021〕30号, 表三表头“本列数据的勾稽关系” (S1); 国办公开办函〔2019〕60号"
    registry.rule(
        "T3-ROW-TOTAL",
        Severity.ERROR,
        title="Table 3 row totals",
        title_zh="表三各行总计等于各类申请人之和",
        description="In every row of Table 3, 总计 equals 自然人 plus the five 法人或其他组织 columns.",
        source="表三表头: 总计 beside 自然人 and 法人或其他组织 (I1)",
        scope="tables",
    )(row_totals)
    registry.rule(
        "T3-OUTCOMES-TOTAL",
        Severity.ERROR,
        title="Table 3 outcome total",
        title_zh="表三（七）总计等于各项办理结果之和",
        description="In every column, （七）总计 equals the sum of the outcome rows （一） to （六）, sub-items included "
        "(the table has no subtotal rows).",
        source="表三“（七）总计” with “（二）…只计这一情形” (I2)",
        scope="tables",
    )(outcomes_total)
    registry.rule(
        "T3-BALANCE",
        Severity.ERROR,
        title="Table 3 column balance",
        title_zh="表三本列勾稽关系",
        description="In every column: 一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理.",
        source=source,
        scope="tables",
    )(balance)
    registry.rule(
        "T4-GROUP-TOTAL",
        Severity.ERROR,
        title="Table 4 group totals",
        title_zh="表四各组总计",
        description="For 行政复议, 未经复议直接起诉 and 复议后起诉: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.",
        source="表四表头 (I4)",
        scope="tables",
    )(appeals_totals)
    registry.rule(
        "T2-REGULATIONS-POWER",
        Severity.WARNING,
        title="规章 reported by a body that cannot make them",
        title_zh="无规章制定权的机关填报了规章",
        description="Only State Council departments and the people's governments of provinces and of cities with "
        "districts make 规章; townships, counties and local departments should report 0.",
        source="《中华人民共和国立法法》 (I10)",
        scope="tables",
    )(regulations_power)
    registry.rule(
        "EDITION-MIX",
        Severity.ERROR,
        title="Tables of another format version",
        title_zh="统计表格式版本与报告不一致",
        description="A table follows another format version than the report (e.g. the trial Table 2 or a single "
        "（六）其他处理 row in a 2021 report). Reported apart from arithmetic errors.",
        source="national-2019-trial.md §4: detecting the version",
    )(edition_layout)
    registry.rule(
        "EDITION-YEAR",
        Severity.ERROR,
        title="Format version for the year",
        title_zh="报告年度应使用的格式版本",
        description="Reports for 2008–2018 are legacy prose, 2019–2020 the trial format, 2021 onwards the 2021 format.",
        source="国办公开办函〔2019〕60号; 国办公开办函〔2021〕30号",
    )(edition_year)
