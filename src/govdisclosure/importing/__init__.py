"""Import: published reports (web pages, Word files, govdisclosure's own files) into the model.

:func:`import_report` reads one file and returns an :class:`ImportResult`: the report and
an :class:`~.record.ImportRecord` of where every number came from and every guess made.
It reads

- HTML as saved from a government site (the whole page with its navigation, or the
  article alone), using the page's TRS metadata where it has it;
- DOCX as Word and WPS write it (merged cells, headings as styles or bold text);
- govdisclosure's own JSON (loaded as it is) and, through ``embedded``, the data our own
  DOCX and PDF files carry (used exactly, when the caller passes a reader for it);

and refuses PDFs from elsewhere, old .doc files and anything that is not a report, with a
message that says why.  Nothing is invented: a blank cell stays blank, a table that cannot
be mapped with confidence fails the import.  :func:`load_report` is what the command line
uses: a report file, or a published file imported on the fly, with its record attached.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs

from govdisclosure.importing.errors import ImportFailure
from govdisclosure.importing.record import ImportRecord, Note, attach, read_record, record_of, record_path
from govdisclosure.model import Report

__all__ = [
    "PUBLISHED_SUFFIXES",
    "ImportFailure",
    "ImportRecord",
    "ImportResult",
    "Note",
    "import_report",
    "load_report",
    "record_of",
    "record_path",
]

MAX_BYTES = 20 * 1024 * 1024
"""A published report is a few hundred kilobytes; larger files are refused unread."""
PUBLISHED_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".docx", ".pdf", ".doc")
"""Files ``validate`` and ``render`` import on the fly instead of loading as YAML/JSON."""

Embedded = Callable[[bytes], Report | None]


@attrs.frozen
class ImportResult:
    """A report read from a published file, and the record of how it was read."""

    report: Report
    record: ImportRecord


def _read(source: Path | bytes, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray):
        return bytes(source), name or "<bytes>"
    label = name or str(source)
    try:
        size = source.stat().st_size
        if size > MAX_BYTES:
            raise ImportFailure(label, [f"the file is {size / 1048576:.0f} MB; a published report is far smaller"])
        return source.read_bytes(), label
    except OSError as exc:
        raise ImportFailure(label, [f"cannot read the file: {exc.strerror or exc}"]) from None


def import_report(source: Path | bytes, *, name: str | None = None, embedded: Embedded | None = None) -> ImportResult:
    """Read a published report.  Raises :class:`ImportFailure` saying what was missing or wrong.

    ``embedded`` reads govdisclosure's own data from a file's bytes (the command line passes the
    exporters' reader); when it returns a report, that report is used exactly.
    """
    content, label = _read(source, name)
    if len(content) > MAX_BYTES:
        raise ImportFailure(label, [f"the file is {len(content) / 1048576:.0f} MB; a published report is far smaller"])
    result = _dispatch(content, label, embedded)
    attach(result.report, result.record)
    return result


def _dispatch(content: bytes, label: str, embedded: Embedded | None) -> ImportResult:
    from govdisclosure.importing.assemble import assemble

    head = content[:8]
    if head.startswith(b"%PDF"):
        report = embedded(content) if embedded else None
        if report is not None:
            return ImportResult(report, ImportRecord(label, "embedded", "the file's embedded govdisclosure data"))
        raise ImportFailure(
            label,
            [
                "a PDF from elsewhere is not imported (its text layer loses the tables' structure): "
                "import the page as saved from the website (.html) or the Word file (.docx) instead"
            ],
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFailure(label, ["an old Word .doc file (Word 97–2003) is not read: save it as .docx first"])
    if head.startswith(b"PK"):
        from govdisclosure.importing.docx_source import check_archive, read_docx

        archive = check_archive(content, label)
        report = embedded(content) if embedded else None
        if report is not None:
            return ImportResult(report, ImportRecord(label, "embedded", "the file's embedded govdisclosure data"))
        report, record = assemble(read_docx(archive, label), label)
        return ImportResult(report, record)
    stripped = content.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return _json(content, label)
    if b"<" not in content[:65536]:
        raise ImportFailure(label, ["the file is not a web page, a Word file or a govdisclosure JSON file"])
    from govdisclosure.importing.html_source import read_html

    try:
        document = read_html(content, label)
    except RecursionError:
        raise ImportFailure(label, ["the page is nested too deeply to be a report page"]) from None
    report, record = assemble(document, label)
    return ImportResult(report, record)


def _json(content: bytes, label: str) -> ImportResult:
    from govdisclosure.serialization import ReportLoadError, loads

    try:
        report = loads(content, format="json", source=label)
    except ReportLoadError as exc:
        raise ImportFailure(label, [str(problem) for problem in exc.problems]) from None
    return ImportResult(report, ImportRecord(label, "json", "govdisclosure's own JSON, loaded as it is"))


def load_report(path: str | Path, *, embedded: Embedded | None = None, previous: Report | None = None) -> Report:
    """A report file (YAML/JSON, with its import record if one lies beside it), or a published
    file imported on the fly; ``previous`` is last year's report for ``diff()`` fields.
    Raises :class:`~govdisclosure.serialization.ReportLoadError`."""
    from govdisclosure.serialization import LoadProblem, ReportLoadError, load

    path = Path(path)
    if path.suffix.lower() in PUBLISHED_SUFFIXES:
        try:
            return import_report(path, embedded=embedded).report
        except ImportFailure as exc:
            raise ReportLoadError([LoadProblem("$", p) for p in exc.problems], str(path)) from None
    report = load(path, previous=previous)
    try:
        record = read_record(path)
    except ValueError as exc:
        raise ReportLoadError([LoadProblem("$", str(exc))], str(path)) from None
    if record is not None:
        attach(report, record)
    return report
