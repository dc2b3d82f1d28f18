"""The :class:`Report`: one annual report of any edition."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import attrs

from govdisclosure.model import _checks
from govdisclosure.model.common import Abbreviation, Agency, Contacts, Edition, Item, Metric
from govdisclosure.model.legacy import LegacyAppeals, LegacyProactive, LegacyRequests, Organisation
from govdisclosure.model.tables import AppealsTable, ProactiveTable, RequestTable, TrialProactiveTable
from govdisclosure.model.text import Block, ItemList, Section

__all__ = ["Appeals", "Proactive", "Report"]

Proactive = ProactiveTable | TrialProactiveTable | LegacyProactive
"""Section 二 as data: the 2021 Table 2, the trial Table 2, or a legacy channel list."""

Appeals = AppealsTable | LegacyAppeals
"""Reviews and lawsuits: the national Table 4, or the counts a legacy report states."""


@attrs.frozen
class Report:
    """A 政府信息公开工作年度报告.

    The prose is kept as published in ``preamble`` and ``sections``; the tables and
    the facts the prose states are typed data beside it.  Which table classes appear
    normally follows ``edition``, but a report that mixes layouts (a 2021 report
    printing the trial Table 2, say) is representable as it was filed, so that a
    checker can report the mix-up.
    """

    edition: Edition
    agency: Agency
    year: int = attrs.field(validator=_checks.year)
    """The reporting period (统计期限): a calendar year."""
    title: str | None = None
    """The title as printed, when it differs from the edition's standard title."""
    published_on: dt.date | None = None
    """发布日期 / 成文日期."""
    abbreviations: tuple[Abbreviation, ...] = ()
    contacts: Contacts = attrs.field(factory=Contacts)
    preamble: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    proactive: Proactive | None = None
    requests: RequestTable | None = None
    appeals: Appeals | None = None
    organisation: Organisation | None = None
    problems: tuple[Item, ...] = ()
    """存在的主要问题, one item each."""
    improvements: tuple[Item, ...] = ()
    """改进情况 / 改进措施, one item each."""
    metrics: tuple[Metric, ...] = ()
    legacy_requests: LegacyRequests | None = None
    """A report of 2008–2018: its applications, answers and fees as typed facts (the national formats put
    them in Table 3 instead)."""

    def metric(self, key: str) -> Metric | None:
        """The metric with this key, if the report states it."""
        return next((m for m in self.metrics if m.key == key), None)

    def walk_sections(self) -> Iterator[tuple[tuple[int, ...], Section]]:
        """Every section, depth first, with its position (0-based index at each level)."""

        def walk(sections: tuple[Section, ...], prefix: tuple[int, ...]) -> Iterator[tuple[tuple[int, ...], Section]]:
            for index, section in enumerate(sections):
                position = (*prefix, index)
                yield position, section
                yield from walk(section.subsections, position)

        return walk(self.sections, ())

    def texts(self) -> Iterator[tuple[str, str]]:
        """Every piece of printed prose with its path: preamble, headings, paragraphs, list items."""
        found: list[tuple[str, str]] = []  # a list filled by plain recursion: nested generators are slower
        for index, block in enumerate(self.preamble):
            _block_texts(found, block, f"$.preamble[{index}]")

        def walk(sections: tuple[Section, ...], prefix: str) -> None:
            for index, section in enumerate(sections):
                path = f"{prefix}[{index}]"
                found.append((f"{path}.title", section.title))
                for number, block in enumerate(section.body):
                    _block_texts(found, block, f"{path}.body[{number}]")
                if section.subsections:
                    walk(section.subsections, f"{path}.subsections")

        walk(self.sections, "$.sections")
        return iter(found)

    def find_section(self, key: str) -> Section | None:
        """The first section (at any depth) whose ``key`` is ``key``."""
        return next((s for _, s in self.walk_sections() if s.key == key), None)


def _block_texts(found: list[tuple[str, str]], block: Block, path: str) -> None:
    if isinstance(block, ItemList):
        found.extend((f"{path}.items[{index}]", item) for index, item in enumerate(block.items))
    else:
        found.append((path, block.text))
