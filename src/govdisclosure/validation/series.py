"""A series of one agency's reports: the cross-year rules along the whole chain.

:func:`validate_series` orders the reports by year, checks each against the one before it with
the rules that need last year's report (:mod:`.crossyear`, :mod:`.copying`, a plugin's own), and
tells where the chain breaks: the first year whose link has a failed cross-year finding, a year
missing from the series, or a report by another agency.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from govdisclosure.model import Report
from govdisclosure.validation.findings import Finding, Severity, Status
from govdisclosure.validation.registry import Rule

if TYPE_CHECKING:
    from govdisclosure.validation import RuleSource

__all__ = ["NOT_CONTINUITY", "Link", "SeriesResult", "validate_series"]

#: Cross-year rules whose findings do not break the chain of years.
NOT_CONTINUITY = frozenset({"COPIED-PROSE", "COPIED-TABLES"})


@attrs.frozen
class Link:
    """One year of the chain checked against the year before it (``previous`` is ``None`` for the first)."""

    name: str
    report: Report
    previous_name: str | None
    findings: tuple[Finding, ...]

    @property
    def year(self) -> int:
        return self.report.year

    @property
    def broken(self) -> bool:
        """A failed finding of a continuity rule: this year does not follow from the last.

        Copying (``COPIED-*``) is reported with the link but does not break the chain: a copied report
        still follows from the one before.
        """
        return any(
            f.status is Status.FAILED and f.severity is not Severity.INFO and f.code not in NOT_CONTINUITY
            for f in self.findings
        )


@attrs.frozen
class SeriesResult:
    links: tuple[Link, ...]
    duplicates: tuple[int, ...] = ()
    """Years given more than once (the chain cannot tell which report is the year's)."""

    @property
    def breaks(self) -> tuple[int, ...]:
        """The years where the chain breaks, in order."""
        return tuple(sorted({link.year for link in self.links if link.broken} | set(self.duplicates)))

    @property
    def first_break(self) -> int | None:
        return self.breaks[0] if self.breaks else None


def validate_series(
    reports: Iterable[tuple[str, Report]],
    *,
    plugins: RuleSource | None = None,
    rules: Sequence[Rule] | None = None,
) -> SeriesResult:
    """Check each report against the one of the year before (by ``year``), with the cross-year rules only.

    ``reports`` are (name, report) pairs, e.g. file names; the single-report rules are left to
    :func:`~govdisclosure.validation.validate` on each file.
    """
    from govdisclosure.validation import validate

    if rules is None:
        if plugins is None:
            raise TypeError("validate_series needs rules= or plugins= (the caller hands the rules in)")
        rules = plugins.rules.rules()
    cross_year = [rule for rule in rules if rule.needs_previous]
    ordered = sorted(reports, key=lambda pair: pair[1].year)
    years = [report.year for _, report in ordered]
    duplicates = tuple(sorted({year for year in years if years.count(year) > 1}))
    links = [Link(ordered[0][0], ordered[0][1], None, ())] if ordered else []
    for (before_name, before), (name, report) in itertools.pairwise(ordered):
        result = validate(report, before, rules=cross_year)
        links.append(Link(name, report, before_name, result.findings))
    return SeriesResult(tuple(links), duplicates)
