"""Does a published file match the report data embedded in it?

The formats that embed the canonical JSON of the report and its SHA-256 (the PDF as an
attachment, the DOCX as a package part, a plugin's format in its own way) read it back
with :meth:`~govdisclosure.exporters.Exporter.read_embedded`.  :func:`verify_file` asks
each registered exporter whether the file is one of its own, so a plugin's format is
verified exactly like a built-in one, and checks that

1. the file carries govdisclosure data at all (otherwise it is a foreign file);
2. the data still has the hash it was published with (otherwise it was tampered with);
3. the data reads as a report;
4. the visible tables show the data's numbers, row by row (otherwise the visible
   document was changed after export);
5. optionally, the data equals the report the office filed (``against``).

A file no installed format reads gets one failed check that says so.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import attrs

from govdisclosure.exporters import Embedded, EmbeddedReadError, Exporter
from govdisclosure.layout import tables
from govdisclosure.model import Report
from govdisclosure.plugins import Plugins, default_plugins
from govdisclosure.serialization import ReportLoadError, dumps_json, loads

__all__ = ["Verification", "rows_not_shown", "table_rows", "verifiable_formats", "verify_bytes", "verify_file"]


@attrs.frozen
class Verification:
    """The outcome of :func:`verify_file`: what was checked, and what failed."""

    kind: str
    """The format that read the file (``pdf``, ``docx``…), or ``unknown``."""
    checks: tuple[tuple[str, bool], ...]
    """(what was checked, whether it held), in order."""
    report: Report | None = None
    sha256: str | None = None

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(passed for _, passed in self.checks)

    @property
    def foreign(self) -> bool:
        """No govdisclosure data at all: not a file govdisclosure exported."""
        return self.report is None and self.sha256 is None


def table_rows(report: Report) -> list[list[str]]:
    """The data cells of every table row that holds a figure, as printed, in document order."""
    rows = []
    for grid in tables(report):
        for row in grid.rows[grid.header_rows :]:
            cells = [cell.text for cell in row if cell.path is not None]
            if cells and any(cells):
                rows.append(cells)
    return rows


def rows_not_shown(visible: str, rows: list[list[str]]) -> list[list[str]]:
    """The table rows whose numbers do not stand, in order, in the visible text."""
    tokens = re.findall(r"-?\d+(?:\.\d+)?", visible)  # 本年增/减 may be negative
    joined = " " + " ".join(tokens) + " "
    return [row for row in rows if " " + " ".join(c for c in row if c) + " " not in joined]


def _finish(kind: str, found: Embedded, against: Report | None) -> Verification:
    checks: list[tuple[str, bool]] = []
    data, stated = found.data, found.sha256
    if data is None:
        checks.append(("the file carries govdisclosure data", False))
        return Verification(kind, tuple(checks))
    checks.append(("the file carries govdisclosure data", True))
    digest = hashlib.sha256(data).hexdigest()
    checks.append((f"the data has the SHA-256 it was published with ({(stated or 'none')[:16]}…)", digest == stated))
    try:
        report = loads(data, format="json", source=f"the {kind}'s data")
    except ReportLoadError:
        checks.append(("the data reads as a report", False))
        return Verification(kind, tuple(checks), sha256=digest)
    checks.append(("the data reads as a report", True))
    rows = table_rows(report)
    if rows:
        missing = rows_not_shown(found.visible, rows)
        checks.append(
            (
                f"the visible tables show the data's numbers ({len(rows) - len(missing)} of {len(rows)} rows)",
                not missing,
            )
        )
    if against is not None:
        checks.append(("the data is the filed report", dumps_json(against).encode("utf-8") == data))
    return Verification(kind, tuple(checks), report, digest)


def verify_file(path: str | Path, against: Report | None = None, *, plugins: Plugins | None = None) -> Verification:
    """Check a published file against the data embedded in it (see the module's doc).

    Raises :class:`OSError` when the file cannot be read.
    """
    return verify_bytes(Path(path).read_bytes(), against, plugins=plugins)


def verify_bytes(content: bytes, against: Report | None = None, *, plugins: Plugins | None = None) -> Verification:
    """:func:`verify_file` for the bytes of a file."""
    registry = (plugins or default_plugins()).exporters
    for entry in registry.entries():
        exporter = entry.exporter
        try:
            found = exporter.read_embedded(content)
        except EmbeddedReadError as exc:
            return Verification(exporter.name, ((f"the file reads as {exporter.name} ({exc})", False),))
        except Exception as exc:  # noqa: BLE001 - a plugin's broken reader must not hide the verdict
            return Verification(
                exporter.name,
                ((f"the {exporter.name} format (plugin {entry.plugin}) could read the file: {exc}", False),),
            )
        if found is not None:
            return _finish(exporter.name, found, against)
    readers = ", ".join(verifiable_formats(plugins)) or "none is installed"
    return Verification("unknown", ((f"the file is of a format whose data can be verified ({readers})", False),))


def verifiable_formats(plugins: Plugins | None = None) -> tuple[str, ...]:
    """The installed formats that embed the report's data and read it back."""
    base = Exporter.read_embedded.__func__  # type: ignore[attr-defined]
    return tuple(
        entry.exporter.name
        for entry in (plugins or default_plugins()).exporters.entries()
        if entry.exporter.read_embedded.__func__ is not base  # type: ignore[attr-defined]
    )
