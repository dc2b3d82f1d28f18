"""The DOCX exporter: the Word file an office signs off, prints and archives.

Laid out as a government document (党政机关公文格式, GB/T 9704-2012): A4, margins 37/35/
28/26 mm, about 22 lines of 28 characters; the title in a 小标宋 face at 2号, the body in
仿宋 at 3号, first-level headings in 黑体, second-level in 楷体; page numbers "— 1 —" at
the bottom on the outer side.  The statistical tables come from :mod:`govdisclosure.layout`
with the official merged cells (``gridSpan``/``vMerge``) and repeating header rows.

Chinese fonts really apply: every style names its East Asian face (``w:eastAsia``) with
no theme font left to override it, the document language is zh-CN, the theme's Chinese
script fonts are ours, and the font table gives each face a fallback Word and WPS use when
it is missing (仿宋_GB2312 → 仿宋).  The body is written as WordprocessingML directly:
python-docx's per-paragraph style API costs a millisecond a call.  Dates in the file come
from the report, never the clock, so the same report gives the same bytes.  The package, styles
and fonts the body is written into live in :mod:`govdisclosure.exporters.docx_styles`.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
from typing import TYPE_CHECKING, BinaryIO

from govdisclosure._files import reproducible_zip
from govdisclosure.chinese import format_date
from govdisclosure.editions import document_date, spec_for, title_of
from govdisclosure.exporters import (
    Availability,
    Embedded,
    Exporter,
    embedded_data,
)
from govdisclosure.exporters.docx_reading import DOCX_PART, HASH_PREFIX, read_docx_data, read_docx_part
from govdisclosure.exporters.docx_styles import (
    BODY_SIZE,
    BODY_SPACING,
    LINE_PITCH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TABLE_SIZE,
    TEXT_WIDTH,
    DocxFonts,
    W,
    escape,
    run_props,
    template,
)
from govdisclosure.layout import ADDRESS, Grid, OutlineEntry, grid_positions, outline
from govdisclosure.model import ItemList, ListStyle, Paragraph, Report

if TYPE_CHECKING:
    from docx.document import Document

__all__ = [
    "BODY_SPACING",
    "DOCX_PART",
    "DOCX_RELTYPE",
    "TEXT_WIDTH",
    "DocxExporter",
    "DocxFonts",
    "document_bytes",
    "new_document",
    "paragraph_xml",
    "read_docx_data",
    "table_xml",
    "write_body",
]

DOCX_RELTYPE = "https://govdisclosure.invalid/relationships/report-json"
_HASH_PREFIX = HASH_PREFIX
CORE_PROPERTY_CHARS = 255
"""The longest text a DOCX core property (title, author…) may hold."""

# --------------------------------------------------------------------------- body XML


def _text(text: str) -> str:
    """Runs' text: line breaks and tabs as Word elements, the rest escaped."""
    out = []
    for index, line in enumerate(text.split("\n")):
        if index:
            out.append("<w:br/>")
        for part_index, part in enumerate(line.split("\t")):
            if part_index:
                out.append("<w:tab/>")
            if part:
                out.append(f'<w:t xml:space="preserve">{escape(part)}</w:t>')
    return "".join(out)


