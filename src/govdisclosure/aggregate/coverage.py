"""Coverage: which expected units submitted, on time, and passing validation.

:func:`assess` puts the roster (if any) beside the submitted reports and their validation
results and decides, per unit, whether it goes into a roll-up:

- a unit on the roster with no report is *missing*;
- a report is *late* when published after its deadline: the roster's date for the unit, or
  the edition's statutory date (:meth:`EditionSpec.deadline`: departments 31 January,
  governments 31 March of the next year); without a publication date it is *undated*;
- a report with validation errors nobody acknowledged is *failing* and left out of the
  roll-up unless ``include_failing`` is set; a late report is included (lateness is
  reported, it does not change the figures);
- with a roster, a report from a unit the roster does not list is left out and named.

Nothing is left out silently: every entry says whether it is included and why not.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence

import attrs

from govdisclosure.aggregate.rollup import Unit
from govdisclosure.aggregate.roster import RosterEntry, name_key
from govdisclosure.editions import spec_for
from govdisclosure.model import AgencyKind, AgencyLevel
from govdisclosure.validation import Severity, ValidationResult

__all__ = ["Coverage", "CoverageEntry", "Timeliness", "assess"]


class Timeliness(enum.Enum):
    ON_TIME = "on_time"
    LATE = "late"
    UNDATED = "undated"
    """The report states no publication date, so lateness cannot be told."""


_TIMELINESS_ZH = {Timeliness.ON_TIME: "按时", Timeliness.LATE: "逾期", Timeliness.UNDATED: "未注明日期"}


@attrs.frozen
class CoverageEntry:
    """One expected or submitted unit."""

    name: str
    kind: AgencyKind | None
    level: AgencyLevel | None
    on_roster: bool
    source: str | None
    """The file the report came from; ``None`` for a missing unit."""
    deadline: dt.date | None
    published_on: dt.date | None
    timeliness: Timeliness | None
    errors: int
    warnings: int
    included: bool
    reason: str | None
    """Why the unit is not in the roll-up (missing, failing, not on the roster)."""
    unit: Unit | None = attrs.field(default=None, eq=False, repr=False)
    result: ValidationResult | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def submitted(self) -> bool:
        return self.source is not None

    @property
    def passing(self) -> bool | None:
        """Validation passed (no unacknowledged error); ``None`` for a missing unit."""
        return None if self.result is None else not self.result.has_errors

    @property
    def status_zh(self) -> str:
        """The status in one word for a table: 缺报 / 未通过 / 通过."""
        if not self.submitted:
            return "缺报"
        return "通过" if self.passing else "未通过"

    @property
    def timeliness_zh(self) -> str:
        return "" if self.timeliness is None else _TIMELINESS_ZH[self.timeliness]


@attrs.frozen
class Coverage:
    """Every unit, roster order first, then submitted units the roster does not list."""

    entries: tuple[CoverageEntry, ...]
    has_roster: bool

    def included_units(self) -> tuple[Unit, ...]:
        return tuple(entry.unit for entry in self.entries if entry.included and entry.unit is not None)

    def missing(self) -> tuple[CoverageEntry, ...]:
        return tuple(e for e in self.entries if not e.submitted)

    def late(self) -> tuple[CoverageEntry, ...]:
        return tuple(e for e in self.entries if e.timeliness is Timeliness.LATE)

    def failing(self) -> tuple[CoverageEntry, ...]:
        return tuple(e for e in self.entries if e.passing is False)

    def excluded(self) -> tuple[CoverageEntry, ...]:
        return tuple(e for e in self.entries if not e.included)

    @property
    def complete(self) -> bool:
        """Every expected unit submitted and is included."""
        return all(entry.included for entry in self.entries)


def _timeliness(published_on: dt.date | None, deadline: dt.date) -> Timeliness:
    if published_on is None:
        return Timeliness.UNDATED
    return Timeliness.LATE if published_on > deadline else Timeliness.ON_TIME


def _entry(
    unit: Unit, result: ValidationResult, roster_entry: RosterEntry | None, has_roster: bool, include_failing: bool
) -> CoverageEntry:
    report = unit.report
    kind = (roster_entry.kind if roster_entry else None) or report.agency.kind
    level = (roster_entry.level if roster_entry else None) or report.agency.level
    deadline = (roster_entry.deadline if roster_entry else None) or spec_for(report.edition).deadline(report.year, kind)
    reason = None
    if has_roster and roster_entry is None:
        reason = "不在名单内（not on the roster）"
    elif result.has_errors and not include_failing:
        reason = "校验未通过（validation errors; use --include-failing to add it anyway）"
    return CoverageEntry(
        name=roster_entry.name if roster_entry else unit.name,
        kind=kind,
        level=level,
        on_roster=roster_entry is not None,
        source=unit.source,
        deadline=deadline,
        published_on=report.published_on,
        timeliness=_timeliness(report.published_on, deadline),
        errors=result.count(Severity.ERROR),
        warnings=result.count(Severity.WARNING),
        included=reason is None,
        reason=reason,
        unit=unit,
        result=result,
    )


def assess(
    submissions: Sequence[tuple[Unit, ValidationResult]],
    roster: Sequence[RosterEntry] | None = None,
    *,
    include_failing: bool = False,
) -> Coverage:
    """Coverage of ``submissions`` against ``roster`` (without a roster: the submitted units)."""
    has_roster = roster is not None
    by_name = {name_key(entry.name): entry for entry in roster or ()}
    submitted: dict[str, CoverageEntry] = {}
    extra: list[CoverageEntry] = []
    for unit, result in submissions:
        roster_entry = by_name.get(name_key(unit.name))
        entry = _entry(unit, result, roster_entry, has_roster, include_failing)
        if roster_entry is not None and name_key(roster_entry.name) not in submitted:
            submitted[name_key(roster_entry.name)] = entry
        else:
            extra.append(entry)
    entries: list[CoverageEntry] = []
    for roster_entry in roster or ():
        found = submitted.get(name_key(roster_entry.name))
        if found is None:
            entries.append(_missing(roster_entry))
        else:
            entries.append(found)
    return Coverage((*entries, *extra), has_roster)


def _missing(entry: RosterEntry) -> CoverageEntry:
    return CoverageEntry(
        name=entry.name,
        kind=entry.kind,
        level=entry.level,
        on_roster=True,
        source=None,
        deadline=entry.deadline,
        published_on=None,
        timeliness=None,
        errors=0,
        warnings=0,
        included=False,
        reason="未报送（missing: no report submitted）",
    )
