"""``govdisclosure bind``: write the figures of a report's prose as fields of its tables."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from govdisclosure.cli.common import EXIT_INPUT, EXIT_OK, UsageError, print_load_error, write_text

if TYPE_CHECKING:
    from govdisclosure.fields import Binding
    from govdisclosure.model import Report

__all__ = ["register", "run"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    bind = commands.add_parser(
        "bind",
        help="write the figures the prose states as fields of the tables",
        description="Read FILE, find every figure in its prose that equals a value of the report named by "
        "the words before it (受理…3119件 → {requests.received.total}), write it as a field, and write the "
        "result to a new file: OUT, or FILE's name with .bound before its suffix. The printed text does not "
        "change. Figures that could not be bound are listed; a figure whose words name a value that differs "
        "disagrees with the table. Exit status: 0 written, 2 FILE cannot be read or OUT cannot be written.",
    )
    bind.add_argument("file", metavar="FILE", help="a report in YAML or JSON")
    bind.add_argument("-o", "--output", metavar="OUT", help="where to write the bound report ('-': standard output)")
    bind.add_argument("--previous", metavar="FILE", help="last year's report, for diff() fields in FILE")
    bind.add_argument("--force", action="store_true", help="replace OUT if it exists")
    bind.add_argument("-v", "--verbose", action="store_true", help="also list every figure bound")
    bind.set_defaults(run=run)


def _output(args: argparse.Namespace) -> str:
    source = Path(args.file)
    output: str = args.output or str(source.with_name(f"{source.stem}.bound{source.suffix or '.yaml'}"))
    if output != "-" and Path(output).resolve() == source.resolve():
        raise UsageError(f"bind never writes over its input; give another file than {args.file} with -o")
    return output


def _load(name: str, previous: Report | None = None) -> Report | None:
    from govdisclosure.serialization import ReportLoadError, load

    try:
        return load(name, previous=previous)
    except ReportLoadError as exc:
        print_load_error(exc)
        return None


def _text(args: argparse.Namespace, report: Report, binding: Binding, previous: Report | None) -> str:
    from govdisclosure.serialization import dumps_json, dumps_yaml, replace_paragraphs

    if Path(args.file).suffix.lower() == ".json":
        return dumps_json(binding.report)
    original = Path(args.file).read_text(encoding="utf-8-sig")
    edited = replace_paragraphs(original, report, binding.report, previous=previous)
    if edited is not None:
        return edited
    print("govdisclosure: note: the file is written anew; its comments are not kept", file=sys.stderr)
    return dumps_yaml(binding.report)


def _lines(args: argparse.Namespace, binding: Binding) -> list[str]:
    from govdisclosure.serialization import read_yaml

    positions: dict[str, tuple[int, int]] = {}
    if Path(args.file).suffix.lower() != ".json":
        _, positions = read_yaml(Path(args.file).read_text(encoding="utf-8-sig"))

    def where(path: str) -> str:
        line = positions.get(path, (None, None))[0]
        return f"{args.file}:{line}: {path}" if line else f"{args.file}: {path}"

    lines = []
    if args.verbose:
        lines += [f"  {where(b.path)}: {b.figure} → {{{b.field}}}" for b in binding.bound]
    disagree = [u for u in binding.unbound if u.disagrees]
    unnamed = [u for u in binding.unbound if not u.disagrees]
    if disagree:
        lines.append(f"{len(disagree)} figure(s) disagree with the report, left as written:")
        for u in disagree:
            value = "blank" if u.value is None else u.value
            lines.append(f"  {where(u.path)}: …{u.context}{u.figure}: the words name {{{u.named}}}, which is {value}")
    if unnamed:
        lines.append(f"{len(unnamed)} figure(s) name no value of the report, left as written:")
        lines += [f"  {where(u.path)}: …{u.context}{u.figure}" for u in unnamed]
    return lines


def run(args: argparse.Namespace) -> int:
    from govdisclosure import fields

    output = _output(args)
    previous = None
    if args.previous:
        previous = _load(args.previous)
        if previous is None:
            return EXIT_INPUT
    report = _load(args.file, previous)
    if report is None:
        return EXIT_INPUT
    binding = fields.bind(report, previous)
    write_text(_text(args, report, binding, previous), output, force=args.force)
    paragraphs = len({b.path for b in binding.bound})
    summary = f"bound {len(binding.bound)} figure(s) in {paragraphs} paragraph(s)"
    print("\n".join([summary, *_lines(args, binding)]), file=sys.stderr)
    return EXIT_OK
