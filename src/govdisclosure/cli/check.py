"""``govdisclosure check``: read report files and print a summary of each."""

from __future__ import annotations

import argparse
from pathlib import Path

from govdisclosure.cli.common import EXIT_INPUT, EXIT_OK, load_each, load_plugins
from govdisclosure.cli.summary import summarize

__all__ = ["register", "run"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser(
        "check",
        help="read report files and print a summary of each",
        description="Read each FILE as a report and print a summary: who, the format, the tables' totals. "
        "A file with mistakes is listed with every mistake, its line and its path. "
        "Exit status: 0 every file reads, 2 a file cannot be read.",
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="a report in YAML or JSON, or a published .html/.docx")
    check.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from govdisclosure.importing import PUBLISHED_SUFFIXES

    unusable: list[str] = []
    published = any(Path(name).suffix.lower() in PUBLISHED_SUFFIXES for name in args.files)
    plugins = load_plugins(args) if published else None  # our own files are read from their embedded data
    for index, _, report in load_each(args.files, unusable, plugins):
        if index:
            print()
        print("\n".join(summarize(report)))
    return EXIT_INPUT if unusable else EXIT_OK
