"""Reading a published HTML page: find the report in it, and read its lines and tables.

A page saved from a government site has navigation, a header, a byline, share buttons and
a footer around the article; or it is the article alone.  The article is the element that
holds most of the page's paragraph text (every ``<p>``, heading and table credits its
parent).  Inside it, block elements (``p``, ``div``, ``h1``–``h6``, ``li``, ``br``) end a line
and inline ones (``span``, ``font``, ``strong``) do not; a table of data becomes a
:class:`~.grid.SourceTable`, a layout table that holds other tables is read through.
TRS-style metadata (``ArticleTitle``, ``PubDate``, ``ContentSource``, ``Url``) is kept.
"""

from __future__ import annotations

import re
from typing import Any

from govdisclosure._patterns import lazy
from govdisclosure.importing.document import Document, Line
from govdisclosure.importing.errors import ImportFailure
from govdisclosure.importing.grid import RawCell, SourceTable, TooLargeError, build_grid

__all__ = ["read_html"]

MAX_ELEMENTS = 300_000
"""A report page has a few thousand elements; far more is not a report."""
MAX_TABLE_DEPTH = 8

_BLOCK = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "center",
        "pre",
        "dd",
        "dt",
        "dl",
        "hr",
        "main",
        "aside",
        "nav",
        "figure",
        "figcaption",
        "caption",
        "address",
        "form",
        "fieldset",
        "body",
        "html",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
    ]
)
_DROP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "select",
        "button",
        "input",
        "textarea",
        "head",
    ]
)
_CHROME = lazy(
    r"(^|[\s_-])(nav|menu|header|footer|breadcrumb|crumb|position|share|sidebar|related|copyright|toolbar|login|"
    r"search|banner|bottom|topbar|foot|dibu|daohang)([\s_-]|$)",
    re.I,
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
_META_NAMES = {
    "articletitle": "title",
    "pubdate": "date",
    "contentsource": "publisher",
    "url": "url",
    "firstimagetitle": "",
}


def _decode(content: bytes, source: str) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace")
    found = _CHARSET.search(content[:4096])
    declared = found.group(1).decode("ascii").lower() if found else "utf-8"
    if declared in ("gb2312", "gbk", "gb_2312-80"):
        declared = "gb18030"
    try:
        return content.decode(declared)
    except (LookupError, UnicodeDecodeError):
        pass
    for encoding in ("utf-8", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailure(source, ["the page is neither UTF-8 nor GB18030 text"])


def read_html(content: bytes, source: str) -> Document:
    """The report's lines and tables from an HTML page.  Raises ImportFailure."""
    try:
        import lxml.html
        from lxml import etree
    except ImportError:  # pragma: no cover - lxml comes with python-docx
        raise ImportFailure(source, ['reading HTML needs lxml: pip install "govdisclosure[import]"']) from None
    text = _decode(content, source)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    if not text.strip():
        raise ImportFailure(source, ["the file is empty"])
    if text.count("<") > 2 * MAX_ELEMENTS:  # refused before building a tree of millions of elements
        raise ImportFailure(source, [f"the page has more than {MAX_ELEMENTS:,} elements: it is not a report page"])
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ImportFailure(source, [f"the page cannot be read as HTML ({exc})"]) from None
    for count, _ in enumerate(root.iter(), start=1):
        if count > MAX_ELEMENTS:
            raise ImportFailure(source, [f"the page has more than {MAX_ELEMENTS:,} elements: it is not a report page"])
    meta = _metadata(root)
    for key, value in _comment_metadata(text).items():
        meta.setdefault(key, value)
    _prune(root)
    article = _article(root)
    walker = _Walker(source)
    walker.walk(article)
    structured = any(line.level is not None for line in walker.items if isinstance(line, Line))
    return Document("html", tuple(walker.items), meta, structured)


def _prune(root: Any) -> None:
    """Scripts, styles, comments and the site's navigation blocks (by their class or id) removed."""
    from lxml import etree

    for element in list(root.iter(*_DROP, etree.Comment, etree.ProcessingInstruction)):
        _remove(element)
    for element in list(root.iter("div", "ul", "nav", "header", "footer", "aside")):
        chrome = _CHROME.search(f"{element.get('class', '')} {element.get('id', '')}")
        if chrome and element.getparent() is not None and not element.xpath(".//table"):
            _remove(element)


def _remove(element: Any) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _metadata(root: Any) -> dict[str, str]:
    meta: dict[str, str] = {}
    for element in root.iter("meta"):
        name = (element.get("name") or element.get("property") or "").strip().lower()
        key = _META_NAMES.get(name)
        content = (element.get("content") or "").strip()
        if key and content:
            meta[key] = content
    title = root.find(".//title")
    if title is not None and (title.text_content() or "").strip():
        meta["page_title"] = title.text_content().strip()
    return meta


_COMMENT_FIELD = lazy(r"^\s*(PubDate|Url|ContentSource|ArticleTitle)\s*:\s*(.+?)\s*$", re.M)


def _comment_metadata(text: str) -> dict[str, str]:
    """TRS fields an archived page keeps in a comment at its top (``PubDate: 2022-02-08 16:34``)."""
    found: dict[str, str] = {}
    for comment in re.findall(r"<!--(.*?)-->", text[:8192], re.S):
        for name, value in _COMMENT_FIELD.findall(comment):
            key = _META_NAMES[name.lower()]
            if key and not value.startswith("("):
                found[key] = value
    return found


_REPORT_TABLE = lazy(r"第二十条|申请人情况|行政复议")


def _article(root: Any) -> Any:
    """The element holding most of the page's paragraph text, widened to hold the report's tables."""
    scores: dict[Any, float] = {}
    for element in root.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "br"):
        if element.tag == "br":
            if element.xpath("ancestor::td | ancestor::th"):
                continue  # a line break in a table's label
            length = 20
        else:
            length = len(element.text_content() or "")
        parent = element.getparent()
        depth = 0
        while parent is not None and depth < 3:
            if parent.tag not in ("span", "font", "strong", "b", "a", "tbody", "tr", "header", "footer", "hgroup"):
                scores[parent] = scores.get(parent, 0.0) + length / (1 + depth)
                depth += 1
            parent = parent.getparent()
    body = root.find("body")
    chosen = max(scores, key=lambda e: scores[e]) if scores else (body if body is not None else root)
    tables = [t for t in root.iter("table") if _REPORT_TABLE.search(t.text_content() or "")]
    while chosen.getparent() is not None and any(chosen not in t.iterancestors() for t in tables):
        chosen = chosen.getparent()
    return chosen


class _Walker:
    """Lines and tables in reading order."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[Line | SourceTable] = []
        self.buffer: list[str] = []
        self.lead: str | None = None
        self.level: int | None = None
        self.role: str | None = None
        self.tables = 0

    def flush(self) -> None:
        text = "".join(self.buffer)
        if text.strip(" \t\r\n\u00a0\u3000\u200b"):
            self.items.append(Line(text, self.level, self.lead, self.role))
        self.buffer, self.lead, self.level, self.role = [], None, None, None

    def walk(self, element: Any, depth: int = 0) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "table":
            self.flush()
            self.table(element, depth)
        elif tag == "br":
            self.flush()
        elif tag in _BLOCK or tag.startswith("o:"):
            self.flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.level = int(tag[1]) - 1 if tag != "h1" else None
                self.role = "title" if tag == "h1" else None
            self.inline(element, depth)
            self.flush()
        else:
            self.inline(element, depth)
        if element.tail:
            self.buffer.append(element.tail)

    def inline(self, element: Any, depth: int) -> None:
        if element.text:
            self.buffer.append(element.text)
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in ("strong", "b") and not "".join(self.buffer).strip() and child.getprevious() is None:
                self.lead = child.text_content()
            self.walk(child, depth)

    def table(self, element: Any, depth: int) -> None:
        if depth >= MAX_TABLE_DEPTH:
            raise ImportFailure(self.source, [f"tables are nested more than {MAX_TABLE_DEPTH} deep: not a report page"])
        if element.xpath(".//table"):  # a layout table: read the tables and text inside it
            for cell in element.xpath("./tr/td | ./tr/th | ./*/tr/td | ./*/tr/th"):
                self.walk_children(cell, depth + 1)
            return
        rows = []
        for tr in element.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"):
            cells = [RawCell(_cell_text(td), _span(td.get("rowspan")), _span(td.get("colspan"))) for td in tr]
            rows.append([cell for cell, td in zip(cells, tr, strict=True) if td.tag in ("td", "th")])
        self.tables += 1
        try:
            self.items.append(build_grid(self.tables, rows))
        except TooLargeError as exc:
            raise ImportFailure(self.source, [f"{exc}: far larger than any table of a report"]) from None

    def walk_children(self, element: Any, depth: int) -> None:
        self.flush()
        if element.text:
            self.buffer.append(element.text)
        for child in element:
            self.walk(child, depth)
        self.flush()


def _cell_text(td: Any) -> str:
    return "".join(td.itertext())


def _span(value: str | None) -> int:
    if not value:
        return 1
    digits = re.match(r"\s*(\d+)", value)
    return min(int(digits.group(1)), 5000) if digits else 1
