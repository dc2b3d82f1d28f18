"""Worker processes for a batch: a death costs one file, a stop is quick, an orphan exits.

:func:`run_pool` runs ``work(name)`` for every name in processes forked from this one (they
share what the parent loaded).  It promises:

- **A worker that dies** (the OOM killer, a plugin's ``os._exit``) breaks the pool; the names
  that were being worked on are run again, each alone in a fresh worker, and the one whose
  worker dies again is given up (``died(name)``); the names not yet started go to a fresh pool.
- **Stopping**: when the parent is interrupted (Ctrl-C, SIGTERM), the workers are terminated
  at once (they ignore SIGINT and die on SIGTERM; whatever they were writing is in the
  staging folder, never among the outputs) and the interrupt goes on up.
- **No orphans**: each worker asks Linux to send it SIGTERM when its parent dies
  (``prctl(PR_SET_PDEATHSIG)``), and checks ``os.getppid()`` before each name, in case the
  parent died before that was set or the platform has no ``prctl``.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from govdisclosure._guard import interrupted_by, worker_signals

__all__ = ["run_pool"]

T = TypeVar("T")
_PR_SET_PDEATHSIG = 1

_WORK: Callable[[str], Any] | None = None
"""What the forked workers run: set in the parent before the pool starts."""
_STARTED: Any = None
"""A queue on which each worker says which name it starts, so a dead worker's name is known."""
_PARENT = 0


def _init(parent: int) -> None:
    global _PARENT  # noqa: PLW0603
    _PARENT = parent
    worker_signals()
    with contextlib.suppress(OSError, AttributeError, TypeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _run(name: str) -> Any:
    if os.getppid() != _PARENT:  # an orphan: nobody is waiting for this
        os._exit(1)
    if _WORK is None:  # pragma: no cover - only with a non-fork start method
        raise RuntimeError("govdisclosure's batch rendering needs the fork start method")
    _STARTED.put(name)
    return _WORK(name)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Terminate the workers now (no waiting for what they render), then let the pool go."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError, AssertionError):
            process.join(1)
            if process.is_alive():
                process.kill()
                process.join(1)


def _round(
    names: list[str], jobs: int, finished: Callable[[Any], None], failed: Callable[[str, BaseException], Any]
) -> tuple[set[str], list[str], bool]:
    """One pool over ``names``: (the names finished, those started but unfinished, whether the pool broke)."""
    global _STARTED  # noqa: PLW0603
    context = multiprocessing.get_context("fork")
    _STARTED = context.SimpleQueue()
    done: set[str] = set()
    broken = False
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init, initargs=(os.getpid(),))
    try:
        futures: dict[Future[Any], str] = {pool.submit(_run, name): name for name in names}
        for future in as_completed(futures):
            name = futures[future]
            try:
                result = future.result()
            except BrokenProcessPool:
                broken = True
                continue
            except BaseException as exc:  # the work itself raised in the worker: that name fails, the rest go on
                if interrupted_by() is not None:
                    raise
                result = failed(name, exc)
            done.add(name)
            finished(result)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)
    started: set[str] = set()
    while not _STARTED.empty():
        started.add(_STARTED.get())
    return done, [name for name in names if name in started and name not in done], broken


def run_pool(
    names: Iterable[str],
    work: Callable[[str], T],
    jobs: int,
    finished: Callable[[T], None],
    *,
    died: Callable[[str], T],
    failed: Callable[[str, BaseException], T],
    retried: Callable[[T], T] = lambda result: result,
) -> None:
    """Run ``work`` on every name in ``jobs`` forked workers, calling ``finished`` with each result.

    ``died(name)`` is the result for a name whose worker died twice (see the module's doc);
    ``failed(name, exc)`` the result for a name whose work raised in the worker; ``retried(result)``
    marks the result of a name that was run again after its worker died.
    """
    global _WORK  # noqa: PLW0603
    _WORK = work
    pending = list(names)
    try:
        while pending:
            done, in_progress, broken = _round(pending, jobs, finished, failed)
            if not broken:
                return
            rest = [name for name in pending if name not in done and name not in in_progress]
            if not done and not in_progress:  # the pool broke before anything started: no culprit to isolate
                for name in rest:
                    finished(died(name))
                return
            for name in in_progress:  # one of them killed its worker: each alone now
                again, _, broken_again = _round([name], 1, lambda result: finished(retried(result)), failed)
                if broken_again and name not in again:
                    finished(died(name))
            pending = rest
    finally:
        _WORK = None
