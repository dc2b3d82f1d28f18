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
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # The model is imported by the commands that use it: --help and argument errors stay fast.
    from govdisclosure.model import LegacyProactive, Report, RequestTable
    from govdisclosure.plugins import Plugins
    from govdisclosure.rendering import FormatInfo
    from govdisclosure.validation import Acknowledgement
    from govdisclosure.validation.findings import Finding, ValidationResult

EDITIONS = ("national-2021", "national-2019-trial", "legacy-2008")
"""The values of govdisclosure.model.Edition (a test keeps them equal), for --help without the model."""

__all__ = ["main"]

EXIT_OK = 0
EXIT_FAILED = 1
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
    from govdisclosure.model import AppealsTable, LegacyAppeals, LegacyProactive

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


def _load_each(names: Sequence[str], unusable: list[str]) -> Iterator[tuple[int, str, Report]]:
    """Each file that loads, with its position; the others are reported and added to ``unusable``."""
    from govdisclosure.serialization import ReportLoadError, load

    for index, name in enumerate(names):
        try:
            report = load(name)
        except ReportLoadError as exc:
            _print_load_error(exc)
            unusable.append(name)
            continue
        yield index, name, report


def _cmd_check(args: argparse.Namespace) -> int:
    unusable: list[str] = []
    for index, _, report in _load_each(args.files, unusable):
        if index:
            print()
        print("\n".join(summarize(report)))
    return EXIT_INPUT if unusable else EXIT_OK


def _print_load_error(exc: object) -> None:
    from govdisclosure.serialization import ReportLoadError

    assert isinstance(exc, ReportLoadError)
    print("\n".join(exc.report_lines()), file=sys.stderr)


# --------------------------------------------------------------------------- validate

_GROUPS = (
    ("$.proactive", "二、主动公开（表二） Table 2"),
    ("$.requests", "三、申请处理（表三） Table 3"),
    ("$.appeals", "四、复议诉讼（表四） Table 4"),
    ("$.sections", "正文 Text"),
    ("$.preamble", "正文 Text"),
    ("$.abbreviations", "正文 Text"),
)
_COLOURS = {"error": "31", "warning": "33", "info": "36"}


def _group_of(finding: Finding) -> str:
    first = finding.paths[0] if finding.paths else "$"
    for prefix, title in _GROUPS:
        if first.startswith(prefix):
            return title
    return "报告 Report"


