"""The roster: which units a supervising office expects a report from.

A YAML file (a list, or a list under ``units:``) or a CSV file with a header row.  Each
unit has a ``name`` and optionally its ``kind``, ``level`` and its own ``deadline``::

    units:
      - name: 示例市教育局
        kind: department          # or 政府部门
        level: prefecture
      - name: 示例市示例区人民政府
        kind: 人民政府
        deadline: 2025-03-31      # overrides the statutory date

CSV headers may be English (name, kind, level, deadline) or Chinese (单位名称, 类型, 层级,
截止日期).  Kinds and levels are the model's values or their Chinese names.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import attrs

from govdisclosure.model import AgencyKind, AgencyLevel
from govdisclosure.serialization import YamlReadError, read_yaml

__all__ = ["RosterEntry", "RosterError", "load_roster", "name_key"]

_KINDS = {
    "人民政府": AgencyKind.GOVERNMENT,
    "政府": AgencyKind.GOVERNMENT,
    "政府部门": AgencyKind.DEPARTMENT,
    "部门": AgencyKind.DEPARTMENT,
    "乡镇人民政府": AgencyKind.TOWNSHIP,
    "乡镇": AgencyKind.TOWNSHIP,
    "街道办事处": AgencyKind.STREET_OFFICE,
    "街道": AgencyKind.STREET_OFFICE,
    **{kind.value: kind for kind in AgencyKind},
}
_LEVELS = {
    "国务院部门": AgencyLevel.STATE_COUNCIL,
    "省": AgencyLevel.PROVINCE,
    "设区的市": AgencyLevel.PREFECTURE,
    "市": AgencyLevel.PREFECTURE,
    "县": AgencyLevel.COUNTY,
    "区县": AgencyLevel.COUNTY,
    "乡镇": AgencyLevel.TOWNSHIP,
    **{level.value: level for level in AgencyLevel},
}
_HEADERS = {"单位名称": "name", "单位": "name", "类型": "kind", "层级": "level", "截止日期": "deadline"}
_KEYS = ("name", "kind", "level", "deadline")


@attrs.frozen
class RosterEntry:
    """A unit the office expects a report from."""

    name: str
    kind: AgencyKind | None = None
    level: AgencyLevel | None = None
    deadline: dt.date | None = None
    """The unit's own deadline, when the roster gives one (else the statutory date applies)."""


class RosterError(ValueError):
    """The roster cannot be used; the message names the file, the line and the problem."""


def name_key(name: str) -> str:
    """The form names are matched in: without spaces (全角 or not), so 示例市 教育局 is 示例市教育局."""
    return "".join(name.split())


def load_roster(path: str | Path) -> tuple[RosterEntry, ...]:
    """The units of a roster file (``.csv``: CSV, anything else: YAML)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RosterError(f"{path}: cannot read the roster: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise RosterError(f"{path}: the roster is not UTF-8 text") from None
    rows = _csv_rows(path, text) if path.suffix.lower() == ".csv" else _yaml_rows(path, text)
    entries: list[RosterEntry] = []
    seen: dict[str, str] = {}
    for where, row in rows:
        entry = _entry(where, row)
        earlier = seen.setdefault(name_key(entry.name), where)
        if earlier != where:
            raise RosterError(f"{where}: {entry.name} is listed twice (first at {earlier})")
        entries.append(entry)
    if not entries:
        raise RosterError(f"{path}: the roster lists no units")
    return tuple(entries)


def _csv_rows(path: Path, text: str) -> list[tuple[str, dict[str, object]]]:
    reader = csv.DictReader(io.StringIO(text))
    fields = [_HEADERS.get((f or "").strip(), (f or "").strip().lower()) for f in reader.fieldnames or ()]
    if "name" not in fields:
        raise RosterError(f"{path}:1: the header row needs a column 'name' (or 单位名称); found {reader.fieldnames}")
    unknown = [f for f in fields if f and f not in _KEYS]
    if unknown:
        raise RosterError(f"{path}:1: unknown column {unknown[0]!r}; the columns are name, kind, level, deadline")
    rows = list(csv.reader(io.StringIO(text)))
    out: list[tuple[str, dict[str, object]]] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {field: cell.strip() for field, cell in zip(fields, row, strict=False) if field and cell.strip()}
        out.append((f"{path}:{number}", dict(values)))
    return out


def _yaml_rows(path: Path, text: str) -> list[tuple[str, dict[str, object]]]:
    try:
        data, positions = read_yaml(text)
    except YamlReadError as exc:
        raise RosterError(f"{path}:{exc.line or 1}: {exc.message}") from None
    prefix = "$"
    if isinstance(data, dict):
        data, prefix = data.get("units"), "$.units"
    if not isinstance(data, list):
        raise RosterError(f"{path}: expected a list of units (or a list under the key 'units')")
    out: list[tuple[str, dict[str, object]]] = []
    for index, item in enumerate(data):
        where = f"{prefix}[{index}]"
        line = positions.get(where, (None,))[0]
        label = f"{path}:{line}: {where}" if line else f"{path}: {where}"
        unit = {"name": item} if isinstance(item, str) else item
        if not isinstance(unit, dict):
            raise RosterError(f"{label}: expected a unit with a name")
        out.append((label, unit))
    return out


def _entry(where: str, row: dict[str, object]) -> RosterEntry:
    unknown = set(row) - set(_KEYS)
    if unknown:
        raise RosterError(f"{where}: unknown key {sorted(unknown)[0]!r}; a unit has name, kind, level, deadline")
    name = row.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RosterError(f"{where}: every unit needs a name")
    kind, level, deadline = row.get("kind"), row.get("level"), row.get("deadline")
    if kind is not None and (not isinstance(kind, str) or kind.strip() not in _KINDS):
        raise RosterError(f"{where}.kind: unknown kind {kind!r}; expected one of {', '.join(_KINDS)}")
    if level is not None and (not isinstance(level, str) or level.strip() not in _LEVELS):
        raise RosterError(f"{where}.level: unknown level {level!r}; expected one of {', '.join(_LEVELS)}")
    if isinstance(deadline, str):
        try:
            deadline = dt.date.fromisoformat(deadline.strip())
        except ValueError:
            raise RosterError(f"{where}.deadline: expected a date like 2025-01-31, got {deadline!r}") from None
    if deadline is not None and not isinstance(deadline, dt.date):
        raise RosterError(f"{where}.deadline: expected a date like 2025-01-31, got {deadline!r}")
    return RosterEntry(
        name.strip(),
        _KINDS[kind.strip()] if isinstance(kind, str) else None,
        _LEVELS[level.strip()] if isinstance(level, str) else None,
        deadline,
    )
