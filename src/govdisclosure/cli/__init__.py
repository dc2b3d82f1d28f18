"""The ``govdisclosure`` command: one module per command, each with ``register`` and ``run``.

Exit codes: 0 success; 1 a check failed (validation errors, a file not verified, a format
that failed); 2 unusable input (a file that cannot be read as a report, a wrong option);
70 an internal error; 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).  A user's mistake never shows a traceback.  The
commands word what the library returns; no logic of the library lives here.  Heavy
libraries are not imported here: each command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO, cast

from govdisclosure.cli import aggregate, bind, check, explain, files, import_, plugins, render, review, validate, verify
from govdisclosure.cli.common import (
    EXIT_FAILED,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    UsageError,
)

__all__ = ["COMMANDS", "EXIT_FAILED", "EXIT_INPUT", "EXIT_INTERNAL", "EXIT_OK", "UsageError", "main", "run"]

COMMANDS = (render, validate, verify, plugins, check, import_, files, bind, review, aggregate, explain)
"""The command modules, in the order ``--help`` lists their commands."""


class _VersionAction(argparse.Action):
    """--version, reading the installed version only when asked (it costs a metadata scan)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        import govdisclosure

        print(f"govdisclosure {govdisclosure.__version__}")
        parser.exit()


class _Unused:
    """The parser a command that is not being run gets: its options are not built (about 13 ms of
    every start for the eleven commands); its name and help still show in ``--help``."""

    def __getattr__(self, name: str) -> Callable[..., _Unused]:
        return lambda *args, **kwargs: self


class _Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    running: str | None = None
    """The command being run; None builds every command's options."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = super().add_parser(name, **kwargs)
        return parser if self.running in (None, name) else cast("argparse.ArgumentParser", _Unused())


def _command_in(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs: its first argument that is neither an option nor an option's value."""
    after_option = False
    for arg in argv:
        if after_option or arg.startswith("-"):
            after_option = arg == "--disable-plugin"
            continue
        return arg
    return None


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(EXIT_INPUT)


def parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line: global options, then one sub-command from each module of :data:`COMMANDS`.

    Given the ``argv`` it will parse, only the command it runs gets its options built."""
    top = _Parser(
        prog="govdisclosure",
        description="Model, check and render 政府信息公开工作年度报告 "
        "(government information-disclosure annual reports).",
    )
    top.add_argument("--version", action=_VersionAction, nargs=0, help="show the version and exit")
    top.add_argument(
        "--disable-plugin",
        action="append",
        metavar="NAME",
        help="do not load this plugin (repeatable; also GOVDISCLOSURE_DISABLE_PLUGINS=a,b)",
    )
    commands = cast(
        "_Commands", top.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser, action=_Commands)
    )
    commands.running = None if argv is None else _command_in(argv)
    for module in COMMANDS:
        module.register(commands)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    top = parser(argv)
    args = top.parse_args(argv)
    if args.command is None:
        top.print_help()
        return EXIT_INPUT
    import threading

    from govdisclosure._guard import signal_handlers

    stdout = sys.stdout
    sys.stdout = _ReaderMayClose(stdout)
    try:
        with signal_handlers() if threading.current_thread() is threading.main_thread() else contextlib.nullcontext():
            status: int = args.run(args)
            sys.stdout.flush()
    except UsageError as exc:
        print(f"govdisclosure: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        from govdisclosure._guard import interrupted_by

        print("govdisclosure: interrupted", file=sys.stderr)
        return EXIT_TERMINATED if interrupted_by() == signal.SIGTERM else EXIT_INTERRUPTED
    except BrokenPipeError:
        # A binary output (`-o -`) piped into `head` and the like: not an error of ours.
        _to_devnull(stdout)
        return EXIT_OK
    except Exception as exc:
        if os.environ.get("GOVDISCLOSURE_DEBUG"):
            raise
        print(
            f"govdisclosure: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in govdisclosure, not in your file. Run again with GOVDISCLOSURE_DEBUG=1 "
            "for the traceback and report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    finally:
        sys.stdout = stdout
    return status


def run() -> NoReturn:
    """The ``govdisclosure`` command (and ``python -m govdisclosure``): :func:`main`, then the exit.

    Before the interpreter exits, what the command made is frozen (:func:`gc.freeze`): the
    collections of the interpreter's shutdown then leave it alone, instead of walking every
    object the process is about to lose anyway (25 ms of every command, a tenth of
    ``validate``).  Only here, never in :func:`main`: a program that calls ``main()`` goes on
    and must go on collecting.  So a finalizer (``__del__``) of an object caught in a reference
    cycle does not run at the command's exit; ``atexit`` handlers still do (docs/plugins.md).
    """
    status = main()
    gc.freeze()
    sys.exit(status)


def _to_devnull(stream: Any) -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, stream.fileno())
    finally:
        os.close(devnull)


class _ReaderMayClose:
    """Standard output whose reader may stop reading (``verify *.pdf | head -1``).

    What is printed after that goes nowhere and the command runs to its end: its exit status
    stays its verdict.  (Ending with success there would let a pipeline that checks the status
    accept a file that failed.)
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            _to_devnull(self._stream)
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            _to_devnull(self._stream)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
