"""Rules comparing the prose with the tables: the figures a report quotes (I11, I12).

Narratives quote the applications received and handled, what was carried over and
forward, the outcome groups (whose subtotals the table does not print), reviews and
lawsuits (percentages: :mod:`.percent`).  Each pattern below finds one kind of figure; a figure
that disagrees with its table is reported with both paths.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import attrs

from govdisclosure._patterns import lazy
from govdisclosure.model import AppealsGroup, AppealsTable, ProactiveTable, Report
from govdisclosure.model.tables import sum_stated
from govdisclosure.validation.findings import Evidence, Issue, Severity, Status
from govdisclosure.validation.registry import Context, RuleRegistry

__all__ = ["FIGURES", "GROUP_OF", "GROUP_WORDS", "groups_named", "groups_total", "register"]

_GAP = r"[^，。；：\d]{0,12}?"  # a few words, no digits and no clause break


@attrs.frozen
class Backwards:
    """A pattern found from a key word (``anchor``, quick to search) and matched backwards from it: ``full``
    ends where the anchor's match ends (``$``) and starts at most ``window`` characters before it."""

    anchor: re.Pattern[str]
    full: re.Pattern[str]
    window: int = 64

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        for key in self.anchor.finditer(text):
            match = self.full.search(text, max(0, key.start() - self.window), key.end())
            if match is not None:
                yield match


@attrs.frozen
class Figure:
    """A kind of figure the prose quotes, where its number is, and which cell it must equal.

    ``hint`` is a word every match contains: a text without it is not searched (speed).
    """

    key: str
    label: str
    pattern: re.Pattern[str] | Backwards
    value: Callable[[Report], tuple[int | None, str] | None]
    hint: str = "件"


def _requests_total(row: str) -> Callable[[Report], tuple[int | None, str] | None]:
    def get(report: Report) -> tuple[int | None, str] | None:
        if report.requests is None:
            return None
        return getattr(report.requests, row).total, f"$.requests.{row}.total"

    return get


def _subtotal(group: str) -> Callable[[Report], tuple[int | None, str] | None]:
    def get(report: Report) -> tuple[int | None, str] | None:
        table = report.requests
        if table is None:
            return None
        value = getattr(table, group)
        if hasattr(value, "total"):
            return value.total, f"$.requests.{group}"
        # The subtotal's 总计 column alone (building the whole subtotal row is slower).
        return sum_stated(row.total for _, row in value.rows()), f"$.requests.{group}"

    return get


def _appeals(group: str) -> Callable[[Report], tuple[int | None, str] | None]:
    def get(report: Report) -> tuple[int | None, str] | None:
        table = report.appeals
        if not isinstance(table, AppealsTable):
            return None
        if group == "litigation":
            both = (table.litigation_direct.total, table.litigation_after_review.total)
            return sum_stated(both), "$.appeals.litigation_direct.total"
        return getattr(table, group).total, f"$.appeals.{group}.total"

    return get


def _proactive(path: str) -> Callable[[Report], tuple[int | None, str] | None]:
    def get(report: Report) -> tuple[int | None, str] | None:
        table = report.proactive
        if not isinstance(table, ProactiveTable):
            return None
        value: object = table
        for part in path.split("."):
            value = getattr(value, part)
        return value, f"$.proactive.{path}"  # type: ignore[return-value]

    return get


