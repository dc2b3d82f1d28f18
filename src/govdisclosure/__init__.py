"""govdisclosure: model, check and render 政府信息公开工作年度报告.

The public API is re-exported here; everything else is internal.  Names are imported on
first use (PEP 562), so ``import govdisclosure`` stays cheap for tools that only need part
of it, and the command line starts fast.

>>> import govdisclosure
>>> report = govdisclosure.load("examples/harbin-qts-2011.yaml")  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from govdisclosure import _codecache

# The code attrs and cattrs generate for the package's classes is compiled once and kept
# beside the .pyc files (see _codecache); this must run before any class is defined.
_codecache.install()

if TYPE_CHECKING:
    from govdisclosure.api import validate
    from govdisclosure.editions import EditionSpec, document_date, spec_for, title_of
    from govdisclosure.exporters import (
        Availability,
        Embedded,
        EmbeddedReadError,
        Exporter,
        ExporterRegistry,
        Visible,
        embedded_data,
        reproducible_zip,
    )
    from govdisclosure.hookspecs import hookimpl
    from govdisclosure.importing import ImportFailure, ImportResult, import_report
    from govdisclosure.layout import Cell, Grid, OutlineEntry, grid_positions, outline, printed_texts, tables
    from govdisclosure.model import Edition, Report
    from govdisclosure.plugins import Plugins, default_plugins, get_plugin_manager
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
    from govdisclosure.validation import Finding, Severity, ValidationResult
    from govdisclosure.verify import Verdict, Verification, verify_file

_EXPORTS = {
    "validate": "govdisclosure.api",
    "EditionSpec": "govdisclosure.editions",
    "document_date": "govdisclosure.editions",
    "spec_for": "govdisclosure.editions",
    "title_of": "govdisclosure.editions",
    "Availability": "govdisclosure.exporters",
    "Embedded": "govdisclosure.exporters",
    "EmbeddedReadError": "govdisclosure.exporters",
    "Exporter": "govdisclosure.exporters",
    "ExporterRegistry": "govdisclosure.exporters",
    "Visible": "govdisclosure.exporters",
    "embedded_data": "govdisclosure.exporters",
    "reproducible_zip": "govdisclosure.exporters",
    "hookimpl": "govdisclosure.hookspecs",
    "Grid": "govdisclosure.layout",
    "Cell": "govdisclosure.layout",
    "OutlineEntry": "govdisclosure.layout",
    "grid_positions": "govdisclosure.layout",
    "outline": "govdisclosure.layout",
    "printed_texts": "govdisclosure.layout",
    "tables": "govdisclosure.layout",
    "Plugins": "govdisclosure.plugins",
    "default_plugins": "govdisclosure.plugins",
    "get_plugin_manager": "govdisclosure.plugins",
    "Finding": "govdisclosure.validation",
    "Severity": "govdisclosure.validation",
    "ValidationResult": "govdisclosure.validation",
    "Verdict": "govdisclosure.verify",
    "Verification": "govdisclosure.verify",
    "verify_file": "govdisclosure.verify",
    "ImportFailure": "govdisclosure.importing",
    "ImportResult": "govdisclosure.importing",
    "import_report": "govdisclosure.importing",
    "Edition": "govdisclosure.model",
    "Report": "govdisclosure.model",
    "ExportError": "govdisclosure.rendering",
    "FormatInfo": "govdisclosure.rendering",
    "FormatUnavailableError": "govdisclosure.rendering",
    "RenderError": "govdisclosure.rendering",
    "UnknownFormatError": "govdisclosure.rendering",
    "exporter_for": "govdisclosure.rendering",
    "formats": "govdisclosure.rendering",
    "render": "govdisclosure.rendering",
    "render_file": "govdisclosure.rendering",
    "LoadProblem": "govdisclosure.serialization",
    "ReportLoadError": "govdisclosure.serialization",
    "dumps_json": "govdisclosure.serialization",
    "from_data": "govdisclosure.serialization",
    "json_schema": "govdisclosure.serialization",
    "load": "govdisclosure.serialization",
    "loads": "govdisclosure.serialization",
    "to_data": "govdisclosure.serialization",
}

__all__ = [
    "Availability",
    "Cell",
    "Edition",
    "EditionSpec",
    "Embedded",
    "EmbeddedReadError",
    "ExportError",
    "Exporter",
    "ExporterRegistry",
    "Finding",
    "FormatInfo",
    "FormatUnavailableError",
    "Grid",
    "ImportFailure",
    "ImportResult",
    "LoadProblem",
    "OutlineEntry",
    "Plugins",
    "RenderError",
    "Report",
    "ReportLoadError",
    "Severity",
    "UnknownFormatError",
    "ValidationResult",
    "Verdict",
    "Verification",
    "Visible",
    "__version__",
    "default_plugins",
    "document_date",
    "dumps_json",
    "embedded_data",
    "exporter_for",
    "formats",
    "from_data",
    "get_plugin_manager",
    "grid_positions",
    "hookimpl",
    "import_report",
    "json_schema",
    "load",
    "loads",
    "outline",
    "printed_texts",
    "render",
    "render_file",
    "reproducible_zip",
    "spec_for",
    "tables",
    "title_of",
    "to_data",
    "validate",
    "verify_file",
]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("govdisclosure")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value: Any = _version()
    elif name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
    else:
        raise AttributeError(f"module 'govdisclosure' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
