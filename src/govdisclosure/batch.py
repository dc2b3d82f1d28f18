"""Rendering many report files: one at a time, or in a pool of worker processes.

Each file is loaded, validated and rendered to every format of a
:class:`~govdisclosure.rendering.Renderer` independently: a file that fails is reported
and the others go on.  With more than one job the files go to a pool of processes forked
from this one, so they share the caller's plugins and warmed exporters.  What happened to
each file comes back as an :class:`Outcome` (data, not words): the command line words the
messages, draws the progress and owns the exit codes.
"""

from __future__ import annotations

import functools
import gc
import os
import signal
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs

from govdisclosure._files import Staging
from govdisclosure._guard import interrupted_by, is_plugin_fault, plugin_output
from govdisclosure._pool import run_pool
from govdisclosure.exporters import Exporter
from govdisclosure.model import Report
from govdisclosure.plugins import DEFAULT_PLUGINS
from govdisclosure.rendering import Renderer, RenderError, export_bytes, write_output
from govdisclosure.serialization import ReportLoadError, dumps_json, load, loads
from govdisclosure.validation import Severity, validate

__all__ = [
    "BatchInterrupted",
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
    retried: bool = False
    """Its first worker died while rendering it, and it was rendered again in a fresh one."""

    @property
    def ok(self) -> bool:
        return not (self.unreadable or self.blocked or self.failures)


class ExportTimeoutError(Exception):
    """An export ran past ``--timeout``."""


class _deadline:  # noqa: N801 - a context manager
    """Stop what runs inside after ``seconds`` (SIGALRM: the main thread of a process, on Unix).

    The alarm raises :class:`ExportTimeoutError` wherever the code is; should that code swallow
    it (a library's ``except Exception``), leaving the block raises it again: a deadline that
    passed is always reported."""

    def __init__(self, seconds: float | None, what: str) -> None:
        self.seconds, self.what = seconds, what
        self.expired = False

    def _error(self) -> ExportTimeoutError:
        return ExportTimeoutError(f"{self.what} took longer than {self.seconds:g} s and was stopped")

    def _expire(self, *_: object) -> None:
        self.expired = True
        raise self._error()

    def __enter__(self) -> None:
        if self.seconds:
            self.previous = signal.signal(signal.SIGALRM, self._expire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if self.seconds:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
            if self.expired and kind is None:
                raise self._error()


def _same_data(renderer: Renderer, rendered: dict[str, bytes], canonical: bytes) -> dict[str, str]:
    """The formats whose file carries other data than the validated report, with why."""
    wrong = {}
    for fmt, data in rendered.items():
        exporter, plugin = renderer.exporters[fmt]
        if type(exporter).read_embedded.__func__ is Exporter.read_embedded.__func__:  # type: ignore[attr-defined]
            continue  # the format embeds nothing to compare
        try:
            with plugin_output():
                carried = type(exporter).read_data(data)
        except BaseException as exc:
            if not is_plugin_fault(exc):
                raise
            wrong[fmt] = f"the {fmt} exporter (plugin {plugin}) wrote a file it cannot read back: {exc}"
            continue
        if carried is not None and carried != canonical:
            wrong[fmt] = (
                f"the {fmt} exporter (plugin {plugin}) wrote a file that carries other data than the validated "
                "report (an exporter changed the report or the library); not written"
            )
    return wrong


def render_one(renderer: Renderer, job: RenderJob, name: str) -> Outcome:
    """Load, validate and render one file.

    Each exporter gets its own fresh copy of the report as validated (read again from its
    canonical JSON), so nothing an exporter does to the report reaches the next; the files of
    the formats that embed the data are checked to carry the validated report before any is written.
    """
    try:
        report = job.load(name)
    except ReportLoadError as exc:
        return Outcome(name, unreadable=tuple(exc.report_lines()))
    canonical = dumps_json(report)
    result = validate(report, job.previous, plugins=renderer.plugins, acknowledgements=job.acknowledgements)
    counts = {severity.value: result.count(severity) for severity in Severity}
    blocking = tuple((f.code, f.message) for f in result.findings if f.blocking)
    if blocking and not job.allow_errors:
        return Outcome(name, counts=counts, blocking=blocking, blocked=True)
    failures, rendered = [], {}
    for fmt, (exporter, plugin) in renderer.exporters.items():
        what = f"the {fmt} exporter (plugin {plugin})"
        try:
            with _deadline(job.timeout, what):
                data = export_bytes(
                    exporter, loads(canonical, format="json", source=name, previous=job.previous), plugin
                )
        except (RenderError, ExportTimeoutError) as exc:
            failures.append(Failure(fmt, str(exc)))
        else:
            rendered[fmt] = data
    wrong = _same_data(renderer, rendered, canonical.encode("utf-8"))
    failures += [Failure(fmt, message) for fmt, message in wrong.items()]
    written = []
    targets = renderer.targets(Path(name).stem, Path(job.output))
    for fmt, data in rendered.items():
        if fmt in wrong:
            continue
        try:
            write_output(
                targets[fmt],
                data,
                what=f"the {fmt} exporter (plugin {renderer.exporters[fmt][1]})",
                staging=job.staging,
            )
        except RenderError as exc:
            failures.append(Failure(fmt, str(exc)))
        except OSError as exc:
            failures.append(Failure(fmt, f"cannot write {targets[fmt]}: {exc.strerror or exc}"))
        else:
            written.append(str(targets[fmt]))
    return Outcome(name, (), counts, blocking, False, tuple(written), tuple(failures))


def staging_folder(output: Path) -> Staging:
    """The staging of a run writing into ``output`` (see :class:`govdisclosure._files.Staging`)."""
    return Staging(output)


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


_DIED = (
    "its worker process died while rendering it (killed by the system, e.g. out of memory, or a plugin called "
    "os._exit); nothing of it was written, and the other files were rendered in a fresh worker"
)


class BatchInterrupted(KeyboardInterrupt):
    """The user stopped a batch (Ctrl-C, SIGTERM): the outcomes of the files that were finished, and the signal."""

    def __init__(self, outcomes: list[Outcome], signal_number: int | None) -> None:
        super().__init__("interrupted")
        self.outcomes = outcomes
        self.signal_number = signal_number


def render_files(
    names: Iterable[str],
    renderer: Renderer,
    job: RenderJob,
    *,
    jobs: int,
    on_outcome: Callable[[Outcome], None] = lambda outcome: None,
) -> list[Outcome]:
    """Render every file, calling ``on_outcome`` as each one finishes; return the outcomes in finishing order.

    With ``jobs`` above 1, or an exporter of a plugin that is not built in, the files are
    rendered in worker processes (see :mod:`govdisclosure._pool`): a worker that dies costs
    only the file it was rendering.  Raises :class:`BatchInterrupted` when the user stops the
    run; the files finished by then are whole, the others are not there.
    """
    names = list(names)
    outcomes: list[Outcome] = []

    def finished(outcome: Outcome) -> None:
        outcomes.append(outcome)
        on_outcome(outcome)

    foreign = any(plugin not in dict(DEFAULT_PLUGINS) for _, plugin in renderer.exporters.values())
    # What warm() loads lives as long as the batch: frozen, the garbage collector never walks it
    # again (the PDF exporter collects after every document) and forked workers do not copy the
    # pages it is on (Python's gc.freeze documentation). 4 % more PDFs a second, 1 or 2 workers.
    freeze = gc.get_freeze_count() == 0
    try:
        # Libraries, templates and fonts loaded once, here: before any --timeout runs (an import cut
        # short by the alarm would leave its module broken for the next file), and before the forked
        # workers, which share them.
        renderer.warm()
        if freeze:
            gc.freeze()
        if (jobs <= 1 or len(names) <= 1) and not foreign:
            for name in names:
                finished(render_one(renderer, job, name))
        else:
            run_pool(
                names,
                functools.partial(render_one, renderer, job),
                max(1, min(jobs, len(names))),
                finished,
                died=lambda name: Outcome(name, failures=(Failure("*", _DIED),)),
                failed=lambda name, exc: Outcome(name, failures=(Failure("*", f"{type(exc).__name__}: {exc}"),)),
                retried=lambda outcome: attrs.evolve(outcome, retried=True),
            )
    except KeyboardInterrupt as exc:
        if isinstance(exc, BatchInterrupted):
            raise
        raise BatchInterrupted(outcomes, interrupted_by()) from None
    finally:
        if freeze:
            gc.unfreeze()
    return outcomes
