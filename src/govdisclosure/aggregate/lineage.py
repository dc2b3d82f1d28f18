"""The lineage file saved beside a roll-up (``OUT.lineage.json``), and reading it back.

::

    {"format": "govdisclosure-lineage/1",
     "aggregate": {"agency": ..., "year": 2024, "edition": "national-2021", "blank_as_zero": false},
     "units": [{"name": "示例市教育局", "source": "units/jyj.yaml"}, ...],
     "coverage": [{"name": ..., "submitted": true, "included": true, ...}, ...],
     "cells": {"$.requests.received.total": {"value": 412, "contributions": [[0, 40], [1, 12]],
                                              "blank": [5], "note": null}, ...}}

A contribution is ``[unit index, value]`` into ``units``: with two thousand units and two
hundred cells, names in every entry would make the file ten times larger.  Amounts are
written as strings ("12.3456") so that no reader turns them into binary floats.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from govdisclosure.aggregate.cells import Value
from govdisclosure.aggregate.coverage import Coverage, CoverageEntry
from govdisclosure.aggregate.rollup import Rollup

__all__ = ["FORMAT", "Contribution", "Explanation", "LineageError", "explain", "lineage_data", "lineage_path"]

FORMAT = "govdisclosure-lineage/1"


class LineageError(ValueError):
    """A lineage file that cannot be read, or a path it does not hold; the message says which."""


def lineage_path(output: str | Path) -> Path:
    """Where the lineage of the roll-up written to ``output`` is saved: ``OUT.lineage.json``."""
    output = Path(output)
    return output.with_name(output.name + ".lineage.json")


def _json_value(value: Value) -> int | str | None:
    return str(value) if isinstance(value, Decimal) else value


def _coverage_data(entry: CoverageEntry) -> dict[str, Any]:
    return {
        "name": entry.name,
        "kind": entry.kind.value if entry.kind else None,
        "level": entry.level.value if entry.level else None,
        "on_roster": entry.on_roster,
        "submitted": entry.submitted,
        "source": entry.source,
        "deadline": entry.deadline.isoformat() if entry.deadline else None,
        "published_on": entry.published_on.isoformat() if entry.published_on else None,
        "timeliness": entry.timeliness.value if entry.timeliness else None,
        "passing": entry.passing,
        "errors": entry.errors,
        "warnings": entry.warnings,
        "included": entry.included,
        "reason": entry.reason,
    }


def lineage_data(rollup: Rollup, coverage: Coverage | None = None) -> dict[str, Any]:
    """The lineage of ``rollup`` (and the coverage it came from) as JSON-ready data."""
    report = rollup.report
    return {
        "format": FORMAT,
        "aggregate": {
            "agency": report.agency.name,
            "year": report.year,
            "edition": report.edition.value,
            "blank_as_zero": rollup.blank_as_zero,
        },
        "units": [{"name": unit.name, "source": unit.source} for unit in rollup.units],
        "coverage": [_coverage_data(entry) for entry in coverage.entries] if coverage else [],
        "cells": {
            cell.path: {
                "value": _json_value(cell.value),
                "contributions": [[index, _json_value(value)] for index, value in cell.contributions],
                "blank": list(cell.blanks),
                "note": cell.note,
            }
            for cell in rollup.cells
        },
    }


@attrs.frozen
class Contribution:
    unit: str
    source: str
    value: int | Decimal


@attrs.frozen
class Explanation:
    """One cell of a roll-up: its value, the contributions largest first, the units that left it blank."""

    path: str
    value: int | Decimal | None
    contributions: tuple[Contribution, ...]
    blank: tuple[str, ...]
    blank_as_zero: bool
    note: str | None


def _number(value: object, where: str) -> int | Decimal:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError:
            pass
    raise LineageError(f"{where}: expected a number, got {value!r}")


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LineageError(f"{path}: cannot read the lineage file: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LineageError(f"{path}: not a lineage file ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LineageError(f'{path}: not a govdisclosure lineage file (expected "format": "{FORMAT}")')
    return data


def explain(source: str | Path, cell: str) -> Explanation:
    """The lineage of ``cell`` in the roll-up ``source`` (the roll-up or its ``.lineage.json``)."""
    path = Path(source)
    if not path.name.endswith(".lineage.json"):
        path = lineage_path(path)
    data = _read(path)
    wanted = cell if cell.startswith("$.") else "$." + cell.removeprefix("$")
    cells = data.get("cells")
    units = data.get("units")
    if not isinstance(cells, dict) or not isinstance(units, list):
        raise LineageError(f"{path}: the lineage file has no cells or units")
    entry = cells.get(wanted)
    if not isinstance(entry, dict):
        near = [key for key in cells if key.startswith(wanted)][:5]
        hint = f"; cells under it: {', '.join(near)}" if near else "; cells look like $.requests.received.total"
        raise LineageError(f"{path}: no cell {wanted}{hint}")

    def unit(index: object) -> dict[str, Any]:
        if not isinstance(index, int) or not 0 <= index < len(units) or not isinstance(units[index], dict):
            raise LineageError(f"{path}: {wanted}: unit index {index!r} is not in the units list")
        return units[index]  # type: ignore[no-any-return]

    contributions = []
    for index, value in entry.get("contributions", []):
        named = unit(index)
        contributions.append(Contribution(str(named.get("name")), str(named.get("source")), _number(value, wanted)))
    contributions.sort(key=lambda c: (-c.value, c.unit))
    value = entry.get("value")
    aggregate = data.get("aggregate") or {}
    return Explanation(
        wanted,
        None if value is None else _number(value, wanted),
        tuple(contributions),
        tuple(str(unit(index).get("name")) for index in entry.get("blank", [])),
        bool(aggregate.get("blank_as_zero")),
        entry.get("note"),
    )
