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
from the report, never the clock, so the same report gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import io
import re
from typing import TYPE_CHECKING, BinaryIO

import attrs

from govdisclosure._files import reproducible_zip
from govdisclosure.chinese import format_date
from govdisclosure.editions import document_date, spec_for, title_of
from govdisclosure.exporters import (
    Availability,
    Embedded,
    Exporter,
    ExporterRegistry,
    embedded_data,
)
from govdisclosure.exporters.docx_reading import DOCX_PART, HASH_PREFIX, read_docx_data, read_docx_part
from govdisclosure.hookspecs import hookimpl
from govdisclosure.layout import Grid, OutlineEntry, grid_positions, outline
from govdisclosure.model import ItemList, ListStyle, Paragraph, Report

if TYPE_CHECKING:
    from docx.document import Document

__all__ = [
    "DOCX_PART",
    "DOCX_RELTYPE",
    "DocxExporter",
    "DocxFonts",
    "document_bytes",
    "new_document",
    "paragraph_xml",
    "read_docx_data",
    "register_exporters",
    "table_xml",
    "write_body",
]

DOCX_RELTYPE = "https://govdisclosure.invalid/relationships/report-json"
_HASH_PREFIX = HASH_PREFIX
CORE_PROPERTY_CHARS = 255
"""The longest text a DOCX core property (title, author…) may hold."""

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Page geometry in twentieths of a point (twips); 1 mm = 56.69 twips.
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838  # A4
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1587, 1474  # 37, 35, 28, 26 mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 156 mm: 28 characters of 3号
LINE_PITCH = 579  # 28.95 pt: 22 lines in the 225 mm text block
BODY_SIZE, TITLE_SIZE, TABLE_SIZE, PAGE_NUMBER_SIZE = 32, 44, 20, 28  # half-points: 3号, 2号, 10 pt, 4号


@attrs.frozen
class DocxFonts:
    """The faces of the document.  Offices often have 仿宋_GB2312 and 方正小标宋简体 installed."""

    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    heading1: str = "黑体"
    heading2: str = "楷体_GB2312"
    latin: str = "Times New Roman"
    page_number: str = "宋体"


#: What Word and WPS use when a face is missing (w:altName in the font table), and the
#: face's PANOSE class, so that even an unknown name falls back to a Chinese face of the
#: right kind instead of a Japanese one.
_FALLBACKS = {
    "仿宋_GB2312": ("仿宋", "02010609030101010101"),
    "仿宋": ("FangSong", "02010609060101010101"),
    "楷体_GB2312": ("楷体", "02010609030101010101"),
    "楷体": ("KaiTi", "02010609060101010101"),
    "方正小标宋简体": ("宋体", "02000000000000000000"),
    "方正小标宋_GBK": ("宋体", "02000000000000000000"),
    "黑体": ("SimHei", "02010609060101010101"),
    "宋体": ("SimSun", "02010600030101010101"),
}


