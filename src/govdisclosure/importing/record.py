"""The import record: where every number came from, and every guess the importer made.

An :class:`ImportRecord` is written beside the imported report as ``<name>.import.json``.
It holds, per table cell, the source position (table number, row and column of the
source grid, counted from 1 as a reader counts) and the printed labels where they differ
from the official ones; and :class:`Note` entries for each guess, fallback, doubtful
placement and anything in the file that could not be placed.  :func:`attach` ties a record
to the report object it describes, so that the import rule set (:mod:`.rules`) finds it
when the report is validated.
"""

from __future__ import annotations

import json
import weakref
from pathlib import Path
from typing import Any

import attrs

from govdisclosure.model import Report

__all__ = [
    "RECORD_SUFFIX",
    "CellSource",
    "ImportRecord",
    "Note",
    "NoteKind",
    "attach",
    "read_record",
    "record_of",
    "record_path",
]

RECORD_SUFFIX = ".import.json"
RECORD_VERSION = 1

NoteKind = str
"""``label`` (a printed label worded differently from the official one), ``doubtful`` (a
placement the importer is not sure of), ``guess`` (a fact inferred, not printed), ``blank``
(a cell printed with a blank mark), ``unit`` (a unit printed in a number cell), ``unplaced``
(content that has no place in the model), ``structure`` (how the file was read)."""


@attrs.frozen
class CellSource:
    """One table cell of the report and where it was printed."""

    path: str
    """The model path: ``requests.withheld.state_secret.natural_person``."""
    table: int
    row: int
    column: int
    text: str
    """The cell's text as printed (whitespace squeezed)."""
    row_label: str | None = None
    """The row label as printed, when it differs from the official one."""
    column_label: str | None = None
    """The column label as printed, when it differs from the official one."""


@attrs.frozen
class Note:
    """A guess, a deviation or something unplaced, for the reader and for ``validate``."""

    kind: NoteKind
    message: str
    """In Chinese, for the clerk."""
    message_en: str
    path: str = "$"
    """The model path concerned (``$.requests...``), or ``$`` for the report as a whole."""
    where: str | None = None
    """Where in the source: ``表3 第5行第4列`` style, in English ``table 3, row 5, column 4``."""


@attrs.frozen
class ImportRecord:
    """What an import read and decided."""

    source: str
    kind: str
    """``html``, ``docx``, ``json`` or ``embedded`` (govdisclosure's own data, used exactly)."""
    edition_reason: str = ""
    cells: tuple[CellSource, ...] = ()
    notes: tuple[Note, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()
    """What the page states about itself: ``title``, ``date``, ``publisher``, ``url``, ``page_title``."""

    def by_kind(self, kind: NoteKind) -> tuple[Note, ...]:
        return tuple(note for note in self.notes if note.kind == kind)

    def to_json(self) -> str:
        data = {"import_record": RECORD_VERSION, **attrs.asdict(self, recurse=True)}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> ImportRecord:
        """Read a record file; raises ValueError naming what is wrong."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("import_record") != RECORD_VERSION:
            raise ValueError("not a govdisclosure import record (no 'import_record': 1)")
        try:
            cells = tuple(CellSource(**cell) for cell in data.get("cells", ()))
            notes = tuple(Note(**note) for note in data.get("notes", ()))
            metadata = tuple((str(k), str(v)) for k, v in data.get("metadata", ()))
            return cls(
                str(data["source"]), str(data["kind"]), str(data.get("edition_reason", "")), cells, notes, metadata
            )
        except (TypeError, KeyError) as exc:
            raise ValueError(f"the import record is damaged: {exc}") from None


def record_path(report_file: str | Path) -> Path:
    """``out/report.yaml`` → ``out/report.import.json``."""
    path = Path(report_file)
    return path.with_name(path.stem + RECORD_SUFFIX)


def read_record(report_file: str | Path) -> ImportRecord | None:
    """The record beside a report file, if there is one.  Raises ValueError if it is damaged."""
    path = record_path(report_file)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read the import record: {exc}") from None
    try:
        return ImportRecord.from_json(text)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None


_RECORDS: dict[int, tuple[weakref.ref[Report], ImportRecord]] = {}


def attach(report: Report, record: ImportRecord) -> None:
    """Remember that ``record`` describes this report object (until the object is gone)."""
    key = id(report)

    def forget(_: Any, key: int = key) -> None:
        _RECORDS.pop(key, None)

    _RECORDS[key] = (weakref.ref(report, forget), record)


def record_of(report: Report) -> ImportRecord | None:
    """The import record attached to this very report object, if any."""
    entry = _RECORDS.get(id(report))
    if entry is None or entry[0]() is not report:
        return None
    return entry[1]
