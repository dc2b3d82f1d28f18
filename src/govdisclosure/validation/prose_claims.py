"""Rules on what the prose claims in words, and on the sums the prose itself quotes.

``PROSE-CLAIM``: "均获维持" while Table 4 has corrected or pending cases, "未发生行政复议"
while it has reviews, "全部按期答复" or "均已办结" while applications are carried forward,
"未收到申请" while Table 3 has some.  ``PROSE-SUM``: a stated total followed by its parts
(共公布政府信息2599条（其中…25条，…68条…）) whose parts do not add up to it.
The figures themselves are compared with the tables by :mod:`.prose`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from govdisclosure._patterns import lazy
from govdisclosure.model import AppealsGroup, AppealsTable, Report
from govdisclosure.validation.findings import Evidence, Issue, Severity
from govdisclosure.validation.registry import Context, RuleRegistry

__all__ = ["register"]

_CLAUSE = lazy(r"[^。；;！？\n]+")

_UPHELD = lazy(r"均(?:获|被|予|已)?维持|全部(?:被|获|予)?维持|全部胜诉|均胜诉")
_NONE = lazy(
    r"(?:未发生|没有发生|未发生过|未出现|没有|未有|未收到|无)[^，。；、\d]{0,14}?(行政复议|行政诉讼|复议|诉讼)"
)
_CORRECTION = lazy(r"纠错|纠正|败诉|撤销|确认违法")
_ON_TIME = lazy(r"(?:全部|均|全都)(?:在[^，。；]{0,10}?(?:期限|时限)内|按期|按时|如期)(?:予以)?(?:答复|办结|办理)")
_ALL_DONE = lazy(r"(?:全部|均已|均)办结")
_NO_REQUESTS = lazy(r"(?:未收到|没有收到)(?:[^，。；]{0,8}?)政府信息公开申请")


def _groups(report: Report, clause: str) -> list[tuple[str, str, AppealsGroup]]:
    """The Table 4 groups a clause speaks of: reviews, lawsuits, or both when it names neither alone."""
    table = report.appeals
    if not isinstance(table, AppealsTable):
        return []
    review = ("review", "行政复议", table.review)
    litigation = ("litigation_direct", "行政诉讼", table.computed_litigation)
    names_review, names_litigation = "复议" in clause, "诉讼" in clause
    if names_review and not names_litigation:
        return [review]
    if names_litigation and not names_review:
        return [litigation]
    return [review, litigation]


def _appeals_claims(report: Report, path: str, clause: str) -> Iterator[Issue]:
    if _UPHELD.search(clause) and ("复议" in clause or "诉讼" in clause):
        for key, name, group in _groups(report, clause):
            others = (group.corrected or 0) + (group.other or 0) + (group.pending or 0)
            if others:
                yield Issue(
                    (path, f"$.appeals.{key}"),
                    f"正文称“{clause.strip()}”，但表四{name}有结果纠正{group.corrected}件、其他结果{group.other}件、"
                    f"尚未审结{group.pending}件，并非全部维持。",
                    f"The text says every {name} case was upheld, but Table 4 has {others} that were not.",
                    Evidence(f"{key}: total = upheld", group.total, group.upheld),
                )
    for match in _NONE.finditer(clause):
        kind = "复议" if "复议" in match.group(1) else "诉讼"
        rest = clause[match.end() : match.end() + 12]
        for key, name, group in _groups(report, kind):
            if _CORRECTION.search(rest):
                count, what = group.corrected, "结果纠正"
            else:
                count, what = group.total, "总计"
            if count:
                yield Issue(
                    (path, f"$.appeals.{key}"),
                    f"正文称“{clause.strip()}”，但表四{name}{what}为{count}件。",
                    f"The text says there was no {name} case, but Table 4 has {count} ({what}).",
                    Evidence(f"{key}: {what} = 0", count, 0),
                )


def _request_claims(report: Report, path: str, clause: str) -> Iterator[Issue]:
    table = report.requests
    if table is None:
        return
    forward, received = table.carried_forward.total, table.received.total
    accounted = "结转" in clause or "顺延" in clause  # the writer says which were carried forward
    if forward and not accounted and (_ON_TIME.search(clause) or _ALL_DONE.search(clause)) and "申请" in clause:
        yield Issue(
            (path, "$.requests.carried_forward.total"),
            f"正文称“{clause.strip()}”，但表三有{forward}件结转下年度继续办理，尚未答复。",
            f"The text says every application was answered (on time), but Table 3 carries {forward} forward.",
            Evidence("carried_forward.total = 0", forward, 0),
        )
    if received and _NO_REQUESTS.search(clause):
        yield Issue(
            (path, "$.requests.received.total"),
            f"正文称“{clause.strip()}”，但表三本年新收申请{received}件。",
            f"The text says no application was received, but Table 3 has {received}.",
            Evidence("received.total = 0", received, 0),
        )


_ANSWERED_WORDS = ("按期", "按时", "如期", "期限内", "时限内", "全部办结", "均已办结", "均办结")


def _clauses(text: str, patterns: tuple[re.Pattern[str], ...]) -> list[str]:
    """The clauses of ``text`` in which one of ``patterns`` matches, each once, in order."""
    starts = sorted({m.start() for pattern in patterns for m in pattern.finditer(text)})
    clauses: list[str] = []
    for start in starts:
        clause = next(c.group(0) for c in _CLAUSE.finditer(text, _clause_start(text, start)))
        if clause not in clauses:
            clauses.append(clause)
    return clauses


def _clause_start(text: str, index: int) -> int:
    return max(text.rfind(stop, 0, index) for stop in "。；;！？\n") + 1


def claims(ctx: Context) -> Iterator[Issue]:
    report = ctx.report
    table = report.requests
    if isinstance(report.appeals, AppealsTable):
        for path, text in ctx.texts_with("复议", "诉讼"):
            for clause in _appeals_clauses(text):
                yield from _appeals_claims(report, path, clause)
    if table is None:
        return
    words = (_ANSWERED_WORDS if table.carried_forward.total else ()) + (
        ("未收到", "没有收到") if table.received.total else ()
    )
    # A claim about applications names them: look for 申请 first (one scan), then the words in those texts.
    for path, text in ctx.texts_with("申请") if words else ():
        if not any(word in text for word in words):
            continue
        for clause in _clauses(text, (_ON_TIME, _ALL_DONE, _NO_REQUESTS)):
            if "申请" in clause:
                yield from _request_claims(report, path, clause)


_NEGATION_BEFORE = lazy(r"(?:未发生|没有发生|未发生过|未出现|没有|未有|未收到|无)[^，。；、\d]{0,14}$")


def _appeals_clauses(text: str) -> list[str]:
    """Clauses that claim all upheld, or deny reviews or lawsuits: found from the key words backwards."""
    starts = [m.start() for m in _UPHELD.finditer(text)] if "维持" in text or "胜诉" in text else []
    for word in ("复议", "诉讼"):
        index = text.find(word)
        while index >= 0:
            if _NEGATION_BEFORE.search(text, max(0, index - 18), index):
                starts.append(index)
            index = text.find(word, index + 2)
    clauses: list[str] = []
    for start in sorted(starts):
        clause = next(c.group(0) for c in _CLAUSE.finditer(text, _clause_start(text, start)))
        if clause not in clauses and ("复议" in clause or "诉讼" in clause):
            clauses.append(clause)
    return clauses


# A stated total, then its parts: "共公布政府信息2599条，(其中…25条，…68条)" or "在…的1853条政府信息中，…324条，占17.5%；…".
_TOTAL = lazy(r"(\d+)(条|件)(?:[^，。；\d（(]{0,12}?中[，,]|[，,]?\s*[（(]?\s*其中)")
_TOTAL_BEFORE = lazy(_TOTAL.pattern + "$")
_BRACKETED = lazy(r"[（(][^（()）]*[)）]")


def _parts(rest: str, unit: str) -> list[int] | None:
    """The counts of the parts listed after a total, up to the first piece that is not a part.

    ``None`` when the list goes on in another unit (条 and 篇 mixed: another rule's business).
    """
    if rest[:1] in "（(":
        close = min((i for i in (rest.find("）"), rest.find(")")) if i > 0), default=len(rest))
        rest = rest[1:close]
    rest = _BRACKETED.sub("", rest.split("。")[0])
    chunks = rest.split("；")
    if len(_COUNTS.findall(chunks[0])) >= 2:
        chunks = chunks[:1]  # parts separated by commas: the list ends at the semicolon
    counts: list[int] = []
    pending = ""
    for raw in _SEPARATORS.split("；".join(chunks)):
        piece = pending + raw.strip()
        if not piece or piece.startswith("占"):
            pending = ""
            continue
        if not _DIGITS.search(piece):
            pending = piece + "、"  # a label with a 、 in it: 政策、规范性文件类信息68条
            continue
        pending = ""
        body = piece[:-1]  # label, count, unit: 结果维持72件 (string operations: quicker than a regex per piece)
        label = body.rstrip("0123456789")
        number = body[len(label) :]
        if not number or not label or len(label) > 40 or _DIGITS.search(label) or piece[-1] not in _UNITS:
            break
        if piece[-1] != unit:
            return None
        counts.append(int(number))
    return counts


_DIGITS = lazy(r"[0-9]+")
_UNITS = frozenset("条件篇个项")
_SEPARATORS = lazy(r"[，,、；]")
_COUNTS = lazy(r"[0-9]+(?:条|件|篇|个|项)")


def _totals(text: str) -> Iterator[re.Match[str]]:
    """Each stated total followed by its parts: found from the 中 backwards (a regex from every digit is slow)."""
    index = text.find("中")
    while index > 0:
        if text[index - 1] == "其" or text[index + 1 : index + 2] in ("，", ","):
            start = max(0, index - 24)
            match = _TOTAL_BEFORE.search(text, start, index + 1) or _TOTAL_BEFORE.search(text, start, index + 2)
            if match is not None:
                yield match
        index = text.find("中", index + 1)


def sums(ctx: Context) -> Iterator[Issue]:
    for path, text in ctx.texts_with("其中", "中，", "中,"):
        for match in _totals(text):
            stated, unit = int(match.group(1)), match.group(2)
            rest = text[match.end() :].lstrip()
            if "（" in match.group(0) or "(" in match.group(0):
                rest = "（" + rest
            parts = _parts(rest, unit)
            if parts is None or len(parts) < 3 or sum(parts) == stated:
                continue  # two parts are often "of which" examples, not the whole
            total = sum(parts)
            direction = (
                f"少{stated - total}{unit}，有{stated - total}{unit}去向不明"
                if total < stated
                else f"多{total - stated}{unit}"
            )
            yield Issue(
                (path,),
                f"正文写总数{stated}{unit}，其后列出的{len(parts)}项之和为{total}{unit}，比总数{direction}。",
                f"The text states a total of {stated} and lists {len(parts)} parts that add up to {total}.",
                Evidence("stated total = Σ parts listed", stated, total),
            )


# "（10）推进重大建设项目信息公开。…全年共发布信息291条" against the summary's "重大建设项目信息90条".
_TOPIC_PARAGRAPH = lazy(r"\s*[（(][0-9]{1,2}[）)](?:推进|加强|深化|做好)([^。，；\d]{2,12}?)信息公开[。，]")
_TOPIC_COUNT = lazy(r"(?:全年|今年|共)[^。；\d]{0,6}?(?:发布|公布|公开)(?:各类|相关)?(?:信息)?(\d+)条")


def summary_figures(ctx: Context) -> Iterator[Issue]:
    topics = []
    for path, text in ctx.texts_with("信息公开"):
        head = _TOPIC_PARAGRAPH.match(text)
        counted = _TOPIC_COUNT.search(text) if head else None
        if head and counted:
            topics.append((path, head.group(1), counted))
    for path, topic, counted in topics:
        summary = re.compile(re.escape(topic) + r"[^，。；\d]{0,12}?信息(\d+)条")
        for other, text in ctx.texts_with(topic):
            match = summary.search(text) if other != path else None
            if match is None or int(match.group(1)) == int(counted.group(1)):
                continue
            yield Issue(
                (other, path),
                f"“{match.group(0)}”与后文“{topic}”部分的“{counted.group(0)}”不一致。",
                f"The summary gives {match.group(1)} items of {topic}, its own paragraph {counted.group(1)}.",
                Evidence(f"summary {topic} = paragraph", int(match.group(1)), int(counted.group(1))),
            )


def register(registry: RuleRegistry) -> None:
    registry.rule(
        "PROSE-CLAIM",
        Severity.WARNING,
        title="Claims in words against the tables",
        title_zh="正文表述与统计表矛盾",
        description="Words the tables contradict: 均获维持 / 全部维持 while Table 4 has corrected, other or pending "
        "cases; 未发生 / 没有 / 无 行政复议 or 行政诉讼 (or their 纠错) while Table 4 has some; 全部按期答复 / 均已办结 "
        "while Table 3 carries applications forward; 未收到申请 while Table 3 has received some.",
        source="provincial 通报 and third-party evaluations (issue 13); national-2021.md §5.2 I11",
    )(claims)
    registry.rule(
        "PROSE-SUM",
        Severity.WARNING,
        title="Parts quoted in the text add up to the total quoted",
        title_zh="正文所列分项之和等于所述总数",
        description="A total followed by three or more parts in the same unit (共公布政府信息N条（其中…A条，…B条…）, "
        "在…N条政府信息中，…A条，占x%；…) has parts that add up to it. Bracketed sub-breakdowns are left out of the sum.",
        source="legacy-2008.md §4: prose arithmetic; pingtan 2019 (2599 against 2533) and county 2013 (1853 against 1700)",
    )(sums)
    registry.rule(
        "PROSE-SUMMARY",
        Severity.WARNING,
        title="A summary figure against its own paragraph",
        title_zh="概述数字与分项段落不一致",
        description="A category counted in a summary (重大建设项目信息90条) and the paragraph on that category "
        "（（10）推进重大建设项目信息公开。…全年共发布信息291条） give different counts.",
        source="pingtan 2019 (重大建设项目 90 against 291, 安全生产 124 against 68)",
    )(summary_figures)
