"""Reading a Word file back: the embedded data, its stated hash and the visible content, in bounded memory.

A DOCX given to ``verify`` is untrusted.  Before anything is inflated, the zip directory is
checked: no encrypted entry, only stored or deflated entries, no part larger than
:data:`MAX_PART_BYTES`, no more than :data:`MAX_TOTAL_BYTES` in all, and no entry that
claims a compression ratio above :data:`MAX_RATIO` (a zip bomb).  Inflating is then
bounded by those sizes whatever the directory claims, because a part is read at most one
byte past its stated size.

The visible content is every non-empty paragraph of the body and every cell of every table,
in document order, each with its place in words (the table's heading, the row's and the
column's labels), which is how ``verify`` names the first place where a file differs from
what its data renders to.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

from govdisclosure.exporters import Embedded, EmbeddedReadError, Visible

__all__ = [
    "DOCX_PART",
    "HASH_PREFIX",
    "MAX_PART_BYTES",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "docx_visible",
    "read_docx_data",
    "read_docx_part",
]

DOCX_PART = "/govdisclosure/report.json"
"""The package part that holds the canonical JSON."""
HASH_PREFIX = "sha256:"
MAX_PART_BYTES = 64 * 1024 * 1024
"""A part larger than this, inflated, is not read (a zip bomb, not a report)."""
MAX_TOTAL_BYTES = 256 * 1024 * 1024
"""All the parts together, inflated."""
MAX_RATIO = 200
"""Deflate reaches about 1000:1 on zeros; a report's XML compresses about 10:1.  Entries above 1 MB
claiming more than this ratio are refused."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CJK_BREAK = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")
_NUMERIC = re.compile(r"-?\d+(?:\.\d+)?%?")


def _check_directory(archive: zipfile.ZipFile) -> None:
    total = 0
    for info in archive.infolist():
        if info.flag_bits & 0x1:
            raise EmbeddedReadError(f"the part {info.filename} is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise EmbeddedReadError(
                f"the part {info.filename} uses an unsupported compression (method {info.compress_type})"
            )
        if info.file_size > MAX_PART_BYTES:
            raise EmbeddedReadError(
                f"the part {info.filename} inflates to {info.file_size} bytes, more than a report holds"
            )
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise EmbeddedReadError(
                f"the part {info.filename} claims to inflate {info.file_size // max(info.compress_size, 1)} times "
                "(a zip bomb, not a report)"
            )
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise EmbeddedReadError(f"the parts inflate to {total} bytes in all, more than a report holds")


def _read(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    with archive.open(info) as part:
        data = part.read(info.file_size + 1)  # never more than the directory states, whatever the stream holds
    if len(data) != info.file_size:
        raise EmbeddedReadError(f"the part {name} is not the size the zip directory states")
    return data


def read_docx_part(content: bytes) -> bytes | None:
    """Only the embedded data part of a Word file, read with the same limits."""
    if not content.startswith(b"PK"):
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        _check_directory(archive)
        return _read(archive, DOCX_PART.lstrip("/"))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
        raise EmbeddedReadError(f"the file does not read as a Word document ({exc})") from None


def read_docx_data(content: bytes) -> Embedded | None:
    """The data part, stated hash and visible content of a Word file; ``None`` if it is not one."""
    if not content.startswith(b"PK"):
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        if "word/document.xml" not in archive.namelist():
            return None
        _check_directory(archive)
        data = _read(archive, DOCX_PART.lstrip("/"))
        core = (_read(archive, "docProps/core.xml") or b"").decode("utf-8")
        document = (_read(archive, "word/document.xml") or b"").decode("utf-8")
    except EmbeddedReadError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, UnicodeDecodeError, NotImplementedError) as exc:
        raise EmbeddedReadError(f"the file does not read as a Word document ({exc})") from None
    except (RuntimeError, OSError, EOFError, ValueError) as exc:
        raise EmbeddedReadError(f"the file does not read as a Word document ({exc})") from None
    match = re.search(r"<dc:identifier(?: [^>]*)?>" + re.escape(HASH_PREFIX) + r"([0-9a-f]{64})</dc:identifier>", core)
    return Embedded(data, match.group(1) if match else None, docx_visible(document))


