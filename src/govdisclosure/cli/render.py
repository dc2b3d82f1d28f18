"""``govdisclosure render``: validate report files and write them in every chosen format.

The command builds the plugins and the exporters once (a :class:`~govdisclosure.rendering.Renderer`),
hands them to :func:`govdisclosure.batch.render_files`, and words what comes back: a line per
problem, a progress bar on a terminal, a summary, the exit status.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govdisclosure.cli.common import (
    EXIT_FAILED,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    UsageError,
    acknowledgements,
    load_plugins,
    load_report,
)
from govdisclosure.cli.validate import counts

if TYPE_CHECKING:
    from govdisclosure.batch import BatchInterrupted, Outcome
    from govdisclosure.model import Report
    from govdisclosure.plugins import Plugins

__all__ = ["parse_options", "progress_bar", "register", "run"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    render = commands.add_parser(
        "render",
        help="render report files to every available format, or those given with --to",
        description="Validate each FILE and render it to OUTPUT/<name><suffix> in every available format (or --to). "
        "A report with validation errors is not rendered unless --allow-errors is given or they are acknowledged "
        "(--ack). Each file is written whole or not at all; a failing file or format is reported and the others go "
        "on. Exit status: 0 all written, 1 a report had errors or a format failed, 2 an input or option is unusable.",
    )
    render.add_argument("files", nargs="+", metavar="FILE", help="a report in YAML or JSON, or a published .html/.docx")
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
        "--previous", metavar="FILE", help="last year's report, for diff() fields and the cross-year checks"
    )
    render.add_argument(
        "--timeout", type=float, metavar="SECONDS", help="stop an export that takes longer (a plugin that hangs)"
    )
    render.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="with several files, also list each file written and each file's warnings (always shown for one file)",
    )
    render.set_defaults(run=run)


def parse_options(values: list[str], known: set[str]) -> dict[str, dict[str, object]]:
    """``-O html.profile=fragment`` → {"html": {"profile": "fragment"}}; values read as YAML scalars."""
    from govdisclosure.serialization import YamlReadError, read_yaml

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


def _choose_formats(args: argparse.Namespace, plugins: Plugins) -> list[str]:
    """The formats to write: those of ``--to`` (the renderer refuses an unknown or unavailable one),
    or every available one, a format per suffix."""
    from govdisclosure.rendering import formats

    if args.to:
        # Only the formats asked for are checked: another's check may cost (the PDF's asks fontconfig).
        return [name.strip() for name in args.to.split(",") if name.strip()]
    # One format per output name: a second engine for a suffix (pdf-typst beside pdf) only on request.
    chosen: dict[str, str] = {}
    for info in formats(plugins=plugins):
        if info.available:
            chosen.setdefault(info.suffix, info.name)
    return list(chosen.values())


def _output_folder(name: str) -> Path:
    out_dir = Path(name)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create the output folder {out_dir}: {exc.strerror or exc}") from None
    if not os.access(out_dir, os.W_OK):
        raise UsageError(f"cannot write to the output folder {out_dir}")
    return out_dir


def _messages(outcome: Outcome, *, verbose: bool) -> list[str]:
    """What to say on standard error about one file: its problems always, the rest with ``-v``."""
    name = outcome.name
    lines = list(outcome.unreadable)
    if outcome.retried:
        lines.append(
            f"govdisclosure: {name}: warning: a worker process died while this file was being rendered (killed by "
            "the system, e.g. out of memory, or a plugin's os._exit); it was rendered again in a fresh worker"
        )
    found = counts(outcome.counts) if outcome.counts else ""
    if outcome.blocking:
        rendered = "not rendered" if outcome.blocked else "rendered all the same (--allow-errors)"
        lines.append(f"govdisclosure: {name}: fails the checks ({found}); {rendered}")
        lines += [f"  error {code}: {message}" for code, message in outcome.blocking]
        if outcome.blocked:
            lines.append(
                "  fix the errors, acknowledge them (--ack) or pass --allow-errors; details: govdisclosure validate"
            )
    elif verbose and outcome.counts and any(outcome.counts.values()):
        lines.append(f"govdisclosure: {name}: passes the checks ({found}; govdisclosure validate {name} lists them)")
    lines += [f"govdisclosure: {name}: {failure.message}" for failure in outcome.failures]
    return lines


def _status(outcome: Outcome) -> int:
    if outcome.unreadable:
        return EXIT_INPUT
    return EXIT_OK if outcome.ok else EXIT_FAILED


@contextmanager
def progress_bar(total: int, enabled: bool, *, console: Any = None) -> Iterator[Callable[[], None]]:
    """A rich progress bar on standard error (files done, time elapsed, time to go), or nothing."""
    if not (enabled and total > 1):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns: list[Any] = [TextColumn("rendering"), BarColumn(), MofNCompleteColumn(), TextColumn("files ·")]
    columns += [TimeElapsedColumn(), TextColumn("elapsed · about"), TimeRemainingColumn(), TextColumn("to go")]
    with Progress(*columns, console=console or Console(file=sys.stderr), transient=True) as bar:
        task = bar.add_task("render", total=total)

        def advance() -> None:
            bar.advance(task)
            bar.refresh()

        yield advance


def _interrupted(stop: BatchInterrupted, total: int) -> int:
    """What was finished when the user stopped the run; 130 for Ctrl-C, 143 for SIGTERM."""
    import signal

    done = [o for o in stop.outcomes if o.ok]
    written = sum(len(o.written) for o in stop.outcomes)
    print(
        f"govdisclosure: interrupted: {len(stop.outcomes)} of {total} files finished ({len(done)} rendered, "
        f"{written} files written, each whole); the others were not written",
        file=sys.stderr,
    )
    return EXIT_TERMINATED if stop.signal_number == signal.SIGTERM else EXIT_INTERRUPTED


def _distinct_outputs(files: list[str], targets: Callable[[str], list[Path]]) -> tuple[list[str], list[str], int]:
    """The files whose outputs no earlier file writes and that would not overwrite an input,
    the messages about the others, and the exit status they call for."""
    owners: dict[Path, str] = {}
    inputs = {Path(name).resolve() for name in files}
    kept, messages, status = [], [], EXIT_OK
    for name in files:
        paths = targets(name)
        clash = next((owners[p] for p in paths if p in owners), None)
        if clash is not None:
            messages.append(f"govdisclosure: {name}: not rendered: its output names are also those of {clash}")
            status = max(status, EXIT_FAILED)
            continue
        overwritten = next((p for p in paths if p.resolve() in inputs), None)
        if overwritten is not None:
            messages.append(
                f"govdisclosure: {name}: not rendered: its output {overwritten} would overwrite the input itself; use -o"
            )
            status = EXIT_INPUT
            continue
        owners.update(dict.fromkeys(paths, name))
        kept.append(name)
    return kept, messages, status


def _previous(args: argparse.Namespace) -> Report | None:
    """Last year's report, when --previous names it (for one report file)."""
    from govdisclosure.serialization import ReportLoadError, load

    if not args.previous:
        return None
    if len(args.files) > 1:
        raise UsageError("--previous goes with one report file")
    try:
        return load(args.previous)
    except ReportLoadError as exc:
        raise UsageError("\n".join(exc.report_lines())) from None


