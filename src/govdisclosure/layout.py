"""What a report looks like on the page, independent of the file format.

Every exporter draws the same things: the statutory outline of the text and the
statistical tables with their merged header cells.  They are computed here once, from
the report and its edition's spec, so HTML, DOCX, PDF and a spreadsheet plugin cannot
disagree about which label spans which cells.

- :func:`outline` gives the sections to print, numbered, with the tables placed in
  them (for a national report always the six statutory sections, in order).
- :func:`tables` gives each statistical table as a :class:`Grid`: rows of
  :class:`Cell` objects with ``colspan``/``rowspan`` as in the official template.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Literal

import attrs

from govdisclosure.chinese import heading_number, is_wide
from govdisclosure.editions import (
    APPEALS_GROUP_LABELS,
    APPEALS_RESULT_LABELS,
    APPLICANT_COLUMN_LABELS,
    APPLICANTS_HEADER,
    CONTENT_HEADER,
    HEADER_LINE_BREAKS,
    LITIGATION_HEADER,
    ORGANISATIONS_HEADER,
    REVIEW_HEADER,
    ProactiveBlock,
    RequestRow,
    national_2019_trial,
    national_2021,
    spec_for,
)
from govdisclosure.model import (
    AppealsTable,
    ApplicantCounts,
    Block,
    ProactiveTable,
    Report,
    RequestTable,
    Section,
    TrialProactiveTable,
)

__all__ = [
    "ADDRESS",
    "RUN_IN_ENDINGS",
    "Cell",
    "Grid",
    "OutlineEntry",
    "fitted_scale",
    "format_value",
    "grid_positions",
    "outline",
    "printed_texts",
    "tables",
]

Scope = Literal["col", "colgroup", "row", "rowgroup"]

ADDRESS = re.compile(r"(?:https?://|www\.)[^\s（）()，。；、“”<>]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
"""A web or e-mail address in running text: every format lets a line break inside one, or a long
address leaves a wide gap in a justified line."""

RUN_IN_ENDINGS = ("。", "：", "；", "？", "！", ".", ":", "?", "!")
"""Punctuation that already ends a run-in heading."""
Value = int | Decimal | None


@attrs.frozen
class Cell:
    """One printed cell.  Header cells carry labels, data cells a value and its model path."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    scope: Scope | None = None
    path: str | None = None
    """For a data cell, the dotted path of its value: ``requests.withheld.state_secret.total``."""
    value: Value = None
    lines: tuple[str, ...] = ()
    """Where the printed text breaks over lines, when the template breaks it; empty: anywhere."""
    scale: float = 1.0
    """For a data cell, the size its figure is printed at, as a fraction of the table's: below 1
    when the figure is too wide for its column at the tables' size (:func:`fitted_scale`).
    Every format applies it, so a figure never runs into the next cell nor breaks over lines."""


@attrs.frozen
class Grid:
    """A statistical table: its rows list the cells that start in them (as HTML does)."""

    key: str
    """``proactive``, ``requests`` or ``appeals``: the section the table belongs to."""
    caption: str
    columns: int
    header_rows: int
    """How many leading rows are the column header (repeated when the table breaks)."""
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    """Relative column widths, summing to 1."""

    def data_cells(self) -> Iterator[Cell]:
        return (cell for row in self.rows for cell in row if cell.path is not None)


def format_value(value: Value) -> str:
    """A cell's printed text: whole numbers as digits, amounts as written, blank as empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def grid_positions(grid: Grid) -> list[list[Cell | None]]:
    """Each cell of the full ``rows × columns`` grid: the cell covering it, or None if none does.

    This is how the merged cells of a grid are laid out; exporters that need the full
    matrix (DOCX, spreadsheets) and tests use it.
    """
    return _placed(grid)[0]


def _placed(grid: Grid) -> tuple[list[list[Cell | None]], list[list[int]]]:
    """:func:`grid_positions`' matrix, and the column each cell of ``grid.rows`` starts in."""
    matrix: list[list[Cell | None]] = [[None] * grid.columns for _ in grid.rows]
    starts: list[list[int]] = []
    for r, row in enumerate(grid.rows):
        c = 0
        starts.append([])
        for cell in row:
            while c < grid.columns and matrix[r][c] is not None:
                c += 1
            if c + cell.colspan > grid.columns or r + cell.rowspan > len(grid.rows):
                raise ValueError(f"{grid.key}: cell {cell.text!r} does not fit the grid at row {r}, column {c}")
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if matrix[r + dr][c + dc] is not None:
                        raise ValueError(f"{grid.key}: cells overlap at row {r + dr}, column {c + dc}")
                    matrix[r + dr][c + dc] = cell
            starts[r].append(c)
            c += cell.colspan
    return matrix, starts


