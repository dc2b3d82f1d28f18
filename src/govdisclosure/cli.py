"""The ``govdisclosure`` command.

Exit codes: 0 success; 2 unusable input (a file that cannot be read as a report, a
wrong option); 70 an internal error.  A user's mistake never shows a traceback.
Heavy libraries are not imported here: each command imports what it needs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from govdisclosure import __version__
from govdisclosure.model import Edition, LegacyAppeals, LegacyProactive, Report, RequestTable
from govdisclosure.model.tables import AppealsTable

__all__ = ["main"]

EXIT_OK = 0
EXIT_INPUT = 2
EXIT_INTERNAL = 70


class UsageError(Exception):
    """A mistake in how the command was called or in what it was given."""


# --------------------------------------------------------------------------- text helpers


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _num(value: object) -> str:
    return "—" if value is None else f"{value}"


def _agreement(stated: int | None, computed: int | None) -> str:
    if stated is None or computed is None:
        return "cannot tell (a cell is blank)"
    if stated == computed:
        return "agrees"
    return f"DIFFERS by {stated - computed:+d}"


# --------------------------------------------------------------------------- check


def summarize(report: Report) -> list[str]:
    """A readable summary of a report: who, what, and the figures that matter."""
    from govdisclosure.chinese import format_date
    from govdisclosure.editions import spec_for

    spec = spec_for(report.edition)
    lines = [f"{report.agency.name} · {report.title or spec.standard_title(report.year)}"]
    rows: list[tuple[str, str]] = [("edition", f"{report.edition.value} ({spec.name})"), ("year", str(report.year))]
    if report.published_on:
        rows.append(("published", f"{format_date(report.published_on)} ({report.published_on.isoformat()})"))
    sections = list(report.walk_sections())
    blocks = sum(len(section.body) for _, section in sections) + len(report.preamble)
    rows.append(("text", f"{len(report.sections)} sections, {len(sections)} headings in all, {blocks} blocks of text"))
    if report.agency.website:
        rows.append(("portal", report.agency.website))
    if report.abbreviations:
        rows.append(("abbreviations", "; ".join(f"{a.short} = {a.full}" for a in report.abbreviations)))
    lines += [f"  {_pad(key, 14)}{value}" for key, value in rows]

    if isinstance(report.proactive, LegacyProactive):
        lines += _summarize_channels(report.proactive)
    if report.requests is not None:
        lines += _summarize_requests(report.requests)
    if isinstance(report.appeals, AppealsTable):
        lines.append("  appeals (Table 4):")
        for name, group in report.appeals.groups():
            lines.append(
                f"    {_pad(name, 24)}total {_num(group.total)}  "
                f"({_agreement(group.total, group.computed_total)} with its parts)"
            )
    elif isinstance(report.appeals, LegacyAppeals):
        lines.append(
            f"  appeals       reviews {_num(report.appeals.reviews)}, lawsuits {_num(report.appeals.lawsuits)}"
        )
    if report.metrics:
        lines.append("  figures:")
        lines += [f"    {_pad(m.label, 30)}{m.value} {m.unit}" for m in report.metrics]
    lines += _summarize_contacts(report)
    organisation = report.organisation
    if organisation is not None:
        if organisation.leading_group and organisation.leading_group.leader:
            leader = organisation.leading_group.leader
            lines.append(f"  leading group led by {leader.name or '—'} ({leader.position or '—'})")
        if organisation.work_systems:
            lines.append(f"  working rules {', '.join(w.name for w in organisation.work_systems)}")
        for label, publication in (("catalogue", organisation.catalogue), ("guide", organisation.guide)):
            if publication:
                lines.append(f"  {_pad(label, 14)}{publication.title}")
        if organisation.channel_measures:
            lines.append(f"  channel measures {len(organisation.channel_measures)}")
    lines.append(f"  problems      {len(report.problems)}; improvements {len(report.improvements)}")
    return lines


def _summarize_channels(proactive: LegacyProactive) -> list[str]:
    lines = ["  channels (发布渠道):"]
    for channel in proactive.channels:
        lines.append(f"    {_pad(channel.name, 32)}{_num(channel.count):>7} {channel.unit}")
    computed = proactive.computed_total
    lines.append(f"    {_pad('sum of the channels', 32)}{_num(computed):>7}")
    lines.append(
        f"    {_pad('stated total', 32)}{_num(proactive.total_items):>7}   "
        f"{_agreement(proactive.total_items, computed)}"
    )
    return lines


def _summarize_requests(table: RequestTable) -> list[str]:
    computed = table.computed_outcomes_total.total
    layout = "（六） as one row (trial layout)" if table.other_handling_is_single_row else "（六） in three rows"
    blank = sum(cell is None for _, row in table.rows() for cell in row.cells())
    return [
        f"  applications (Table 3, {layout}, {blank} blank cells):",
        f"    {_pad('received 本年新收', 28)}{_num(table.received.total):>7}",
        f"    {_pad('carried over 上年结转', 28)}{_num(table.carried_over.total):>7}",
        f"    {_pad('handled （七）总计', 28)}{_num(table.outcomes_total.total):>7}   "
        f"{_agreement(table.outcomes_total.total, computed)} with the outcome rows",
        f"    {_pad('carried forward 结转下年度', 28)}{_num(table.carried_forward.total):>7}",
    ]


def _summarize_contacts(report: Report) -> list[str]:
    lines = []
    for label, contact in (
        ("enquiries", report.contacts.enquiries),
        ("request office", report.contacts.request_office),
        ("oversight", report.contacts.oversight_body),
    ):
        if contact is None:
            continue
        parts = [contact.name, contact.address, contact.postcode]
        parts += [f"tel {contact.phone}" if contact.phone else None, f"fax {contact.fax}" if contact.fax else None]
        parts += [contact.email]
        if not any(parts):
            continue
        lines.append(f"  {_pad(label, 16)}{', '.join(p for p in parts if p)}")
    return lines


def _cmd_check(args: argparse.Namespace) -> int:
    from govdisclosure.serialization import ReportLoadError, load

    status = EXIT_OK
    for index, name in enumerate(args.files):
        try:
            report = load(name)
        except ReportLoadError as exc:
            _print_load_error(exc)
            status = EXIT_INPUT
            continue
        if index:
            print()
        print("\n".join(summarize(report)))
    return status


def _print_load_error(exc: object) -> None:
    from govdisclosure.serialization import ReportLoadError

    assert isinstance(exc, ReportLoadError)
    count = len(exc.problems)
    print(f"{exc.source}: cannot be read as a report ({count} problem{'s' if count != 1 else ''}):", file=sys.stderr)
    for problem in exc.problems:
        where = f"{exc.source}:{problem.line}:{problem.column or 1}: " if problem.line else f"{exc.source}: "
        print(f"  {where}{problem.path}: {problem.message}", file=sys.stderr)


# --------------------------------------------------------------------------- schema and new


def _write_output(text: str, output: str | None, *, force: bool = False) -> None:
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


def _cmd_schema(args: argparse.Namespace) -> int:
    from govdisclosure.serialization import json_schema

    _write_output(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", args.output, force=args.force)
    return EXIT_OK


def _cmd_new(args: argparse.Namespace) -> int:
    from govdisclosure.scaffold import template

    text = template(Edition(args.edition), agency=args.agency, year=args.year)
    _write_output(text, args.output, force=args.force)
    return EXIT_OK


# --------------------------------------------------------------------------- parser


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(EXIT_INPUT)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="govdisclosure",
        description="Model, check and render 政府信息公开工作年度报告 "
        "(government information-disclosure annual reports).",
    )
    parser.add_argument("--version", action="version", version=f"govdisclosure {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser("check", help="read report files and print a summary of each")
    check.add_argument("files", nargs="+", metavar="FILE", help="a report in YAML or JSON")
    check.set_defaults(run=_cmd_check)

    schema = commands.add_parser("schema", help="print the JSON Schema of the input files")
    schema.add_argument("-o", "--output", help="write to this file instead of standard output")
    schema.add_argument("--force", action="store_true", help="replace an existing output file")
    schema.set_defaults(run=_cmd_schema)

    last_year = dt.date.today().year - 1
    new = commands.add_parser("new", help="write a commented input template with every table cell")
    new.add_argument("--edition", required=True, choices=[e.value for e in Edition], help="the report format")
    new.add_argument("--agency", default="（机关名称）", help="the agency's name (default: a marker to replace)")
    new.add_argument("--year", type=int, default=last_year, help=f"the reporting year (default {last_year})")
    new.add_argument("-o", "--output", help="write to this file instead of standard output")
    new.add_argument("--force", action="store_true", help="replace an existing output file")
    new.set_defaults(run=_cmd_new)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_INPUT
    try:
        status: int = args.run(args)
    except UsageError as exc:
        print(f"govdisclosure: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        if os.environ.get("GOVDISCLOSURE_DEBUG"):
            raise
        print(
            f"govdisclosure: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in govdisclosure, not in your file. Run again with GOVDISCLOSURE_DEBUG=1 "
            "for the traceback and report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
