"""``govdisclosure schema`` and ``govdisclosure new``: the JSON Schema of the input, and a template to fill in."""

from __future__ import annotations

import argparse
import datetime as dt

from govdisclosure.cli.common import EXIT_OK, UsageError, write_text

__all__ = ["BUILTIN_EDITIONS", "register"]

BUILTIN_EDITIONS = ("national-2021", "national-2019-trial", "legacy-2008")
"""The built-in editions' values (a test keeps them equal to the registered ones), for --help without the model."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the input files",
        description="Print the JSON Schema (draft 2020-12) of a report file, for editors' completion and for "
        "tools in other languages.",
    )
    schema.add_argument("-o", "--output", help="write to this file instead of standard output")
    schema.add_argument("--force", action="store_true", help="replace an existing output file")
    schema.set_defaults(run=run_schema)

    last_year = dt.date.today().year - 1
    new = commands.add_parser(
        "new",
        help="write a commented input template with every table cell",
        description="Write a report template in YAML: every section and table cell of the edition, each with its "
        "official label as a comment, ready to fill in.",
    )
    new.add_argument(
        "--edition",
        required=True,
        metavar="EDITION",
        help="the report format: national-2021 (reports for 2021 on, 国办公开办函〔2021〕30号), "
        "national-2019-trial (2019–2020, the trial format), legacy-2008 (2008–2018, prose under the 2007 "
        "Regulations), or an edition a plugin adds",
    )
    new.add_argument("--agency", default="（机关名称）", help="the agency's name (default: a marker to replace)")
    new.add_argument("--year", type=int, default=last_year, help=f"the reporting year (default {last_year})")
    new.add_argument("-o", "--output", help="write to this file instead of standard output")
    new.add_argument("--force", action="store_true", help="replace an existing output file")
    new.set_defaults(run=run_new)


def run_schema(args: argparse.Namespace) -> int:
    import json

    from govdisclosure.serialization import json_schema

    write_text(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", args.output, force=args.force)
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    from govdisclosure.cli.common import load_plugins
    from govdisclosure.model import Edition
    from govdisclosure.scaffold import template

    load_plugins(args)  # an edition may come from a plugin
    try:
        edition = Edition(args.edition)
    except ValueError as exc:
        raise UsageError(f"--edition: {exc}") from None
    write_text(template(edition, agency=args.agency, year=args.year), args.output, force=args.force)
    return EXIT_OK
