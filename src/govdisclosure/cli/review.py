"""The ``review`` command: a 问题清单 per unit and a summary of the batch, for a supervising office."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import sys
from pathlib import Path

from govdisclosure.cli.aggregate import coverage_lines, load_acknowledgements_arg, load_reports, load_roster_arg
from govdisclosure.cli.common import EXIT_FAILED, EXIT_OK, UsageError, load_plugins

__all__ = ["register", "run"]

_NEEDS = (("docx", "python-docx"), ("openpyxl", "openpyxl"), ("matplotlib", "matplotlib"))


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "review",
        help="write a 问题清单 per unit and a summary of the batch (DOCX, XLSX, HTML)",
        description="Validate the unit reports FILES and write into DIR: per unit a 问题清单 (units/NNN-<unit>-问题清单"
        ".docx and .xlsx: every finding with its table, row and column as printed in the official template, the "
        "arithmetic and the message), and 审核汇总表.xlsx/.html (a row per unit: status, errors, warnings, key "
        "figures, what changed since the last round; the HTML with a chart). With --roster, missing and late units "
        "are named. With --ack FILE the findings are compared with the review rounds recorded there, and --record "
        "adds this run as a new round. Exit status: 0 every unit passes, 1 some unit is missing or fails, "
        "2 unusable input.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="a unit report in YAML or JSON")
    parser.add_argument(
        "--roster", metavar="FILE", help="the units expected (YAML or CSV: name, kind, level, deadline)"
    )
    parser.add_argument("--ack", metavar="FILE", help="acknowledgements and review rounds (see docs/rollup.md)")
    parser.add_argument("--record", action="store_true", help="record this run as a new review round in --ack FILE")
    parser.add_argument("--office", metavar="NAME", help="the reviewing office, signed under each 问题清单")
    parser.add_argument("--date", metavar="DATE", help="the review date printed and recorded (default today)")
    parser.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write into")
    parser.add_argument("--force", action="store_true", help="write into DIR even if it holds files already")
    parser.set_defaults(run=run)


def _date(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--date: expected a date like 2025-02-05, got {text!r}") from None


def run(args: argparse.Namespace) -> int:
    from govdisclosure.aggregate import assess, check_units
    from govdisclosure.review import RoundsError, append_round, review, write_review
    from govdisclosure.validation import AcknowledgementsError
    from govdisclosure.validation.acknowledgements import load_reviews

    missing = [name for module, name in _NEEDS if importlib.util.find_spec(module) is None]
    if missing:
        raise UsageError(f'the review pack needs {", ".join(missing)}: pip install "govdisclosure[review]"')
    folder = Path(args.output)
    if folder.exists() and (not folder.is_dir() or (any(folder.iterdir()) and not args.force)):
        raise UsageError(f"{folder} exists and is not an empty folder; pass --force to write into it")
    if args.record and not args.ack:
        raise UsageError("--record needs --ack FILE: the file the review rounds are recorded in")
    date = _date(args.date)
    roster = load_roster_arg(args.roster)
    acknowledgements = load_acknowledgements_arg(args.ack) if args.ack and Path(args.ack).exists() else ()
    try:
        rounds = load_reviews(args.ack) if args.ack and Path(args.ack).exists() else ()
    except AcknowledgementsError as exc:
        raise UsageError(str(exc)) from None
    reports = load_reports(args.files)
    coverage = assess(
        check_units(reports, acknowledgements, rules=load_plugins(args).rules.rules()), roster, include_failing=True
    )
    result = review(coverage, rounds, office=args.office, date=date)
    try:
        written = write_review(result, folder)
    except OSError as exc:
        raise UsageError(f"cannot write into {folder}: {exc.strerror or exc}") from None
    for line in coverage_lines(coverage, rollup=False):
        print(line)
    print(
        f"wrote {len(written)} files into {folder}: 审核汇总表.xlsx, 审核汇总表.html and {len(result.packs)} 问题清单"
    )
    if args.record:
        try:
            append_round(args.ack, result.round)
        except (OSError, RoundsError) as exc:
            raise UsageError(f"cannot record the round in {args.ack}: {exc}") from None
        print(f"recorded review round {result.round.number} in {args.ack}", file=sys.stderr)
    passing = all(entry.submitted and entry.passing for entry in coverage.entries)
    return EXIT_OK if passing else EXIT_FAILED
