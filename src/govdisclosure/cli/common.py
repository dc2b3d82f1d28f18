"""What every command shares: exit codes, the usage error, text layout, loading files and plugins.

Heavy libraries and the model are imported inside the functions that need them, so that
``--help`` and argument errors stay fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govdisclosure.model import Report
    from govdisclosure.plugins import Plugins
    from govdisclosure.serialization import ReportLoadError
    from govdisclosure.validation import Acknowledgement

__all__ = [
    "EXIT_FAILED",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_TERMINATED",
    "UsageError",
    "acknowledgements",
    "load_each",
    "load_plugins",
    "load_report",
    "pad",
    "print_load_error",
    "table",
    "width",
    "write_text",
]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130
"""Stopped by Ctrl-C (SIGINT), as shells report it."""
EXIT_TERMINATED = 143
"""Stopped by SIGTERM (128 + 15), as shells report it."""


class UsageError(Exception):
    """A mistake in how the command was called or in what it was given."""


def width(text: str) -> int:
    """The width of ``text`` on a terminal: Chinese characters take two columns."""
    from govdisclosure.chinese import display_width  # not at import: --help stays light

    return display_width(text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    """Rows under a header, in columns as wide as their widest cell."""
    widths = [max(width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return ["  ".join(pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in [header, *rows]]


def print_load_error(exc: ReportLoadError) -> None:
    print("\n".join(exc.report_lines()), file=sys.stderr)


def load_report(name: str, plugins: Plugins | None = None, *, previous: Report | None = None) -> Report:
    """A report file, or a published page or Word file imported on the fly (govdisclosure's own files
    through their embedded data, read by ``plugins``' formats); ``previous`` is last year's report,
    for ``diff()`` fields.  Raises ``ReportLoadError``."""
    from govdisclosure.cli.import_ import embedded_reader
    from govdisclosure.importing import load_report as load_or_import

    reader = embedded_reader(plugins) if plugins is not None else None
    return load_or_import(name, embedded=reader, previous=previous)


def load_each(
    names: Sequence[str], unusable: list[str], plugins: Plugins | None = None
) -> Iterator[tuple[int, str, Report]]:
    """Each file that loads, with its position; the others are reported and added to ``unusable``."""
    from govdisclosure.serialization import ReportLoadError

    for index, name in enumerate(names):
        try:
            report = load_report(name, plugins)
        except ReportLoadError as exc:
            print_load_error(exc)
            unusable.append(name)
            continue
        yield index, name, report


def acknowledgements(path: str | None) -> tuple[Acknowledgement, ...]:
    from govdisclosure.validation import AcknowledgementsError, load_acknowledgements

    if path is None:
        return ()
    try:
        return load_acknowledgements(path)
    except AcknowledgementsError as exc:
        raise UsageError(str(exc)) from None


def load_plugins(args: argparse.Namespace, extra: Sequence[tuple[str, object]] = ()) -> Plugins:
    """The installation's plugins, minus the disabled ones, plus ``extra``; broken ones are reported, not fatal."""
    import warnings

    from govdisclosure.plugins import PluginError, PluginWarning, get_plugin_manager

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginWarning)  # printed below, once, in our own words
        try:
            disabled = args.disable_plugin or ()
            plugins = (
                get_plugin_manager(disabled=disabled, extra=extra) if extra else get_plugin_manager(disabled=disabled)
            )
        except PluginError as exc:
            raise UsageError(str(exc)) from None
    for problem in plugins.problems:
        print(f"govdisclosure: warning: {problem}", file=sys.stderr)
    return plugins


def write_text(text: str, output: str | None, *, force: bool = False) -> None:
    """``text`` to standard output, or whole to the file ``output`` (not over an existing one unless ``force``)."""
    from govdisclosure._files import write_atomic

    if output is None or output == "-":
        sys.stdout.write(text)
        return
    path = Path(output)
    if path.exists() and not force:
        raise UsageError(f"{path} exists already; pass --force to replace it")
    if not path.parent.is_dir():
        raise UsageError(f"cannot write {path}: the folder {path.parent} does not exist")
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    print(f"wrote {path}", file=sys.stderr)
