"""The data inside a published file, and checking that the file matches it.

The PDF and DOCX exporters embed the canonical JSON of the report (:func:`embedded_data`)
and its SHA-256: the PDF as an attachment with the hash in the document information, the
DOCX as a package part with the hash as the document identifier.  :func:`verify_file`
takes a published file and checks that

1. it carries govdisclosure data at all (otherwise it is a foreign file);
2. the data still has the hash it was published with (otherwise it was tampered with);
3. the data reads as a report;
4. the visible tables show the data's numbers, row by row (otherwise the visible
   document was changed after export);
5. optionally, the data equals the report the office filed (``against``).
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from govdisclosure.model import Report
from govdisclosure.serialization import ReportLoadError, dumps_json, loads

__all__ = [
    "ATTACHMENT_NAME",
    "DOCX_PART",
    "DOCX_RELTYPE",
    "HASH_KEY",
    "Verification",
    "docx_identifier",
    "embedded_data",
    "verify_file",
]

ATTACHMENT_NAME = "govdisclosure-report.json"
HASH_KEY = "govdisclosuresha256"
"""The PDF document-information key that holds the SHA-256 of the attachment (WeasyPrint writes
custom keys in lower case, letters and digits only)."""
DOCX_PART = "/govdisclosure/report.json"
DOCX_RELTYPE = "https://govdisclosure.invalid/relationships/report-json"
_HASH_PREFIX = "sha256:"


def embedded_data(report: Report) -> tuple[bytes, str]:
    """The bytes to embed (canonical JSON) and their SHA-256 in hex."""
    data = dumps_json(report).encode("utf-8")
    return data, hashlib.sha256(data).hexdigest()


@attrs.frozen
class Verification:
    """The outcome of :func:`verify_file`: what was checked, and what failed."""

    kind: str
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


def _rows(report: Report) -> list[list[str]]:
    from govdisclosure.layout import tables

    rows = []
    for grid in tables(report):
        for row in grid.rows[grid.header_rows :]:
            cells = [cell.text for cell in row if cell.path is not None]
            if cells and any(cells):
                rows.append(cells)
    return rows


def _shows_rows(visible: str, rows: list[list[str]]) -> list[list[str]]:
    """The table rows whose numbers do not stand, in order, in the visible text."""
    tokens = re.findall(r"-?\d+(?:\.\d+)?", visible)  # 本年增/减 may be negative
    joined = " " + " ".join(tokens) + " "
    return [row for row in rows if " " + " ".join(c for c in row if c) + " " not in joined]


def _finish(kind: str, data: bytes | None, stated: str | None, visible: str, against: Report | None) -> Verification:
    checks: list[tuple[str, bool]] = []
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
    rows = _rows(report)
    if rows:
        missing = _shows_rows(visible, rows)
        checks.append(
            (
                f"the visible tables show the data's numbers ({len(rows) - len(missing)} of {len(rows)} rows)",
                not missing,
            )
        )
    if against is not None:
        checks.append(("the data is the filed report", dumps_json(against).encode("utf-8") == data))
    return Verification(kind, tuple(checks), report, digest)


def _verify_pdf(content: bytes, against: Report | None) -> Verification:
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(content))
        attachments = reader.attachments
        metadata: Mapping[str, Any] = reader.metadata or {}
        visible = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (pypdf.errors.PyPdfError, ValueError, KeyError) as exc:
        return Verification("pdf", ((f"the file reads as a PDF ({exc})", False),))
    found = attachments.get(ATTACHMENT_NAME)
    data = found[0] if found else None
    stated = metadata.get(f"/{HASH_KEY}")
    return _finish("pdf", data, str(stated) if stated else None, visible, against)


def _verify_docx(content: bytes, against: Report | None) -> Verification:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = set(archive.namelist())
        data = archive.read(DOCX_PART.lstrip("/")) if DOCX_PART.lstrip("/") in names else None
        core = archive.read("docProps/core.xml").decode("utf-8") if "docProps/core.xml" in names else ""
        document = archive.read("word/document.xml").decode("utf-8") if "word/document.xml" in names else ""
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError) as exc:
        return Verification("docx", ((f"the file reads as a Word document ({exc})", False),))
    match = re.search(r"<dc:identifier>" + re.escape(_HASH_PREFIX) + r"([0-9a-f]{64})</dc:identifier>", core)
    rows = re.findall(r"<w:tr[ >].*?</w:tr>", document, re.S)
    visible = "\n".join(" ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", row)) for row in rows)
    return _finish("docx", data, match.group(1) if match else None, visible, against)


def verify_file(path: str | Path, against: Report | None = None) -> Verification:
    """Check a published PDF or DOCX against the data embedded in it (see the module's doc)."""
    content = Path(path).read_bytes()
    if content.startswith(b"%PDF"):
        return _verify_pdf(content, against)
    if content.startswith(b"PK"):
        return _verify_docx(content, against)
    return Verification("unknown", (("the file is a PDF or a Word document", False),))


def docx_identifier(digest: str) -> str:
    return _HASH_PREFIX + digest