def _use_colour(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _findings_text(name: str, report: Report, result: ValidationResult, colour: bool) -> list[str]:
    def paint(text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if colour else text

    lines = [paint(f"{name}: {report.agency.name} {report.year} ({report.edition.value})", "1")]
    groups: dict[str, list[Finding]] = {}
    for finding in result.findings:
        groups.setdefault(_group_of(finding), []).append(finding)
    for title, findings in groups.items():
        lines.append(f"  {paint(title, '1')}")
        for finding in findings:
            severity = finding.severity.value
            status = " (cannot tell)" if finding.status.value == "undetermined" else ""
            ack = f" — acknowledged: {finding.acknowledged}" if finding.acknowledged else ""
            lines.append(f"    {paint(_pad(severity, 8), _COLOURS[severity])}{finding.code}{status}{ack}")
            lines.append(f"      {finding.message}")
            lines.append(f"      {finding.message_en}")
            lines.append(f"      {', '.join(finding.paths)} · fingerprint {finding.fingerprint}")
    counts = _counts(result)
    acknowledged = sum(1 for f in result.findings if f.acknowledged)
    tail = f" ({acknowledged} acknowledged)" if acknowledged else ""
    verdict = paint("FAILS", _COLOURS["error"]) if result.has_errors else paint("passes", "32")
    lines.append(f"  {verdict}: {counts}{tail}")
    for fingerprint in result.unmatched_acknowledgements:
        lines.append(f"  note: the acknowledgement {fingerprint} matches no finding any more")
    return lines


def _counts(result: ValidationResult) -> str:
    from govdisclosure.batch import counts

    return counts(result)


def _finding_data(finding: Finding) -> dict[str, object]:
    evidence = finding.evidence
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "status": finding.status.value,
        "paths": list(finding.paths),
        "message": finding.message,
        "message_en": finding.message_en,
        "evidence": None
        if evidence is None
        else {
            "expression": evidence.expression,
            "left": evidence.left,
            "right": evidence.right,
            "difference": evidence.difference,
        },
        "rule": finding.rule,
        "fingerprint": finding.fingerprint,
        "acknowledged": finding.acknowledged,
    }


def _acknowledgements(path: str | None) -> tuple[Acknowledgement, ...]:
    from govdisclosure.validation import AcknowledgementsError, load_acknowledgements

    if path is None:
        return ()
    try:
        return load_acknowledgements(path)
    except AcknowledgementsError as exc:
        raise UsageError(str(exc)) from None


def _cmd_validate(args: argparse.Namespace) -> int:
    from decimal import Decimal

    from govdisclosure.serialization import ReportLoadError, load
    from govdisclosure.validation import Severity, validate

    plugins = _load_plugins(args)
    acknowledgements = _acknowledgements(args.ack)
    previous = None
    if args.previous:
        if len(args.files) > 1:
            raise UsageError("--previous goes with one report file")
        try:
            previous = load(args.previous)
        except ReportLoadError as exc:
            _print_load_error(exc)
            return EXIT_INPUT
    status = EXIT_OK
    documents = []
    colour = _use_colour(args.color)
    unusable: list[str] = []
    for index, name, report in _load_each(args.files, unusable):
        result = validate(report, previous, plugins=plugins, acknowledgements=acknowledgements)
        if result.has_errors:
            status = EXIT_FAILED
        if args.format == "json":
            documents.append(
                {
                    "file": name,
                    "agency": report.agency.name,
                    "year": report.year,
                    "edition": report.edition.value,
                    "passes": not result.has_errors,
                    "counts": {s: result.count(Severity(s)) for s in ("error", "warning", "info")},
                    "findings": [_finding_data(f) for f in result.findings],
                    "unmatched_acknowledgements": list(result.unmatched_acknowledgements),
                }
            )
        else:
            if index:
                print()
            print("\n".join(_findings_text(name, report, result, colour)))
    if args.format == "json":
        print(
            json.dumps(
                documents,
                ensure_ascii=False,
                indent=2,
                default=lambda v: float(v) if isinstance(v, Decimal) else str(v),
            )
        )
    return EXIT_INPUT if unusable else status


# --------------------------------------------------------------------------- verify


def _cmd_verify(args: argparse.Namespace) -> int:
    from govdisclosure.serialization import ReportLoadError, load
    from govdisclosure.verify import verify_file

    against = None
    if args.against:
        try:
            against = load(args.against)
        except ReportLoadError as exc:
            _print_load_error(exc)
            return EXIT_INPUT
    status = EXIT_OK
    for index, name in enumerate(args.files):
        try:
            result = verify_file(name, against)
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
    from govdisclosure.model import Edition
    from govdisclosure.scaffold import template

    text = template(Edition(args.edition), agency=args.agency, year=args.year)
    _write_output(text, args.output, force=args.force)
    return EXIT_OK


# --------------------------------------------------------------------------- plugins, formats, render


def _load_plugins(args: argparse.Namespace) -> Plugins:
    """The installation's plugins, minus the disabled ones; broken ones are reported, not fatal."""
    import warnings

    from govdisclosure.plugins import PluginError, PluginWarning, get_plugin_manager

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginWarning)  # printed below, once, in our own words
        try:
            plugins = get_plugin_manager(disabled=args.disable_plugin or ())
            _ = plugins.exporters
        except PluginError as exc:
            raise UsageError(str(exc)) from None
    for problem in plugins.problems:
        print(f"govdisclosure: warning: {problem}", file=sys.stderr)
    return plugins


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(_width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return ["  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in [header, *rows]]


def _cmd_plugins(args: argparse.Namespace) -> int:
    import attrs

    infos = _load_plugins(args).info()
    if args.json:
        print(json.dumps([attrs.asdict(info) for info in infos], ensure_ascii=False, indent=2))
        return EXIT_OK
    rows = [(i.name, i.package, i.version, ", ".join(i.hooks) or "—", ", ".join(i.formats) or "—") for i in infos]
    print("\n".join(_table(("PLUGIN", "PACKAGE", "VERSION", "HOOKS", "FORMATS"), rows)))
    return EXIT_OK


def _cmd_formats(args: argparse.Namespace) -> int:
    import attrs

    from govdisclosure.rendering import formats

    infos = formats(plugins=_load_plugins(args))
    if args.json:
        print(json.dumps([attrs.asdict(info) for info in infos], ensure_ascii=False, indent=2))
        return EXIT_OK
    rows = [(i.name, i.suffix, "yes" if i.available else "NO", i.plugin, i.description) for i in infos]
    print("\n".join(_table(("FORMAT", "SUFFIX", "AVAILABLE", "PLUGIN", "DESCRIPTION"), rows)))
    for info in infos:
        if not info.available:
            hint = f"\n    to fix: {info.hint}" if info.hint else ""
            print(f"  {info.name} is unavailable: {info.reason}{hint}")
    return EXIT_OK


def _parse_options(values: list[str], known: set[str]) -> dict[str, dict[str, object]]:
    """``-O html.profile=fragment`` → {"html": {"profile": "fragment"}}; values read as YAML scalars."""
    from govdisclosure._yamlreader import YamlReadError, read_yaml

    options: dict[str, dict[str, object]] = {}
    for value in values:
        target, sep, raw = value.partition("=")
        fmt, dot, key = target.partition(".")
        if not (sep and dot and fmt and key.isidentifier()):
            raise UsageError(f"-O {value}: expected FORMAT.OPTION=VALUE, e.g. -O html.profile=fragment")
        if fmt not in known:
            raise UsageError(f"-O {value}: there is no format {fmt!r}")
        try:
            parsed = read_yaml(raw)[0] if raw.strip() else ""
        except YamlReadError:
            parsed = raw
        options.setdefault(fmt, {})[key] = parsed
    return options


def _choose_formats(args: argparse.Namespace, infos: dict[str, FormatInfo]) -> list[str]:
    if not args.to:
        # One format per output name: a second engine for a suffix (pdf-typst beside pdf) only on request.
        chosen: dict[str, str] = {}
        for name, info in infos.items():
            if info.available:
                chosen.setdefault(info.suffix, name)
        return list(chosen.values())
    wanted = [name.strip() for name in args.to.split(",") if name.strip()]
    for name in wanted:
        if name not in infos:
            raise UsageError(f"no format named {name!r}; the installed formats are {', '.join(infos)}")
        if not infos[name].available:
            hint = f" ({infos[name].hint})" if infos[name].hint else ""
            raise UsageError(f"the {name} format cannot run here: {infos[name].reason}{hint}")
    return wanted


def _output_folder(name: str) -> Path:
    out_dir = Path(name)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create the output folder {out_dir}: {exc.strerror or exc}") from None
    if not os.access(out_dir, os.W_OK):
        raise UsageError(f"cannot write to the output folder {out_dir}")
    return out_dir


def _cmd_render(args: argparse.Namespace) -> int:
    import shutil

    from govdisclosure.batch import Outcome, RenderJob, default_jobs, render_files, staging_folder
    from govdisclosure.rendering import RenderError, exporter_for, formats

    plugins = _load_plugins(args)
    acknowledgements = _acknowledgements(args.ack)
    infos = {info.name: info for info in formats(plugins=plugins)}
    wanted = _choose_formats(args, infos)
    options = _parse_options(args.option or [], set(infos))
    try:
        suffixes = {name: exporter_for(name, plugins=plugins, **options.get(name, {})).suffix for name in wanted}
    except RenderError as exc:
        raise UsageError(str(exc)) from None
    same = [(a, b) for i, a in enumerate(wanted) for b in wanted[i + 1 :] if suffixes[a] == suffixes[b]]
    if same:
        a, b = same[0]
        raise UsageError(
            f"--to {a},{b}: both write <name>{suffixes[a]} (plugins {infos[a].plugin} and {infos[b].plugin}); "
            "render them into different folders"
        )
    out_dir = _output_folder(args.output)
    jobs = args.jobs if args.jobs is not None else default_jobs()
    if jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {jobs}")

    status = EXIT_OK
    files: list[str] = []
    owners: dict[Path, str] = {}
    for name in args.files:
        clash = next(
            (owners[t] for t in (out_dir / (Path(name).stem + x) for x in suffixes.values()) if t in owners), None
        )
        if clash is not None:
            print(f"govdisclosure: {name}: not rendered: its output names are also those of {clash}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        owners.update({out_dir / (Path(name).stem + x): name for x in suffixes.values()})
        files.append(name)

    def report(outcome: Outcome) -> None:
        for line in outcome.messages:
            print(line, file=sys.stderr)
        for path in outcome.written:
            print(f"wrote {path}")

    if args.timeout is not None and args.timeout <= 0:
        raise UsageError(f"--timeout must be a number of seconds above 0, not {args.timeout:g}")
    staging = staging_folder(out_dir)
    job = RenderJob(
        tuple(wanted),
        options,
        str(out_dir),
        args.allow_errors,
        acknowledgements,
        tuple(args.disable_plugin or ()),
        args.timeout,
        str(staging),
    )
    try:
        outcomes = render_files(files, job, jobs=jobs, report=report, progress=sys.stderr.isatty())
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    status = max([status, *(o.status for o in outcomes)])
    if len(args.files) > 1:
        failed = sum(1 for o in outcomes if o.status != EXIT_OK) + (len(args.files) - len(files))
        written = sum(len(o.written) for o in outcomes)
        print(
            f"govdisclosure: {len(args.files)} files, {len(args.files) - failed} rendered, {failed} with problems; "
            f"{written} files written to {out_dir} ({min(jobs, max(len(files), 1))} job{'s' if jobs > 1 else ''})",
            file=sys.stderr,
        )
    return status


# --------------------------------------------------------------------------- parser


class _VersionAction(argparse.Action):
    """--version, reading the installed version only when asked (it costs a metadata scan)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        import govdisclosure

        print(f"govdisclosure {govdisclosure.__version__}")
        parser.exit()


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
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="show the version and exit")
    parser.add_argument(
        "--disable-plugin",
        action="append",
        metavar="NAME",
        help="do not load this plugin (repeatable; also GOVDISCLOSURE_DISABLE_PLUGINS=a,b)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    render = commands.add_parser(
        "render",
        help="render report files to every available format, or those given with --to",
        description="Validate each FILE and render it to OUTPUT/<name><suffix> in every available format (or --to). "
        "A report with validation errors is not rendered unless --allow-errors is given or they are acknowledged "
        "(--ack). Each file is written whole or not at all; a failing file or format is reported and the others go "
        "on. Exit status: 0 all written, 1 a report had errors or a format failed, 2 an input or option is unusable.",
    )
    render.add_argument("files", nargs="+", metavar="FILE", help="a report in YAML or JSON")
    render.add_argument("-t", "--to", metavar="FORMATS", help="comma-separated formats, e.g. html,json (default: all)")
    render.add_argument("-o", "--output", default=".", metavar="DIR", help="the output folder (default: .)")
    render.add_argument(
        "-O",
        "--option",
        action="append",
        metavar="FMT.KEY=VALUE",
        help="an exporter option, e.g. html.profile=fragment",
    )
    render.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="render N files at once in worker processes (default: every core); a progress bar shows on a terminal",
    )
    render.add_argument(
        "--allow-errors",
        action="store_true",
        help="render a report even when validation finds errors (listed on stderr)",
    )
    render.add_argument("--ack", metavar="FILE", help="acknowledgements: reviewed findings that no longer block")
    render.add_argument(
        "--timeout", type=float, metavar="SECONDS", help="stop an export that takes longer (a plugin that hangs)"
    )
    render.set_defaults(run=_cmd_render)

    validate = commands.add_parser(
        "validate",
        help="check report files: totals, prose against tables, years, format version, deadlines",
        description="Run every validation rule on each FILE. Exit status: 0 no errors, 1 errors, 2 unusable input.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="a report in YAML or JSON")
    validate.add_argument("--previous", metavar="FILE", help="last year's report, for the cross-year checks")
    validate.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    validate.add_argument("--ack", metavar="FILE", help="acknowledgements: reviewed findings that no longer fail")
    validate.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the text")
    validate.set_defaults(run=_cmd_validate)

    verify = commands.add_parser(
        "verify",
        help="check that a published PDF or DOCX matches the report data embedded in it",
        description="Extract the report data a govdisclosure PDF or DOCX carries, check its SHA-256 and that the "
        "visible tables show its numbers, and print its summary. Exit status: 0 verified, 1 not verified "
        "(tampered or foreign), 2 unusable input.",
    )
    verify.add_argument("files", nargs="+", metavar="FILE", help="a PDF or DOCX exported by govdisclosure")
    verify.add_argument("--against", metavar="REPORT", help="also check that the data is this filed report (YAML/JSON)")
    verify.set_defaults(run=_cmd_verify)

    formats = commands.add_parser("formats", help="list the formats, whether each can run here and why not")
    formats.add_argument("--json", action="store_true", help="print JSON")
    formats.set_defaults(run=_cmd_formats)

    plugins = commands.add_parser("plugins", help="list the installed plugins: name, version, hooks, formats")
    plugins.add_argument("--json", action="store_true", help="print JSON")
    plugins.set_defaults(run=_cmd_plugins)

    check = commands.add_parser("check", help="read report files and print a summary of each")
    check.add_argument("files", nargs="+", metavar="FILE", help="a report in YAML or JSON")
    check.set_defaults(run=_cmd_check)

    schema = commands.add_parser("schema", help="print the JSON Schema of the input files")
    schema.add_argument("-o", "--output", help="write to this file instead of standard output")
    schema.add_argument("--force", action="store_true", help="replace an existing output file")
    schema.set_defaults(run=_cmd_schema)

    last_year = dt.date.today().year - 1
    new = commands.add_parser("new", help="write a commented input template with every table cell")
    new.add_argument("--edition", required=True, choices=EDITIONS, help="the report format")
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
