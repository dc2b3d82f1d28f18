"""Does a published file match the report data embedded in it?

The formats that embed the canonical JSON of the report and its SHA-256 (the PDF as an
attachment, the DOCX as a package part, a plugin's format in its own way) read it back
with :meth:`~govdisclosure.exporters.Exporter.read_embedded`.  :func:`verify_file` asks
each registered exporter whether the file is one of its own, so a plugin's format is
verified exactly like a built-in one, and checks, stopping at the first that fails:

1. the file carries govdisclosure data at all (otherwise it is a **foreign** file);
2. the data still has the hash it was published with (otherwise the **embedded data was
   changed**);
3. the data reads as a report;
4. the visible document is exactly what the data renders to: the data is rendered again
   with the same exporter, that file is read the same way, and the two are compared item
   by item (every paragraph and every table cell in its place, in document order, for
   DOCX; every line of every page for PDF).  The first difference is named in words
   (otherwise the **visible document was changed after export**);
5. optionally, the data equals the report the office filed (otherwise the file is **a
   different report than** ``against``, intact in itself).

A format whose reader still returns the visible tables as one string (the older contract)
gets the older, weaker check (each table row's numbers stand in the text), and the check
says so.  A file no installed format reads gets one failed check that says so.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import re
from pathlib import Path

import attrs

from govdisclosure._guard import is_plugin_fault, plugin_output
from govdisclosure.exporters import Embedded, EmbeddedReadError, Exporter, Visible
from govdisclosure.layout import tables
from govdisclosure.model import Report
from govdisclosure.plugins import Plugins, default_plugins
from govdisclosure.serialization import ReportLoadError, dumps_json, loads

__all__ = [
    "Verdict",
    "Verification",
    "first_difference",
    "rows_not_shown",
    "table_rows",
    "verifiable_formats",
    "verify_bytes",
    "verify_file",
]


class Verdict(enum.Enum):
    """What a verification found, one value per way a file can fail (see the module's doc)."""

    VERIFIED = "verified"
    FOREIGN = "foreign"
    UNREADABLE = "unreadable"
    DATA_CHANGED = "data-changed"
    NOT_A_REPORT = "not-a-report"
    VISIBLE_CHANGED = "visible-changed"
    NOT_COMPARED = "not-compared"
    OTHER_REPORT = "other-report"


@attrs.frozen
class Verification:
    """The outcome of :func:`verify_file`: what was checked, and what failed."""

    kind: str
    """The format that read the file (``pdf``, ``docx``…), or ``unknown``."""
    checks: tuple[tuple[str, bool], ...]
    """(what was checked, whether it held), in order."""
    report: Report | None = None
    sha256: str | None = None
    verdict: Verdict = Verdict.UNREADABLE
    difference: str | None = None
    """For :attr:`Verdict.VISIBLE_CHANGED`: the first place where the file differs, in words."""

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.VERIFIED and bool(self.checks) and all(passed for _, passed in self.checks)

    @property
    def foreign(self) -> bool:
        """No govdisclosure data at all: not a file govdisclosure exported."""
        return self.verdict is Verdict.FOREIGN


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
    """The table rows whose numbers do not stand, in order, in the visible text (the older, weaker check)."""
    tokens = re.findall(r"-?\d+(?:\.\d+)?", visible)  # 本年增/减 may be negative
    joined = " " + " ".join(tokens) + " "
    return [row for row in rows if " " + " ".join(c for c in row if c) + " " not in joined]


def _excerpts(shown: str, expected: str, width: int = 18) -> tuple[str, str]:
    """The two texts around their first difference, when they are long."""
    if len(shown) <= 2 * width and len(expected) <= 2 * width:
        return shown, expected
    start = next(
        (i for i, (a, b) in enumerate(zip(shown, expected, strict=False)) if a != b), min(len(shown), len(expected))
    )
    begin = max(0, start - width)

    def cut(text: str) -> str:
        return ("…" if begin else "") + text[begin : start + width] + ("…" if start + width < len(text) else "")

    return cut(shown), cut(expected)


def first_difference(shown: tuple[Visible, ...], expected: tuple[Visible, ...]) -> str | None:
    """Where the file's visible content first differs from the data's rendering, in words; None if nowhere."""
    for have, want in zip(shown, expected, strict=False):
        if have.text != want.text:
            a, b = _excerpts(have.text, want.text)
            return f"{want.place}: the file shows 「{a or '(empty)'}」, the data says 「{b or '(empty)'}」"
    if len(shown) > len(expected):
        extra = shown[len(expected)]
        return f"{extra.place}: the file shows 「{_excerpts(extra.text, '')[0]}」, which the data does not have"
    if len(shown) < len(expected):
        gone = expected[len(shown)]
        return f"{gone.place}: the data says 「{_excerpts('', gone.text)[1]}」, which the file does not show"
    return None


@functools.lru_cache(maxsize=4)
def _report(data: bytes, kind: str) -> Report:
    """The embedded data as a report (cached: verifying copies of one file reads it once)."""
    return loads(data, format="json", source=f"the {kind}'s data")


@functools.lru_cache(maxsize=4)
def _rendered(exporter: type[Exporter], data: bytes) -> Embedded | None:
    """What a fresh rendering of the embedded data shows (cached: verifying copies of one file renders once)."""
    import io

    report = loads(data, format="json", source="the embedded data")  # its own copy, whatever the exporter does to it
    buffer = io.BytesIO()
    exporter().export(report, buffer)
    return exporter.read_embedded(buffer.getvalue())


def _compare(exporter: type[Exporter], found: Embedded, report: Report, data: bytes) -> tuple[str, bool, str | None]:
    """The visible-content check: (what was checked, whether it held, the first difference)."""
    if isinstance(found.visible, str):
        rows = table_rows(report)
        missing = rows_not_shown(found.visible, rows)
        check = (
            f"the visible tables show the data's numbers ({len(rows) - len(missing)} of {len(rows)} rows; "
            f"the {exporter.name} format reports no positions, so prose and cell places are not compared)"
        )
        return check, not missing, (f"the table row {' '.join(missing[0])}" if missing else None)
    try:
        with plugin_output():
            again = _rendered(exporter, data)
    except BaseException as exc:  # an exporter that cannot run here leaves the file unverified, not us broken
        if not is_plugin_fault(exc):
            raise
        return f"the data could be rendered again to compare ({type(exc).__name__}: {exc})", False, None
    if again is None or isinstance(again.visible, str):
        return f"the {exporter.name} format reads back what it renders", False, None
    difference = first_difference(found.visible, again.visible)
    cells = sum(1 for item in again.visible if item.place.startswith("table"))
    scope = f"{len(again.visible)} items" + (f", {cells} of them table cells" if cells else "")
    return (
        f"the visible document is what its data renders to ({scope}, compared in place)",
        difference is None,
        difference,
    )


def _finish(exporter: type[Exporter], found: Embedded, against: Report | None) -> Verification:
    kind = exporter.name
    checks: list[tuple[str, bool]] = []
    data, stated = found.data, found.sha256
    if data is None:
        checks.append(("the file carries govdisclosure data", False))
        return Verification(kind, tuple(checks), verdict=Verdict.FOREIGN)
    checks.append(("the file carries govdisclosure data", True))
    digest = hashlib.sha256(data).hexdigest()
    same = digest == stated
    checks.append((f"the data has the SHA-256 it was published with ({(stated or 'none')[:16]}…)", same))
    if not same:
        return Verification(kind, tuple(checks), sha256=digest, verdict=Verdict.DATA_CHANGED)
    try:
        report = _report(data, kind)
    except ReportLoadError:
        checks.append(("the data reads as a report", False))
        return Verification(kind, tuple(checks), sha256=digest, verdict=Verdict.NOT_A_REPORT)
    checks.append(("the data reads as a report", True))
    check, shown, difference = _compare(exporter, found, report, data)
    checks.append((check, shown))
    if not shown:
        verdict = Verdict.VISIBLE_CHANGED if difference else Verdict.NOT_COMPARED
        return Verification(kind, tuple(checks), report, digest, verdict, difference)
    if against is not None:
        same_report = dumps_json(against).encode("utf-8") == data
        checks.append(("the data is the filed report (--against)", same_report))
        if not same_report:
            return Verification(kind, tuple(checks), report, digest, Verdict.OTHER_REPORT)
    return Verification(kind, tuple(checks), report, digest, Verdict.VERIFIED)


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
            with plugin_output():
                found = exporter.read_embedded(content)
        except EmbeddedReadError as exc:
            return Verification(exporter.name, ((f"the file reads as {exporter.name} ({exc})", False),))
        except BaseException as exc:  # a plugin's broken reader must not hide the verdict
            if not is_plugin_fault(exc):
                raise
            if isinstance(exc, ImportError) and exc.name:  # the reader's library is missing here
                why = f"it needs the Python package {exc.name}, which is not installed (pip install {exc.name})"
                return Verification(
                    exporter.name,
                    ((f"the {exporter.name} format (plugin {entry.plugin}) could read the file: {why}", False),),
                )
            return Verification(
                exporter.name,
                ((f"the {exporter.name} format (plugin {entry.plugin}) could read the file: {exc}", False),),
            )
        if found is not None:
            return _finish(exporter, found, against)
    readers = ", ".join(verifiable_formats(plugins)) or "none is installed"
    return Verification(
        "unknown",
        ((f"the file is of a format whose data can be verified ({readers})", False),),
        verdict=Verdict.FOREIGN,
    )


def verifiable_formats(plugins: Plugins | None = None) -> tuple[str, ...]:
    """The installed formats that embed the report's data and read it back."""
    base = Exporter.read_embedded.__func__  # type: ignore[attr-defined]
    return tuple(
        entry.exporter.name
        for entry in (plugins or default_plugins()).exporters.entries()
        if entry.exporter.read_embedded.__func__ is not base  # type: ignore[attr-defined]
    )
