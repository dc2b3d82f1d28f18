"""govdisclosure: model, check and render 政府信息公开工作年度报告.

The public API is re-exported here; everything else is internal.

>>> import govdisclosure
>>> report = govdisclosure.load("examples/harbin-qts-2011.yaml")  # doctest: +SKIP
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from govdisclosure.exporters import Availability, Exporter, ExporterRegistry
from govdisclosure.hookspecs import hookimpl
from govdisclosure.model import Edition, Report
from govdisclosure.rendering import (
    ExportError,
    FormatInfo,
    FormatUnavailableError,
    RenderError,
    UnknownFormatError,
    exporter_for,
    formats,
    render,
    render_file,
)
from govdisclosure.serialization import (
    LoadProblem,
    ReportLoadError,
    dumps_json,
    from_data,
    json_schema,
    load,
    loads,
    to_data,
)

try:
    __version__ = version("govdisclosure")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
    __version__ = "0+unknown"

__all__ = [
    "Availability",
    "Edition",
    "ExportError",
    "Exporter",
    "ExporterRegistry",
    "FormatInfo",
    "FormatUnavailableError",
    "LoadProblem",
    "RenderError",
    "Report",
    "ReportLoadError",
    "UnknownFormatError",
    "__version__",
    "dumps_json",
    "exporter_for",
    "formats",
    "from_data",
    "hookimpl",
    "json_schema",
    "load",
    "loads",
    "render",
    "render_file",
    "to_data",
]
