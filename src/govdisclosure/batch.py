"""Rendering many report files: one at a time, or in a pool of worker processes.

Each file is loaded, validated and rendered to every format of a
:class:`~govdisclosure.rendering.Renderer` independently: a file that fails is reported
and the others go on.  With more than one job the files go to a pool of processes forked
from this one, so they share the caller's plugins and warmed exporters.  What happened to
each file comes back as an :class:`Outcome` (data, not words): the command line words the
messages, draws the progress and owns the exit codes.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import attrs

from govdisclosure.model import Report
from govdisclosure.rendering import Renderer, RenderError, export_bytes, write_output
from govdisclosure.serialization import ReportLoadError, load
from govdisclosure.validation import Severity, validate

__all__ = [
    "ExportTimeoutError",
    "Failure",
    "Outcome",
    "RenderJob",
    "default_jobs",
    "render_files",
    "render_one",
    "staging_folder",
]


@attrs.frozen
class RenderJob:
    """How to render each file: where to, and what blocks it."""

    output: str
    allow_errors: bool = False
    acknowledgements: tuple[Any, ...] = ()
    timeout: float | None = None
    """Seconds one export may take before it is stopped (a plugin that hangs)."""
    staging: str | None = None
    """Where files are written before they are renamed into ``output``."""
    load: Callable[[str], Report] = load
    """How a file becomes a report: serialization's reader, or one that also imports published pages."""
    previous: Any = None
    """Last year's report (a :class:`~govdisclosure.model.Report`), for ``diff`` fields and the cross-year rules."""


@attrs.frozen
class Failure:
    """A format that could not be written for a file."""

    format: str
    message: str


@attrs.frozen
class Outcome:
    """What rendering one file did."""

    name: str
    unreadable: tuple[str, ...] = ()
    """Why the file cannot be read as a report, a line each (empty when it was read)."""
    counts: dict[str, int] = attrs.field(factory=dict)
    """Findings by severity ("error", "warning", "info")."""
    blocking: tuple[tuple[str, str], ...] = ()
    """(code, message) of each finding that blocks rendering."""
    blocked: bool = False
    """Not rendered because of ``blocking`` findings."""
    written: tuple[str, ...] = ()
    failures: tuple[Failure, ...] = ()

    @property
    def ok(self) -> bool:
        return not (self.unreadable or self.blocked or self.failures)


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


def render_one(renderer: Renderer, job: RenderJob, name: str) -> Outcome:
    """Load, validate and render one file."""
    try:
        report = job.load(name)
    except ReportLoadError as exc:
        return Outcome(name, unreadable=tuple(exc.report_lines()))
    result = validate(report, job.previous, plugins=renderer.plugins, acknowledgements=job.acknowledgements)
    counts = {severity.value: result.count(severity) for severity in Severity}
    blocking = tuple((f.code, f.message) for f in result.findings if f.blocking)
    if blocking and not job.allow_errors:
        return Outcome(name, counts=counts, blocking=blocking, blocked=True)
    written, failures = [], []
    targets = renderer.targets(Path(name).stem, Path(job.output))
    for fmt, (exporter, plugin) in renderer.exporters.items():
        what = f"the {fmt} exporter (plugin {plugin})"
        try:
            with _deadline(job.timeout, what):
                data = export_bytes(exporter, report, plugin)
            write_output(targets[fmt], data, what=what, staging=job.staging)
        except (RenderError, ExportTimeoutError) as exc:
            failures.append(Failure(fmt, str(exc)))
        except OSError as exc:
            failures.append(Failure(fmt, f"cannot write {targets[fmt]}: {exc.strerror or exc}"))
        else:
            written.append(str(targets[fmt]))
    return Outcome(name, (), counts, blocking, False, tuple(written), tuple(failures))


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


_SHARED: tuple[Renderer, RenderJob] | None = None
"""What forked workers render with: set in the parent before the pool starts."""


def _render_in_worker(name: str) -> Outcome:
    if _SHARED is None:  # pragma: no cover - only with a non-fork start method
        raise RuntimeError("govdisclosure's batch rendering needs the fork start method")
    return render_one(*_SHARED, name)


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def render_files(
    names: Iterable[str],
    renderer: Renderer,
    job: RenderJob,
    *,
    jobs: int,
    on_outcome: Callable[[Outcome], None] = lambda outcome: None,
) -> list[Outcome]:
    """Render every file, calling ``on_outcome`` as each one finishes; return the outcomes in finishing order."""
    names = list(names)
    outcomes: list[Outcome] = []
    if jobs <= 1 or len(names) <= 1:
        for name in names:
            outcomes.append(render_one(renderer, job, name))
            on_outcome(outcomes[-1])
        return outcomes
    # Templates and fonts are loaded once, here: the workers are forked from this process and share them.
    global _SHARED  # noqa: PLW0603
    renderer.warm()
    _SHARED = (renderer, job)
    try:
        with ProcessPoolExecutor(
            max_workers=min(jobs, len(names)), mp_context=multiprocessing.get_context("fork")
        ) as pool:
            futures = {pool.submit(_render_in_worker, name): name for name in names}
            for future in as_completed(futures):
                try:
                    outcome = future.result()
                except Exception as exc:  # noqa: BLE001 - a crashed worker fails its file, not the batch
                    outcome = Outcome(futures[future], failures=(Failure("*", f"{type(exc).__name__}: {exc}"),))
                outcomes.append(outcome)
                on_outcome(outcome)
    finally:
        _SHARED = None
    return outcomes