FIGURES: tuple[Figure, ...] = (
    Figure(
        "received",
        "本年新收申请",
        lazy(rf"(?:新收|受理|收到){_GAP}申请(?:共)?(\d+)件"),
        _requests_total("received"),
        "申请",
    ),
    Figure(
        "carried_over",
        "上年结转申请",
        lazy(r"上一?年度?结转(?:的)?(?:申请)?(\d+)件"),
        _requests_total("carried_over"),
        "结转",
    ),
    Figure(
        "outcomes_total",
        "办结（答复）申请",
        lazy(r"(?:办结|答复)(?:申请)?(\d+)件"),
        _requests_total("outcomes_total"),
    ),
    # "N件…结转至下年度" is found from its verb backwards (a regex from every number is slow).
    Figure(
        "carried_forward",
        "结转下年度继续办理",
        Backwards(
            lazy(r"(?:结转|顺延)(?:至|到)(?:下一?年度?|\d{4}年)"),
            lazy(r"(\d+)件[^。；\d]{0,40}?(?:结转|顺延)(?:至|到)(?:下一?年度?|\d{4}年)$"),
        ),
        _requests_total("carried_forward"),
    ),
    Figure(
        "carried_forward",
        "结转下年度继续办理",
        lazy(r"结转下一?年度?(?:继续办理)?(\d+)件"),
        _requests_total("carried_forward"),
        "结转",
    ),
    Figure("disclosed", "予以公开", lazy(r"予以公开(\d+)件"), _subtotal("disclosed"), "予以公开"),
    Figure("partially_disclosed", "部分公开", lazy(r"部分公开(\d+)件"), _subtotal("partially_disclosed"), "部分公开"),
    Figure("withheld", "不予公开", lazy(r"不予公开(\d+)件"), _subtotal("withheld"), "不予公开"),
    Figure("cannot_provide", "无法提供", lazy(r"无法提供(\d+)件"), _subtotal("cannot_provide"), "无法提供"),
    Figure("not_processed", "不予处理", lazy(r"不予处理(\d+)件"), _subtotal("not_processed"), "不予处理"),
    Figure("other_handling", "其他处理", lazy(r"其他处理(\d+)件"), _subtotal("other_handling"), "其他处理"),
    Figure("review", "行政复议", lazy(r"行政复议(\d+)件"), _appeals("review"), "行政复议"),
    Figure("litigation", "行政诉讼", lazy(r"行政诉讼(\d+)件"), _appeals("litigation"), "行政诉讼"),
    # 诉讼N件 / 复议N件 written without 行政; the look-behind comes after the literal, which is fast to search.
    Figure("litigation", "行政诉讼", lazy(r"诉讼(?<!行政诉讼)(\d+)件"), _appeals("litigation"), "诉讼"),
    Figure("review", "行政复议", lazy(r"复议(?<!行政复议)(\d+)件"), _appeals("review"), "复议"),
    Figure(
        "litigation_direct",
        "未经复议直接起诉",
        lazy(r"直接起诉(\d+)件"),
        _appeals("litigation_direct"),
        "直接起诉",
    ),
    Figure(
        "litigation_after_review",
        "复议后起诉",
        lazy(r"复议后起诉(\d+)件"),
        _appeals("litigation_after_review"),
        "复议后起诉",
    ),
    Figure(
        "regulations_issued",
        "新增规章",
        lazy(rf"(?:新增|制定|制发|出台|公布){_GAP}规章(\d+)件"),
        _proactive("regulations.issued"),
        "规章",
    ),
    Figure(
        "normative_issued",
        "制发行政规范性文件",
        lazy(r"(?:制发|印发|出台|制定)(?:行政)?规范性文件(\d+)件"),
        _proactive("normative_documents.issued"),
        "规范性文件",
    ),
    Figure(
        "normative_in_force",
        "现行有效行政规范性文件",
        lazy(r"现行有效(?:的)?(?:行政)?(?:规范性文件)?(\d+)件"),
        _proactive("normative_documents.in_force"),
        "现行有效",
    ),
    Figure(
        "licensing",
        "行政许可决定",
        lazy(r"行政许可决定(\d+)件"),
        _proactive("licensing.decisions"),
        "行政许可决定",
    ),
    Figure(
        "penalties",
        "行政处罚决定",
        lazy(r"行政处罚决定(\d+)件"),
        _proactive("penalties.decisions"),
        "行政处罚决定",
    ),
)

_PARTS = lazy(r"(结果维持|结果纠正|其他结果|尚未审结)(\d+)件")
_PART_FIELDS = {"结果维持": "upheld", "结果纠正": "corrected", "其他结果": "other", "尚未审结": "pending"}
_APPEALS_CLAUSE = lazy(r"(行政复议|行政诉讼)(\d+)件([^；。]*)")


def _number(match: re.Match[str]) -> int:
    return int(next(group for group in match.groups() if group is not None))


GROUP_WORDS = "予以公开|部分公开|不予公开|无法提供|不予处理|其他处理"
_COMBINED = lazy(rf"((?:{GROUP_WORDS})(?:(?:及|和|、|与|以及)(?:{GROUP_WORDS}))+)(?:的)?(?:共|合计)?(\d+)件")
GROUP_OF = {
    "予以公开": "disclosed",
    "部分公开": "partially_disclosed",
    "不予公开": "withheld",
    "无法提供": "cannot_provide",
    "不予处理": "not_processed",
    "其他处理": "other_handling",
}


def groups_named(label: str) -> tuple[str, ...]:
    """The outcome groups a label names: ``予以公开及部分公开`` → disclosed, partially_disclosed."""
    return tuple(GROUP_OF[word] for word in re.findall(GROUP_WORDS, label))


