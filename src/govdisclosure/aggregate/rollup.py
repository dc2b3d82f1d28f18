"""Adding unit reports up: every cell of Tables 2–4 summed, with the lineage of each sum.

:func:`roll_up` takes the units' reports (already loaded and chosen: see
:mod:`govdisclosure.aggregate.coverage` for who is in) and returns a :class:`Rollup`: the
summed :class:`~govdisclosure.model.Report` and, per cell, which units contributed what and
which left it blank.  Blank is not zero: a cell some unit left blank stays blank in the
result unless ``blank_as_zero`` is chosen, and the lineage names those units either way.

Units that cannot be added are refused with :class:`RollupError` before anything is summed:
legacy reports (no tables), different formats or years, the same unit twice, a unit that is
the aggregate itself or the total of other units given.  Prose is never made up: the result's
sections hold a sentence asking the office to write them (:data:`TO_WRITE`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from decimal import Decimal

import attrs

from govdisclosure.aggregate.cells import (
    PROCUREMENT_AMOUNT,
    Value,
    build_tables,
    cell_paths,
    read_cells,
    single_row_other_handling,
)
from govdisclosure.editions import spec_for
from govdisclosure.model import (
    Agency,
    AgencyKind,
    AgencyLevel,
    Contacts,
    Edition,
    Paragraph,
    Report,
    Section,
    TrialProactiveTable,
)

__all__ = ["TO_WRITE", "CellLineage", "Rollup", "RollupError", "Unit", "roll_up"]

AMOUNT_FIELDS = ("amount_10k_yuan", "amount")
"""Cells that hold amounts (Decimal), not counts: their sum is a Decimal even when every unit left them blank."""

TO_WRITE = (
    "【待汇总单位撰写】本部分文字须由汇总单位根据各单位报告撰写；统计数据由各单位报告逐项相加得出，本工具不代写文字。"
)
"""The sentence every prose part of a roll-up holds until the office writes it."""


@attrs.frozen
class Unit:
    """One unit report going into a roll-up: the agency's name, where it came from, the report."""

    name: str
    source: str
    report: Report = attrs.field(eq=False, repr=False)


@attrs.frozen
class CellLineage:
    """Where one cell of the result comes from.

    ``contributions`` holds ``(unit index, value)`` for every unit that stated the cell,
    ``blanks`` the indices of the units that left it blank.  ``value`` is the sum, or
    ``None`` when a unit left the cell blank (and blanks do not count as zero) or the
    amounts cannot be added (``note`` says why).
    """

    path: str
    value: Value
    contributions: tuple[tuple[int, Value], ...]
    blanks: tuple[int, ...]
    note: str | None = None


@attrs.frozen
class Rollup:
    """The result of :func:`roll_up`."""

    report: Report
    units: tuple[Unit, ...]
    cells: tuple[CellLineage, ...]
    blank_as_zero: bool

    def lineage(self, path: str) -> CellLineage:
        """The lineage of the cell at ``path`` (``$.requests.received.total``); KeyError if there is none."""
        wanted = path if path.startswith("$.") else f"$.{path.removeprefix('$')}"
        for cell in self.cells:
            if cell.path == wanted:
                return cell
        raise KeyError(path)


