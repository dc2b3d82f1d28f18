"""The Word file's package, styles and fonts: what every report's document starts from.

The page geometry of GB/T 9704-2012 (A4, margins 37/35/28/26 mm, 22 lines of 28 characters), the
paragraph styles with their East Asian faces set where Word reads them (no theme font left to
override them), the font table with each face's fallback, and python-docx's default package
trimmed to what a report needs, built once per set of fonts.  The body is written by
:mod:`govdisclosure.exporters.docx_exporter`.
"""

from __future__ import annotations

import functools
import io
import math

import attrs

__all__ = [
    "BODY_SIZE",
    "BODY_SPACING",
    "CHARS_PER_LINE",
    "LINE_PITCH",
    "MARGIN_BOTTOM",
    "MARGIN_LEFT",
    "MARGIN_RIGHT",
    "MARGIN_TOP",
    "PAGE_HEIGHT",
    "PAGE_NUMBER_SIZE",
    "PAGE_WIDTH",
    "TABLE_SIZE",
    "TEXT_WIDTH",
    "TITLE_SIZE",
    "DocxFonts",
    "W",
    "escape",
    "run_props",
    "template",
]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Page geometry in twentieths of a point (twips); 1 mm = 56.69 twips.
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838  # A4
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1587, 1474  # 37, 35, 28, 26 mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 156 mm: 28 characters of 3号
LINE_PITCH = 579  # 28.95 pt: 22 lines in the 225 mm text block
CHARS_PER_LINE = 28
#: 28 characters of 3号 (16 pt) are 448 pt, the line 442 pt: the body's characters are set closer by
#: this much (w:spacing, in twentieths of a point; -0.25 pt), so 28 fill a line (GB/T 9704: 28 × 22).
#: Not a character grid (w:docGrid linesAndChars with a negative charSpace): LibreOffice 7.4 lays
#: each 16 pt character over two cells of such a grid, 14 to a line; condensed spacing both Word and
#: LibreOffice honour.
BODY_SPACING = math.floor(TEXT_WIDTH / CHARS_PER_LINE - 16 * 20)
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


def run_props(font: str, latin: str, size: int, *, bold: bool = False, spacing: int | None = None) -> str:
    spaced = f'<w:spacing w:val="{spacing}"/>' if spacing is not None else ""
    return (
        f'<w:rPr><w:rFonts w:ascii="{escape(latin)}" w:hAnsi="{escape(latin)}" w:eastAsia="{escape(font)}" '
        f'w:cs="{escape(latin)}" w:hint="eastAsia"/>{"<w:b/><w:bCs/>" if bold else ""}{spaced}'
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>'
    )


def _styles_xml(fonts: DocxFonts) -> str:
    body = run_props(fonts.body, fonts.latin, BODY_SIZE, spacing=BODY_SPACING)
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
            # Off the character grid: a 2号 character would take two cells of it.
            '<w:keepNext/><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="720" w:lineRule="exact"/>'
            '<w:jc w:val="center"/>',
            run_props(fonts.title, fonts.latin, TITLE_SIZE, spacing=0),
        ),
        paragraph_style("BodyText", "Body Text", indent, body),
        paragraph_style("Date", "Date", '<w:jc w:val="center"/>', body),
        # The agency and the date stay together (keepNext, keepLines), and the text's last paragraph
        # keeps with them (see _body), so the signature never stands alone on a page.
        paragraph_style(
            "Signature", "Signature", '<w:keepNext/><w:keepLines/><w:ind w:right="640"/><w:jc w:val="right"/>', body
        ),
        paragraph_style(
            "TableText",
            "Table Text",
            # Off the 22-line grid of the body, or every table row would be a body line high; lines
            # 13 pt apart (1.3 × 10 pt, as in the PDF): single spacing of the CJK faces is 14.5 pt,
            # and Table 3 would no longer fit a page.
            '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="260" w:lineRule="exact"/>'
            '<w:jc w:val="center"/>',
            run_props(fonts.body, fonts.latin, TABLE_SIZE, spacing=0),
        ),
        paragraph_style(
            "Footer",
            "footer",
            '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
            run_props(fonts.page_number, fonts.page_number, PAGE_NUMBER_SIZE, spacing=0),
        ),
    ]
    for level, (style_id, name, font, bold) in enumerate(headings):
        styles.append(
            paragraph_style(
                style_id, name, f"<w:keepNext/><w:keepLines/>{indent}",
                run_props(font, fonts.latin, BODY_SIZE, bold=bold, spacing=BODY_SPACING),
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
def template(fonts: DocxFonts) -> bytes:
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
    import re

    text = blob.decode("utf-8")
    text = re.sub(r'<a:ea typeface="[^"]*"/>', f'<a:ea typeface="{escape(fonts.body)}"/>', text)
    text = re.sub(
        r'<a:font script="Hans" typeface="[^"]*"/>', f'<a:font script="Hans" typeface="{escape(fonts.body)}"/>', text
    )
    return text.encode("utf-8")