def groups_total(report: Report, groups: tuple[str, ...]) -> int | None:
    """The sum of the outcome groups' totals (``None`` when one is blank)."""
    total = 0
    for group in groups:
        found = _subtotal(group)(report)
        if found is None or found[0] is None:
            return None
        total += found[0]
    return total


def _combined(report: Report, path: str, text: str) -> tuple[str, list[Issue]]:
    """Figures naming several outcome groups together, and the text with them masked for the single patterns."""
    issues = []
    for match in _COMBINED.finditer(text):
        groups = groups_named(match.group(1))
        stated, quoted = groups_total(report, groups), int(match.group(2))
        if stated is not None and stated != quoted:
            issues.append(
                Issue(
                    (path, *(f"$.requests.{g}" for g in groups)),
                    f"正文写“{match.group(0)}”，统计表中{match.group(1)}合计为{stated}，相差{quoted - stated}。",
                    f"The text says {'+'.join(groups)} = {quoted} ('{match.group(0)}'), the table {stated}.",
                    Evidence(f"text {'+'.join(groups)} = table", quoted, stated),
                )
            )
        text = text[: match.start()] + "□" * (match.end() - match.start()) + text[match.end() :]
    return text, issues


def figures(ctx: Context) -> Iterator[Issue]:
    report = ctx.report
    appeals = isinstance(report.appeals, AppealsTable)
    values: dict[int, tuple[int | None, str] | None] = {}  # a subtotal is computed once, not per quote
    for path, text in ctx.texts_with("件"):  # every figure this rule reads is counted in 件
        if report.requests is not None and "公开" in text:
            text, combined = _combined(report, path, text)  # noqa: PLW2901 - the masked text is read on
            yield from combined
        for index, figure in enumerate(FIGURES):
            if figure.hint not in text:
                continue
            for match in figure.pattern.finditer(text):
                if index not in values:
                    values[index] = figure.value(report)
                found = values[index]
                if found is None:
                    continue
                stated_in_table, table_path = found
                quoted = _number(match)
                excerpt = match.group(0)
                if stated_in_table is None:
                    yield Issue(
                        (path, table_path),
                        f"正文“{excerpt}”：统计表中对应单元格未填写，无法核对。",
                        f"The text quotes {figure.key} = {quoted} ('{excerpt}'), but the table leaves it blank.",
                        Evidence(f"text {figure.key} = table", quoted, None),
                        Status.UNDETERMINED,
                    )
                elif quoted != stated_in_table:
                    yield Issue(
                        (path, table_path),
                        f"正文写“{excerpt}”，统计表中{figure.label}为{stated_in_table}，相差{quoted - stated_in_table}。",
                        f"The text says {figure.key} = {quoted} ('{excerpt}'), the table {stated_in_table}.",
                        Evidence(f"text {figure.key} = table", quoted, stated_in_table),
                    )
        if appeals and ("行政复议" in text or "行政诉讼" in text):
            yield from _appeals_parts(report, path, text)


def _appeals_parts(report: Report, path: str, text: str) -> Iterator[Issue]:
    table = report.appeals
    if not isinstance(table, AppealsTable):
        return
    for clause in _APPEALS_CLAUSE.finditer(text):
        kind, _, rest = clause.groups()
        group: AppealsGroup = table.review if kind == "行政复议" else table.computed_litigation
        where = "$.appeals.review" if kind == "行政复议" else "$.appeals.litigation_direct"
        for part in _PARTS.finditer(rest):
            field = _PART_FIELDS[part.group(1)]
            quoted, stated = int(part.group(2)), getattr(group, field)
            if stated is not None and quoted != stated:
                yield Issue(
                    (path, f"{where}.{field}"),
                    f"正文写{kind}“{part.group(0)}”，表四中为{stated}。",
                    f"The text says {kind} {field} = {quoted}, Table 4 {stated}.",
                    Evidence(f"text {kind}.{field} = table", quoted, stated),
                )


def register(registry: RuleRegistry) -> None:
    registry.rule(
        "PROSE-FIGURE",
        Severity.WARNING,
        title="Figures in the text agree with the tables",
        title_zh="正文数字与统计表一致",
        description="Figures quoted in the text — applications received, handled, carried over and forward, the "
        "outcome groups, reviews and lawsuits and their results, documents issued and in force, licensing and "
        "penalty decisions — equal the table cells (or, for the outcome groups and 行政诉讼, their sums).",
        source="national-2021.md §5.2 I11",
    )(figures)
