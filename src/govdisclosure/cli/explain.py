"""The ``explain`` command: where one figure of a roll-up comes from, largest contribution first."""

from __future__ import annotations

import argparse

from govdisclosure.cli.common import EXIT_OK, UsageError

__all__ = ["register", "run"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "explain",
        help="show which units a figure of a roll-up comes from",
        description="Print the value of CELL in the roll-up OUT (written by `govdisclosure aggregate`), each unit's "
        "contribution largest first, and the units that left the cell blank. OUT is the roll-up or its "
        ".lineage.json file; CELL a path such as '$.requests.received.total' or '$.appeals.review.corrected'. "
        "Exit status: 0 shown, 2 no such file or cell.",
    )
    parser.add_argument("rollup", metavar="OUT", help="the roll-up (or its OUT.lineage.json)")
    parser.add_argument("cell", metavar="CELL", help="the cell's path, e.g. '$.requests.received.total'")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from govdisclosure.aggregate import LineageError, explain

    try:
        explanation = explain(args.rollup, args.cell)
    except LineageError as exc:
        raise UsageError(str(exc)) from None
    value = "blank" if explanation.value is None else str(explanation.value)
    print(f"{explanation.path} = {value}")
    if explanation.note:
        print(f"  note: {explanation.note}")
    stated = len(explanation.contributions)
    print(f"  {stated} units contributed (largest first):")
    width = max((len(str(c.value)) for c in explanation.contributions), default=1)
    for contribution in explanation.contributions:
        print(f"    {contribution.value!s:>{width}}  {contribution.unit}  ({contribution.source})")
    if explanation.blank:
        counted = "counted as 0 (--blank-as-zero)" if explanation.blank_as_zero else "so the sum is left blank"
        print(f"  {len(explanation.blank)} units left it blank, {counted}: {'、'.join(explanation.blank)}")
    return EXIT_OK
