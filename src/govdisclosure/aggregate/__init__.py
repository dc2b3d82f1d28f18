"""Aggregate: a supervising office's roll-up of its units' reports, with lineage and coverage.

- :mod:`.cells`: the summable cells of Tables 2–4, from the editions' specs;
- :mod:`.rollup`: :func:`roll_up`, the sum with the lineage of every cell;
- :mod:`.roster` and :mod:`.coverage`: who is expected, who submitted, on time, passing;
- :mod:`.lineage`: the lineage file beside the result and :func:`explain`.

:func:`aggregate` does it all for loaded reports: validate each, assess coverage, add up the
units that are in.  Reading files and writing the result belong to the caller (the CLI).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import attrs

from govdisclosure.aggregate.cells import cell_paths
from govdisclosure.aggregate.coverage import Coverage, CoverageEntry, Timeliness, assess
from govdisclosure.aggregate.lineage import Explanation, LineageError, explain, lineage_data, lineage_path
from govdisclosure.aggregate.rollup import TO_WRITE, CellLineage, Rollup, RollupError, Unit, roll_up
from govdisclosure.aggregate.roster import RosterEntry, RosterError, load_roster
from govdisclosure.model import AgencyKind, AgencyLevel, Contacts, Report
from govdisclosure.validation import Acknowledgement, Rule, ValidationResult, validate

__all__ = [
    "TO_WRITE",
    "Aggregate",
    "CellLineage",
    "Coverage",
    "CoverageEntry",
    "Explanation",
    "LineageError",
    "Rollup",
    "RollupError",
    "RosterEntry",
    "RosterError",
    "Timeliness",
    "Unit",
    "aggregate",
    "assess",
    "cell_paths",
    "check_units",
    "explain",
    "lineage_data",
    "lineage_path",
    "load_roster",
    "roll_up",
]


@attrs.frozen
class Aggregate:
    """A roll-up and the coverage it was made from."""

    rollup: Rollup
    coverage: Coverage


def check_units(
    reports: Iterable[tuple[str, Report]], acknowledgements: Iterable[Acknowledgement] = (), *, rules: Iterable[Rule]
) -> list[tuple[Unit, ValidationResult]]:
    """Each report as a :class:`Unit` (named by its agency) with its validation result under ``rules``.

    The caller hands in the rules (``govdisclosure.default_plugins().rules.rules()`` for the
    installed ones): aggregating never loads plugins itself.
    """
    acks, chosen = tuple(acknowledgements), tuple(rules)
    return [
        (Unit(report.agency.name, source, report), validate(report, rules=chosen, acknowledgements=acks))
        for source, report in reports
    ]


def aggregate(
    reports: Sequence[tuple[str, Report]],
    *,
    agency: str,
    year: int,
    roster: Sequence[RosterEntry] | None = None,
    blank_as_zero: bool = False,
    include_failing: bool = False,
    acknowledgements: Iterable[Acknowledgement] = (),
    kind: AgencyKind | None = None,
    level: AgencyLevel | None = None,
    published_on: dt.date | None = None,
    contacts: Contacts | None = None,
    rules: Iterable[Rule],
) -> Aggregate:
    """Validate ``reports`` (``(source, report)`` pairs), assess coverage, add up the units that are in.

    Raises :class:`RollupError` when the included units cannot be added, or none is left.
    """
    coverage = assess(check_units(reports, acknowledgements, rules=rules), roster, include_failing=include_failing)
    units = coverage.included_units()
    if not units:
        reasons = "; ".join(f"{e.name}: {e.reason}" for e in coverage.excluded()[:5])
        raise RollupError([f"no unit report is left to add up ({reasons})"])
    rollup = roll_up(
        units,
        agency=agency,
        year=year,
        blank_as_zero=blank_as_zero,
        kind=kind,
        level=level,
        published_on=published_on,
        contacts=contacts,
    )
    return Aggregate(rollup, coverage)
