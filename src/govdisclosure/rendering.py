"""Rendering a report in any registered format: the API other tools call.

>>> import govdisclosure
>>> report = govdisclosure.load("examples/huaian-city-2024.yaml")      # doctest: +SKIP
>>> html = govdisclosure.render(report, "html", profile="fragment")    # doctest: +SKIP
>>> govdisclosure.render_file(report, "out/huaian.json")               # doctest: +SKIP

Formats come from the plugins (:mod:`govdisclosure.plugins`); pass ``plugins=`` to
use a manager of your own, otherwise the installation's plugins are loaded once.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any

import attrs

from govdisclosure._files import write_atomic
from govdisclosure.exporters import Exporter
from govdisclosure.model import Report
from govdisclosure.plugins import Plugins, get_plugins

__all__ = [
    "ExportError",
    "FormatInfo",
    "FormatUnavailableError",
    "RenderError",
    "UnknownFormatError",
    "default_plugins",
    "export_bytes",
    "exporter_for",
    "formats",
    "render",
    "render_file",
]


class RenderError(Exception):
    """A report could not be rendered in a format."""


class UnknownFormatError(RenderError, KeyError):
    """No plugin provides the format."""

    def __str__(self) -> str:
        return str(self.args[0])


class FormatUnavailableError(RenderError):
    """The format is registered, but cannot run here (a dependency or a font is missing)."""


class ExportError(RenderError):
    """The exporter failed; the message names the format, its plugin and the error."""


@attrs.frozen
class FormatInfo:
    """A format as ``govdisclosure formats`` lists it."""

    name: str
    suffix: str
    media_type: str
    description: str
    plugin: str
    available: bool
    reason: str | None
    hint: str | None


@functools.cache
def default_plugins() -> Plugins:
    """This installation's plugins, loaded once per process."""
    return get_plugins()


def _plugins(plugins: Plugins | None) -> Plugins:
    return plugins if plugins is not None else default_plugins()


def formats(*, plugins: Plugins | None = None) -> tuple[FormatInfo, ...]:
    """Every registered format, with whether it can run here and, if not, why."""
    out = []
    for entry in _plugins(plugins).exporters.entries():
        cls = entry.exporter
        try:
            availability = cls.availability()
            available, reason, hint = availability.available, availability.reason, availability.hint
        except Exception as exc:  # noqa: BLE001 - a plugin's broken check makes its format unavailable, not us
            available, reason, hint = False, f"its availability check raised {type(exc).__name__}: {exc}", None
        out.append(
            FormatInfo(cls.name, cls.suffix, cls.media_type, cls.description, entry.plugin, available, reason, hint)
        )
    return tuple(out)


def exporter_for(name: str, *, plugins: Plugins | None = None, **options: Any) -> Exporter:
    """An exporter of format ``name`` with ``options``, ready to use."""
    registered = _plugins(plugins).exporter(name)
    if registered is None:
        known = ", ".join(_plugins(plugins).exporters.names()) or "none"
        raise UnknownFormatError(f"no format named {name!r}; the installed formats are {known}")
    cls = registered.exporter
    availability = cls.availability()
    if not availability.available:
        hint = f" ({availability.hint})" if availability.hint else ""
        raise FormatUnavailableError(f"the {name} format cannot run here: {availability.reason}{hint}")
    try:
        return cls(**options)
    except (TypeError, ValueError) as exc:
        raise RenderError(f"bad options for the {name} format: {exc}") from None


def export_bytes(exporter: Exporter, report: Report, plugin: str) -> bytes:
    """Run one exporter in memory; any failure becomes an :class:`ExportError` naming the plugin."""
    buffer = io.BytesIO()
    try:
        exporter.export(report, buffer)
    except RenderError:
        raise
    except Exception as exc:
        raise ExportError(
            f"the {exporter.name} exporter (plugin {plugin}) failed: {type(exc).__name__}: {exc}"
        ) from exc
    return buffer.getvalue()


def render(report: Report, format: str = "html", *, plugins: Plugins | None = None, **options: Any) -> bytes:  # noqa: A002
    """The report as the bytes of a file in ``format``."""
    exporter = exporter_for(format, plugins=plugins, **options)
    registered = _plugins(plugins).exporter(format)
    return export_bytes(exporter, report, registered.plugin if registered else "?")


def render_file(
    report: Report,
    path: str | Path,
    format: str | None = None,  # noqa: A002
    *,
    plugins: Plugins | None = None,
    **options: Any,
) -> Path:
    """Write the report to ``path``, in ``format`` or the one its suffix names.

    The file appears whole or not at all: it is written to a temporary file and renamed.
    Missing parent folders are created.
    """
    path = Path(path)
    if format is None:
        by_suffix: dict[str, str] = {}
        for info in formats(plugins=plugins):  # the first registered (a built-in) owns its suffix
            by_suffix.setdefault(info.suffix, info.name)
        format = by_suffix.get(path.suffix.lower())  # noqa: A001
        if format is None:
            raise UnknownFormatError(f"no format writes {path.suffix or 'files without a suffix'}; pass format=")
    data = render(report, format, plugins=plugins, **options)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)
    return path
