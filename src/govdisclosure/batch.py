"""Rendering many report files: one at a time, or in a pool of worker processes.

``govdisclosure render DIR/*.yaml --jobs N`` comes here.  Each file is loaded, validated and
rendered to every chosen format independently: a file that fails is reported and the others
go on.  With more than one job the files go to a process pool (one plugin manager and one
set of exporters per worker, built once), a progress bar shows counts and the time left when
standard error is a terminal, and a summary ends the run.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import attrs

__all__ = ["Outcome", "RenderJob", "render_files"]

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2


@attrs.frozen
class RenderJob:
    """Everything a worker needs to render a file; picklable."""

    formats: tuple[str, ...]
    options: dict[str, dict[str, Any]]
    output: str
    allow_errors: bool = False
    acknowledgements: tuple[Any, ...] = ()
    disabled_plugins: tuple[str, ...] = ()
    timeout: float | None = None
    """Seconds one export may take before it is stopped (a plugin that hangs)."""
    staging: str | None = None
    """Where files are written before they are renamed into ``output``."""


@attrs.frozen
class Outcome:
    """What rendering one file did: its exit status, the files written, the messages for stderr."""

    name: str
    status: int
    written: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()


class _Worker:
    """The plugins and exporters of one process, built once for all its files."""

    def __init__(self, job: RenderJob) -> None:
        import warnings

        from govdisclosure.plugins import PluginWarning, get_plugin_manager
        from govdisclosure.rendering import exporter_for

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PluginWarning)  # the parent reported them
            self.plugins = get_plugin_manager(disabled=job.disabled_plugins)
        self.job = job
        self.exporters = {
            name: exporter_for(name, plugins=self.plugins, **job.options.get(name, {})) for name in job.formats
        }

    def render(self, name: str) -> Outcome:
        from govdisclosure._files import write_atomic
        from govdisclosure.importing import load_report
        from govdisclosure.rendering import RenderError, export_bytes
        from govdisclosure.serialization import ReportLoadError
        from govdisclosure.validation import validate

        try:
            report = load_report(name)  # a published .html/.docx is imported on the fly
        except ReportLoadError as exc:
            return Outcome(name, EXIT_INPUT, messages=tuple(exc.report_lines()))
        messages: list[str] = []
        result = validate(report, plugins=self.plugins, acknowledgements=self.job.acknowledgements)
        if result.findings:
            verdict = "has errors" if result.has_errors else "passes the checks with"
            messages.append(f"govdisclosure: {name}: {verdict} {counts(result)} (govdisclosure validate {name})")
        if result.has_errors:
            messages += [f"  error {f.code}: {f.message}" for f in result.findings if f.blocking]
            if not self.job.allow_errors:
                messages.append(
                    f"govdisclosure: {name}: not rendered; fix the errors, acknowledge them (--ack) or pass --allow-errors"
                )
                return Outcome(name, EXIT_FAILED, messages=tuple(messages))
        status, written = EXIT_OK, []
        for fmt, exporter in self.exporters.items():
            target = Path(self.job.output) / (Path(name).stem + exporter.suffix)
            registered = self.plugins.exporter(fmt)
            plugin = registered.plugin if registered else "?"
            try:
                with _deadline(self.job.timeout, f"the {fmt} exporter (plugin {plugin})"):
                    data = export_bytes(exporter, report, plugin)
                if not data:
                    raise RenderError(f"the {fmt} exporter (plugin {plugin}) wrote nothing")
                write_atomic(target, data, staging=self.job.staging)
            except (RenderError, ExportTimeoutError) as exc:
                messages.append(f"govdisclosure: {name}: {exc}")
                status = EXIT_FAILED
            except OSError as exc:
                messages.append(f"govdisclosure: {name}: cannot write {target}: {exc.strerror or exc}")
                status = EXIT_FAILED
            else:
                written.append(str(target))
        return Outcome(name, status, tuple(written), tuple(messages))


class ExportTimeoutError(Exception):
    """An export ran past ``--timeout``."""


class _deadline:  # noqa: N801 - a context manager
    """Stop what runs inside after ``seconds`` (SIGALRM: the main thread of a process, on Unix)."""

    def __init__(self, seconds: float | None, what: str) -> None:
        self.seconds, self.what = seconds, what

    def _expire(self, *_: object) -> None:
        raise ExportTimeoutError(f"{self.what} took longer than {self.seconds:g} s and was stopped")

    def __enter__(self) -> None:
        if self.seconds:
            self.previous = signal.signal(signal.SIGALRM, self._expire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc: object) -> None:
        if self.seconds:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)


def staging_folder(output: Path) -> Path:
    """A folder beside ``output`` for files being written, after removing those of dead runs."""
    output = output.resolve()
    for stale in output.parent.glob(f".{output.name}.partial-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    staging = output.parent / f".{output.name}.partial-{os.getpid()}"
    staging.mkdir(exist_ok=True)
    return staging


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def counts(result: Any) -> str:
    from govdisclosure.validation import Severity

    def one(severity: Severity) -> str:
        n = result.count(severity)
        plural = "s" if n != 1 and severity is not Severity.INFO else ""
        return f"{n} {severity.value}{plural}"

    return ", ".join(one(s) for s in Severity)


_WORKER: _Worker | None = None


def _keep_worker() -> None:
    """A forked worker keeps the parent's warmed worker state; a spawned one has none and fails loudly."""
    if _WORKER is None:  # pragma: no cover - only with a non-fork start method
        raise RuntimeError("govdisclosure's batch rendering needs the fork start method")


