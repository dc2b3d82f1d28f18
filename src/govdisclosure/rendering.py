"""Rendering a report in any registered format: the API other tools call.

>>> import govdisclosure
>>> report = govdisclosure.load("examples/huaian-city-2024.yaml")      # doctest: +SKIP
>>> html = govdisclosure.render(report, "html", profile="fragment")    # doctest: +SKIP
>>> govdisclosure.render_file(report, "out/huaian.json")               # doctest: +SKIP

Formats come from the plugins (:mod:`govdisclosure.plugins`); pass ``plugins=`` to
use a manager of your own, otherwise the installation's plugins are loaded once.
:class:`Renderer` holds the exporters of one run, built once with their options, and
:func:`write_output` is the one way a rendered file reaches the disk (whole or not at
all, never empty), for one file and for a batch (:mod:`govdisclosure.batch`) alike.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Collection
from pathlib import Path
from typing import Any

import attrs

from govdisclosure import fields
from govdisclosure._files import write_atomic
from govdisclosure._guard import is_plugin_fault, plugin_output
from govdisclosure.exporters import Availability, Exporter, ExporterOption
from govdisclosure.model import Report
from govdisclosure.plugins import Plugins, default_plugins

__all__ = [
    "ExportError",
    "ExporterOption",
    "FieldsUnresolvedError",
    "FormatInfo",
    "FormatUnavailableError",
    "RenderError",
    "Renderer",
    "UnknownFormatError",
    "export_bytes",
    "exporter_for",
    "exporter_options",
    "formats",
    "render",
    "render_file",
    "write_output",
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
    fonts: tuple[tuple[str, str], ...] = ()
    """For a format that embeds fonts: (role, the face it got here), e.g. ("body", "Noto Serif CJK SC")."""


def _plugins(plugins: Plugins | None) -> Plugins:
    return plugins if plugins is not None else default_plugins()


def _availability(cls: type[Exporter]) -> Availability:
    """Whether the format can run here: a plugin's check that fails makes it unavailable, not us broken."""
    try:
        with plugin_output():
            return cls.availability()
    except BaseException as exc:
        if not is_plugin_fault(exc):
            raise
        return Availability(False, f"its availability check raised {type(exc).__name__}: {exc}", None)


def formats(*, plugins: Plugins | None = None, names: Collection[str] | None = None) -> tuple[FormatInfo, ...]:
    """Every registered format (or those of ``names``), with whether it can run here and, if not, why.

    A format's check can cost (the PDF's asks fontconfig for each typeface: 0.2 s), so a
    render asks only about the formats it writes."""
    out = []
    for entry in _plugins(plugins).exporters.entries():
        cls = entry.exporter
        if names is not None and cls.name not in names:
            continue
        availability = _availability(cls)
        available, reason, hint = availability.available, availability.reason, availability.hint
        fonts: tuple[tuple[str, str], ...] = ()
        faces = getattr(cls, "font_roles", None)
        if available and callable(faces):
            try:
                fonts = tuple(faces())
            except Exception:  # noqa: BLE001 - listing formats never fails because of a font lookup
                fonts = ()
        out.append(
            FormatInfo(
                cls.name, cls.suffix, cls.media_type, cls.description, entry.plugin, available, reason, hint, fonts
            )
        )
    return tuple(out)


def exporter_options(*, plugins: Plugins | None = None) -> dict[str, tuple[ExporterOption, ...]]:
    """Every registered format's options with their defaults: format name → options, in order.

    >>> exporter_options()["html"]                            # doctest: +SKIP
    (ExporterOption(name='profile', default='standalone', type='str', required=False),)
    """
    return {entry.exporter.name: entry.exporter.options() for entry in _plugins(plugins).exporters.entries()}


def _check_option_names(cls: type[Exporter], options: dict[str, Any]) -> None:
    """An option the exporter does not take is an error naming the valid ones, with a did-you-mean."""
    if cls.accepts_any_option():
        return
    valid = {option.name: option for option in cls.options()}
    for name in options:
        if name in valid:
            continue
        close = difflib.get_close_matches(name, list(valid), n=1, cutoff=0.6)
        guess = f" (did you mean {cls.name}.{close[0]}?)" if close else ""
        listed = ", ".join(f"{cls.name}.{o.name} (default {o.shown_default})" for o in valid.values()) or "none"
        raise RenderError(f"the {cls.name} format has no option {name!r}{guess}; its options: {listed}")


