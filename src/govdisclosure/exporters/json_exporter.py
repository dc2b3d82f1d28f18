"""The JSON exporter: the canonical, versioned JSON of a report.

It is the same JSON the loader reads (:func:`govdisclosure.serialization.dumps_json`):
it states its edition and ``schema_version``, keeps the model's key order, writes
Chinese as UTF-8 and amounts exactly, and reads back to an equal report.
"""

from __future__ import annotations

from typing import BinaryIO

from govdisclosure.exporters import Exporter
from govdisclosure.model import Report
from govdisclosure.serialization import dumps_json

__all__ = ["JsonExporter"]


class JsonExporter(Exporter):
    name = "json"
    suffix = ".json"
    media_type = "application/json"
    description = "canonical JSON of the report: the input format, versioned, for other tools"

    def export(self, report: Report, out: BinaryIO) -> None:
        out.write(dumps_json(report).encode("utf-8"))