# --------------------------------------------------------------------------- outline


@attrs.frozen
class OutlineEntry:
    """A heading to print, its number, its text blocks and the table that follows it."""

    level: int
    number: str
    title: str
    key: str | None
    run_in: bool
    body: tuple[Block, ...]
    table: Grid | None = None

    @property
    def run_in_text(self) -> str:
        """The number and title as run into the first paragraph, ending visibly: a title without
        closing punctuation gets "。", so the reader sees where the heading stops."""
        title = self.title.rstrip()
        return self.number + title + ("" if title.endswith(RUN_IN_ENDINGS) else "。")


def outline(report: Report) -> tuple[OutlineEntry, ...]:
    """The headings of the report in reading order, numbered, with the tables in place."""
    grids = {grid.key: grid for grid in tables(report)}
    sections = _statutory_sections(report) if spec_for(report.edition).fixed_outline else report.sections
    entries: list[OutlineEntry] = []

    def walk(items: tuple[Section, ...], level: int) -> None:
        index = 0
        for section in items:
            number = heading_number(level, index) if section.numbered else ""
            index += section.numbered
            table = grids.pop(section.key, None) if level == 1 and section.key else None
            entries.append(OutlineEntry(level, number, section.title, section.key, section.run_in, section.body, table))
            walk(section.subsections, level + 1)

    walk(sections, 1)
    # A table whose section the text lacks (a legacy report holding national tables, say) is
    # printed all the same, at the end under its statutory title: data is never dropped.
    index = sum(1 for entry in entries if entry.level == 1 and entry.number)
    for grid in grids.values():
        entries.append(OutlineEntry(1, heading_number(1, index), grid.caption, grid.key, False, (), grid))
        index += 1
    return tuple(entries)


def _statutory_sections(report: Report) -> tuple[Section, ...]:
    """The six statutory sections in order: the report's own where it has them, else empty ones."""
    spec = spec_for(report.edition)
    given = {section.key: section for section in report.sections if section.key}
    statutory = tuple(given.get(s.key) or Section(title=s.title, key=s.key) for s in spec.sections)
    known = {s.key for s in spec.sections}
    extra = tuple(section for section in report.sections if section.key not in known)
    return statutory + extra


# --------------------------------------------------------------------------- tables


def tables(report: Report) -> tuple[Grid, ...]:
    """The statistical tables of the report, as printed, in order."""
    grids: list[Grid] = []
    proactive = report.proactive
    if isinstance(proactive, ProactiveTable | TrialProactiveTable):
        grids.append(_fill("proactive", isinstance(proactive, TrialProactiveTable), proactive))
    if report.requests is not None:
        table = report.requests
        grids.append(_fill("requests", table.other_handling_is_single_row, table))
    if isinstance(report.appeals, AppealsTable):
        grids.append(_fill("appeals", False, report.appeals))
    return tuple(grids)


@functools.cache
def _skeleton(kind: str, trial: bool) -> Grid:
    """A table's cells with every label in place and the data cells blank, built once per layout."""
    spec = national_2019_trial.SPEC if trial else national_2021.SPEC
    if kind == "proactive":
        table: Any = TrialProactiveTable() if trial else ProactiveTable()
        return _proactive_grid(table, spec.proactive_blocks, spec.section_title("proactive") or "")
    if kind == "requests":
        requests = RequestTable(other_handling=ApplicantCounts()) if trial else RequestTable()
        return _requests_grid(requests, spec.request_rows, spec.request_note, spec.section_title("requests"))
    return _appeals_grid(AppealsTable(), spec.section_title("appeals") or "")


PROCUREMENT_AMOUNT_LABEL = "采购总金额"