def exporter_for(name: str, *, plugins: Plugins | None = None, **options: Any) -> Exporter:
    """An exporter of format ``name`` with ``options``, ready to use."""
    registered = _plugins(plugins).exporter(name)
    if registered is None:
        known = ", ".join(_plugins(plugins).exporters.names()) or "none"
        raise UnknownFormatError(f"no format named {name!r}; the installed formats are {known}")
    cls = registered.exporter
    availability = _availability(cls)
    if not availability.available:
        hint = f" ({availability.hint})" if availability.hint else ""
        raise FormatUnavailableError(f"the {name} format cannot run here: {availability.reason}{hint}")
    _check_option_names(cls, options)
    try:
        return cls(**options)
    except (TypeError, ValueError) as exc:
        raise RenderError(f"bad options for the {name} format: {exc}") from None


class FieldsUnresolvedError(RenderError):
    """The report's prose has fields that cannot be resolved (:class:`govdisclosure.fields.FieldsError`)."""


def export_bytes(exporter: Exporter, report: Report, plugin: str) -> bytes:
    """Run one exporter in memory on the report as printed; any failure becomes an :class:`ExportError`.

    The report's fields are worked out here (:func:`govdisclosure.fields.for_printing`), so
    every exporter prints the same figures, also for a report changed or built in Python.
    """
    try:
        report = fields.for_printing(report)
    except fields.FieldsError as exc:
        raise FieldsUnresolvedError(f"the report's fields cannot be resolved:\n{exc}") from None
    buffer = io.BytesIO()
    try:
        with plugin_output():
            exporter.export(report, buffer)
    except RenderError:
        raise
    except BaseException as exc:
        if not is_plugin_fault(exc):
            raise
        raise ExportError(
            f"the {exporter.name} exporter (plugin {plugin}) failed: {type(exc).__name__}: {exc}"
        ) from exc
    return buffer.getvalue()


def render(report: Report, format: str = "html", *, plugins: Plugins | None = None, **options: Any) -> bytes:  # noqa: A002
    """The report as the bytes of a file in ``format``."""
    exporter = exporter_for(format, plugins=plugins, **options)
    registered = _plugins(plugins).exporter(format)
    return export_bytes(exporter, report, registered.plugin if registered else "?")


def write_output(path: Path, data: bytes, *, what: str, staging: str | Path | None = None) -> None:
    """Write a rendered file whole or not at all; an exporter that produced nothing is an error.

    ``what`` names the exporter and its plugin for the message; ``staging`` is a folder on
    the same file system where the file is written before it is renamed into place.
    """
    if not data:
        raise ExportError(f"{what} wrote nothing")
    write_atomic(path, data, staging=staging)


class Renderer:
    """The exporters of one run, each built once with its options.

    Raises :class:`RenderError` for an unknown or unavailable format, bad options, or two
    formats that would write the same file name (naming both plugins).
    """

    def __init__(self, formats: tuple[str, ...], options: dict[str, dict[str, Any]], *, plugins: Plugins) -> None:
        self.plugins = plugins
        self.exporters: dict[str, tuple[Exporter, str]] = {}
        for name in formats:
            registered = plugins.exporter(name)
            exporter = exporter_for(name, plugins=plugins, **options.get(name, {}))
            self.exporters[name] = (exporter, registered.plugin if registered else "?")
        suffixes: dict[str, str] = {}
        for name, (exporter, plugin) in self.exporters.items():
            other = suffixes.get(exporter.suffix.lower())
            if other is not None:
                raise RenderError(
                    f"the formats {other} (plugin {self.exporters[other][1]}) and {name} (plugin {plugin}) "
                    f"would both write <name>{exporter.suffix}; choose one of them with --to"
                )
            suffixes[exporter.suffix.lower()] = name

    def warm(self) -> None:
        """Load what every export needs (templates, fonts) before worker processes are forked."""
        for exporter, _ in self.exporters.values():
            exporter.warm()

    def targets(self, stem: str, folder: Path) -> dict[str, Path]:
        """The file each format writes for an input named ``stem``."""
        return {name: folder / (stem + exporter.suffix) for name, (exporter, _) in self.exporters.items()}


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
        for entry in _plugins(plugins).exporters.entries():  # the first registered (a built-in) owns its suffix
            by_suffix.setdefault(entry.exporter.suffix, entry.exporter.name)
        format = by_suffix.get(path.suffix.lower())  # noqa: A001
        if format is None:
            raise UnknownFormatError(f"no format writes {path.suffix or 'files without a suffix'}; pass format=")
    data = render(report, format, plugins=plugins, **options)
    path.parent.mkdir(parents=True, exist_ok=True)
    registered = _plugins(plugins).exporter(format)
    write_output(path, data, what=f"the {format} exporter (plugin {registered.plugin if registered else '?'})")
    return path
