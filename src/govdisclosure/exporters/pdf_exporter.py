"""The PDF exporter: the electronic version an office posts and archives.

WeasyPrint renders the HTML exporter's markup with a print stylesheet close to the DOCX
layout: A4, margins 37/35/28/26 mm, the GB/T 9704 grid of 22 lines of 28 characters (3号 body,
its letter spacing computed from the text width), page numbers "— 1 —" in the bottom margin on
the outer side, tables kept whole when they fit, else broken with their header rows, and the
signature kept with the last lines of the text.

- **Typefaces by role** (:mod:`~govdisclosure.exporters.pdf_fonts`): title 小标宋, body 仿宋,
  headings 黑体 and 楷体, each from the options, the font folder, the licensed faces installed,
  or the closest free face, so each heading level looks different from the body.

- **Chinese renders, or the export fails loudly.**  The faces named in the stylesheet are
  looked up with fontconfig; without a Chinese face the format is unavailable, and a
  character of the report that none of the faces has stops the export with its code point
  and where it stands, instead of printing a blank box.  Fonts are embedded and subset.
- **Nothing is fetched.**  Every URL WeasyPrint would load is refused (the page is the
  library's own markup and styles, whatever the report's text contains), except the font
  files of the chosen faces in the user's font folder.
- **Archival and verifiable.**  PDF/A-3b, tagged, with title, author and language zh-CN; the
  canonical JSON of the report is embedded as an attachment and its SHA-256 is in the
  document information; :meth:`PdfExporter.read_embedded` reads them back for ``verify``.
- The same report gives the same bytes: dates come from the report, never the clock.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import importlib.util
import io
from collections.abc import Container, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

from govdisclosure.chinese import format_date
from govdisclosure.editions import document_date, title_of
from govdisclosure.exporters import (
    Availability,
    Embedded,
    EmbeddedReadError,
    Exporter,
    Visible,
    embedded_data,
)
from govdisclosure.exporters.html_exporter import render_html
from govdisclosure.exporters.pdf_attachment import plain_attachment
from govdisclosure.exporters.pdf_fonts import (
    FALLBACK,
    ROLE_NAMES,
    Coverage,
    FontChoice,
    choose_fonts,
    face_ranges,
    installed_face,
)
from govdisclosure.layout import printed_texts
from govdisclosure.model import Report

__all__ = [
    "ATTACHMENT_NAME",
    "HASH_KEY",
    "MAX_PDF_PAGES",
    "Coverage",
    "MissingGlyphError",
    "PdfExporter",
    "ResourceFetchRefused",
    "font_config",
    "glyph_coverage",
    "read_pdf_data",
    "refuse_missing_glyphs",
    "refuse_url",
    "url_fetcher",
]

ATTACHMENT_NAME = "govdisclosure-report.json"
"""The name of the attached canonical JSON."""
HASH_KEY = "govdisclosuresha256"
"""The PDF document-information key that holds the SHA-256 of the attachment (WeasyPrint writes
custom keys in lower case, letters and digits only)."""


# The GB/T 9704 type area: 156 mm × 225 mm, 28 characters × 22 lines of 3号 (16 pt).
_MM = 72 / 25.4
TEXT_WIDTH_PT = (210 - 28 - 26) * _MM
TEXT_HEIGHT_PT = (297 - 37 - 35) * _MM
CHARS_PER_LINE, LINES_PER_PAGE, BODY_PT = 28, 22, 16.0
CHAR_PITCH_PT = TEXT_WIDTH_PT / CHARS_PER_LINE
LINE_PITCH_PT = TEXT_HEIGHT_PT / LINES_PER_PAGE
# 16 pt characters are wider than the 15.79 pt pitch: close them up by the difference (less a hair,
# so rounding never pushes the 28th character to the next line).
LETTER_SPACING_PT = round(CHAR_PITCH_PT - BODY_PT - 0.01, 3)

PRINT_CSS = f"""
@page {{
  size: A4;
  margin: 37mm 26mm 35mm 28mm;
  @bottom-right {{
    content: "— " counter(page) " —";
    font-family: 'Noto Serif CJK SC', 'SimSun', serif; font-size: 14pt;
    vertical-align: top; padding-top: 7mm; padding-right: 1em;
  }}
}}
@page :left {{
  @bottom-right {{ content: none; }}
  @bottom-left {{
    content: "— " counter(page) " —";
    font-family: 'Noto Serif CJK SC', 'SimSun', serif; font-size: 14pt;
    vertical-align: top; padding-top: 7mm; padding-left: 1em;
  }}
}}
html, body {{ margin: 0; padding: 0; background: none; }}
.gd-report {{ max-width: none; margin: 0; padding: 0; font-size: {BODY_PT}pt; line-height: {LINE_PITCH_PT:.3f}pt;
  letter-spacing: {LETTER_SPACING_PT}pt; color: #000; }}
.gd-p, .gd-item, .gd-h1, .gd-h2, .gd-h3, .gd-h4 {{ text-indent: {2 * CHAR_PITCH_PT:.3f}pt; }}
.gd-agency, .gd-title {{ font-size: 22pt; line-height: 36pt; margin: 0; letter-spacing: 0; }}
.gd-title {{ margin-bottom: {LINE_PITCH_PT:.3f}pt; }}
.gd-date {{ margin: -18pt 0 {LINE_PITCH_PT:.3f}pt; }}
.gd-h1, .gd-h2, .gd-h3, .gd-h4 {{ font-size: {BODY_PT}pt; margin: 0; line-height: {LINE_PITCH_PT:.3f}pt;
  break-after: avoid; }}
.gd-p, .gd-item {{ margin: 0; }}
.gd-table-wrap {{ overflow: visible; margin: 4pt 0 10pt; }}
.gd-table {{ font-size: 10pt; line-height: 1.3; break-inside: avoid; letter-spacing: 0; }}
.gd-table th, .gd-table td {{ padding: 1.5pt 2pt; }}
.gd-table td {{ white-space: nowrap; }}  /* a number is never broken over two lines */
.gd-table thead {{ display: table-header-group; }}
.gd-table tr {{ break-inside: avoid; }}
/* The agency and the date stay together, and never start a page: the text's last lines come along. */
.gd-signature {{ margin: {LINE_PITCH_PT:.3f}pt 2em 0 0; break-inside: avoid; break-before: avoid; }}
.gd-signature p {{ margin: 0; }}
"""


class MissingGlyphError(ValueError):
    """A character of the report has no glyph in the PDF's fonts."""


class ResourceFetchRefused(RuntimeError):  # noqa: N818 - a refusal, raised on purpose
    """WeasyPrint asked for a URL; the PDF exporter loads nothing from outside."""


@functools.cache
def glyph_coverage(files: tuple[tuple[str, int], ...]) -> Coverage:
    """Every code point the given font files (file, face index) can draw, read once per set of files.

    Shared with PDF engines of plugins (govdisclosure-typst) that refuse a character no face has."""
    return Coverage.of_faces(face_ranges(file, index) for file, index in files)


def _drawing_files(fonts: FontChoice) -> tuple[tuple[str, int], ...]:
    """The files that draw the PDF's text: the chosen faces and their fallbacks."""
    faces = [face for _, face in fonts.faces()]
    faces += [face for face in map(installed_face, dict.fromkeys(FALLBACK.values())) if face is not None]
    return tuple(dict.fromkeys((face.file, face.index) for face in faces))


def refuse_missing_glyphs(
    report: Report, covered: Container[int], faces: Iterable[str], error: type[ValueError] = MissingGlyphError
) -> None:
    """Raise ``error`` naming each character of ``report``'s printed text that is not in ``covered``
    (what ``faces`` draw), with where it is first used.

    Shared with PDF engines of plugins (govdisclosure-typst raises its own error class)."""
    missing: dict[str, str] = {}
    for path, text in printed_texts(report):
        for char in dict.fromkeys(text):  # each character once, in the order of the text
            if char not in missing and not char.isspace() and ord(char) not in covered:
                missing[char] = path
    if missing:
        listed = "; ".join(f"U+{ord(c):04X} {c!r} at {path}" for c, path in list(missing.items())[:10])
        more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        raise error(
            f"the PDF fonts ({', '.join(sorted(set(faces)))}) have no glyph for {listed}{more}; the PDF would "
            "show blank boxes. Install a font that has them, or replace the characters."
        )


def check_glyphs(report: Report, fonts: FontChoice) -> None:
    """Raise :class:`MissingGlyphError` naming each character no face of the PDF can draw."""
    faces = {face.family for _, face in fonts.faces()} | set(FALLBACK.values())
    refuse_missing_glyphs(report, glyph_coverage(_drawing_files(fonts)), faces)


def refuse_url(url: str) -> NoReturn:
    raise ResourceFetchRefused(f"the PDF exporter loads nothing from outside the report, not even {url[:80]!r}")


@functools.cache
def url_fetcher(font_files: frozenset[str] = frozenset()) -> Any:
    """WeasyPrint's URL fetcher: it refuses every URL (through :func:`refuse_url`) but the font files
    of the user's font folder that the chosen faces come from."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = {Path(file).as_uri(): file for file in font_files}

    class RefusingFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url in allowed:
                return URLFetcherResponse(url, body=Path(allowed[url]).read_bytes())
            refuse_url(url)

    return RefusingFetcher(allowed_protocols=())


@functools.cache
def font_config() -> Any:
    """One fontconfig set-up for the process: building one per document leaks memory and time."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


class PdfExporter(Exporter):
    """PDF/A-3b through WeasyPrint, with the report's data embedded."""

    name = "pdf"
    suffix = ".pdf"
    media_type = "application/pdf"
    description = "archival PDF (PDF/A-3b, tagged) with Chinese fonts embedded and the report's data attached"

    def __init__(
        self,
        *,
        variant: str = "pdf/a-3b",
        title_font: str | None = None,
        body_font: str | None = None,
        heading_font: str | None = None,
        kai_font: str | None = None,
        font_dir: str | None = None,
    ) -> None:
        if variant not in ("pdf/a-3b", "pdf/a-3u", "none"):
            raise ValueError(f"variant must be pdf/a-3b, pdf/a-3u or none, not {variant!r}")
        self.variant = None if variant == "none" else variant
        requested = {"title": title_font, "body": body_font, "heading": heading_font, "kai": kai_font}
        for role, value in requested.items():
            if value is not None and (not isinstance(value, str) or not value.strip() or len(value) > 64):
                raise ValueError(f"{role}_font must be a font's family name, not {value!r}")
        if font_dir is not None and not isinstance(font_dir, str):
            raise ValueError(f"font_dir must be a folder, not {font_dir!r}")
        chosen = choose_fonts({k: v.strip() if v else None for k, v in requested.items()}, font_dir)
        if chosen is None:
            raise ValueError("no Chinese font is installed for the PDF (apt-get install fonts-noto-cjk)")
        self.fonts = chosen

    @classmethod
    def font_roles(cls) -> tuple[tuple[str, str], ...]:
        """The face each role gets here without options: ("body 仿宋", "Noto Serif CJK SC (installed)")."""
        chosen = choose_fonts({})
        if chosen is None:
            return ()
        return tuple((f"{role} {ROLE_NAMES[role]}", face.describe()) for role, face in chosen.faces())

    @classmethod
    def availability(cls) -> Availability:
        import ctypes.util

        if importlib.util.find_spec("weasyprint") is None:
            return Availability(
                False, "the Python package WeasyPrint is not installed", 'pip install "govdisclosure[pdf]"'
            )
        if ctypes.util.find_library("pango-1.0") is None:
            return Availability(
                False,
                "the Pango library WeasyPrint draws with is missing",
                "apt-get install libpango-1.0-0 libpangoft2-1.0-0",
            )
        if choose_fonts({}) is None:
            return Availability(
                False,
                "no Chinese font is installed (fontconfig finds none of the PDF's faces)",
                "apt-get install fonts-noto-cjk",
            )
        return Availability.ok()

    def warm(self) -> None:
        import pypdf  # noqa: F401 - read_data's reader (0.13 s of imports), loaded once before the workers fork
        import weasyprint  # noqa: F401 - half a second of imports, done once before the workers fork

        glyph_coverage(_drawing_files(self.fonts))
        font_config()

    @classmethod
    def read_embedded(cls, content: bytes) -> Embedded | None:
        return read_pdf_data(content, made_by="WeasyPrint")

    @classmethod
    def read_data(cls, content: bytes) -> bytes | None:
        if not content.startswith(b"%PDF"):
            return None
        plain = plain_attachment(content, ATTACHMENT_NAME)  # a file written plainly (Typst's), without pypdf
        if plain is not None:
            return plain
        import pypdf

        try:
            found = pypdf.PdfReader(io.BytesIO(content)).attachments.get(ATTACHMENT_NAME)
        except (pypdf.errors.PyPdfError, ValueError, KeyError, TypeError) as exc:
            raise EmbeddedReadError(f"the file does not read as a PDF ({exc})") from None
        return found[0] if found else None

    def export(self, report: Report, out: BinaryIO) -> None:
        from weasyprint import HTML, Attachment

        check_glyphs(report, self.fonts)
        data, digest = embedded_data(report)
        html = render_html(
            report,
            "standalone",
            extra_css=PRINT_CSS + self.fonts.css(),
            extra_meta=_metadata(report, digest),
            screen=False,
        )
        fetcher = url_fetcher(self.fonts.folder_files())
        document = HTML(string=html, base_url=None, url_fetcher=fetcher)
        stamp = dt.datetime.combine(document_date(report), dt.time(), dt.UTC)
        attachment = Attachment(
            string=data,
            created=stamp,
            modified=stamp,
            name=ATTACHMENT_NAME,
            description="政府信息公开工作年度报告的数据（govdisclosure canonical JSON）",
            relationship="Data",
            url_fetcher=fetcher,
        )
        try:
            out.write(
                document.write_pdf(
                    font_config=font_config(),
                    pdf_variant=self.variant,
                    pdf_tags=True,
                    custom_metadata=True,
                    attachments=[attachment],
                    pdf_identifier=digest[:32].encode("ascii"),
                )
            )
        finally:
            # WeasyPrint leaves each document's font data in reference cycles (~70 MB).
            del document
            gc.collect()
            _return_freed_memory()


@functools.cache
def _malloc_trim() -> Any:
    """glibc's ``malloc_trim``, or None (another C library, another system)."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).malloc_trim  # the C library the process already uses
    except (OSError, AttributeError):  # musl has no malloc_trim
        return None


def _return_freed_memory() -> None:
    """Give the memory the document freed back to the system.  Without it glibc keeps the freed
    heap pages of the fonts' data, and a long batch's resident memory stepped up by 90 MB at some
    report and stayed there (bench/run.py's 100 PDFs: 178 MB, then 276 MB; with it, 165–171 MB)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


MAX_PDF_PAGES = 2000
"""A PDF with more pages than this is not read back (a report has tens)."""


def read_pdf_data(content: bytes, *, made_by: str | None = None) -> Embedded | None:
    """The attachment, stated hash and visible text of a PDF that carries govdisclosure data.

    Used by the PDF formats of govdisclosure and of plugins that embed the data the same way.
    ``None`` if ``content`` is not a PDF, or if it carries data but was made by another engine
    than ``made_by`` (a word of its /Producer or /Creator): ``verify`` then asks the next PDF
    format, so a file is compared with what its own engine renders.  The visible content is every line of every page, as
    pypdf extracts it, with runs of white space made one space.
    """
    if not content.startswith(b"%PDF"):
        return None
    if b"%%EOF" not in content[-4096:]:
        raise EmbeddedReadError("the file does not read as a PDF (it is truncated: no end-of-file marker)")
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(content))
        if len(reader.pages) > MAX_PDF_PAGES:
            raise EmbeddedReadError(f"the PDF has {len(reader.pages)} pages, more than a report holds")
        attachments = reader.attachments
        metadata: Mapping[str, Any] = reader.metadata or {}
        found = attachments.get(ATTACHMENT_NAME)
        visible = tuple(_page_lines(reader))
    except EmbeddedReadError:
        raise
    except (pypdf.errors.PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise EmbeddedReadError(f"the file does not read as a PDF ({type(exc).__name__}: {exc})") from None
    engine = f"{metadata.get('/Producer') or ''} {metadata.get('/Creator') or ''}"
    if made_by is not None and found and made_by not in engine:
        return None
    stated = metadata.get(f"/{HASH_KEY}")
    return Embedded(found[0] if found else None, str(stated) if stated else None, visible)


def _page_lines(reader: Any) -> Iterator[Visible]:
    for number, page in enumerate(reader.pages, start=1):
        lines = [" ".join(line.split()) for line in (page.extract_text() or "").splitlines()]
        for index, line in enumerate(filter(None, lines), start=1):
            yield Visible(f"page {number}, line {index}", line)


def _metadata(report: Report, digest: str) -> dict[str, str]:
    when = document_date(report).isoformat()
    title = title_of(report)
    description = f"{report.agency.name}{title}"
    if report.published_on:
        description += f"（{format_date(report.published_on)}）"
    return {
        "author": report.agency.name,
        "description": description,
        "keywords": f"政府信息公开, {report.year}, {report.edition.value}",
        "dcterms.created": when,
        "dcterms.modified": when,
        HASH_KEY: digest,
    }
