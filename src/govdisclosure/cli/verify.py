"""``govdisclosure verify``: does a published file match the report data embedded in it?"""

from __future__ import annotations

import argparse
import sys

from govdisclosure.cli.common import EXIT_FAILED, EXIT_INPUT, EXIT_OK, load_plugins, print_load_error
from govdisclosure.cli.summary import summarize

__all__ = ["register", "run"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    verify = commands.add_parser(
        "verify",
        help="check that a published file (PDF, DOCX, a plugin's format) matches the report data embedded in it",
        description="Extract the report data a file exported by govdisclosure carries (PDF, DOCX, or a plugin's "
        "format that embeds it), check its SHA-256 and that the visible tables show its numbers, and print its "
        "summary. Exit status: 0 verified, 1 not verified (tampered or foreign), 2 unusable input.",
    )
    verify.add_argument("files", nargs="+", metavar="FILE", help="a file exported by govdisclosure")
    verify.add_argument("--against", metavar="REPORT", help="also check that the data is this filed report (YAML/JSON)")
    verify.set_defaults(run=run)


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
        if result.foreign:
            verdict = "NOT VERIFIED: a foreign file (no govdisclosure data in it)"
        elif result.ok:
            verdict = "verified"
        else:
            verdict = "NOT VERIFIED: the file does not match its data (modified after export?)"
        print(f"{name} ({result.kind}): {verdict}")
        for check, passed in result.checks:
            print(f"  {'ok  ' if passed else 'FAIL'} {check}")
        if result.sha256:
            print(f"  sha256 {result.sha256}")
        if result.report is not None:
            print("\n".join("  " + line for line in summarize(result.report)))
        if not result.ok:
            status = max(status, EXIT_FAILED)
    return status
