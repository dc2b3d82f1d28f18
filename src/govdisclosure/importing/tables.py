"""Reading a source table into a model table, cell by cell, by its row and column labels.

:func:`analyse` finds the data cells of a :class:`~.grid.SourceTable` (the cells after the
row's labels in a row that holds numbers or blanks) and, for each, its row labels (the
label cells to its left) and column labels (the header rows above it), leaf first.
:func:`map_table` then tries each official layout (:mod:`.targets`): a data cell goes to
the official cell whose leaf labels match its own (exactly, without the number, or
nearly), the parent labels deciding between equals (Table 4's three 结果维持).  A layout
whose every cell is found wins; one that is mostly found names what is missing; a table
that matches no layout is not a statistical table of the report.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs

from govdisclosure.importing.grid import SourceCell, SourceTable
from govdisclosure.importing.targets import Layout, Target, header_block, layouts
from govdisclosure.importing.text import CellText, core, label_key, read_cell, similarity, squeeze

__all__ = ["DataCell", "Placement", "TableMatch", "analyse", "map_table"]

NEAR = 0.75
"""The least similarity at which a printed label is taken for an official one (and recorded)."""
MOSTLY = 0.6
"""A layout found for this share of its cells is the table, with something missing."""


@attrs.frozen
class Label:
    key: str
    printed: str
    cell: SourceCell


@attrs.frozen
class DataCell:
    """A source cell holding a value (or a blank), with its labels leaf first."""

    cell: SourceCell
    value: CellText
    rows: tuple[Label, ...]
    columns: tuple[tuple[Label, ...], ...]
    """Per header row, nearest first: the label cells above this cell."""


@attrs.frozen
class Placement:
    """A source cell placed in an official cell, with how well its labels matched."""

    target: Target
    data: DataCell
    quality: float
    row_label: Label | None
    column_label: Label | None


@attrs.frozen
class TableMatch:
    """The outcome of :func:`map_table`: a layout and its placements, or why not."""

    layout: Layout
    placements: tuple[Placement, ...]
    missing: tuple[Target, ...]
    extra: tuple[DataCell, ...]

    @property
    def coverage(self) -> float:
        total = len(self.layout.targets)
        return (total - len(self.missing)) / total if total else 0.0

    @property
    def complete(self) -> bool:
        return not self.missing


def _is_label(read: CellText, text: str) -> bool:
    return read.kind == "text" and bool(squeeze(text))


def analyse(table: SourceTable) -> list[DataCell]:
    """The data cells of a source table, with their labels."""
    reads = [read_cell(cell.text) for cell in table.cells]
    data_rows: list[bool] = []
    first_data: list[int] = []
    for r, row in enumerate(table.positions):
        covering = list(dict.fromkeys(i for i in row if i >= 0))
        labels = [i for i in covering if _is_label(reads[i], table.cells[i].text)]
        last = max((table.cells[i].column + table.cells[i].colspan for i in labels), default=0)
        after = [i for i in covering if table.cells[i].column >= last]
        valued = any(reads[i].kind != "text" and (reads[i].kind == "number" or reads[i].mark) for i in after)
        empties = bool(after) and bool(labels) and all(not squeeze(table.cells[i].text) for i in after)
        blank_row = not labels and bool(after) and all(not squeeze(table.cells[i].text) for i in after)
        below_header = r > 0 and not data_rows[r - 1] and any(table.cells[i].row == r for i in after)
        data_rows.append(
            bool(after)
            and (valued or empties or (blank_row and below_header))
            and all(reads[i].kind != "text" for i in after)
        )
        first_data.append(last)
    out: list[DataCell] = []
    for r, row in enumerate(table.positions):
        if not data_rows[r]:
            continue
        covering = list(dict.fromkeys(i for i in row if i >= 0))
        row_labels = tuple(
            Label(label_key(table.cells[i].text), table.cells[i].text, table.cells[i])
            for i in reversed(covering)
            if table.cells[i].column < first_data[r] and _is_label(reads[i], table.cells[i].text)
        )
        block = header_block(r, data_rows)
        for i in covering:
            cell = table.cells[i]
            if cell.column < first_data[r] or cell.row != r:
                continue
            columns = tuple(levels for rr in block if (levels := _labels_above(table, rr, cell, reads)))
            out.append(DataCell(cell, reads[i], row_labels, columns))
    return out


def _labels_above(table: SourceTable, row: int, cell: SourceCell, reads: list[CellText]) -> tuple[Label, ...]:
    found: dict[int, Label] = {}
    for c in cell.columns:
        index = table.positions[row][c]
        if index >= 0 and index not in found and _is_label(reads[index], table.cells[index].text):
            other = table.cells[index]
            found[index] = Label(label_key(other.text), other.text, other)
    return tuple(found.values())


class _Resolver:
    """Printed label keys → the official keys they stand for, with a quality (cached: labels repeat)."""

    def __init__(self, official: Iterable[str]) -> None:
        self.official = tuple(dict.fromkeys(official))
        self.by_core: dict[str, list[str]] = {}
        for key in self.official:
            self.by_core.setdefault(core(key), []).append(key)
        self.cores = tuple((key, core(key)) for key in self.official)
        self.cache: dict[str, list[tuple[str, float]]] = {}

    def exact(self, printed: str) -> bool:
        return printed in self.by_core or printed in self.official or core(printed) in self.by_core

    def __call__(self, printed: str) -> list[tuple[str, float]]:
        found = self.cache.get(printed)
        if found is None:
            found = self._resolve(printed)
            if len(self.cache) < 20_000:
                self.cache[printed] = found
        return found

    def _resolve(self, printed: str) -> list[tuple[str, float]]:
        if printed in self.official:
            return [(printed, 1.0)]
        plain = core(printed)
        if plain in self.by_core:
            return [(key, 0.95) for key in self.by_core[plain]]
        scored = []
        for key, official in self.cores:
            shorter, longer = sorted((len(plain), len(official)))
            if longer and 2 * shorter / (shorter + longer) >= NEAR:  # difflib's ratio cannot reach NEAR otherwise
                scored.append((key, similarity(plain, official)))
        best = max((score for _, score in scored), default=0.0)
        if best < NEAR:
            return []
        return [(key, score) for key, score in scored if score >= best - 0.02]


_PREPARED: dict[int, tuple[_Resolver, _Resolver, dict[tuple[str, str], list[Target]]]] = {}


def _prepared(layout: Layout) -> tuple[_Resolver, _Resolver, dict[tuple[str, str], list[Target]]]:
    """The layout's label resolvers and its targets by (row leaf, column leaf), built once.

    Keyed by identity: the layouts are built once (:func:`.targets.layouts`), and hashing one
    hashes its 175 targets."""
    found = _PREPARED.get(id(layout))
    if found is not None:
        return found
    rows = _Resolver(t.rows[0] for t in layout.targets if t.rows)
    columns = _Resolver(t.columns[0] for t in layout.targets if t.columns)
    index: dict[tuple[str, str], list[Target]] = {}
    for target in layout.targets:
        index.setdefault(
            (target.rows[0] if target.rows else "", target.columns[0] if target.columns else ""), []
        ).append(target)
    found = _PREPARED[id(layout)] = (rows, columns, index)
    return found


def _leaf_options(labels: tuple[Label, ...], resolve: _Resolver) -> list[tuple[Label | None, str, float]]:
    options: list[tuple[Label | None, str, float]] = []
    for label in labels:
        options += [(label, key, quality) for key, quality in resolve(label.key)]
    return options


def _place(cell: DataCell, layout: Layout) -> Placement | None:
    rows, columns, index = _prepared(layout)
    row_options = _leaf_options(cell.rows[:1], rows) if cell.rows else [(None, "", 1.0)]
    column_options: list[tuple[Label | None, str, float]] = [(None, "", 1.0)] if not cell.columns else []
    for level in cell.columns:  # the nearest header row with an official label is the leaf
        column_options = _leaf_options(level, columns)
        if column_options:
            break
    keys = {label.key for label in cell.rows} | {label.key for level in cell.columns for label in level}
    best: tuple[float, int] | None = None
    chosen: Placement | None = None
    for row_label, row_key, row_quality in row_options:
        for column_label, column_key, column_quality in column_options:
            for target in index.get((row_key, column_key), ()):
                quality = min(row_quality, column_quality)
                parents = sum(1 for key in (*target.rows[1:], *target.columns[1:]) if key in keys)
                if best is None or (quality, parents) > best:
                    best = (quality, parents)
                    chosen = Placement(target, cell, quality, row_label, column_label)
    return chosen


def _exact_share(layout: Layout, cells: list[DataCell]) -> float:
    """The share of data cells whose row label is an official one of this layout (a quick first sort)."""
    rows, _, _ = _prepared(layout)
    hits = sum(1 for cell in cells if (rows.exact(cell.rows[0].key) if cell.rows else not layout.targets[0].rows))
    return hits / len(cells)


def _try(layout: Layout, cells: list[DataCell]) -> TableMatch:
    placements: list[Placement] = []
    extra: list[DataCell] = []
    for cell in cells:
        placement = _place(cell, layout)
        if placement is None:
            extra.append(cell)
        else:
            placements.append(placement)
    placed = {p.target.path for p in placements}
    missing = tuple(t for t in layout.targets if t.path not in placed)
    return TableMatch(layout, tuple(placements), missing, tuple(extra))


def map_table(table: SourceTable) -> TableMatch | None:
    """The official layout this table prints, with its placements; None if it prints none of them."""
    cells = analyse(table)
    if not cells:
        return None
    shares = [(_exact_share(layout, cells), layout) for layout in layouts()]
    top = max(share for share, _ in shares)
    candidates = [layout for share, layout in shares if share >= top - 0.25 or top < 0.5]
    matches = [_try(layout, cells) for layout in candidates]
    best = max(matches, key=lambda m: (m.coverage, -len(m.extra), sum(p.quality for p in m.placements)))
    if best.coverage < MOSTLY:
        return None
    return best


def value_of(placement: Placement) -> Decimal | None:
    """The number a placement holds (None for a blank)."""
    return placement.data.value.value if placement.data.value.kind == "number" else None
