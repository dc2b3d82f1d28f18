"""`validate --series` and `validate --rules-pack`: the CLI glue for series and local rule packs.

The logic lives in :mod:`govdisclosure.validation.series` and :mod:`govdisclosure.validation.packs`;
this module adds the options to the ``validate`` parser, turns pack files into plugins, and prints
a series' chain.  (Kept apart from validate.py, which it extends.)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path

from govdisclosure.cli.common import EXIT_FAILED, EXIT_INPUT, EXIT_OK, UsageError

__all__ = ["add_arguments", "check_pack_codes", "extra_plugins", "run_series", "series_files"]

_SUFFIXES = (".yaml", ".yml", ".json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--series",
        action="store_true",
        help="the FILEs (or the report files in a FOLDER) are one agency's reports of successive years: run the "
        "cross-year checks along the chain and say where it breaks",
    )
    parser.add_argument(
        "--rules-pack",
        action="append",
        metavar="FILE",
        help="a local rule pack (YAML): severities, a submission deadline, required topics (repeatable)",
    )


def extra_plugins(args: argparse.Namespace) -> list[tuple[str, object]]:
    """The rule packs given with --rules-pack, as plugins; an unusable pack is a usage error (exit 2)."""
    from govdisclosure.validation.packs import PackError, load_pack

    plugins: list[tuple[str, object]] = []
    for path in getattr(args, "rules_pack", None) or ():
        try:
            pack = load_pack(path)
        except PackError as exc:
            raise UsageError(str(exc)) from None
        plugins.append((f"rules-pack:{pack.code}", pack.plugin()))
    return plugins


def check_pack_codes(args: argparse.Namespace, codes: set[str], changed: Mapping[str, object]) -> None:
    """Warn about a pack's severity for a rule no plugin registers (a typo would otherwise do nothing)."""
    if getattr(args, "rules_pack", None):
        for code in sorted(set(changed) - codes):
            print(
                f"govdisclosure: warning: a rule pack sets the severity of {code}, which no rule has", file=sys.stderr
            )


def series_files(names: list[str]) -> list[str]:
    """The files of a series: each FILE, and the report files of each FOLDER, in name order."""
    files: list[str] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = sorted(str(p) for p in path.iterdir() if p.suffix.lower() in _SUFFIXES and p.is_file())
            if not found:
                raise UsageError(f"{name}: the folder holds no report files (*.yaml, *.yml, *.json)")
            files += found
        else:
            files.append(name)
    return files


def run_series(args: argparse.Namespace, plugins: object) -> int:
    """Load the series, check it link by link and print the chain (text or JSON)."""
    from govdisclosure.serialization import ReportLoadError, load
    from govdisclosure.validation.series import validate_series

    if args.previous:
        raise UsageError("--series checks each report against the one before it: leave out --previous")
    loaded, unusable = [], False
    for name in series_files(args.files):
        try:
            loaded.append((name, load(name)))
        except ReportLoadError as exc:
            print("\n".join(exc.report_lines()), file=sys.stderr)
            unusable = True
    if unusable:
        return EXIT_INPUT
    if len(loaded) < 2:
        raise UsageError("--series needs at least two reports of one agency")
    result = validate_series(loaded, plugins=plugins)  # type: ignore[arg-type]
    if args.format == "json":
        print(json.dumps(_series_data(result), ensure_ascii=False, indent=2, default=str))
    else:
        print("\n".join(_series_text(result)))
    return EXIT_FAILED if result.breaks else EXIT_OK


def _series_data(result: object) -> dict[str, object]:
    from govdisclosure.validation.series import SeriesResult

    assert isinstance(result, SeriesResult)
    return {
        "years": [link.year for link in result.links],
        "breaks": list(result.breaks),
        "first_break": result.first_break,
        "duplicate_years": list(result.duplicates),
        "links": [
            {
                "file": link.name,
                "year": link.year,
                "previous_file": link.previous_name,
                "broken": link.broken,
                "findings": [
                    {
                        "code": f.code,
                        "severity": f.severity.value,
                        "status": f.status.value,
                        "paths": list(f.paths),
                        "message": f.message,
                        "message_en": f.message_en,
                    }
                    for f in link.findings
                ],
            }
            for link in result.links
        ],
    }


def _series_text(result: object) -> list[str]:
    from govdisclosure.validation.series import SeriesResult

    assert isinstance(result, SeriesResult)
    first = result.links[0].report
    lines = [
        f"series: {first.agency.reports_for or first.agency.name}, "
        + " → ".join(str(link.year) for link in result.links)
    ]
    for link in result.links[1:]:
        verdict = "BREAKS" if link.broken else "follows"
        lines.append(f"  {link.year} ({link.name}) {verdict} from {link.previous_name}")
        for finding in link.findings:
            lines.append(f"    {finding.severity.value:<8}{finding.code}")
            lines.append(f"      {finding.message}")
            lines.append(f"      {finding.message_en}")
    for year in result.duplicates:
        lines.append(f"  {year}: given more than once; the chain cannot tell which report is the year's")
    if result.breaks:
        lines.append(f"  the chain breaks at {', '.join(map(str, result.breaks))} (first: {result.first_break})")
    else:
        lines.append("  the chain holds: every year follows from the one before")
    return lines