def _paragraph(text: str, style: str, run_props: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r>{run_props}{_text(_breakable(text))}</w:r></w:p>'


_BREAK_AFTER = str.maketrans({c: c + "\u200b" for c in "/.-_@"})


def _breakable(text: str) -> str:
    """Running text with a zero-width space after each / . - _ @ of its web and e-mail addresses:
    Word and LibreOffice break no Latin word, and a long address would leave a wide gap."""
    return ADDRESS.sub(lambda match: match.group().translate(_BREAK_AFTER), text)


def _keep_with_next(paragraph: str) -> str:
    """A paragraph's XML with keepNext added after its style (a table is left as it is)."""
    head = '<w:p><w:pPr><w:pStyle w:val="'
    if not paragraph.startswith(head):
        return paragraph
    end = paragraph.index("/>", len(head)) + 2
    return paragraph[:end] + "<w:keepNext/>" + paragraph[end:]


def _blocks(blocks: tuple[Paragraph | ItemList, ...]) -> list[str]:
    out = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(_paragraph(block.text, "BodyText"))
        else:
            for index, item in enumerate(block.items, start=1):
                prefix = f"{index}." if block.style is ListStyle.NUMBERED else ""
                out.append(_paragraph(prefix + item, "BodyText"))
    return out


def _heading(entry: OutlineEntry, fonts: DocxFonts) -> list[str]:
    level = min(entry.level, 4)
    if entry.run_in and entry.body and isinstance(entry.body[0], Paragraph):
        font = fonts.heading2 if level == 2 else fonts.body
        lead = run_props(font, fonts.latin, BODY_SIZE, bold=level >= 3, spacing=BODY_SPACING)
        first = (
            f'<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:outlineLvl w:val="{level - 1}"/></w:pPr>'
            f"<w:r>{lead}{_text(entry.run_in_text)}</w:r><w:r>{_text(_breakable(entry.body[0].text))}</w:r></w:p>"
        )
        return [first, *_blocks(entry.body[1:])]
    return [_paragraph(entry.number + entry.title, f"Heading{level}"), *_blocks(entry.body)]


def _table(grid: Grid) -> str:
    widths = [round(TEXT_WIDTH * w) for w in grid.widths]
    widths[-1] += TEXT_WIDTH - sum(widths)
    border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    parts = [
        "<w:tbl><w:tblPr>",
        f'<w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/>',
        f"<w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/><w:right {border}/>"
        f"<w:insideH {border}/><w:insideV {border}/></w:tblBorders>",
        '<w:tblLayout w:type="fixed"/>',
        '<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="30" w:type="dxa"/>'
        '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="30" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>',
        "</w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{width}"/>' for width in widths),
        "</w:tblGrid>",
    ]
    matrix = grid_positions(grid)
    for r, row in enumerate(matrix):
        header = r < grid.header_rows
        # Every row but the last keeps with the next: a table that fits a page is not broken, its
        # header never stands alone and a group of rows under a merged label stays whole.  (The
        # heading above keeps with the table.)  A table longer than a page breaks where it must,
        # and its header rows repeat.
        keep = "<w:keepNext/>" if r < len(matrix) - 1 else ""
        parts.append(f"<w:tr><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if header else ''}</w:trPr>")
        c = 0
        while c < grid.columns:
            cell = row[c]
            assert cell is not None
            top = r == 0 or matrix[r - 1][c] is not cell
            width = sum(widths[c : c + cell.colspan])
            props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
            if cell.colspan > 1:
                props.append(f'<w:gridSpan w:val="{cell.colspan}"/>')
            if cell.rowspan > 1:
                props.append('<w:vMerge w:val="restart"/>' if top else "<w:vMerge/>")
            props.append('<w:vAlign w:val="center"/>')
            align = "left" if cell.scope in ("row", "rowgroup") and cell.colspan < grid.columns else "center"
            content = _text("\n".join(cell.lines) if cell.lines else cell.text) if top else ""
            look = "<w:rPr><w:b/><w:bCs/></w:rPr>" if cell.header and cell.scope in ("col", "colgroup", None) else ""
            if cell.scale < 1:  # a figure too wide for its column at 10 pt (layout.fitted_scale), in half-points
                size = int(TABLE_SIZE * cell.scale)
                look = f'<w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
            parts.append(
                f'<w:tc><w:tcPr>{"".join(props)}</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>{keep}'
                f'<w:jc w:val="{align}"/></w:pPr>{f"<w:r>{look}{content}</w:r>" if content else ""}</w:p></w:tc>'
            )
            c += cell.colspan
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _footer_xml(side: str) -> str:
    """ "— 1 —" in 4号 宋体, one character in from the outer edge (odd pages right, even left)."""
    indent = '<w:ind w:right="280"/>' if side == "right" else '<w:ind w:left="280"/>'
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    return (
        f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="Footer"/>{indent}<w:jc w:val="{side}"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">— </w:t></w:r>{field}<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p>'
    )


def new_document(fonts: DocxFonts | None = None, *, page_numbers: bool = True) -> Document:
    """An empty document with the styles, Chinese fonts and A4 page of the official layout."""
    import docx

    document = docx.Document(io.BytesIO(template(fonts or DocxFonts())))
    _set_up_page(document, page_numbers)
    return document


def _set_up_page(document: Document, page_numbers: bool) -> None:
    from lxml import etree

    section = document.sections[0]
    sect_pr = section._sectPr
    for child in list(sect_pr):
        sect_pr.remove(child)
    sect_pr.append(etree.fromstring(f'<w:pgSz xmlns:w="{W}" w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'))
    sect_pr.append(
        etree.fromstring(
            f'<w:pgMar xmlns:w="{W}" w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" '
            f'w:left="{MARGIN_LEFT}" w:header="851" w:footer="992" w:gutter="0"/>'
        )
    )
    sect_pr.append(etree.fromstring(f'<w:docGrid xmlns:w="{W}" w:type="lines" w:linePitch="{LINE_PITCH}"/>'))
    if page_numbers:
        for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
            footer.is_linked_to_previous = False
            element = footer._element
            for child in list(element):
                element.remove(child)
            element.append(etree.fromstring(_footer_xml(side)))


def write_body(document: Document, parts: list[str]) -> None:
    """Replace the document's body with ``parts``: WordprocessingML of paragraphs and tables."""
    from lxml import etree

    body = document.element.body
    sect_pr = body.sectPr
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)
    fragment = etree.fromstring(f'<w:body xmlns:w="{W}">{"".join(parts)}</w:body>'.encode())
    for child in list(fragment):
        sect_pr.addprevious(child)


