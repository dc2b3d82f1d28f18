"""``govdisclosure import FILE... [-o DIR] [--to yaml|json]``: published reports in, input files out.

Each file (a web page, a Word file, govdisclosure's own DOCX/PDF/JSON) is imported on its
own: a file that cannot be imported is reported and the others go on; the exit status is
2 when any failed.  For ``page.html`` the command writes ``DIR/page.yaml`` (or ``.json``)
and ``DIR/page.import.json``, the import record, both atomically: nothing partial is left.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from govdisclosure.cli.common import EXIT_INPUT, EXIT_OK, UsageError, load_plugins

if TYPE_CHECKING:
    from collections.abc import Callable

    from govdisclosure.importing import ImportResult
    from govdisclosure.model import Report
    from govdisclosure.plugins import Plugins

__all__ = ["embedded_reader", "register", "run"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "import",
        help="read published reports (web pages, Word files) into report input files",
        description="Read each published report (an HTML page as saved from a government website, a Word .docx, "
        "or govdisclosure's own DOCX/PDF/JSON) and write a report input file that check, validate and render "
        "accept, with the import record (NAME.import.json) beside it. A file that cannot be imported is "
        "reported; the others go on (exit status 2 if any failed).",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="published report files")
    parser.add_argument("-o", "--output", default=".", metavar="DIR", help="folder for the output (default: .)")
    parser.add_argument("--to", choices=("yaml", "json"), default="yaml", help="output format (default: yaml)")
    parser.set_defaults(run=run)


def embedded_reader(plugins: Plugins) -> Callable[[bytes], Report | None]:
    """What the importer calls on a file's bytes: the report govdisclosure embedded in one of its own files
    (any installed format that reads its data back), when the file verifies as unchanged."""

    def read(content: bytes) -> Report | None:
        from govdisclosure.verify import verify_bytes

        found = verify_bytes(content, plugins=plugins)
        return found.report if found.ok else None

    return read


def _summary(name: str, target: Path, result: ImportResult) -> str:
    report, record = result.report, result.record
    tables = "、".join(
        label
        for label, table in (("表二", report.proactive), ("表三", report.requests), ("表四", report.appeals))
        if table
    )
    kinds: dict[str, int] = {}
    for note in record.notes:
        kinds[note.kind] = kinds.get(note.kind, 0) + 1
    noted = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())) or "no notes"
    return (
        f"{name} → {target}: {report.agency.name} {report.year} ({report.edition.value}); "
        f"{len(record.cells)} table cells ({tables or 'no tables'}), {len(report.sections)} sections; {noted}"
    )


def run(args: argparse.Namespace) -> int:
    from govdisclosure._files import write_atomic
    from govdisclosure.importing import ImportFailure, import_report, record_path
    from govdisclosure.serialization import dumps_json, dumps_yaml

    out_dir = Path(args.output)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir} is not a folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    suffix = ".json" if args.to == "json" else ".yaml"
    read_embedded = embedded_reader(load_plugins(args))
    status = EXIT_OK
    targets: dict[Path, str] = {}
    for name in args.files:
        target = out_dir / (Path(name).stem + suffix)
        if target in targets:
            print(
                f"govdisclosure: {name}: not imported: {target} is also the output of {targets[target]}",
                file=sys.stderr,
            )
            status = EXIT_INPUT
            continue
        if Path(name).resolve() == target.resolve():
            print(f"govdisclosure: {name}: not imported: it would overwrite itself", file=sys.stderr)
            status = EXIT_INPUT
            continue
        targets[target] = name
        try:
            result = import_report(Path(name), embedded=read_embedded)
        except ImportFailure as exc:
            print(f"govdisclosure: {exc}", file=sys.stderr)
            status = EXIT_INPUT
            continue
        text = dumps_json(result.report) if args.to == "json" else dumps_yaml(result.report)
        write_atomic(target, text.encode("utf-8"))
        write_atomic(record_path(target), result.record.to_json().encode("utf-8"))
        print(_summary(name, target, result))
    return status