def _normal(text: str) -> str:
    return " ".join(text.split())


def _text(element: ElementTree.Element) -> str:
    parts = []
    for node in element.iter():
        if node.tag == _W + "t":
            parts.append(node.text or "")
        elif node.tag in (_W + "tab", _W + "br"):
            parts.append(" ")
    return _normal("".join(parts))


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def docx_visible(document: str) -> tuple[Visible, ...]:
    """Every non-empty paragraph of the body and every table cell, in document order, with its place."""
    if "<!DOCTYPE" in document or "<!ENTITY" in document:
        raise EmbeddedReadError("word/document.xml declares a document type (entities are not read)")
    try:
        root = ElementTree.fromstring(document)
    except ElementTree.ParseError as exc:
        raise EmbeddedReadError(f"word/document.xml is not well-formed XML ({exc})") from None
    body = root.find(_W + "body")
    items: list[Visible] = []
    paragraphs = tables = 0
    heading = ""
    for child in body if body is not None else ():
        if child.tag == _W + "p":
            text = _text(child)
            if text:
                paragraphs += 1
                heading = text
                items.append(Visible(f"paragraph {paragraphs} (「{_short(text)}」)", text))
        elif child.tag == _W + "tbl":
            tables += 1
            items += _table_items(child, f"table {tables} (under 「{_short(heading, 40)}」)")
    return tuple(items)


def _table_items(table: ElementTree.Element, name: str) -> list[Visible]:
    """The cells of one table, row by row, each named by its row's and its column's labels.

    Column labels are the bold (column header) cells above, row labels the other non-numeric
    cells of the row; merged cells (``gridSpan``, ``vMerge``) count for every grid column and
    row they cover.
    """
    rows: list[list[tuple[int, int, str]]] = []  # (first grid column, span, text) of each cell that starts
    covering: list[dict[int, tuple[str, bool]]] = []  # grid column -> (text, bold) of the cell covering it
    for tr in table.findall(_W + "tr"):
        cells, cover, column = [], {}, 0
        for tc in tr.findall(_W + "tc"):
            span_node = tc.find(f"{_W}tcPr/{_W}gridSpan")
            span = max(int(span_node.get(_W + "val", "1")), 1) if span_node is not None else 1
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            continued = merge is not None and merge.get(_W + "val", "continue") != "restart"
            own = ("", False) if continued else (_text(tc), tc.find(f".//{_W}rPr/{_W}b") is not None)
            shown = covering[-1].get(column, own) if continued and covering else own
            for c in range(column, column + span):
                cover[c] = shown
            cells.append((column, span, own[0]))
            column += span
        rows.append(cells)
        covering.append(cover)
    items = []
    above: dict[int, list[str]] = {}  # grid column -> the header texts of the nearest block of bold cells above
    bold_before: dict[int, bool] = {}
    for r, cells in enumerate(rows):
        for column, span, text in cells:
            if covering[r].get(column, ("", False))[1]:
                place = f"{name}, header row {r + 1}, column {column + 1}"
            else:
                row_label = _row_label(covering[r], column)
                row_words = f"row 「{row_label}」" if row_label else f"row {r + 1}"
                heads = [t for c in range(column, column + span) for t in above.get(c, [])]
                place = f"{name}, {row_words}, column 「{' / '.join(_unique(heads)) or f'#{column + 1}'}」"
            items.append(Visible(place, text))
        for c, (text, bold) in covering[r].items():
            if bold:
                above[c] = [*above.get(c, []), _label(text)] if bold_before.get(c) else [_label(text)]
            bold_before[c] = bold
    return items


def _unique(texts: list[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        if text and text not in out:
            out.append(text)
    return out


def _row_label(cover: dict[int, tuple[str, bool]], column: int) -> str:
    texts = [text for c, (text, bold) in sorted(cover.items()) if c != column and not bold]
    return " ".join(_unique([_label(text) for text in texts if not _NUMERIC.fullmatch(text)]))


def _label(text: str) -> str:
    """A label as one reads it: a line break inside Chinese text (自然<br/>人) joins without a space."""
    return _CJK_BREAK.sub("", text)