def run(args: argparse.Namespace) -> int:
    import functools

    from govdisclosure.batch import BatchInterrupted, RenderJob, default_jobs, render_files, staging_folder
    from govdisclosure.rendering import Renderer, RenderError

    plugins = load_plugins(args)
    acknowledged = acknowledgements(args.ack)
    previous = _previous(args)
    wanted = _choose_formats(args, plugins)
    options = parse_options(args.option or [], set(plugins.exporters.names()))
    for fmt, given in options.items():
        if fmt not in wanted:  # `--to pdf-typst -O pdf.variant=none`: the option of the other engine
            names = ", ".join(f"-O {fmt}.{key}" for key in given)
            print(
                f"govdisclosure: {names}: the format {fmt} is not rendered ({', '.join(wanted)}); ignored",
                file=sys.stderr,
            )
    try:
        renderer = Renderer(tuple(wanted), options, plugins=plugins)
    except RenderError as exc:
        raise UsageError(str(exc)) from None
    out_dir = _output_folder(args.output)
    jobs = args.jobs if args.jobs is not None else default_jobs()
    if jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {jobs}")
    if args.timeout is not None and args.timeout <= 0:
        raise UsageError(f"--timeout must be a number of seconds above 0, not {args.timeout:g}")
    files, clashes, refused = _distinct_outputs(
        args.files, lambda n: list(renderer.targets(Path(n).stem, out_dir).values())
    )
    for line in clashes:
        print(line, file=sys.stderr)

    started = time.monotonic()
    with staging_folder(out_dir) as staging, progress_bar(len(files), sys.stderr.isatty()) as advance:
        job = RenderJob(
            str(out_dir),
            args.allow_errors,
            acknowledged,
            args.timeout,
            str(staging),
            functools.partial(load_report, plugins=plugins, previous=previous),
            previous,
        )
        verbose = args.verbose or len(files) == 1

        def report(outcome: Outcome) -> None:
            for line in _messages(outcome, verbose=verbose):
                print(line, file=sys.stderr)
            if verbose:
                for path in outcome.written:
                    print(f"wrote {path}", flush=True)
            advance()

        try:
            outcomes = render_files(files, renderer, job, jobs=jobs, on_outcome=report)
        except BatchInterrupted as stop:
            return _interrupted(stop, len(args.files))
    status = max([refused, *(_status(o) for o in outcomes)])
    if len(args.files) > 1:
        failed = sum(1 for o in outcomes if not o.ok) + len(clashes)
        written = sum(len(o.written) for o in outcomes)
        print(
            f"govdisclosure: {len(args.files)} files, {len(args.files) - failed} rendered, {failed} with problems; "
            f"{written} files written to {out_dir} ({min(jobs, max(len(files), 1))} job{'s' if jobs > 1 else ''}, "
            f"{time.monotonic() - started:.1f} s)",
            file=sys.stderr,
        )
    return status
