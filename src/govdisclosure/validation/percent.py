"""Percentages in the text (I12): against the base the text names, rounded (not truncated), and
of the category they are printed beside.

"予以公开66件，占收到申请总数的45.8%" is checked as 66 ÷ 本年新收; with no base named, 办结 or 新收 will
do.  A figure truncated instead of rounded is reported; a percentage that is another group's share
(予以公开 printed with the share of 予以公开及部分公开) says whose it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from govdisclosure._patterns import lazy
from govdisclosure.model import Report
from govdisclosure.validation.findings import Evidence, Issue, Severity
from govdisclosure.validation.prose import GROUP_OF, GROUP_WORDS, groups_named, groups_total
from govdisclosure.validation.registry import Context, RuleRegistry

__all__ = ["register"]

_PERCENT = lazy(
    rf"((?:{GROUP_WORDS})(?:(?:及|和|、|与|以及)(?:{GROUP_WORDS}))*)(?:的)?(\d+)件[，,、（(]?"
    r"(?:占比|占)([^\d%％，。；]{0,12}?)(?:比例)?(?:的)?(?:为)?(\d+(?:\.\d+)?)[%％]"
)
_RECEIVED_BASE = ("新收", "收到", "受理", "申请总")
_HANDLED_BASE = ("办结", "答复", "办理", "处理")


def _places(printed: Decimal) -> int:
    exponent = printed.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _denominators(base_words: str, received: int | None, handled: int | None) -> list[tuple[str, int]]:
    """The base the text names (新收 or 办结), else both, the handled first."""
    if any(word in base_words for word in _RECEIVED_BASE):
        return [("本年新收申请", received)] if received else []
    if any(word in base_words for word in _HANDLED_BASE):
        return [("办结总数", handled)] if handled else []
    return [(name, d) for name, d in (("办结总数", handled), ("本年新收申请", received)) if d]


def percentages(ctx: Context) -> Iterator[Issue]:
    report = ctx.report
    table = report.requests
    if table is None or ("%" not in ctx.full_text and "％" not in ctx.full_text):
        return
    received, handled = table.received.total, table.outcomes_total.total
    for path, text in ctx.texts_with("%", "％"):
        for match in _PERCENT.finditer(text):
            issue = _percentage(report, path, match, _denominators(match.group(3), received, handled))
            if issue is not None:
                yield issue


def _percentage(report: Report, path: str, match: re.Match[str], bases: list[tuple[str, int]]) -> Issue | None:
    if not bases:
        return None
    label, count, printed = match.group(1), int(match.group(2)), Decimal(match.group(4))
    places = _places(printed)
    step = Decimal(1) / Decimal(10) ** places
    paths = (path, *(f"$.requests.{g}" for g in groups_named(label)), "$.requests.outcomes_total.total")
    shares = [(name, base, Decimal(count * 100) / base) for name, base in bases]
    if any(printed == share.quantize(step, rounding=ROUND_HALF_UP) for _, _, share in shares):
        return None
    for base_name, base, share in shares:
        rounded = share.quantize(step, rounding=ROUND_HALF_UP)
        if printed == share.quantize(step, rounding=ROUND_DOWN):
            return Issue(
                paths,
                f"正文写“{match.group(0)}”：{count}÷{base_name}{base}={share:.4f}%，四舍五入应为{rounded}%，"
                f"文中{printed}%是截去尾数所得。",
                f"The text gives {printed}% for {count} of {base}: {share:.4f}% rounds to {rounded}%; "
                f"{printed}% is truncated.",
                Evidence(f"{label} share rounded", printed, rounded),
            )
    if any(abs(share - printed) <= max(Decimal("0.1"), step / 2) for _, _, share in shares):
        return None
    base_name, base = bases[0]
    best = (Decimal(count * 100) / base).quantize(Decimal(1) / Decimal(10) ** max(places, 1), rounding=ROUND_HALF_UP)
    return Issue(
        paths,
        f"正文写“{match.group(0)}”，按{count}件÷{base_name}{base}件计算应为{best}%。{_other_category(report, printed, base)}",
        f"The text gives {printed}% for {count} cases; {count} of {base} is {best}%.",
        Evidence(f"{label} share", printed, best),
    )


def _other_category(report: Report, printed: Decimal, base: int) -> str:
    """Names the outcome group (or pair) whose share the printed percentage is, when it is another's."""
    candidates = [(word,) for word in GROUP_OF] + [("予以公开", "部分公开")]
    tolerance = max(Decimal("0.1"), Decimal(1) / Decimal(10) ** _places(printed) / 2)
    for words in candidates:
        count = groups_total(report, tuple(GROUP_OF[w] for w in words))
        if count and abs(Decimal(count * 100) / base - printed) <= tolerance:
            return f"{printed}%是“{'及'.join(words)}”{count}件所占的比例，百分比写错了类别。"
    return ""


def register(registry: RuleRegistry) -> None:
    registry.rule(
        "PROSE-PERCENT",
        Severity.WARNING,
        title="Percentages in the text",
        title_zh="正文百分比",
        description="A percentage quoted for an outcome group (or several named together) equals its count over "
        "the base the text names (本年新收 or 办结), or either when it names none, within ±0.1 percentage points "
        "or the rounding of the printed figure. A figure truncated instead of rounded is reported; a percentage "
        "that is another group's share says which.",
        source="national-2021.md §5.2 I12",
    )(percentages)
