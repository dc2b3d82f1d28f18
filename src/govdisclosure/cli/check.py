"""``govdisclosure check``: read report files and print a summary of each."""

from __future__ import annotations

import argparse

from govdisclosure.cli.common import EXIT_INPUT, EXIT_OK, load_each
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
    check.add_argument("files", nargs="+", metavar="FILE", help="a report in YAML or JSON")
    check.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    unusable: list[str] = []
    for index, _, report in load_each(args.files, unusable):
        if index:
            print()
        print("\n".join(summarize(report)))
    return EXIT_INPUT if unusable else EXIT_OK
