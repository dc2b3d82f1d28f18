"""The ``aggregate`` command: add unit reports up into one report, with lineage and coverage.

Also the helpers the ``review`` command shares with it: loading the unit files, the roster
and the acknowledgements, and printing the coverage table.  Words and exit codes only;
the roll-up itself is :mod:`govdisclosure.aggregate`.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govdisclosure.cli.common import (
    EXIT_FAILED,
    EXIT_INPUT,
    EXIT_OK,
    UsageError,
    acknowledgements,
    load_plugins,
    pad,
    width,
)

if TYPE_CHECKING:
    from govdisclosure.aggregate import Coverage, RosterEntry
    from govdisclosure.model import Report

__all__ = ["coverage_lines", "load_acknowledgements_arg", "load_reports", "load_roster_arg", "register", "run"]

_KINDS = ("government", "department", "township", "street_office")
_LEVELS = ("state_council", "province", "prefecture", "county", "township")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "aggregate",
        help="add unit reports up into one report (汇总), with the lineage of every cell",
        description="Add the Tables 2–4 of the unit reports FILES (all of one format and year) cell by cell into one "
        "report for --agency, written to OUT (.yaml or .json), with the lineage of every cell in OUT.lineage.json "
        "(see `govdisclosure explain`). A cell some unit left blank stays blank unless --blank-as-zero. Units whose "
        "validation finds errors are left out unless --include-failing; with --roster, missing units and units not "
        "on the roster are named and left out. The text of the result is left for the office to write. "
        "Exit status: 0 every expected unit added, 1 written but some unit missing or left out, 2 unusable input.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="a unit report in YAML or JSON")
    parser.add_argument("--agency", required=True, metavar="NAME", help="the agency the roll-up reports for")
    parser.add_argument("--year", required=True, type=int, metavar="YYYY", help="the reporting year of every unit")
    parser.add_argument(
        "--roster", metavar="FILE", help="the units expected (YAML or CSV: name, kind, level, deadline)"
    )
    parser.add_argument(
        "--blank-as-zero",
        action="store_true",
        help="count a cell a unit left blank as 0 (default: the sum stays blank and the lineage names the units)",
    )
    parser.add_argument(
        "--include-failing", action="store_true", help="add units whose validation finds errors (default: left out)"
    )
    parser.add_argument("--ack", metavar="FILE", help="acknowledgements: reviewed findings that no longer fail a unit")
    parser.add_argument("--kind", choices=_KINDS, help="the aggregate agency's kind (default government)")
    parser.add_argument("--level", choices=_LEVELS, help="the aggregate agency's administrative level")
    parser.add_argument("--published-on", metavar="DATE", help="the result's publication date, e.g. 2025-03-20")
    parser.add_argument("--phone", help="the enquiries phone number printed in the result")
    parser.add_argument("--address", help="the enquiries address printed in the result")
    parser.add_argument(
        "--html",
        action="store_true",
        help="also write OUT.lineage.html: the result's page, each figure showing its sources on hover",
    )
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="the result, .yaml or .json")
    parser.add_argument("--force", action="store_true", help="replace existing output files")
    parser.set_defaults(run=run)


# --------------------------------------------------------------------------- shared with review


def load_reports(names: Sequence[str]) -> list[tuple[str, Report]]:
    """Every file as a report; if any cannot be read, each problem is printed and UsageError raised."""
    from govdisclosure.serialization import ReportLoadError, load

    loaded: list[tuple[str, Report]] = []
    unusable = []
    for name in names:
        try:
            loaded.append((name, load(name)))
        except ReportLoadError as exc:
            for line in exc.report_lines():
                print(line, file=sys.stderr)
            unusable.append(name)
    if unusable:
        raise UsageError(f"{len(unusable)} of {len(names)} files cannot be read as reports; nothing written")
    return loaded


def load_roster_arg(path: str | None) -> tuple[RosterEntry, ...] | None:
    from govdisclosure.aggregate import RosterError, load_roster

    if path is None:
        return None
    try:
        return load_roster(path)
    except RosterError as exc:
        raise UsageError(str(exc)) from None


load_acknowledgements_arg = acknowledgements
"""The acknowledgements file named with --ack (shared with review)."""


def coverage_lines(coverage: Coverage, *, rollup: bool = True) -> list[str]:
    """The coverage as a table: unit, submitted, on time, validation and (``rollup``) in the roll-up or why not."""
    rows = [("单位 unit", "报送", "时限", "校验 validation", "汇总 included" if rollup else "")]
    for entry in coverage.entries:
        submitted = "已报送" if entry.submitted else "缺报"
        when = entry.timeliness_zh
        if entry.deadline and entry.published_on:
            when += (
                f" {entry.published_on.isoformat()}≤{entry.deadline.isoformat()}"
                if when == "按时"
                else (f" {entry.published_on.isoformat()}>{entry.deadline.isoformat()}")
            )
        checked = (
            ""
            if entry.passing is None
            else (f"{'通过' if entry.passing else '未通过'} {entry.errors} errors, {entry.warnings} warnings")
        )
        included = "是" if entry.included else f"否：{entry.reason}"
        rows.append((entry.name, submitted, when, checked, included if rollup else ""))
    widths = [max(width(row[i]) for row in rows) + 2 for i in range(4)]
    lines = ["".join(pad(cell, w) for cell, w in zip(row[:4], widths, strict=True)) + row[4] for row in rows]
    lines = [line.rstrip() for line in lines]
    counts = (
        f"{len(coverage.entries)} units: {sum(e.submitted for e in coverage.entries)} submitted, "
        f"{len(coverage.missing())} missing, {len(coverage.late())} late, {len(coverage.failing())} failing validation"
        + (f", {sum(e.included for e in coverage.entries)} included" if rollup else "")
    )
    return [*lines, counts]


# --------------------------------------------------------------------------- aggregate


def _output(args: argparse.Namespace) -> list[Path]:
    from govdisclosure.aggregate import lineage_path

    out = Path(args.output)
    if out.suffix.lower() not in (".yaml", ".yml", ".json"):
        raise UsageError(f"{out}: the result is written as YAML or JSON; give OUT a .yaml or .json name")
    if not out.parent.is_dir():
        raise UsageError(f"cannot write {out}: the folder {out.parent} does not exist")
    lineage = lineage_path(out)
    paths = [out, lineage]
    if args.html:
        paths.append(lineage.with_suffix(".html"))
    for path in paths:
        if path.exists() and not args.force:
            raise UsageError(f"{path} exists already; pass --force to replace it")
    return paths


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--published-on: expected a date like 2025-03-20, got {text!r}") from None


def _lineage_html(report: Report, data: dict[str, Any]) -> bytes:
    from govdisclosure.aggregate.lineage_html import lineage_page
    from govdisclosure.rendering import render

    return lineage_page(render(report, "html").decode("utf-8"), data).encode("utf-8")


def _write_all(files: list[tuple[Path, bytes]]) -> None:
    """Write every file or, if one fails, none (the ones already written are removed)."""
    from govdisclosure._files import write_atomic

    done: list[Path] = []
    try:
        for path, content in files:
            write_atomic(path, content)
            done.append(path)
    except OSError as exc:
        for path in done:
            with contextlib.suppress(OSError):
                path.unlink()
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def run(args: argparse.Namespace) -> int:
    from govdisclosure.aggregate import RollupError, aggregate, lineage_data
    from govdisclosure.model import AgencyKind, AgencyLevel, Contact, Contacts
    from govdisclosure.serialization import dumps_json, dumps_yaml

    if not args.agency.strip():
        raise UsageError("--agency: give the name of the agency the roll-up reports for")
    args.agency = args.agency.strip()
    paths = _output(args)
    out, lineage = paths[0], paths[1]
    published_on = _date(args.published_on)
    roster = load_roster_arg(args.roster)
    acknowledgements = load_acknowledgements_arg(args.ack)
    reports = load_reports(args.files)
    contacts = (
        Contacts(enquiries=Contact(address=args.address, phone=args.phone)) if args.phone or args.address else None
    )
    try:
        result = aggregate(
            reports,
            agency=args.agency,
            year=args.year,
            roster=roster,
            blank_as_zero=args.blank_as_zero,
            include_failing=args.include_failing,
            acknowledgements=acknowledgements,
            kind=AgencyKind(args.kind or "government"),
            level=AgencyLevel(args.level) if args.level else None,
            published_on=published_on,
            contacts=contacts,
            rules=load_plugins(args).rules.rules(),
        )
    except RollupError as exc:
        for problem in exc.problems:
            print(f"govdisclosure aggregate: {problem}", file=sys.stderr)
        print("govdisclosure aggregate: nothing written", file=sys.stderr)
        return EXIT_INPUT
    rollup, coverage = result.rollup, result.coverage
    text = dumps_json(rollup.report) if out.suffix.lower() == ".json" else dumps_yaml(rollup.report)
    data = lineage_data(rollup, coverage)
    contents = [text.encode("utf-8"), json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")]
    if args.html:
        contents.append(_lineage_html(rollup.report, data))
    _write_all(list(zip(paths, contents, strict=True)))
    for line in coverage_lines(coverage):
        print(line)
    blank = [cell for cell in rollup.cells if cell.value is None and cell.blanks]
    print(f"added {len(rollup.units)} unit reports into {out}; lineage of every cell in {lineage}")
    if blank:
        print(
            f"{len(blank)} cells are left blank because some unit left them blank (see `govdisclosure explain {out} "
            f"'{blank[0].path}'`; --blank-as-zero counts blanks as 0)"
        )
    return EXIT_OK if coverage.complete else EXIT_FAILED
