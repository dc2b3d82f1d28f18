"""Reading a Word (.docx) file as Word and WPS write them, safely.

The archive is checked before anything is inflated: a bounded number of entries, a
bounded declared size and compression ratio for each part read, and reads that stop at
the bound whatever the headers claim (a zip bomb is refused, not inflated).  The XML is
parsed without entities or network access.  Headings are recognised from their style
(heading N / 标题 N / Title), an outline level on the paragraph, or bold text; tables keep
their merged cells (``gridSpan``, ``vMerge``, ``gridBefore``).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from govdisclosure.importing.document import Document, Line
from govdisclosure.importing.errors import ImportFailure
from govdisclosure.importing.grid import RawCell, SourceTable, TooLargeError, build_grid

__all__ = ["check_archive", "read_docx"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_ENTRIES = 5000
MAX_PART = 64 * 1024 * 1024
"""The most any one part may inflate to (a long report's document.xml is a few MB)."""
MAX_RATIO = 200
"""XML compresses well, but not beyond this."""


def check_archive(content: bytes, source: str) -> zipfile.ZipFile:
    """The archive, after checking it is a Word file that is safe to read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ImportFailure(
            source, [f"the file is not a Word .docx file (not a readable ZIP archive: {exc})"]
        ) from None
    if len(infos) > MAX_ENTRIES:
        raise ImportFailure(source, [f"the archive has {len(infos)} entries: not a Word file"])
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise ImportFailure(source, ["the ZIP archive has no word/document.xml: it is not a Word .docx file"])
    for info in infos:
        if info.filename.startswith("word/") and info.filename.endswith(".xml"):
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_PART or ratio > MAX_RATIO:
                raise ImportFailure(
                    source,
                    [
                        f"{info.filename} would inflate to {info.file_size:,} bytes (ratio {ratio:.0f}:1): "
                        "refused as a zip bomb"
                    ],
                )
    return archive


def _read_part(archive: zipfile.ZipFile, name: str, source: str) -> bytes | None:
    try:
        with archive.open(name) as stream:
            data = stream.read(MAX_PART + 1)
    except KeyError:
        return None
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as exc:
        raise ImportFailure(source, [f"{name} cannot be read from the archive ({exc})"]) from None
    if len(data) > MAX_PART:
        raise ImportFailure(source, [f"{name} inflates beyond {MAX_PART:,} bytes: refused as a zip bomb"])
    return data


def _xml(data: bytes, name: str, source: str) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ImportFailure(source, [f"{name} is not well-formed XML ({exc})"]) from None


def read_docx(archive: zipfile.ZipFile, source: str) -> Document:
    """The lines and tables of a checked archive (see :func:`check_archive`)."""
    document = _read_part(archive, "word/document.xml", source)
    assert document is not None
    root = _xml(document, "word/document.xml", source)
    styles_data = _read_part(archive, "word/styles.xml", source)
    styles = _styles(_xml(styles_data, "word/styles.xml", source)) if styles_data else {}
    body = root.find(f"{W}body")
    if body is None:
        raise ImportFailure(source, ["word/document.xml has no body"])
    reader = _Reader(styles, source)
    reader.read(body)
    meta = _core_meta(archive, source)
    structured = any(isinstance(i, Line) and i.level is not None for i in reader.items)
    return Document("docx", tuple(reader.items), meta, structured)


def _core_meta(archive: zipfile.ZipFile, source: str) -> dict[str, str]:
    data = _read_part(archive, "docProps/core.xml", source)
    if not data:
        return {}
    root = _xml(data, "docProps/core.xml", source)
    title = root.find("{http://purl.org/dc/elements/1.1/}title")
    return {"page_title": title.text.strip()} if title is not None and title.text and title.text.strip() else {}


def _styles(root: Any) -> dict[str, tuple[str, int | None]]:
    """styleId → (what it is: ``title``, ``heading``, ``date``, ``signature`` or ``""``, level)."""
    out: dict[str, tuple[str, int | None]] = {}
    based: dict[str, str] = {}
    for style in root.iter(f"{W}style"):
        style_id = style.get(f"{W}styleId") or ""
        name_el = style.find(f"{W}name")
        name = (name_el.get(f"{W}val") if name_el is not None else style_id or "").lower().replace(" ", "")
        outline = style.find(f"{W}pPr/{W}outlineLvl")
        level = int(outline.get(f"{W}val", "9")) + 1 if outline is not None else None
        kind = ""
        for prefix in ("heading", "标题"):
            if name.startswith(prefix) and name[len(prefix) :].isdigit():
                kind, level = "heading", int(name[len(prefix) :])
        if name in ("title", "标题"):
            kind, level = "title", None
        elif name in ("date", "日期"):
            kind = "date"
        elif name in ("signature", "签名"):
            kind = "signature"
        elif level is not None and level <= 9 and not kind:
            kind = "heading"
        out[style_id] = (kind, level if level is not None and level <= 9 else None)
        parent = style.find(f"{W}basedOn")
        if parent is not None:
            based[style_id] = parent.get(f"{W}val") or ""
    for style_id, (own, _) in list(out.items()):
        seen = {style_id}
        parent_id = based.get(style_id)
        found = own
        while not found and parent_id and parent_id not in seen:
            seen.add(parent_id)
            found, inherited = out.get(parent_id, ("", None))
            if found in ("heading", "title"):
                out[style_id] = (found, inherited)
            parent_id = based.get(parent_id)
    return out


def _run_text(run: Any) -> str:
    parts = []
    for child in run:
        tag = child.tag
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return "".join(parts)


def _bold(run: Any) -> bool:
    b = run.find(f"{W}rPr/{W}b")
    return b is not None and b.get(f"{W}val", "true") not in ("0", "false", "off")


class _Reader:
    def __init__(self, styles: dict[str, tuple[str, int | None]], source: str) -> None:
        self.styles = styles
        self.source = source
        self.items: list[Line | SourceTable] = []
        self.tables = 0

    def read(self, container: Any) -> None:
        for child in container:
            if child.tag == f"{W}p":
                self.paragraph(child)
            elif child.tag == f"{W}tbl":
                self.table(child)
            elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins"):
                self.read(child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child)

    def paragraph(self, p: Any) -> None:
        runs = [r for r in p.iter(f"{W}r") if not any(a.tag == f"{W}del" for a in r.iterancestors())]
        texts = [_run_text(r) for r in runs]
        text = "".join(texts)
        if not text.strip(" \t\r\n\u00a0\u3000"):
            return
        style_el = p.find(f"{W}pPr/{W}pStyle")
        kind, level = self.styles.get(style_el.get(f"{W}val") if style_el is not None else "", ("", None))
        outline = p.find(f"{W}pPr/{W}outlineLvl")
        lead = None
        if outline is not None and kind != "heading":  # an outline level on a body paragraph: a run-in heading
            level = int(outline.get(f"{W}val", "9")) + 1
            lead = next(t for t in texts if t)
        elif runs and _bold(runs[0]):
            bold = ""
            for run, part in zip(runs, texts, strict=True):
                if not _bold(run):
                    break
                bold += part
            lead = bold if bold.strip() else None
        role = kind if kind in ("title", "date", "signature") else None
        heading_level = level if kind == "heading" and level is not None and level <= 9 else None
        if lead is not None and outline is not None:
            heading_level = level
        self.items.append(Line(text, heading_level, lead if lead and lead.strip() else None, role))

    def table(self, tbl: Any) -> None:
        rows: list[list[RawCell]] = []
        starts: dict[int, tuple[int, int]] = {}  # grid column → (row, index) of a vMerge restart
        for tr in tbl.findall(f"{W}tr"):
            row: list[RawCell] = []
            column = 0
            before = tr.find(f"{W}trPr/{W}gridBefore")
            for _ in range(int(before.get(f"{W}val", "0")) if before is not None else 0):
                row.append(RawCell(""))
                column += 1
            for tc in tr.findall(f"{W}tc"):
                span_el = tc.find(f"{W}tcPr/{W}gridSpan")
                span = max(1, int(span_el.get(f"{W}val", "1"))) if span_el is not None else 1
                merge = tc.find(f"{W}tcPr/{W}vMerge")
                text = "\n".join("".join(_run_text(r) for r in p.iter(f"{W}r")) for p in tc.iter(f"{W}p"))
                if merge is not None and merge.get(f"{W}val", "continue") == "continue" and column in starts:
                    r, i = starts[column]
                    rows[r][i] = RawCell(rows[r][i].text, rows[r][i].rowspan + 1, rows[r][i].colspan)
                    row.append(RawCell("\x00skip", 1, span))
                else:
                    if merge is not None:
                        starts[column] = (len(rows), len(row))
                    else:
                        starts.pop(column, None)
                    row.append(RawCell(text, 1, span))
                column += span
            rows.append(row)
        placed = [[cell for cell in row if cell.text != "\x00skip"] for row in rows]
        self.tables += 1
        try:
            self.items.append(build_grid(self.tables, placed))
        except TooLargeError as exc:
            raise ImportFailure(self.source, [f"{exc}: far larger than any table of a report"]) from None
