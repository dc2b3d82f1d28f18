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

if TYPE_CHECKING:
    from govdisclosure.exporters import Availability, Exporter, ExporterRegistry
    from govdisclosure.hookspecs import hookimpl
    from govdisclosure.importing import ImportFailure, ImportResult, import_report
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

_EXPORTS = {
    "Availability": "govdisclosure.exporters",
    "Exporter": "govdisclosure.exporters",
    "ExporterRegistry": "govdisclosure.exporters",
    "hookimpl": "govdisclosure.hookspecs",
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
    "Edition",
    "ExportError",
    "Exporter",
    "ExporterRegistry",
    "FormatInfo",
    "FormatUnavailableError",
    "ImportFailure",
    "ImportResult",
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
    "import_report",
    "json_schema",
    "load",
    "loads",
    "render",
    "render_file",
    "to_data",
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
