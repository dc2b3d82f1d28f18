"""From a matched source table to the model table, the record's cells and its notes.

Each placement's text becomes the value of its field: a count (a whole number ≥ 0), a
signed change (本年增/减), or an amount (a Decimal, never a float).  A blank stays
``None``.  Whatever does not fit (a fraction in a count, a value printed twice with two
different numbers) fails the import with the cell named; what fits but deviates (a label
worded differently, a header merged wrongly, a unit printed in the cell) becomes a note.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from govdisclosure.importing.record import CellSource, Note
from govdisclosure.importing.tables import Placement, TableMatch
from govdisclosure.importing.text import squeeze
from govdisclosure.model import _checks

__all__ = ["TableOutcome", "build_table", "where"]


def where(table: int, row: int, column: int) -> str:
    """A source position as a reader counts it (from 1)."""
    return f"表{table} 第{row + 1}行第{column + 1}列 (table {table}, row {row + 1}, column {column + 1})"


@attrs.frozen
class TableOutcome:
    table: Any
    cells: tuple[CellSource, ...]
    notes: tuple[Note, ...]
    problems: tuple[str, ...]


def _field(blank: Any, path: str) -> tuple[Any, str, str]:
    """The attrs object holding ``path``'s last field, the field's name and its declared type."""
    parent = blank
    *parents, name = path.split(".")
    for part in parents:
        parent = getattr(parent, part)
    field = attrs.fields_dict(type(parent))[name]
    return parent, name, str(field.type)


def _convert(value: Decimal, field: str, kind: str) -> tuple[Any, str | None]:
    """The value for a field of this type, or a problem."""
    if "Decimal" in kind:
        return value, _checks.problem_amount(value)
    if value != value.to_integral_value():
        return None, f"{value} is not a whole number"
    number = int(value)
    problem = _checks.problem_signed(number) if field == "change" else _checks.problem_count(number)
    return number, problem


def _fill(obj: Any, values: dict[str, Any]) -> Any:
    """``obj`` with the values at dotted paths below it set."""
    direct: dict[str, Any] = {}
    nested: dict[str, dict[str, Any]] = {}
    for path, value in values.items():
        head, _, rest = path.partition(".")
        if rest:
            nested.setdefault(head, {})[rest] = value
        else:
            direct[head] = value
    for head, inner in nested.items():
        direct[head] = _fill(getattr(obj, head), inner)
    return attrs.evolve(obj, **direct)


def _label_notes(
    match: TableMatch, placement: Placement, number: int, seen: set[int]
) -> tuple[str | None, str | None, list[Note]]:
    """The printed labels where they differ from the official ones; notes where the wording differs."""
    notes: list[Note] = []
    printed: list[str | None] = []
    target = placement.target
    for label, official, keys in (
        (placement.row_label, target.row_labels[:1], target.rows[:1]),
        (placement.column_label, target.column_labels[:1], target.columns[:1]),
    ):
        if label is None or not official or squeeze(label.printed) == official[0]:
            printed.append(None)
            continue
        printed.append(squeeze(label.printed))
        if label.key == keys[0] or id(label.cell) in seen:
            continue  # only widths or spacing differ, or already noted
        seen.add(id(label.cell))
        shown = squeeze(label.printed)
        notes.append(
            Note(
                "label",
                f"{match.layout.describe()}的标签印作“{shown}”，规定为“{official[0]}”；已按规定标签对位读取。",
                f"{match.layout.describe()}: a label is printed as {shown!r}; the official label is {official[0]!r}. "
                "The cells were read as the official row/column.",
                f"$.{match.layout.key}.{target.path}",
                where(number, label.cell.row, label.cell.column),
            )
        )
    return printed[0], printed[1], notes


_LEAVES: dict[int, frozenset[str]] = {}


def _leaves(layout: Any) -> frozenset[str]:
    """The official column leaf labels of a layout (by identity: layouts are built once)."""
    found = _LEAVES.get(id(layout))
    if found is None:
        found = _LEAVES[id(layout)] = frozenset(t.columns[0] for t in layout.targets if t.columns)
    return found


def _merge_notes(match: TableMatch, placement: Placement, number: int, seen: set[int]) -> list[Note]:
    """A header cell that is an official column label but spans columns another label heads."""
    leaves = _leaves(match.layout)
    chosen = placement.column_label
    notes = []
    for level in placement.data.columns:
        for label in level:
            if chosen is None or label is chosen or label.key == chosen.key or label.key not in leaves:
                continue
            if id(label.cell) in seen:
                continue
            seen.add(id(label.cell))
            cell = label.cell
            notes.append(
                Note(
                    "doubtful",
                    f"{match.layout.describe()}表头“{squeeze(cell.text)}”跨第{cell.column + 1}–{cell.column + cell.colspan}列，"
                    f"其中第{placement.data.cell.column + 1}列下方又有表头“{squeeze(chosen.printed)}”：表头单元格合并有误；"
                    "已按最下层表头对位，请核对。",
                    f"{match.layout.describe()}: the header {squeeze(cell.text)!r} spans columns {cell.column + 1}–"
                    f"{cell.column + cell.colspan}, but column {placement.data.cell.column + 1} is also headed "
                    f"{squeeze(chosen.printed)!r} below it: the header is merged wrongly. Cells were placed by the "
                    "lowest header; check them.",
                    f"$.{match.layout.key}",
                    where(number, cell.row, cell.column),
                )
            )
    return notes


def _repeat_notes(match: TableMatch, number: int) -> list[Note]:
    """One row label printed in two cells (a table split by a page break, say)."""
    cells: dict[tuple[str, int], set[tuple[int, int]]] = {}
    for placement in match.placements:
        for label in placement.data.rows:
            cells.setdefault((label.key, label.cell.column), set()).add((label.cell.row, label.cell.rowspan))
    notes = []
    for (key, column), spans in cells.items():
        if len(spans) > 1:
            rows = "、".join(str(r + 1) for r, _ in sorted(spans))
            notes.append(
                Note(
                    "repeated",
                    f"{match.layout.describe()}的标签“{key}”在第{column + 1}列印了{len(spans)}次（第{rows}行起），"
                    "应为一个合并单元格；已按同一标签读取。",
                    f"{match.layout.describe()}: the label {key!r} is printed {len(spans)} times in column "
                    f"{column + 1} (from rows {rows}) where the template has one merged cell; read as one label.",
                    f"$.{match.layout.key}",
                    where(number, min(spans)[0], column),
                )
            )
    return notes


def build_table(match: TableMatch, number: int) -> TableOutcome:
    """The model table of a complete match, with the record's cells and notes."""
    layout = match.layout
    values: dict[str, Any] = {}
    sources: dict[str, Placement] = {}
    cells: list[CellSource] = []
    notes: list[Note] = []
    problems: list[str] = []
    seen: set[int] = set()
    blanks = 0
    for placement in match.placements:
        path, data = placement.target.path, placement.data
        at = where(number, data.cell.row, data.cell.column)
        value, problem = _value(layout.blank, path, data.value)
        if problem:
            problems.append(f"{layout.describe()} {at}: “{squeeze(data.cell.text)}” {problem}")
            continue
        if path in sources:
            earlier = values[path]
            if earlier != value:
                problems.append(
                    f"{layout.describe()}: the cell {path} is printed twice with different values "
                    f"({earlier} and {value}, {at})"
                )
            continue
        sources[path] = placement
        values[path] = value
        blanks += data.value.mark is not None
        row_label, column_label, label_notes = _label_notes(match, placement, number, seen)
        notes += label_notes + _merge_notes(match, placement, number, seen)
        cells.append(
            CellSource(
                f"{layout.key}.{path}", number, data.cell.row + 1, data.cell.column + 1, squeeze(data.cell.text),
                row_label, column_label,
            )
        )  # fmt: skip
        if data.value.unit is not None and not path.endswith("procurement.amount"):
            notes.append(_unit_note(layout.describe(), layout.key, path, data.value.unit, at))
    if "procurement.amount" in sources and sources["procurement.amount"].data.value.unit:
        values["procurement.amount_unit"] = sources["procurement.amount"].data.value.unit
    notes += _repeat_notes(match, number)
    if blanks:
        notes.append(
            Note(
                "blank",
                f"{layout.describe()}有{blanks}个单元格印作“/”“—”等符号，已读作空白（未填写），不是0。",
                f"{layout.describe()}: {blanks} cells print a dash or slash; read as blank (not stated), not 0.",
                f"$.{layout.key}",
            )
        )
    table = _fill(layout.blank, values) if not problems else None
    return TableOutcome(table, tuple(cells), tuple(notes), tuple(problems))


def _value(blank: Any, path: str, read: Any) -> tuple[Any, str | None]:
    if read.kind != "number":
        return None, None
    _, name, kind = _field(blank, path)
    return _convert(read.value, name, kind)


def _unit_note(table: str, key: str, path: str, unit: str, at: str) -> Note:
    return Note(
        "unit",
        f"{table}的单元格带单位“{unit}”，已只取数字；请核对单位与表头一致。",
        f"{table}: a cell prints the unit {unit!r} beside its number; the number alone was read. Check the unit "
        "agrees with the column heading.",
        f"$.{key}.{path}",
        at,
    )
