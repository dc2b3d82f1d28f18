"""govdisclosure-xlsx: the statistical tables of a report as an Excel workbook.

A separately installed plugin, found by govdisclosure through the entry point
``xlsx = "govdisclosure_xlsx"`` of the group ``govdisclosure``.  It uses only the
public API (``govdisclosure.__all__``): the exporter contract, the hook marker and the
table layouts.  Like the built-in PDF and DOCX it embeds the report's canonical JSON (a
package part) with its SHA-256 (the workbook's identifier) and reads them back, so
``govdisclosure verify book.xlsx`` checks a workbook too.
"""

from __future__ import annotations

import importlib.util
from typing import BinaryIO

from govdisclosure import Availability, Embedded, Exporter, ExporterRegistry, Report, hookimpl

__all__ = ["XlsxExporter", "register_exporters"]


class XlsxExporter(Exporter):
    """Tables 2, 3 and 4, one sheet each, with the official merged header cells."""

    name = "xlsx"
    suffix = ".xlsx"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    description = "the statistical tables as an Excel workbook with the official merged headers"

    @classmethod
    def availability(cls) -> Availability:
        if importlib.util.find_spec("openpyxl") is None:
            return Availability(False, "the Python package openpyxl is not installed", "pip install openpyxl")
        return Availability.ok()

    def export(self, report: Report, out: BinaryIO) -> None:
        from govdisclosure_xlsx._workbook import write_workbook

        write_workbook(report, out)

    @classmethod
    def read_embedded(cls, content: bytes) -> Embedded | None:
        """The embedded JSON, its stated SHA-256 and the sheets' rows; ``None`` for a file that is no workbook."""
        from govdisclosure_xlsx._workbook import read_workbook

        return read_workbook(content)


@hookimpl
def register_exporters(registry: ExporterRegistry) -> None:
    registry.add(XlsxExporter)