def _render_in_worker(name: str) -> Outcome:
    assert _WORKER is not None
    return _WORKER.render(name)


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def render_files(
    names: Iterable[str],
    job: RenderJob,
    *,
    jobs: int,
    report: Callable[[Outcome], None],
    progress: bool = False,
) -> list[Outcome]:
    """Render every file, calling ``report`` as each one finishes; return the outcomes in finishing order."""
    names = list(names)
    outcomes: list[Outcome] = []
    if jobs <= 1 or len(names) <= 1:
        worker = _Worker(job)
        with _progress(len(names), progress) as advance:
            for name in names:
                outcome = worker.render(name)
                outcomes.append(outcome)
                report(outcome)
                advance()
        return outcomes
    # Load templates and fonts once, here: the workers are forked from this process and share them.
    global _WORKER  # noqa: PLW0603
    _WORKER = _Worker(job)
    for exporter in _WORKER.exporters.values():
        exporter.warm()
    with (
        ProcessPoolExecutor(
            max_workers=min(jobs, len(names)), mp_context=multiprocessing.get_context("fork"), initializer=_keep_worker
        ) as pool,
        _progress(len(names), progress) as advance,
    ):
        futures = {pool.submit(_render_in_worker, name): name for name in names}
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except Exception as exc:  # noqa: BLE001 - a crashed worker fails its file, not the batch
                outcome = Outcome(
                    futures[future],
                    EXIT_FAILED,
                    messages=(f"govdisclosure: {futures[future]}: {type(exc).__name__}: {exc}",),
                )
            outcomes.append(outcome)
            report(outcome)
            advance()
    return outcomes


class _progress:  # noqa: N801 - used as a context manager like contextlib's helpers
    """A rich progress bar on standard error (counts, rate, time left), or nothing."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled and total > 1
        self.bar: Any = None
        self.task: Any = None
        self.started = time.monotonic()

    def __enter__(self) -> Callable[[], None]:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("rendering"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("left"),
                TimeRemainingColumn(),
                console=Console(file=sys.stderr),
                transient=True,
            )
            self.bar.__enter__()
            self.task = self.bar.add_task("render", total=self.total)

        def advance() -> None:
            if self.bar is not None:
                self.bar.advance(self.task)

        return advance

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)