def escape(text: str) -> str:
    """Text for XML content and attribute values (xml.sax.saxutils would import urllib: 25 ms at start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _run_props(font: str, latin: str, size: int, *, bold: bool = False) -> str:
    return (
        f'<w:rPr><w:rFonts w:ascii="{escape(latin)}" w:hAnsi="{escape(latin)}" w:eastAsia="{escape(font)}" '
        f'w:cs="{escape(latin)}" w:hint="eastAsia"/>{"<w:b/><w:bCs/>" if bold else ""}'
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>'
    )


def _styles_xml(fonts: DocxFonts) -> str:
    body = _run_props(fonts.body, fonts.latin, BODY_SIZE)
    line = f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'

    def paragraph_style(style_id: str, name: str, ppr: str, rpr: str, *, outline: int | None = None) -> str:
        level = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
        return (
            f'<w:style w:type="paragraph" w:customStyle="0" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
            f"<w:pPr>{ppr}{level}</w:pPr>{rpr}</w:style>"
        )

    indent = '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
    headings = [
        ("Heading1", "heading 1", fonts.heading1, False),
        ("Heading2", "heading 2", fonts.heading2, False),
        ("Heading3", "heading 3", fonts.body, True),
        ("Heading4", "heading 4", fonts.body, False),
    ]
    styles = [
        f"<w:docDefaults><w:rPrDefault>{body}</w:rPrDefault><w:pPrDefault><w:pPr>{line}"
        "</w:pPr></w:pPrDefault></w:docDefaults>",
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        # No automatic space between Chinese and Latin text: "2024年", as typeset, not "2024 年".
        '<w:pPr><w:widowControl/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
        f'{line}<w:jc w:val="both"/></w:pPr>{body}</w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
        paragraph_style(
            "Title",
            "Title",
            '<w:keepNext/><w:spacing w:before="0" w:after="0" w:line="720" w:lineRule="exact"/><w:jc w:val="center"/>',
            _run_props(fonts.title, fonts.latin, TITLE_SIZE),
        ),
        paragraph_style("BodyText", "Body Text", indent, body),
        paragraph_style("Date", "Date", '<w:jc w:val="center"/>', body),
        paragraph_style("Signature", "Signature", '<w:ind w:right="640"/><w:jc w:val="right"/>', body),
        paragraph_style(
            "TableText",
            "Table Text",
            # Off the 22-line grid of the body, or every table row would be a body line high.
            '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            '<w:jc w:val="center"/>',
            _run_props(fonts.body, fonts.latin, TABLE_SIZE),
        ),
        paragraph_style(
            "Footer",
            "footer",
            '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
            _run_props(fonts.page_number, fonts.page_number, PAGE_NUMBER_SIZE),
        ),
    ]
    for level, (style_id, name, font, bold) in enumerate(headings):
        styles.append(
            paragraph_style(
                style_id, name, f"<w:keepNext/><w:keepLines/>{indent}", _run_props(font, fonts.latin, BODY_SIZE, bold=bold),
                outline=level,
            )
        )  # fmt: skip
    return f'<w:styles xmlns:w="{W}">{"".join(styles)}</w:styles>'


def _font_table_xml(fonts: DocxFonts) -> str:
    names = dict.fromkeys((fonts.title, fonts.body, fonts.heading1, fonts.heading2, fonts.page_number, *_FALLBACKS))
    entries = []
    for name in names:
        alt, panose = _FALLBACKS.get(name, ("宋体", "02010600030101010101"))
        entries.append(
            f'<w:font w:name="{escape(name)}"><w:altName w:val="{escape(alt)}"/><w:panose1 w:val="{panose}"/>'
            '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
        )
    entries.append(
        f'<w:font w:name="{escape(fonts.latin)}"><w:panose1 w:val="02020603050405020304"/>'
        '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    )
    return f'<w:fonts xmlns:w="{W}">{"".join(entries)}</w:fonts>'


@functools.cache
def _template(fonts: DocxFonts) -> bytes:
    """python-docx's default package, stripped to what a report needs and set up for Chinese."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    document = docx.Document()
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # python-docx's own preview picture
            package.rels.pop(rel_id)
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml", "/webSettings")):
            document.part.rels.pop(rel_id)

    styles = document.styles.element
    replacement = etree.fromstring(_styles_xml(fonts).encode("utf-8"))
    for child in list(styles):
        styles.remove(child)
    styles.extend(list(replacement))

    font_table = document.part.part_related_by(RT.FONT_TABLE)
    font_table._blob = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + _font_table_xml(fonts).encode(
        "utf-8"
    )
    theme = document.part.part_related_by(RT.THEME)
    theme._blob = _theme_with_fonts(theme.blob, fonts)

    for part in package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = _APP_XML.encode("utf-8")

    document.settings.odd_and_even_pages_header_footer = True
    settings = document.settings.element
    for child in settings.findall(f"{{{W}}}themeFontLang"):
        child.set(f"{{{W}}}eastAsia", "zh-CN")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Template>Normal.dotm</Template><Application>govdisclosure</Application><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def _theme_with_fonts(blob: bytes, fonts: DocxFonts) -> bytes:
    """The theme's East Asian and 简体中文 (Hans) fonts set to ours, so no theme default shows through."""

    text = blob.decode("utf-8")
    text = re.sub(r'<a:ea typeface="[^"]*"/>', f'<a:ea typeface="{escape(fonts.body)}"/>', text)
    text = re.sub(
        r'<a:font script="Hans" typeface="[^"]*"/>', f'<a:font script="Hans" typeface="{escape(fonts.body)}"/>', text
    )
    return text.encode("utf-8")


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
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r>{run_props}{_text(text)}</w:r></w:p>'


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
        lead = _run_props(font, fonts.latin, BODY_SIZE, bold=level >= 3)
        first = (
            f'<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:outlineLvl w:val="{level - 1}"/></w:pPr>'
            f"<w:r>{lead}{_text(entry.number + entry.title)}</w:r><w:r>{_text(entry.body[0].text)}</w:r></w:p>"
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
        # The header rows keep with the first data row; the rest may break across pages, where
        # the header rows repeat.  (Keeping whole tables together leaves a heading alone on its page.)
        keep = "<w:keepNext/>" if r < max(grid.header_rows, 1) else ""
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
            bold = "<w:rPr><w:b/><w:bCs/></w:rPr>" if cell.header and cell.scope in ("col", "colgroup", None) else ""
            parts.append(
                f'<w:tc><w:tcPr>{"".join(props)}</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>{keep}'
                f'<w:jc w:val="{align}"/></w:pPr>{f"<w:r>{bold}{content}</w:r>" if content else ""}</w:p></w:tc>'
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


# --------------------------------------------------------------------------- shared set-up
# Other documents in the official layout (the review pack's 问题清单) are written with these,
# so that page, styles, fonts and tables are set up in one place.


def new_document(fonts: DocxFonts | None = None, *, page_numbers: bool = True) -> Document:
    """An empty document with the styles, Chinese fonts and A4 page of the official layout."""
    import docx

    document = docx.Document(io.BytesIO(_template(fonts or DocxFonts())))
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
        _template(self.fonts)

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
            parts.append('<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr></w:p>')
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


@hookimpl
def register_exporters(registry: ExporterRegistry) -> None:
    registry.add(DocxExporter)
