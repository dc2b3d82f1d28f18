"""What a figure in the prose may stand for: the report's values, each with the words that name it.

A :class:`Target` is a field (``requests.received.total``) and the keyword sets that name it
in prose.  A keyword set is a tuple of words that must all stand in the sentence before the
figure (or in its clause after it): ``("行政复议", "结果维持")`` names
``appeals.review.upheld``.  The words come from the edition's labels (the rows of Table 3,
the groups and results of Table 4), the report's own channel names and metric labels, and a
short list of the verbs reports use for them (受理, 办结, 上年结转, …).
"""

from __future__ import annotations

import attrs

from govdisclosure._patterns import lazy
from govdisclosure.editions import APPEALS_GROUP_LABELS, APPEALS_RESULT_LABELS, spec_for
from govdisclosure.model import (
    AppealsTable,
    LegacyProactive,
    ProactiveTable,
    Report,
    TrialDocumentCounts,
    TrialProactiveTable,
)

__all__ = ["Target", "targets"]


@attrs.frozen
class Target:
    """A value of the report a figure may be bound to: its field and the keyword sets that name it."""

    field: str
    keywords: tuple[tuple[str, ...], ...]


_NUMBERING = lazy(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")
_KEY = lazy(r"[a-z][a-z0-9_]*")
_PARENTHESIS = lazy(r"（[^（）]*）")

#: Words reports use for the rows of Table 3, beside the labels themselves.
_REQUEST_WORDS: dict[str, tuple[str, ...]] = {
    "received": ("新收", "受理", "收到", "新收到"),
    "carried_over": ("上年结转", "上年度结转", "结转上年"),
    "outcomes_total": ("办结", "答复", "办理完毕", "作出答复"),
    "carried_forward": ("结转下年度", "结转至", "顺延到下年度", "结转到下年度", "转入下年度"),
}
_SHORT_RESULTS = {"upheld": "维持", "corrected": "纠正"}
_SHARE = ("占", "比例为", "比例")
_ISSUED = ("制发", "新制定", "新增公开", "新增", "出台", "印发")
_DECISIONS = (("licensing", "行政许可"), ("penalties", "行政处罚"), ("enforcement", "行政强制"))
_DOCUMENTS = (("regulations", "规章"), ("normative_documents", "规范性文件"))


def _label_word(label: str) -> str:
    """ "（二）部分公开（区分处理的…）" → "部分公开": the label without its number and notes."""
    return _PARENTHESIS.sub("", _NUMBERING.sub("", label)).strip()


def _requests(report: Report) -> list[Target]:
    found: list[Target] = []
    groups: dict[str, str] = {}
    for row in spec_for(report.edition).request_rows:
        group, _, _ = row.path.rpartition(".")
        words = (_label_word(row.labels[-1]), *_REQUEST_WORDS.get(row.path, ()))
        found.append(Target(f"requests.{row.path}.total", tuple((word,) for word in words)))
        if group:
            groups[group] = _label_word(row.labels[1])
    found += [Target(f"requests.{group}", ((word,),)) for group, word in groups.items()]
    return found + _shares(found)


def _shares(rows: list[Target]) -> list[Target]:
    """占…%: each outcome's share of （七）总计 or of 本年新收, as printed with 0 to 2 decimals."""
    outcomes = [t for t in rows if t.field.split(".")[1] not in ("received", "carried_over", "carried_forward")]
    found: list[Target] = []
    for whole, words in (("requests.outcomes_total", ()), ("requests.received", ("申请",))):
        for target in outcomes:
            part = target.field.removesuffix(".total")
            if part == whole:
                continue
            keywords = tuple((*words, *named, share) for named in target.keywords for share in _SHARE)
            found += [Target(f"pct({part}, {whole}, {places})", keywords) for places in range(3)]
    return found


def _appeals() -> list[Target]:
    found: list[Target] = []
    scopes = dict(APPEALS_GROUP_LABELS)
    scopes["litigation_direct"] = "直接起诉"
    for result, label in APPEALS_RESULT_LABELS:
        for field, scope in scopes.items():
            words: tuple[tuple[str, ...], ...] = ((scope,),) if result == "total" else ((scope, label),)
            if result in _SHORT_RESULTS:  # "被行政复议决定纠正", "对被复议纠正的1件"
                scopes_here = (scope, "复议") if field == "review" else (scope,)
                words += tuple((name, _SHORT_RESULTS[result]) for name in scopes_here)
            found.append(Target(f"appeals.{field}.{result}", words))
        both = "appeals.litigation_direct", "appeals.litigation_after_review"
        words = (("行政诉讼",),) if result == "total" else (("行政诉讼", label),)
        found.append(Target(f"sum({both[0]}.{result}, {both[1]}.{result})", words))
    return found


def _proactive_2021() -> list[Target]:
    found: list[Target] = []
    for field, scope in _DOCUMENTS:
        found.append(Target(f"proactive.{field}.issued", tuple((scope, word) for word in _ISSUED)))
        found.append(Target(f"proactive.{field}.repealed", ((scope, "废止"),)))
        found.append(Target(f"proactive.{field}.in_force", ((scope, "现行有效"),)))
    found += [Target(f"proactive.{field}.decisions", ((scope,),)) for field, scope in _DECISIONS]
    found.append(Target("proactive.fees.amount_10k_yuan", (("行政事业性收费",),)))
    return found


def _proactive_trial() -> list[Target]:
    found: list[Target] = []
    documents = {"produced": ("新制作", *_ISSUED), "published": ("新公开",), "total_published": ("对外公开",)}
    for field, scope in _DOCUMENTS:
        for name in attrs.fields_dict(TrialDocumentCounts):
            found.append(Target(f"proactive.{field}.{name}", tuple((scope, word) for word in documents[name])))
    for field, scope in (*_DECISIONS, ("other_services", "其他对外管理服务事项")):
        path = f"proactive.{field}"
        found.append(Target(f"{path}.previous_items", ((scope, "由"), (scope, "上一年"))))
        found.append(Target(f"sum({path}.previous_items, {path}.change)", ((scope, "调整为"), (scope, "现有"))))
        found.append(Target(f"{path}.decisions", ((scope, "决定"),)))
    return found


def _legacy(proactive: LegacyProactive) -> list[Target]:
    found = [Target("proactive.total_items", (("共发布",), ("发布各类信息",)))]
    found += [
        Target(f"proactive.channels[{index}].count", ((channel.name,),))
        for index, channel in enumerate(proactive.channels)
    ]
    return found


def targets(report: Report) -> list[Target]:
    """Every value of ``report`` a prose figure may be bound to, with the words that name it."""
    found: list[Target] = []
    if report.requests is not None:
        found += _requests(report)
    if isinstance(report.appeals, AppealsTable):
        found += _appeals()
    elif report.appeals is not None:
        found += [
            Target("appeals.reviews", (("行政复议",),)),
            Target("appeals.lawsuits", (("行政诉讼",),)),
        ]
    if isinstance(report.proactive, ProactiveTable):
        found += _proactive_2021()
    elif isinstance(report.proactive, TrialProactiveTable):
        found += _proactive_trial()
    elif isinstance(report.proactive, LegacyProactive):
        found += _legacy(report.proactive)
    found += [
        Target(f"metrics[{metric.key}].value", ((metric.label,),))
        for metric in report.metrics
        if _KEY.fullmatch(metric.key)
    ]
    return found