def _fill(kind: str, trial: bool, table: Any) -> Grid:
    """The skeleton of the layout with the table's values in its data cells (label cells are shared, not copied).

    The trial format's 采购总金额 has no unit of its own: the filer's (``amount_unit``) is printed
    in its heading as the 2021 format prints its fee's, 采购总金额（单位：万元）, so the cell keeps
    a bare number."""
    skeleton = _skeleton(kind, trial)
    unit = getattr(getattr(table, "procurement", None), "amount_unit", None)
    rows = []
    for row, steps, shares in zip(skeleton.rows, _steps(kind, trial), _shares(kind, trial), strict=True):
        cells = []
        for cell, parts, (share, fits) in zip(row, steps, shares, strict=True):
            if parts is None:
                if unit and cell.text == PROCUREMENT_AMOUNT_LABEL:
                    cell = attrs.evolve(cell, text=f"{cell.text}（单位：{unit}）")  # noqa: PLW2901
                cells.append(cell)
                continue
            value = table
            for part in parts:
                value = getattr(value, part)
            text = format_value(value)
            scale = 1.0 if len(text) <= fits and text.isascii() else fitted_scale(text, share)
            cells.append(Cell(text, cell.colspan, cell.rowspan, False, None, cell.path, value, (), scale))
        rows.append(tuple(cells))
    return Grid(skeleton.key, skeleton.caption, skeleton.columns, skeleton.header_rows, tuple(rows), skeleton.widths)


#: The paper every format prints the tables on: the official page's text width (GB/T 9704: 156 mm),
#: the tables' text at 10 pt, a cell's text 1.5 pt in from each of its rules (the Word file's
#: margin; the PDFs' are 1–2 pt), the rules half a point together.
TABLE_WIDTH_PT = 156 / 25.4 * 72
TABLE_SIZE_PT = 10.0
CELL_INSET_PT = 1.5
_RULES_PT = 0.5
#: A narrow character's advance in the faces the formats print figures with, the widest digit's:
#: DejaVu Serif, which LibreOffice draws the Word file's Times New Roman with where that is not
#: installed, 0.636 em (Noto Serif CJK, the PDFs' face, 0.562 em; Times New Roman 0.5 em).
#: A wide character takes 1 em.
NARROW_EM = 0.64
#: The smallest size a figure is shrunk to (5 pt): a wider one overruns its cell rather than be unreadable.
MIN_SCALE = 0.5


def fitted_scale(text: str, share: float) -> float:
    """The size, as a fraction of the tables' 10 pt, at which ``text`` fits on one line in a cell
    taking ``share`` of the table's width: 1 when it fits at 10 pt, less when it does not (in
    hundredths, rounded down), never less than :data:`MIN_SCALE`.

    Table 4's fifteen columns hold four digits at 10 pt, Table 3's narrow ones five.  A
    roll-up's 1192137 in Table 4 is printed at 5.7 pt instead of running into the next cell
    (or, in the Word file, breaking into 119213 and 7)."""
    room = share * TABLE_WIDTH_PT - 2 * CELL_INSET_PT - _RULES_PT
    need = TABLE_SIZE_PT * sum(1.0 if is_wide(char) else NARROW_EM for char in text)
    if need <= room:
        return 1.0
    return max(MIN_SCALE, math.floor(room / need * 100) / 100)


