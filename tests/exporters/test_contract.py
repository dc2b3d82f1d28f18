"""The built-in exporters pass the same contract a plugin author runs."""

from __future__ import annotations

from typing import Any, ClassVar

from govdisclosure.exporters.html_exporter import HtmlExporter
from govdisclosure.exporters.json_exporter import JsonExporter
from govdisclosure.testing import ExporterContract


class TestJsonContract(ExporterContract):
    exporter_class = JsonExporter


class TestHtmlContract(ExporterContract):
    exporter_class = HtmlExporter


class TestHtmlFragmentContract(ExporterContract):
    exporter_class = HtmlExporter
    options: ClassVar[dict[str, Any]] = {"profile": "fragment"}
