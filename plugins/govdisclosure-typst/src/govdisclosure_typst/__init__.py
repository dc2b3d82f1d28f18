"""govdisclosure-typst: the archival PDF of a report, typeset by Typst.

A separately installed plugin, found by govdisclosure through the entry point
``typst = "govdisclosure_typst"`` of the group ``govdisclosure``.  It registers the format
``pdf-typst`` (suffix ``.pdf``), a second engine beside the built-in WeasyPrint ``pdf``,
several times faster (docs/performance.md), with the same promises:

- the official layout (A4, margins 37/35/28/26 mm, 28 characters × 22 lines, 小标宋/仿宋/
  黑体/楷体 by role with free Debian faces after them, page numbers "— 1 —" on the outer
  side, tables with the official merged headers repeated across pages, the signature kept
  together), all drawn from :mod:`govdisclosure.layout`;
- PDF/A-3b, tagged, ``/Lang zh-CN``, title, author, subject, keywords and dates from the
  report; fonts embedded and subset; a character no face has refused by code point and path;
- the canonical JSON attached as :data:`govdisclosure.verify.ATTACHMENT_NAME` with its SHA-256
  under :data:`govdisclosure.verify.HASH_KEY`, so ``govdisclosure verify`` checks the file;
- nothing fetched: only installed fonts, no Typst packages, and the report's text is data
  that the one template shows as text (never markup or code);
- the same report gives the same bytes.

Both engines write ``<name>.pdf``, so one render chooses one of them: ``--to pdf`` or
``--to pdf-typst``.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from typing import Any, BinaryIO

from govdisclosure import Availability, Exporter, ExporterRegistry, Report, hookimpl

__all__ = ["MissingGlyphError", "TypstPdfExporter", "register_exporters"]

_VARIANTS = {"pdf/a-3b": ["a-3b"], "pdf/a-3u": ["a-3u"], "none": []}


class MissingGlyphError(ValueError):
    """A character of the report has no glyph in the PDF's fonts."""


class TypstPdfExporter(Exporter):
    """PDF/A-3b typeset by Typst, with the report's data attached."""

    name = "pdf-typst"
    suffix = ".pdf"
    media_type = "application/pdf"
    description = "archival PDF (PDF/A-3b, tagged) typeset by Typst: the pdf format's promises, several times faster"

    def __init__(self, *, variant: str = "pdf/a-3b") -> None:
        if variant not in _VARIANTS:
            raise ValueError(f"variant must be {', '.join(_VARIANTS)}, not {variant!r}")
        self.variant = variant

    @classmethod
    def availability(cls) -> Availability:
        if importlib.util.find_spec("typst") is None:
            return Availability(False, "the Python package typst is not installed", "pip install typst")
        if importlib.util.find_spec("fontTools") is None:
            return Availability(False, "the Python package fonttools is not installed", "pip install fonttools")
        from govdisclosure_typst._fonts import installed_stacks

        try:
            stacks = installed_stacks()
        except Exception as exc:  # noqa: BLE001 - a font book that cannot be read makes the format unavailable
            return Availability(False, f"Typst cannot read the installed fonts ({exc})", None)
        if not stacks:
            return Availability(
                False,
                "no Chinese font is installed (Typst finds none of the body faces: 仿宋, Noto Serif CJK SC)",
                "apt-get install fonts-noto-cjk",
            )
        return Availability.ok()

    def warm(self) -> None:
        # Fonts and their character maps only: compiling here would start Typst's thread pool
        # in the process the batch's workers are forked from (see _engine).
        from govdisclosure_typst._fonts import _coverage

        _coverage()

    @classmethod
    def read_embedded(cls, content: bytes) -> Any:
        """The data a file of this format carries: read by the built-in PDF's reader, since both
        engines attach it and state its hash the same way (for ``govdisclosure verify``)."""
        from govdisclosure.exporters.pdf_exporter import read_pdf_data

        return read_pdf_data(content, made_by="Typst")

    @classmethod
    def read_data(cls, content: bytes) -> bytes | None:
        """Only the attached data (a render checks its outputs with it): the built-in PDF's reader,
        which does not extract the pages' text as :meth:`read_embedded` must, and reads Typst's
        plainly written objects without pypdf."""
        from govdisclosure.exporters.pdf_exporter import PdfExporter

        return PdfExporter.read_data(content)

    def export(self, report: Report, out: BinaryIO) -> None:
        # Imported here, not with the plugin: `check` and `validate` load every plugin and
        # should not pay for the layout, the fonts and Typst.
        from govdisclosure.exporters.pdf_exporter import ATTACHMENT_NAME, HASH_KEY
        from govdisclosure_typst._document import publication_date, template_inputs
        from govdisclosure_typst._engine import add_info_key, compile_pdf
        from govdisclosure_typst._fonts import check_glyphs, installed_stacks

        check_glyphs(report)
        inputs, digest = template_inputs(report, installed_stacks(), ATTACHMENT_NAME)
        when = publication_date(report)
        stamp = dt.datetime(when.year, when.month, when.day, tzinfo=dt.UTC)
        pdf = compile_pdf(inputs, _VARIANTS[self.variant], stamp)
        out.write(add_info_key(pdf, HASH_KEY, digest))


@hookimpl
def register_exporters(registry: ExporterRegistry) -> None:
    registry.add(TypstPdfExporter)
