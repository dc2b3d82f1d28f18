"""Guarding calls into plugins: their output kept off standard output, their exits and interrupts told apart.

A plugin is code govdisclosure does not control.  Around every call into one (loading it,
its hooks, an exporter, a rule, an availability check, a reader):

- :func:`plugin_output` sends whatever it prints to standard error, both ``print`` (Python's
  ``sys.stdout``) and writes to file descriptor 1, so ``--json`` and ``--format json``
  outputs stay valid JSON;
- :func:`is_plugin_fault` tells a plugin's ``sys.exit()`` or ``raise KeyboardInterrupt`` (a
  failure of that plugin, contained like any other) from the user's real Ctrl-C or a SIGTERM,
  which :func:`signal_handlers` records when the signal arrives.

Descriptor 1 is process-wide: while a plugin runs, another thread's writes to standard output go to
standard error too.  govdisclosure calls plugins from one thread; an application that embeds it
and writes to standard output from other threads at the same time should know this.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from types import FrameType

__all__ = [
    "interrupted_by",
    "is_plugin_fault",
    "plugin_output",
    "signal_handlers",
    "worker_signals",
]

_received: int | None = None
"""The signal the user sent (SIGINT, SIGTERM), once one arrived."""
_guarding = False
"""Whether signals are recorded here (the command line, a batch worker): only then can a plugin's
KeyboardInterrupt be told from the user's."""


def _on_signal(number: int, frame: FrameType | None) -> None:
    global _received  # noqa: PLW0603
    _received = number
    raise KeyboardInterrupt(signal.Signals(number).name)


@contextlib.contextmanager
def signal_handlers() -> Iterator[None]:
    """Inside, SIGINT and SIGTERM are recorded as the user's, then raise :class:`KeyboardInterrupt`.

    Main thread only.  The previous handlers are put back on leaving.
    """
    global _guarding, _received  # noqa: PLW0603
    previous = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    for number in previous:
        signal.signal(number, _on_signal)
    _guarding, _received = True, None
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        _guarding = False


def worker_signals() -> None:
    """In a batch worker: Ctrl-C is the parent's to handle (ignored here), SIGTERM ends the worker at once.

    What a worker was writing is in the staging folder, never among the outputs, so ending it
    anywhere leaves only whole files.
    """
    global _guarding, _received
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _guarding, _received = True, None


def interrupted_by() -> int | None:
    """The signal the user sent this process, if any (after :func:`install_signal_handlers`)."""
    return _received


def is_plugin_fault(exc: BaseException) -> bool:
    """Whether ``exc`` escaping a plugin's code is that plugin's failure rather than the user stopping the run.

    Every :class:`Exception` and ``SystemExit`` is the plugin's.  A ``KeyboardInterrupt`` is the
    user's only when a SIGINT or SIGTERM was recorded, or when no handler records them (a library
    caller's own Ctrl-C must still stop it).
    """
    if isinstance(exc, (Exception, SystemExit)):
        return True
    if isinstance(exc, KeyboardInterrupt):
        return _received is None and _guarding
    return False


@contextlib.contextmanager
def plugin_output() -> Iterator[None]:
    """Inside, standard output (``sys.stdout`` and descriptor 1) goes to standard error."""
    with contextlib.ExitStack() as stack:
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()
        saved = None
        try:
            saved = os.dup(1)
            os.dup2(2, 1)
        except OSError:
            saved = None
        stack.callback(_restore, saved)
        stack.enter_context(contextlib.redirect_stdout(sys.stderr))
        yield


def _restore(saved: int | None) -> None:
    if saved is None:
        return
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os.dup2(saved, 1)
    os.close(saved)
