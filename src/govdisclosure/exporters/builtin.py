"""The built-in formats as plugins, each registering its exporter through the hook a third-party
package implements (``register_exporters``).

The exporter's module is imported when the registry asks for it, not when the plugin is
loaded: ``validate`` and ``check`` load every plugin but render nothing, and need neither the
page layout nor the Word, web-page and font code.
"""

from __future__ import annotations

import importlib

from govdisclosure.exporters import ExporterRegistry
from govdisclosure.hookspecs import hookimpl

__all__ = ["DOCX", "HTML", "JSON", "PDF", "BuiltinFormat"]


class BuiltinFormat:
    """The plugin of one built-in format: the exporter class ``exporter`` of module ``module``."""

    def __init__(self, module: str, exporter: str) -> None:
        self.module, self.exporter = module, exporter

    def __repr__(self) -> str:
        return f"<built-in format {self.module}.{self.exporter}>"

    @hookimpl
    def register_exporters(self, registry: ExporterRegistry) -> None:
        registry.add(getattr(importlib.import_module(self.module), self.exporter))


JSON = BuiltinFormat("govdisclosure.exporters.json_exporter", "JsonExporter")
HTML = BuiltinFormat("govdisclosure.exporters.html_exporter", "HtmlExporter")
DOCX = BuiltinFormat("govdisclosure.exporters.docx_exporter", "DocxExporter")
PDF = BuiltinFormat("govdisclosure.exporters.pdf_exporter", "PdfExporter")
