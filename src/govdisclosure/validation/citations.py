"""Citations superseded for the report's year.

A report for 2021 onwards follows 国办公开办函〔2021〕30号, which replaced the 2019 trial notice
国办公开办函〔2019〕60号; the revised 条例 (国务院令第711号) took effect on 2019-05-15 and replaced
the 2007 条例 (国务院令第492号), whose article 31 and 32 on annual reports became articles 49 and 50
(shared/spec/).  A report that cites the old text for a year it no longer governs was copied
from an old report or never updated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from govdisclosure._patterns import lazy
from govdisclosure.editions import registered, spec_for
from govdisclosure.model import Report
from govdisclosure.validation.findings import Issue, Severity
from govdisclosure.validation.registry import Context, RuleRegistry

__all__ = ["REVISED_REGULATIONS", "TRIAL_NOTICE", "register"]

REVISED_REGULATIONS = dt.date(2019, 5, 15)
"""The revised 条例 (国务院令第711号) took effect on this day."""

_TRIAL_NOTICE = lazy(r"国办公开办函\s*[〔［\[(（]\s*2019\s*[〕］\])）]\s*60\s*号")
_OLD_REGULATIONS = lazy(r"国务院令\s*第?\s*492\s*号|2007年(?:4月5日)?(?:公布|颁布|发布)的[^。；]{0,6}条例")
_OLD_ARTICLES = lazy(r"条例》?(?:[（(][^）)]{0,12}[）)])?第三十[一二]条(?:[^。；，]{0,12}年度报告)")


TRIAL_NOTICE = "国办公开办函〔2019〕60号"


def _trial_last_year() -> int | None:
    """The last year the trial format (the edition set by the 2019 notice) is for."""
    return next((spec.years[1] for spec in registered() if spec.basis == TRIAL_NOTICE), None)


def _after_revision(report: Report) -> bool:
    if report.published_on is not None:
        return report.published_on >= REVISED_REGULATIONS
    return report.year >= 2019  # the report on 2019 is published in 2020


def superseded(ctx: Context) -> Iterator[Issue]:
    report = ctx.report
    text = ctx.full_text
    checks = []
    trial_until = _trial_last_year()
    if trial_until is not None and report.year > trial_until and "国办公开办函" in text and "60" in text:
        checks.append(
            (
                _TRIAL_NOTICE,
                f"2019年试行格式的通知（{TRIAL_NOTICE}）只管{trial_until}年及以前的报告，"
                f"已由国办公开办函〔2021〕30号取代，本报告是{spec_for(report.edition).short_name}",
                "cites the 2019 trial notice, replaced by 国办公开办函〔2021〕30号 for reports from 2021",
            )
        )
    if _after_revision(report) and ("492" in text or "2007年" in text):
        checks.append(
            (
                _OLD_REGULATIONS,
                "2007年《条例》（国务院令第492号）已于2019年5月15日由修订后的《条例》（国务院令第711号）取代",
                "cites the 2007 Regulations, replaced by the revised ones on 2019-05-15",
            )
        )
    if _after_revision(report) and ("第三十一条" in text or "第三十二条" in text):
        checks.append(
            (
                _OLD_ARTICLES,
                "年度报告的条文在修订后的《条例》中是第四十九条、第五十条，第三十一条、第三十二条是2007年《条例》的",
                "cites articles 31/32 of the 2007 Regulations for the annual report; the revised ones are 49 and 50",
            )
        )
    for pattern, why, why_en in checks:
        for path, piece in ctx.texts_with("国办公开办函", "492", "2007年", "第三十一条", "第三十二条"):
            match = pattern.search(piece)
            if match is not None:
                yield Issue(
                    (path,),
                    f"正文引用“{match.group(0)}”：{why}。",
                    f"The text {why_en}: '{match.group(0)}'.",
                )
                break


def register(registry: RuleRegistry) -> None:
    registry.rule(
        "CITATION-SUPERSEDED",
        Severity.WARNING,
        title="Superseded notice or regulation cited",
        title_zh="引用已被取代的通知或条例",
        description="A report in the 2021 format citing the 2019 trial notice (国办公开办函〔2019〕60号); a report "
        "published after 2019-05-15 citing the 2007 Regulations (国务院令第492号) or their articles 31/32 on annual "
        "reports (now 49/50).",
        source="国办公开办函〔2021〕30号; 《中华人民共和国政府信息公开条例》（国务院令第711号，2019年5月15日起施行）",
    )(superseded)
