"""``govdisclosure validate``: run every rule on report files and print the findings, as text or JSON."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

from govdisclosure.cli import validate_extras
from govdisclosure.cli.common import (
    EXIT_FAILED,
    EXIT_INPUT,
    EXIT_OK,
    UsageError,
    acknowledgements,
    load_plugins,
    load_report,
    pad,
    print_load_error,
)

if TYPE_CHECKING:
    from govdisclosure.model import Report
    from govdisclosure.validation import Finding, ValidationResult

__all__ = ["counts", "register", "run"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    validate = commands.add_parser(
        "validate",
        help="check report files: totals, prose against tables, years, format version, deadlines",
        description="Run every validation rule on each FILE. Exit status: 0 no errors, 1 errors, 2 unusable input.",
    )
    validate.add_argument(
        "files", nargs="+", metavar="FILE", help="a report in YAML or JSON, or a published .html/.docx"
    )
    validate.add_argument("--previous", metavar="FILE", help="last year's report, for the cross-year checks")
    validate.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    validate.add_argument("--ack", metavar="FILE", help="acknowledgements: reviewed findings that no longer fail")
    validate.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the text")
    validate_extras.add_arguments(validate)
    validate.set_defaults(run=run)


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
    # In the report's order: the report as a whole, then 二, 三, 四, then the text.
    groups: dict[str, list[Finding]] = {"报告 Report": [], **{title: [] for _, title in _GROUPS}}
    for finding in result.findings:
        groups.setdefault(_group_of(finding), []).append(finding)
    groups = {title: found for title, found in groups.items() if found}
    for title, findings in groups.items():
        lines.append(f"  {paint(title, '1')}")
        for finding in findings:
            severity = finding.severity.value
            status = " (cannot tell)" if finding.status.value == "undetermined" else ""
            ack = f" — acknowledged: {finding.acknowledged}" if finding.acknowledged else ""
            lines.append(f"    {paint(pad(severity, 8), _COLOURS[severity])}{finding.code}{status}{ack}")
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


def counts(numbers: Mapping[str, int]) -> str:
    """ "1 error, 2 warnings, 0 info": findings by severity, in words."""
    return ", ".join(f"{n} {severity}{'s' if n != 1 and severity != 'info' else ''}" for severity, n in numbers.items())


def _counts(result: ValidationResult) -> str:
    from govdisclosure.validation import Severity

    return counts({s.value: result.count(s) for s in Severity})


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


def _document(name: str, report: Report, result: ValidationResult) -> dict[str, object]:
    from govdisclosure.validation import Severity

    return {
        "file": name,
        "readable": True,
        "agency": report.agency.name,
        "year": report.year,
        "edition": report.edition.value,
        "passes": not result.has_errors,
        "counts": {s.value: result.count(s) for s in Severity},
        "findings": [_finding_data(f) for f in result.findings],
        "unmatched_acknowledgements": list(result.unmatched_acknowledgements),
    }


def _unreadable(name: str, exc: Exception) -> dict[str, object]:
    """A file that cannot be read, as the JSON output carries it (never silently left out)."""
    from govdisclosure.serialization import ReportLoadError

    problems = exc.problems if isinstance(exc, ReportLoadError) else ()
    return {
        "file": name,
        "readable": False,
        "passes": False,
        "problems": [{"path": p.path, "message": p.message, "line": p.line, "column": p.column} for p in problems],
    }


def run(args: argparse.Namespace) -> int:
    from govdisclosure.serialization import ReportLoadError, dumps_exact
    from govdisclosure.validation import validate

    plugins = load_plugins(args, extra=validate_extras.extra_plugins(args))
    validate_extras.check_pack_codes(args, {r.code for r in plugins.rules.rules()}, plugins.rules.severity_changes())
    if args.series:
        return validate_extras.run_series(args, plugins)
    acknowledged = acknowledgements(args.ack)
    previous = None
    if args.previous:
        if len(args.files) > 1:
            raise UsageError("--previous goes with one report file")
        try:
            previous = load_report(args.previous, plugins)
        except ReportLoadError as exc:
            print_load_error(exc)
            return EXIT_INPUT
    status, unusable = EXIT_OK, False
    documents: list[dict[str, object]] = []
    colour = _use_colour(args.color)
    for index, name in enumerate(args.files):
        try:
            report = load_report(name, plugins, previous=previous)  # last year's figures for diff() fields
        except ReportLoadError as exc:
            print_load_error(exc)
            documents.append(_unreadable(name, exc))
            unusable = True
            continue
        result = validate(report, previous, plugins=plugins, acknowledgements=acknowledged)
        if result.has_errors:
            status = EXIT_FAILED
        if args.format == "json":
            documents.append(_document(name, report, result))
        else:
            if index:
                print()
            print("\n".join(_findings_text(name, report, result, colour)))
    if args.format == "json":
        print(dumps_exact(documents, indent=2))
    return EXIT_INPUT if unusable else status