def document_bytes(document: Document, when: dt.date) -> bytes:
    """The saved document, every zip entry stamped ``when`` (the same input gives the same bytes)."""
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue(), when)


paragraph_xml = _paragraph
"""A paragraph of ``text`` in a style of the template (Title, BodyText, Heading1, Signature…)."""
table_xml = _table
"""A :class:`~govdisclosure.layout.Grid` as a bordered table with its merged cells and repeating header rows."""


class DocxExporter(Exporter):
    """Word, in the official document layout."""

    name = "docx"
    suffix = ".docx"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    description = "Word document in the official layout (GB/T 9704-2012), official tables with merged cells"

    def __init__(
        self,
        *,
        title_font: str | None = None,
        body_font: str | None = None,
        heading1_font: str | None = None,
        heading2_font: str | None = None,
        page_numbers: bool = True,
    ) -> None:
        chosen = {
            "title": title_font,
            "body": body_font,
            "heading1": heading1_font,
            "heading2": heading2_font,
        }
        for key, value in chosen.items():
            if value is not None and (not isinstance(value, str) or not value.strip() or len(value) > 64):
                raise ValueError(f"{key}_font must be a font name, not {value!r}")
        self.fonts = DocxFonts(**{k: v.strip() for k, v in chosen.items() if isinstance(v, str)})
        if not isinstance(page_numbers, bool):
            raise ValueError(f"page_numbers must be true or false, not {page_numbers!r}")
        self.page_numbers = page_numbers

    @classmethod
    def availability(cls) -> Availability:
        if importlib.util.find_spec("docx") is None:
            return Availability(
                False,
                "the Python package python-docx is not installed",
                'pip install "govdisclosure[docx]"',
            )
        return Availability.ok()

    def warm(self) -> None:
        template(self.fonts)

    @classmethod
    def read_embedded(cls, content: bytes) -> Embedded | None:
        return read_docx_data(content)

    @classmethod
    def read_data(cls, content: bytes) -> bytes | None:
        return read_docx_part(content)

    def export(self, report: Report, out: BinaryIO) -> None:
        document = new_document(self.fonts, page_numbers=self.page_numbers)
        self._body(document, report)
        self._properties(document, report)
        self._embed(document, report)
        out.write(document_bytes(document, document_date(report)))

    def _body(self, document: Document, report: Report) -> None:
        fonts = self.fonts
        parts = [_paragraph(report.agency.name, "Title"), _paragraph(title_of(report), "Title")]
        date_under_title = spec_for(report.edition).date_under_title
        if date_under_title and report.published_on:
            parts.append(_paragraph(format_date(report.published_on), "Date"))
        parts.append('<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr></w:p>')  # one blank line under the title
        parts += _blocks(report.preamble)
        for entry in outline(report):
            parts += _heading(entry, fonts)
            if entry.table is not None:
                parts.append(_table(entry.table))
                parts.append('<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr></w:p>')
        if not date_under_title and report.published_on:
            # The signature never stands alone on a page: the text's last paragraph keeps with it.
            parts[-1] = _keep_with_next(parts[-1])
            parts.append('<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:keepNext/></w:pPr></w:p>')
            parts.append(_paragraph(report.agency.name, "Signature"))
            parts.append(_paragraph(format_date(report.published_on), "Signature"))
        write_body(document, parts)

    def _embed(self, document: Document, report: Report) -> None:
        """The canonical JSON as a package part, its SHA-256 as the document identifier (see verify)."""
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        data, digest = embedded_data(report)
        package = document.part.package
        package.relate_to(Part(PackURI(DOCX_PART), "application/json", data, package), DOCX_RELTYPE)
        document.core_properties.identifier = _HASH_PREFIX + digest

    def _properties(self, document: Document, report: Report) -> None:
        when = dt.datetime.combine(document_date(report), dt.time())
        title = title_of(report)
        props = document.core_properties
        props.title = _property(f"{report.agency.name}{title}")
        props.author = _property(report.agency.name)
        props.last_modified_by = _property(report.agency.name)
        props.subject = "政府信息公开工作年度报告"
        props.keywords = _property(f"政府信息公开; {report.year}; {report.edition.value}")
        props.category = _property(report.edition.value)
        props.language = "zh-CN"
        props.comments = ""
        props.revision = 1
        props.created = when
        props.modified = when


def _property(text: str) -> str:
    """A core property as Word holds it: at most 255 characters (a longer name is cut, the document keeps it whole)."""
    return text if len(text) <= CORE_PROPERTY_CHARS else text[: CORE_PROPERTY_CHARS - 1] + "…"
