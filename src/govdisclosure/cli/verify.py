"""``govdisclosure verify``: does a published file match the report data embedded in it?"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from govdisclosure.cli.common import EXIT_FAILED, EXIT_INPUT, EXIT_OK, load_plugins, print_load_error
from govdisclosure.cli.summary import summarize

if TYPE_CHECKING:
    from govdisclosure.verify import Verification

__all__ = ["register", "run", "verdict"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    verify = commands.add_parser(
        "verify",
        help="check that a published file (PDF, DOCX, a plugin's format) matches the report data embedded in it",
        description="Extract the report data a file exported by govdisclosure carries (PDF, DOCX, or a plugin's "
        "format that embeds it), check its SHA-256, render the data again and compare the visible document with it paragraph by "
        "paragraph and cell by cell, and print its summary. The verdict says which of these failed: a foreign file, "
        "changed embedded data, a visible document changed after export (naming the first place), or a different "
        "report than --against. Exit status: 0 verified, 1 not verified (tampered or foreign), 2 unusable input.",
    )
    verify.add_argument("files", nargs="+", metavar="FILE", help="a file exported by govdisclosure")
    verify.add_argument("--against", metavar="REPORT", help="also check that the data is this filed report (YAML/JSON)")
    verify.set_defaults(run=run)


def verdict(result: Verification) -> str:
    """The verdict in words an auditor cannot misread: which of the ways a file can fail, and where."""
    from govdisclosure.verify import Verdict

    found = result.verdict
    if result.ok:
        return "verified"
    if found is Verdict.FOREIGN:
        return "NOT VERIFIED: a foreign file (it carries no govdisclosure data; govdisclosure did not export it)"
    if found is Verdict.DATA_CHANGED:
        return "NOT VERIFIED: the embedded data was changed (its SHA-256 is not the one the file states)"
    if found is Verdict.NOT_A_REPORT:
        return "NOT VERIFIED: the embedded data does not read as a report"
    if found is Verdict.VISIBLE_CHANGED:
        return f"NOT VERIFIED: the visible document was changed after export (at {result.difference})"
    if found is Verdict.NOT_COMPARED:
        return "NOT VERIFIED: the visible document could not be compared with its data (see below)"
    if found is Verdict.OTHER_REPORT:
        return (
            "NOT VERIFIED: the file is a different report than --against "
            "(the file itself is intact: its data, hash and visible document agree)"
        )
    return "NOT VERIFIED: the file cannot be read (see below)"


def run(args: argparse.Namespace) -> int:
    from govdisclosure.serialization import ReportLoadError, load
    from govdisclosure.verify import verify_file

    against = None
    if args.against:
        try:
            against = load(args.against)
        except ReportLoadError as exc:
            print_load_error(exc)
            return EXIT_INPUT
    plugins = load_plugins(args)
    status = EXIT_OK
    for index, name in enumerate(args.files):
        try:
            result = verify_file(name, against, plugins=plugins)
        except OSError as exc:
            print(f"govdisclosure: {name}: cannot read the file: {exc.strerror or exc}", file=sys.stderr)
            status = EXIT_INPUT
            continue
        if index:
            print()
        print(f"{name} ({result.kind}): {verdict(result)}")
        for check, passed in result.checks:
            print(f"  {'ok  ' if passed else 'FAIL'} {check}")
        if result.sha256:
            print(f"  sha256 {result.sha256}")
        if result.report is not None:
            print("\n".join("  " + line for line in summarize(result.report)))
        if not result.ok:
            status = max(status, EXIT_FAILED)
    return status