@functools.cache
def _shares(kind: str, trial: bool) -> tuple[tuple[tuple[float, int], ...], ...]:
    """Each cell of the skeleton's rows: its share of the table's width, and how many narrow
    characters fit in it at full size (a figure no longer than that needs no measuring)."""
    skeleton = _skeleton(kind, trial)
    out = []
    for row, starts in zip(skeleton.rows, _placed(skeleton)[1], strict=True):
        shares = []
        for cell, c in zip(row, starts, strict=True):
            share = sum(skeleton.widths[c : c + cell.colspan])
            room = share * TABLE_WIDTH_PT - 2 * CELL_INSET_PT - _RULES_PT
            shares.append((share, int(room // (TABLE_SIZE_PT * NARROW_EM))))
        out.append(tuple(shares))
    return tuple(out)


@functools.cache
def _steps(kind: str, trial: bool) -> tuple[tuple[tuple[str, ...] | None, ...], ...]:
    """The attribute names leading from the table to each data cell's value (None for a label), once per layout."""
    return tuple(
        tuple(None if cell.path is None else tuple(cell.path.split(".")[1:]) for cell in row)
        for row in _skeleton(kind, trial).rows
    )


def _value(obj: Any, dotted: str) -> Value:
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj  # type: ignore[no-any-return]


def _data(root: str, obj: Any, dotted: str) -> Cell:
    value = _value(obj, dotted)
    return Cell(format_value(value), path=f"{root}.{dotted}", value=value)


def _proactive_grid(table: Any, blocks: tuple[ProactiveBlock, ...], title: str) -> Grid:
    # The data columns of every block share one grid: as wide as the least common multiple of
    # the blocks' column counts (3 in 2021, where single columns span all three as in the template).
    data_width = math.lcm(*(len(block.columns) for block in blocks))
    columns = 1 + data_width
    rows: list[tuple[Cell, ...]] = []
    for block in blocks:
        span = data_width // len(block.columns)
        rows.append((Cell(block.heading, colspan=columns, header=True, scope="colgroup"),))
        rows.append(
            (
                Cell(CONTENT_HEADER, header=True, scope="col"),
                *(Cell(label, colspan=span, header=True, scope="col") for label in block.columns),
            )
        )
        for row in block.rows:
            cells = tuple(attrs.evolve(_data("proactive", table, path), colspan=span) for path in row.cells)
            rows.append((Cell(row.label, header=True, scope="row"), *cells))
    label_width = 0.28
    widths = (label_width, *([(1 - label_width) / data_width] * data_width))
    return Grid("proactive", title, columns, 0, tuple(rows), widths)


def _requests_grid(table: RequestTable, spec_rows: tuple[RequestRow, ...], note: str, title: str | None) -> Grid:
    applicant_labels = [label for _, label in APPLICANT_COLUMN_LABELS]
    header = (
        (
            Cell(note, colspan=3, rowspan=3, header=True),
            Cell(APPLICANTS_HEADER, colspan=7, header=True, scope="colgroup"),
        ),
        (
            Cell(
                applicant_labels[0], rowspan=2, header=True, scope="col", lines=HEADER_LINE_BREAKS[applicant_labels[0]]
            ),
            Cell(ORGANISATIONS_HEADER, colspan=5, header=True, scope="colgroup"),
            Cell(applicant_labels[6], rowspan=2, header=True, scope="col"),
        ),
        tuple(
            Cell(label, header=True, scope="col", lines=HEADER_LINE_BREAKS.get(label, ()))
            for label in applicant_labels[1:6]
        ),
    )
    rows: list[tuple[Cell, ...]] = list(header)
    for index, spec_row in enumerate(spec_rows):
        cells: list[Cell] = []
        depth = len(spec_row.labels)
        for level, label in enumerate(spec_row.labels):
            if index > 0 and spec_rows[index - 1].labels[: level + 1] == spec_row.labels[: level + 1]:
                continue  # covered by the rowspan of the row above
            run = 1
            while (
                index + run < len(spec_rows)
                and spec_rows[index + run].labels[: level + 1] == spec_row.labels[: level + 1]
            ):
                run += 1
            last = level == depth - 1
            scope: Scope = "rowgroup" if run > 1 else "row"
            lines = HEADER_LINE_BREAKS.get(label, ())
            cells.append(
                Cell(label, colspan=3 - level if last else 1, rowspan=run, header=True, scope=scope, lines=lines)
            )
        cells += [_data("requests", table, f"{spec_row.path}.{field}") for field, _ in APPLICANT_COLUMN_LABELS]
        rows.append(tuple(cells))
    widths = (0.06, 0.08, 0.29, *([0.57 / 7] * 7))
    return Grid("requests", title or "", 10, 3, tuple(rows), widths)


def _appeals_grid(table: AppealsTable, title: str) -> Grid:
    results = [label for _, label in APPEALS_RESULT_LABELS]
    groups = dict(APPEALS_GROUP_LABELS)
    header = (
        (
            Cell(REVIEW_HEADER, colspan=5, header=True, scope="colgroup"),
            Cell(LITIGATION_HEADER, colspan=10, header=True, scope="colgroup"),
        ),
        (
            *(
                Cell(label, rowspan=2, header=True, scope="col", lines=HEADER_LINE_BREAKS.get(label, ()))
                for label in results
            ),
            Cell(groups["litigation_direct"], colspan=5, header=True, scope="colgroup"),
            Cell(groups["litigation_after_review"], colspan=5, header=True, scope="colgroup"),
        ),
        tuple(Cell(label, header=True, scope="col", lines=HEADER_LINE_BREAKS.get(label, ())) for label in results * 2),
    )
    data = tuple(
        _data("appeals", table, f"{group}.{field}")
        for group, _ in APPEALS_GROUP_LABELS
        for field, _ in APPEALS_RESULT_LABELS
    )
    return Grid("appeals", title, 15, 3, (*header, data), tuple([1 / 15] * 15))


def printed_texts(report: Report) -> Iterator[tuple[str, str]]:
    """Every text a rendering of the report prints, with the path it comes from: the agency, the
    title, the prose and every table cell (labels under the table's key).  What a format checks its
    fonts against before it draws anything."""
    yield "$.agency.name", report.agency.name
    if report.title:
        yield "$.title", report.title
    yield from report.texts()
    for grid in tables(report):
        for row in grid.rows:
            for cell in row:
                yield cell.path or f"$.{grid.key}", cell.text