class RollupError(ValueError):
    """The units cannot be added up; ``problems`` says why, one sentence each."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = tuple(problems)


def _files(units: Sequence[Unit], limit: int = 5) -> str:
    names = [unit.source for unit in units]
    return ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _form_problems(units: Sequence[Unit], agency: str, year: int) -> list[str]:
    problems: list[str] = []
    by_edition: dict[Edition, list[Unit]] = defaultdict(list)
    for unit in units:
        by_edition[unit.report.edition].append(unit)
    for edition in [e for e in by_edition if not spec_for(e).request_rows]:
        problems.append(
            f"{_files(by_edition.pop(edition))}: a {edition.value} report has no statistical tables to add; a "
            "roll-up adds the Tables 2–4 of national-2021 or national-2019-trial reports"
        )
    if len(by_edition) > 1:
        parts = "; ".join(f"{edition.value}: {_files(group)}" for edition, group in by_edition.items())
        problems.append(f"the units follow different formats, which cannot be added cell by cell ({parts})")
    wrong_year = [unit for unit in units if unit.report.year != year]
    if wrong_year:
        years = ", ".join(f"{unit.source} ({unit.report.year})" for unit in wrong_year[:5])
        problems.append(f"not reports for {year}: {years}")
    problems += _layout_problems(units)
    counts = Counter(_key(unit.name) for unit in units)
    for name, count in counts.items():
        if count > 1:
            twice = [unit for unit in units if _key(unit.name) == name]
            problems.append(f"the same unit twice: {twice[0].name} ({_files(twice)})")
    for unit in units:
        if _key(unit.name) == _key(agency):
            problems.append(
                f"{unit.source}: its agency {unit.name} is the aggregate's own agency; its report would be counted "
                "on top of the units it already sums"
            )
    return problems


def _layout_problems(units: Sequence[Unit]) -> list[str]:
    """Units whose tables follow another format's layout than their edition's (a mix-up EDITION-MIX reports)."""
    problems = []
    for unit in units:
        report = unit.report
        if not spec_for(report.edition).request_rows:
            continue  # refused already: no tables at all
        table, proactive = report.requests, report.proactive
        if table is not None and table.other_handling_is_single_row != single_row_other_handling(report.edition):
            rows = "one row (the 2019 trial layout)" if table.other_handling_is_single_row else "three rows (2021)"
            problems.append(
                f"{unit.source}: its Table 3 prints （六）其他处理 as {rows}, not as its format {report.edition.value} "
                "does; the rows cannot be added to the others' (ask the unit for figures in its format's layout)"
            )
        expected = build_tables(report.edition, {})[0]
        if proactive is not None and type(proactive) is not type(expected):
            problems.append(
                f"{unit.source}: its Table 2 has the columns of another format than {report.edition.value}; "
                "they cannot be added to the others'"
            )
    return problems


def _key(name: str) -> str:
    return "".join(name.split())


def _total_problems(units: Sequence[Unit], vectors: list[list[Value]]) -> list[str]:
    """Units whose figures equal the sum of the others', or of their own sub-units' (a total given as a unit)."""
    if len(units) < 2:
        return []
    width = len(vectors[0])
    stated = [i for i in range(width) if all(vector[i] is not None for vector in vectors)]
    if not stated:
        return []
    total = [sum((vector[i] for vector in vectors), start=0) for i in stated]  # type: ignore[misc]
    problems: list[str] = []
    seen: dict[tuple[Value, ...], Unit] = {}
    for unit, vector in zip(units, vectors, strict=True):
        own = tuple(vector[i] for i in stated)
        if not any(own):
            continue
        if len(units) > 2 and all(2 * v == t for v, t in zip(own, total, strict=True)):  # type: ignore[operator]
            problems.append(
                f"{unit.source}: the figures of {unit.name} equal the sum of all the other units: it is a total"
            )
        twin = seen.setdefault(own, unit)
        if twin is not unit:
            problems.append(
                f"{twin.source} and {unit.source} have the same figures in every cell: the same report twice?"
            )
    children: dict[str, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        if unit.report.agency.parent:
            children[_key(unit.report.agency.parent)].append(index)
    for index, unit in enumerate(units):
        kids = children.get(_key(unit.name), [])
        if len(kids) < 2 or not any(vectors[index][i] for i in stated):
            continue
        if all(vectors[index][i] == sum(vectors[k][i] for k in kids) for i in stated):  # type: ignore[misc]
            names = "、".join(units[k].name for k in kids)
            problems.append(f"{unit.source}: the figures of {unit.name} are the sum of its own units given ({names})")
    return problems


def _sum_cell(
    path: str, index: int, vectors: list[list[Value]], blank_as_zero: bool, units: Sequence[Unit]
) -> CellLineage:
    contributions = tuple((u, vector[index]) for u, vector in enumerate(vectors) if vector[index] is not None)
    blanks = tuple(u for u, vector in enumerate(vectors) if vector[index] is None)
    note = None
    if path == PROCUREMENT_AMOUNT and contributions:
        amount_units = {_procurement_unit(units[u].report) for u, _ in contributions}
        if len(amount_units) > 1:
            listed = ", ".join(sorted(str(unit) for unit in amount_units))
            return CellLineage(
                path, None, contributions, blanks, f"the units state the amount in different units ({listed})"
            )
    if blanks and not blank_as_zero:
        return CellLineage(path, None, contributions, blanks, note)
    values = [value for _, value in contributions]
    zero: int | Decimal = Decimal(0) if path.rsplit(".", 1)[-1] in AMOUNT_FIELDS else 0
    return CellLineage(path, sum(values, start=zero), contributions, blanks, note)  # type: ignore[arg-type]


def _procurement_unit(report: Report) -> str | None:
    proactive = report.proactive
    return proactive.procurement.amount_unit if isinstance(proactive, TrialProactiveTable) else None


def _prose(edition: Edition, agency: str, count: int) -> tuple[tuple[Paragraph, ...], tuple[Section, ...]]:
    spec = spec_for(edition)
    preamble = (
        Paragraph(
            f"【待汇总单位撰写】本报告由{agency}汇总{count}个单位的政府信息公开工作年度报告编制而成；"
            "请说明汇总范围，并撰写各部分文字。"
        ),
    )
    sections = tuple(Section(title=s.title, key=s.key, body=(Paragraph(TO_WRITE),)) for s in spec.sections)
    return preamble, sections


def roll_up(
    units: Sequence[Unit],
    *,
    agency: str,
    year: int,
    blank_as_zero: bool = False,
    kind: AgencyKind | None = None,
    level: AgencyLevel | None = None,
    published_on: dt.date | None = None,
    contacts: Contacts | None = None,
) -> Rollup:
    """The sum of ``units`` as one report of their edition for ``agency`` and ``year``.

    Raises :class:`RollupError` when the units cannot be added (see the module docstring).
    """
    if not units:
        raise RollupError(["no unit reports to add up"])
    problems = _form_problems(units, agency, year)
    if problems:
        raise RollupError(problems)
    edition = units[0].report.edition
    paths = cell_paths(edition)
    vectors = [read_cells(unit.report, paths) for unit in units]
    problems = _total_problems(units, vectors)
    if problems:
        raise RollupError(problems)
    cells = tuple(_sum_cell(path, i, vectors, blank_as_zero, units) for i, path in enumerate(paths))
    extra: dict[str, str] = {}
    if any(path.startswith(PROCUREMENT_AMOUNT) for path in paths):
        procurement_units = {name for unit in units if (name := _procurement_unit(unit.report)) is not None}
        if len(procurement_units) == 1:
            extra["$.proactive.procurement.amount_unit"] = procurement_units.pop()
    proactive, requests, appeals = build_tables(edition, {cell.path: cell.value for cell in cells}, extra)
    preamble, sections = _prose(edition, agency, len(units))
    report = Report(
        edition=edition,
        agency=Agency(agency, kind=kind, level=level),
        year=year,
        published_on=published_on,
        contacts=contacts or Contacts(),
        preamble=preamble,
        sections=sections,
        proactive=proactive,
        requests=requests,
        appeals=appeals,
    )
    return Rollup(report, tuple(units), cells, blank_as_zero)
