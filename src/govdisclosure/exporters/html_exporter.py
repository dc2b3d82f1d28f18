"""The HTML exporter: a web page, or a fragment for a government website's CMS.

Two profiles, from one template (``templates/report.html.j2``):

- ``standalone``: a complete page, ``lang="zh-CN"``, its own stylesheet with a Chinese
  font stack and print styles;
- ``fragment``: what a clerk pastes into the disclosure column of a CMS: no html, head,
  body or script, no external resources, and every style inline on its element, since
  CMS editors drop ``<style>`` blocks and class names.

Both take their styles from :data:`STYLES`, so the two cannot drift apart.  The tables
come from :mod:`govdisclosure.layout` with the official merged cells; all text is
escaped; the output references nothing outside itself.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, BinaryIO

from markupsafe import Markup, escape

from govdisclosure.chinese import format_date
from govdisclosure.editions import spec_for, title_of
from govdisclosure.exporters import Exporter
from govdisclosure.layout import ADDRESS, Cell, Grid, outline
from govdisclosure.model import ItemList, ListStyle, Paragraph, Report

if TYPE_CHECKING:
    import jinja2

__all__ = ["PROFILES", "STYLES", "HtmlExporter", "render_html"]

PROFILES = ("standalone", "fragment")

#: Font stacks.  The free faces come first: where they are missing (most Windows PCs) the
#: browser moves on to the Windows/WPS faces offices use (仿宋, 黑体, 楷体, 小标宋).  The other
#: order fails on Linux, where fontconfig answers a request for "FangSong" with DejaVu Sans
#: and the Chinese falls back to a sans face.
SERIF = (
    "'Noto Serif CJK SC', 'Source Han Serif SC', 'Source Han Serif CN', "
    "'FangSong', '仿宋', '仿宋_GB2312', 'STFangsong', serif"
)
SANS = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Source Han Sans CN', 'SimHei', '黑体', 'Microsoft YaHei', sans-serif"
#: 楷体 is a face of its own (the run-in and second-level headings): the free Kai faces Debian ships,
#: then the Windows/WPS ones, and only then the body's serif.
KAI = (
    "'AR PL UKai CN', 'LXGW WenKai', 'KaiTi', '楷体', '楷体_GB2312', 'STKaiti', "
    "'Noto Serif CJK SC', 'Source Han Serif SC', serif"
)
TITLE = "'Noto Serif CJK SC', 'Source Han Serif SC', '方正小标宋简体', 'FZXiaoBiaoSong-B05S', 'SimSun', serif"

#: Every style of the output, by name: a class rule in ``standalone``, an inline style in ``fragment``.
STYLES: dict[str, str] = {
    "report": f"font-family: {SERIF}; font-size: 16px; line-height: 1.75; color: #111; max-width: 46em; "
    "margin: 0 auto; padding: 0 1em;",
    "agency": f"font-family: {TITLE}; font-size: 26px; font-weight: bold; text-align: center; margin: 1.2em 0 0; "
    "line-height: 1.4;",
    "title": f"font-family: {TITLE}; font-size: 26px; font-weight: bold; text-align: center; margin: 0 0 0.6em; "
    "line-height: 1.4;",
    "date": "text-align: center; margin: 0 0 1.2em;",
    "h1": f"font-family: {SANS}; font-size: 17px; font-weight: normal; margin: 1.2em 0 0.4em; text-indent: 2em;",
    "h2": f"font-family: {KAI}; font-size: 16px; font-weight: normal; margin: 0.8em 0 0.3em; text-indent: 2em;",
    "h3": f"font-family: {SERIF}; font-size: 16px; font-weight: bold; margin: 0.6em 0 0.2em; text-indent: 2em;",
    "h4": f"font-family: {SERIF}; font-size: 16px; font-weight: normal; margin: 0.6em 0 0.2em; text-indent: 2em;",
    "runin2": f"font-family: {KAI}; font-weight: normal;",
    "runin3": "font-weight: bold;",
    "p": "margin: 0 0 0.4em; text-indent: 2em; text-align: justify;",
    "item": "margin: 0 0 0.3em; text-indent: 2em; text-align: justify;",
    "table-wrap": "overflow-x: auto; margin: 0.6em 0 1em;",
    "table": f"border-collapse: collapse; width: 100%; font-family: {SERIF}; font-size: 13px; line-height: 1.35; "
    "table-layout: fixed;",
    "caption": "position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); "
    "white-space: nowrap;",
    "th": "border: 1px solid #000; padding: 3px 4px; font-weight: bold; text-align: center; "
    "vertical-align: middle; overflow-wrap: anywhere;",
    "th-row": "border: 1px solid #000; padding: 3px 4px; font-weight: normal; text-align: left; "
    "vertical-align: middle; overflow-wrap: anywhere;",
    "td": "border: 1px solid #000; padding: 3px 2px; text-align: center; vertical-align: middle; "
    "font-variant-numeric: tabular-nums;",
    "signature": "text-align: right; margin: 2em 2em 0 0;",
    # A web or e-mail address may break anywhere: a long one otherwise leaves a wide gap in a justified line.
    "url": "overflow-wrap: anywhere; word-break: break-all;",
}

#: The attribute each style becomes: our own constants, without quotes or markup.
_INLINE = {name: f' style="{css}"' for name, css in STYLES.items()}
_CLASSES = {name: f' class="gd-{name}"' for name in STYLES}

_PAGE_CSS = """\
html { background: #fff; }
body { margin: 0; padding: 1em 0 3em; }
@media screen and (max-width: 640px) {
  .gd-report { font-size: 15px; padding: 0 0.6em; }
  .gd-agency, .gd-title { font-size: 21px; }
  .gd-table { font-size: 11px; }
  .gd-table th, .gd-table td { padding: 2px 1px; }
}
@media print {
  body { padding: 0; }
  .gd-report { max-width: none; padding: 0; }
  .gd-table-wrap { overflow: visible; }
  .gd-table { break-inside: avoid; }
  .gd-table thead { display: table-header-group; }
  .gd-table tr { break-inside: avoid; }
  h2, h3, h4, h5 { break-after: avoid; }
  .gd-signature { break-inside: avoid; break-before: avoid; }  /* never a date alone on a page */
}
"""


def _prose(text: str, inline: bool) -> Markup:
    """Running text, escaped, with its web and e-mail addresses marked as breakable (see :data:`ADDRESS`)."""
    attribute = (_INLINE if inline else _CLASSES)["url"]
    out, last = [], 0
    for match in ADDRESS.finditer(text):
        out.append(str(escape(text[last : match.start()])))
        # <wbr> after each / . - _ @: where a line may break (WeasyPrint's break-all alone only breaks a
        # word that overflows a line of its own); unlike a zero-width space it is not copied with the text.
        address = "".join(f"{escape(char)}<wbr>" if char in "/.-_@" else str(escape(char)) for char in match.group())
        out.append(f"<span{attribute}>{address}</span>")
        last = match.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def stylesheet() -> str:
    """The standalone page's CSS: :data:`STYLES` as class rules, then the page and print rules."""
    rules = [f".gd-{name} {{ {css} }}" for name, css in STYLES.items()]
    return "\n".join(rules) + "\n" + _PAGE_CSS


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("govdisclosure.exporters", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["Paragraph"] = Paragraph
    env.globals["ItemList"] = ItemList
    env.tests["paragraph"] = lambda block: isinstance(block, Paragraph)
    env.tests["numbered"] = lambda block: isinstance(block, ItemList) and block.style is ListStyle.NUMBERED
    return env


def _grid_html(grid: Grid, inline: bool) -> Markup:
    """A table as HTML, written directly: the template engine's per-cell calls cost more than the rest
    of the page.  Label cells come from the layout's shared skeletons, so their markup is cached."""
    s = _INLINE if inline else _CLASSES
    out = [
        f'<div{s["table-wrap"]}>\n<table{s["table"]} data-table="{grid.key}">\n'
        f"<caption{s['caption']}>{escape(grid.caption)}</caption>\n<colgroup>",
        *(f'<col style="width: {width * 100:.2f}%">' for width in grid.widths),
        "</colgroup>\n",
    ]
    for index, row in enumerate(grid.rows):
        if index == 0 and grid.header_rows:
            out.append("<thead>\n")
        elif index == grid.header_rows:
            out.append("<tbody>\n")
        out.append("<tr>\n")
        for cell in row:
            if cell.path is None:
                out.append(_label_html(cell, inline))
            else:
                spans = _spans(cell) if cell.colspan > 1 or cell.rowspan > 1 else ""
                style = s["td"] if cell.scale == 1 else _shrunk(s["td"], cell.scale)
                # A data cell holds a number (digits and a point) or nothing: no markup to escape.
                out.append(f'<td{spans} data-path="{cell.path}"{style}>{cell.text}</td>\n')
        out.append("</tr>\n")
        if grid.header_rows and index + 1 == grid.header_rows:
            out.append("</thead>\n")
    out.append("</tbody>\n</table>\n</div>\n")
    return Markup("".join(out))


def _shrunk(attributes: str, scale: float) -> str:
    """A data cell's attributes with its figure at ``scale`` of the table's size (a figure too
    wide for its column: :func:`govdisclosure.layout.fitted_scale`), in the page and in print."""
    size = f"font-size: {round(scale * 100)}%;"
    if attributes.startswith(' style="'):  # the inline styles of a fragment
        return attributes[:-1] + " " + size + '"'
    return f'{attributes} style="{size}"'


def _spans(cell: Cell) -> str:
    colspan = f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
    rowspan = f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
    return colspan + rowspan


_LABELS: dict[tuple[Cell, bool], str] = {}


def _label_html(cell: Cell, inline: bool) -> str:
    key = (cell, inline)  # by value: a label made for one report (a unit in it) is not another's
    cached = _LABELS.get(key)
    if cached is not None:
        return cached
    s = _INLINE if inline else _CLASSES
    scope = f' scope="{cell.scope}"' if cell.scope else ""
    style = s["th-row"] if cell.scope in ("row", "rowgroup") else s["th"]
    text = "<br>".join(str(escape(line)) for line in cell.lines) if cell.lines else str(escape(cell.text))
    html = f"<th{_spans(cell)}{scope}{style}>{text}</th>\n"
    if len(_LABELS) < 10_000:  # the skeletons are few and permanent; a bound all the same
        _LABELS[key] = html
    return html


def render_html(
    report: Report,
    profile: str = "standalone",
    *,
    extra_css: str = "",
    extra_meta: dict[str, str] | None = None,
    screen: bool = True,
) -> str:
    """The report as HTML text in ``profile`` (see :data:`PROFILES`).

    ``extra_css`` is appended to the standalone stylesheet and ``extra_meta`` becomes
    ``<meta name content>`` elements of its head (the PDF exporter's print rules and metadata);
    ``screen=False`` leaves out what only a screen needs (the viewport).
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown HTML profile {profile!r}; expected one of {', '.join(PROFILES)}")
    inline = profile == "fragment"

    def style(name: str) -> Markup:
        return Markup((_INLINE if inline else _CLASSES)[name])

    spec = spec_for(report.edition)
    context: dict[str, Any] = {
        "report": report,
        "profile": profile,
        "s": style,
        "title": title_of(report),
        "date": format_date(report.published_on) if report.published_on else None,
        "date_under_title": spec.date_under_title,
        "entries": outline(report),
        "grid": lambda table: _grid_html(table, inline),
        "prose": lambda text: _prose(text, inline),
        # Our own stylesheet: inserted as it is (entities are not decoded inside <style>).
        "css": Markup(stylesheet() + extra_css) if not inline else "",
        "meta": extra_meta or {},
        "screen": screen,
    }
    return _environment().get_template("report.html.j2").render(context)


class HtmlExporter(Exporter):
    """HTML in the ``standalone`` (default) or ``fragment`` profile."""

    name = "html"
    suffix = ".html"
    media_type = "text/html"
    description = "web page (profile=standalone) or a CMS fragment with inline styles (profile=fragment)"

    def __init__(self, *, profile: str = "standalone") -> None:
        if profile not in PROFILES:
            raise ValueError(f"profile must be one of {', '.join(PROFILES)}, not {profile!r}")
        self.profile = profile

    def warm(self) -> None:
        _environment().get_template("report.html.j2")

    def export(self, report: Report, out: BinaryIO) -> None:
        out.write(render_html(report, self.profile).encode("utf-8"))
