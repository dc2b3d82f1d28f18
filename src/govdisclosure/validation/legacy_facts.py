"""Rules on the typed facts of reports under the 2007 Regulations (:class:`~govdisclosure.model.LegacyRequests`).

The old statistics tables add up (申请总数 = Σ channels; 答复总数 = 同意公开 + 同意部分公开 + 否决公开 + other
answers: legacy-2008.md §3.1); every application is answered or said to be still open; the figures the
text quotes equal the facts; "未收取任何费用" agrees with the fees charged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from govdisclosure._patterns import lazy
from govdisclosure.model import LegacyAppeals, Report
from govdisclosure.validation.findings import Evidence, Issue, Severity
from govdisclosure.validation.registry import Context, RuleRegistry

__all__ = ["register"]
_CHANNEL_LABELS = (
    ("in_person", "当面"),
    ("fax", "传真"),
    ("email", "电子邮件"),
    ("online", "网上"),
    ("letter", "信函"),
    ("other", "其他形式"),
)


def arithmetic(ctx: Context) -> Iterator[Issue]:
    facts = ctx.report.legacy_requests
    if facts is None:
        return
    channels = facts.channels.computed_total
    if facts.received is not None and channels is not None and channels != facts.received:
        parts = "+".join(str(c) for c in facts.channels.counts())
        yield Issue(
            ("$.legacy_requests.received", "$.legacy_requests.channels"),
            f"申请总数{facts.received}件，各申请渠道之和为{parts}={channels}，相差{facts.received - channels}。",
            f"{facts.received} applications received, but the channels add up to {channels}.",
            Evidence("received = Σ channels", facts.received, channels),
        )
    stated = [part for part in facts.answer_parts() if part is not None]
    if facts.answered is None or not stated:
        return
    total = sum(stated)
    complete = None not in facts.answer_parts()
    if total > facts.answered or (complete and total != facts.answered):
        yield Issue(
            ("$.legacy_requests.answered", "$.legacy_requests.disclosed", "$.legacy_requests.partially_disclosed"),
            f"答复总数{facts.answered}件，同意公开、同意部分公开、否决公开及其他答复之和为{total}件。",
            f"{facts.answered} answers, but the kinds of answer add up to {total}.",
            Evidence("answered = Σ kinds of answer", facts.answered, total),
        )


_STILL_OPEN = ("结转", "正在办理", "尚未答复", "未到答复期限", "延期答复", "尚在", "办理中")


def unanswered(ctx: Context) -> Iterator[Issue]:
    facts = ctx.report.legacy_requests
    if facts is None or facts.received is None or facts.answered is None or facts.answered >= facts.received:
        return
    if any(word in ctx.full_text for word in _STILL_OPEN):
        return  # the report says what became of them
    missing = facts.received - facts.answered
    yield Issue(
        ("$.legacy_requests.received", "$.legacy_requests.answered"),
        f"收到申请{facts.received}件，答复{facts.answered}件，另外{missing}件的去向报告没有说明（正在办理、结转或其他）。",
        f"{facts.received} applications, {facts.answered} answered: the report does not say what became of {missing}.",
        Evidence("answered = received (or the rest explained)", facts.answered, facts.received),
    )


Getter = Callable[[Report], tuple[int | None, str] | None]


def _fact(name: str) -> Getter:
    def get(report: Report) -> tuple[int | None, str] | None:
        facts = report.legacy_requests
        return None if facts is None else (getattr(facts, name), f"$.legacy_requests.{name}")

    return get


def _channel(name: str) -> Getter:
    def get(report: Report) -> tuple[int | None, str] | None:
        facts = report.legacy_requests
        return None if facts is None else (getattr(facts.channels, name), f"$.legacy_requests.channels.{name}")

    return get


def _appeal(name: str) -> Getter:
    def get(report: Report) -> tuple[int | None, str] | None:
        appeals = report.appeals
        return (getattr(appeals, name), f"$.appeals.{name}") if isinstance(appeals, LegacyAppeals) else None

    return get


_TEXT_FIGURES: tuple[tuple[str, re.Pattern[str], Getter], ...] = (
    ("收到申请", lazy(r"(?:收到|受理)[^，。；\d]{0,14}?申请(?:共)?(\d+)(?:件|条|个|次)"), _fact("received")),
    ("答复总数", lazy(r"答复(?:总数|总量)?(?:共)?(\d+)(?:件|条|个|次)"), _fact("answered")),
    ("同意公开", lazy(r"同意公开(?:答复)?(?:数)?(\d+)(?:件|条)"), _fact("disclosed")),
    ("同意部分公开", lazy(r"部分公开(?:答复)?(?:数)?(\d+)(?:件|条)"), _fact("partially_disclosed")),
    *(
        (f"{label}申请", lazy(rf"{label}申请(?:数)?(\d+)(?:件|条|个|次)"), _channel(name))
        for name, label in _CHANNEL_LABELS
    ),
    ("行政复议", lazy(r"行政复议(?:申请|案件)?(\d+)(?:件|起|次)"), _appeal("reviews")),
    ("行政诉讼", lazy(r"行政诉讼(?:案件)?(\d+)(?:件|起|次)"), _appeal("lawsuits")),
)
_NO_FEES = lazy(r"(?:未|没有|不)收取(?:任何)?(?:费用|信息处理费|检索费|复制费)|免费提供")


def text_against_facts(ctx: Context) -> Iterator[Issue]:
    report = ctx.report
    if report.legacy_requests is None and not isinstance(report.appeals, LegacyAppeals):
        return
    for path, text in ctx.texts_with("申请", "答复", "诉讼", "复议"):
        for label, pattern, get in _TEXT_FIGURES:
            for match in pattern.finditer(text):
                found = get(report)
                if found is None or found[0] is None or found[0] == int(match.group(1)):
                    continue
                stated, where = found
                yield Issue(
                    (path, where),
                    f"正文写“{match.group(0)}”，而数据中{label}为{stated}。",
                    f"The text says {label} {match.group(1)}, the facts {stated}.",
                    Evidence(f"text {label} = facts", int(match.group(1)), stated),
                )
    facts = report.legacy_requests
    if facts is not None and facts.fees_charged:
        for path, text in ctx.texts_with("收取", "免费"):
            claim = _NO_FEES.search(text)
            if claim is not None:
                yield Issue(
                    (path, "$.legacy_requests.fees_charged"),
                    f"正文称“{claim.group(0)}”，而数据中收取费用{facts.fees_charged}元。",
                    f"The text says no fees were charged; the facts say {facts.fees_charged} 元.",
                )


def register(registry: RuleRegistry) -> None:
    registry.rule(
        "LEGACY-REQUESTS-TOTALS",
        Severity.ERROR,
        title="Applications and answers add up",
        title_zh="依申请公开申请与答复数合计",
        description="申请总数 equals the sum of the channels stated; 答复总数 equals 同意公开 + 同意部分公开 + 否决公开 + "
        "other answers (or is at least their sum while one is not stated).",
        source="legacy-2008.md §3.1: implied arithmetic 10 = Σ11..16, 17 = 18 + 19 + 20",
        scope="prose",
    )(arithmetic)
    registry.rule(
        "LEGACY-UNANSWERED",
        Severity.WARNING,
        title="Applications neither answered nor explained",
        title_zh="申请未答复且未说明",
        description="Fewer answers than applications, and the text does not say the rest are being handled, carried "
        "over or extended.",
        source="pingtan county 2013 (7 received, 3 answered, nothing said of the other 4)",
        scope="prose",
    )(unanswered)
    registry.rule(
        "LEGACY-TEXT-FACTS",
        Severity.WARNING,
        title="Figures in the text against the typed facts",
        title_zh="正文数字与依申请公开数据一致",
        description="Applications received, by channel, answered, 同意公开, 部分公开, reviews and lawsuits quoted in the "
        "text equal the typed facts; '未收取任何费用' agrees with the fees charged.",
        source="pingtan county 2013 (网上申请数3条，信函申请数4条 against 电子邮件3, 网上4, 信函0)",
        scope="prose",
    )(text_against_facts)
