"""Rules against last year's report: copied prose, copied tables, and what became of last year's problems.

County scoring sheets deduct for a report whose text is mostly last year's, or whose tables repeat
last year's figures; section 五 (存在的主要问题及改进情况) should name this year's problems and
measures and, when last year's report is at hand, say what became of the problems it named.
Clauses are compared with every digit masked, so a copy with the year and the figures changed is
still a copy.
"""

from __future__ import annotations

from collections.abc import Iterator

from govdisclosure._patterns import lazy
from govdisclosure.model import Paragraph, Report, Section
from govdisclosure.validation.findings import Evidence, Issue, Severity
from govdisclosure.validation.registry import Context, RuleRegistry

__all__ = ["copied_share", "register"]
_CLAUSES = lazy(r"[，。；：、,;:！？\n]+")
_DIGITS = lazy(r"\d+|[〇一二三四五六七八九十]{1,4}(?=年)")
_MIN_CLAUSE = 6  # shorter clauses (一是, 主要做法) are shared by every report


def _clauses(report: Report) -> list[str]:
    text = "\n".join(t for path, t in report.texts() if not path.endswith(".title"))
    masked = _DIGITS.sub("#", text)
    return [c for c in _CLAUSES.split(masked) if len(c) >= _MIN_CLAUSE]


def copied_share(report: Report, previous: Report) -> tuple[int, int]:
    """(characters of this year's prose found clause for clause in last year's, characters of prose)."""
    before = set(_clauses(previous))
    now = _clauses(report)
    return sum(len(c) for c in now if c in before), sum(len(c) for c in now)


def copied_prose(ctx: Context) -> Iterator[Issue]:
    previous = ctx.previous
    if previous is None:
        return
    same, total = copied_share(ctx.report, previous)
    if total and same * 2 > total:
        share = round(same * 100 / total)
        yield Issue(
            ("$.sections",),
            f"本报告正文有{share}%（{same}/{total}字）与{previous.year}年度报告逐句相同（数字不计）：一半以上照搬上年报告。",
            f"{share}% of the prose ({same} of {total} characters) repeats last year's report clause for clause.",
            Evidence("copied characters ≤ half", same, total // 2),
        )


def copied_tables(ctx: Context) -> Iterator[Issue]:
    report, previous = ctx.report, ctx.previous
    if previous is None or report.requests is None or previous.requests is None:
        return
    tables = ("proactive", "requests", "appeals")
    if any(getattr(report, name) != getattr(previous, name) for name in tables):
        return
    received = report.requests.received.total
    if not received and not report.requests.carried_over.total:
        return  # a body that receives nothing reports zeros every year, legitimately
    yield Issue(
        tuple(f"$.{name}" for name in tables),
        f"统计表二、三、四的每一个数字都与{previous.year}年度报告相同：疑似照搬上年数据。",
        f"Every figure of Tables 2, 3 and 4 equals last year's report ({previous.year}).",
    )


_PROBLEM_WORDS = ("问题", "不足", "薄弱", "差距", "短板", "有待", "不够", "不到位", "欠缺")
_MEASURE_WORDS = ("改进", "措施", "下一步", "将", "加强", "整改", "推进", "完善")
_FOLLOW_UP_WORDS = (
    "上年",
    "上一年",
    "去年",
    "整改",
    "已解决",
    "得到解决",
    "有所改善",
    "已改进",
    "落实情况",
)


def _body(section: Section) -> str:
    parts = [b.text if isinstance(b, Paragraph) else "\n".join(b.items) for b in section.body]
    parts += [f"{sub.title}\n{_body(sub)}" for sub in section.subsections]
    return "\n".join(parts)


def _top_level(report: Report, key: str) -> Section | None:
    """Section 五 is a top-level section: no need to walk the tree unless it is not there."""
    found = next((s for s in report.sections if s.key == key), None)
    return found if found is not None else report.find_section(key)


def problems_section(ctx: Context) -> Iterator[Issue]:
    report = ctx.report
    section = _top_level(report, "problems")
    if section is None:
        return  # SECTIONS reports a missing section
    text = _body(section) + "".join(f"{i.title or ''}{i.text or ''}" for i in (*report.problems, *report.improvements))
    lacking = []
    if not report.problems and not any(word in text for word in _PROBLEM_WORDS):
        lacking.append(("存在的主要问题", "the problems"))
    if not report.improvements and not any(word in text for word in _MEASURE_WORDS):
        lacking.append(("改进措施", "the measures"))
    if lacking:
        yield Issue(
            ("$.sections",),
            f"“存在的主要问题及改进情况”没有写明{'和'.join(zh for zh, _ in lacking)}。",
            f"Section 五 does not name {' or '.join(en for _, en in lacking)}.",
        )
    previous = ctx.previous
    if previous is None:
        return
    before = _top_level(previous, "problems")
    if before is None and not previous.problems:
        return
    years = (str(previous.year), f"{previous.year}年")
    if not any(word in text for word in _FOLLOW_UP_WORDS) and not any(year in text for year in years):
        yield Issue(
            ("$.sections",),
            f"“存在的主要问题及改进情况”没有说明{previous.year}年度报告所列问题的改进情况（整改落实了哪些）。",
            f"Section 五 does not say what became of the problems named in the {previous.year} report.",
        )


def register(registry: RuleRegistry) -> None:
    registry.rule(
        "COPIED-PROSE",
        Severity.WARNING,
        title="Prose copied from last year",
        title_zh="正文照搬上年报告",
        description="More than half of the prose (by characters) repeats last year's report clause for clause, "
        "with digits ignored so a copy with new figures still counts.",
        source="county scoring sheets (照搬上年报告扣分), issue 13",
        needs_previous=True,
    )(copied_prose)
    registry.rule(
        "COPIED-TABLES",
        Severity.WARNING,
        title="Tables identical to last year's",
        title_zh="统计表数据与上年完全相同",
        description="Every figure of Tables 2, 3 and 4 equals last year's, for a body that received applications.",
        source="county scoring sheets (数据照搬), issue 13",
        scope="tables",
        needs_previous=True,
    )(copied_tables)
    registry.rule(
        "PROBLEMS-SECTION",
        Severity.WARNING,
        title="Section 五 names problems, measures and last year's follow-up",
        title_zh="存在的主要问题及改进情况",
        description="Section 五 names this year's problems and the measures to improve; with `--previous` it also "
        "says what became of the problems last year's report named (整改/上年度…).",
        source="国办公开办函〔2021〕30号 section 五; third-party evaluations (issue 13)",
        scope="tables",
    )(problems_section)
