"""What goes wrong when a file is read: every problem with its path, message and line.

:class:`ReportLoadError` collects them all; :func:`collect` flattens cattrs' error tree
into (path, message) pairs.  The messages are written for a clerk.
"""

from __future__ import annotations

import difflib
import typing

import attrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from govdisclosure.serialization.yaml_reader import KEY_SUFFIX

__all__ = ["InputError", "LoadProblem", "ReportLoadError", "collect", "suggest"]


@attrs.frozen
class LoadProblem:
    """One thing wrong with an input file."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.path}: {self.message}"


class ReportLoadError(ValueError):
    """An input file cannot be read as a report.  ``problems`` lists every reason."""

    def __init__(self, problems: list[LoadProblem], source: str = "<input>") -> None:
        self.problems = tuple(problems)
        self.source = source
        count = len(self.problems)
        lines = [f"{source}: {count} problem{'s' if count != 1 else ''} found"]
        lines += [f"  {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))

    def report_lines(self) -> list[str]:
        """The problems as a command prints them: ``file:line:column: path: message``, one a line."""
        count = len(self.problems)
        lines = [f"{self.source}: cannot be read as a report ({count} problem{'s' if count != 1 else ''}):"]
        for problem in self.problems:
            where = f"{self.source}:{problem.line}:{problem.column or 1}: " if problem.line else f"{self.source}: "
            path = "" if problem.path == "$" and problem.line is None else f"{problem.path}: "  # the whole file
            lines.append(f"  {where}{path}{problem.message}")
        return lines


class InputError(ValueError):
    """Raised by the structure hooks: its message is already written for a clerk."""


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def collect(exc: BaseException, path: str, out: list[tuple[str, str]]) -> None:
    """Flatten a cattrs error tree into (path, message) pairs."""
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            _collect_attribute(sub, note, path, out)
        for sub in without:
            collect(sub, path, out)
    elif isinstance(exc, IterableValidationError):
        with_notes_i, without_i = exc.group_exceptions()
        for sub, inote in with_notes_i:
            collect(sub, f"{path}[{inote.index}]", out)
        for sub in without_i:
            collect(sub, path, out)
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = [a.name for a in attrs.fields(exc.cl)]
        # The path names the key itself, so the position is the key's, not its value's.
        out.extend((f"{path}.{key}{KEY_SUFFIX}", _unknown_key(key, known)) for key in sorted(exc.extra_fields))
    elif isinstance(exc, KeyError):
        out.append((path, "required, but missing"))
    elif isinstance(exc, InputError):
        out.append((path, str(exc)))
    else:  # pragma: no cover - a hook bug, shown rather than hidden
        out.append((path, f"{type(exc).__name__}: {exc}"))


def _unknown_key(key: str, known: list[str]) -> str:
    if key.isdigit():
        # {natural_person: 1,234}: in a {…} mapping the comma ends the entry, so "234" becomes a key.
        return (
            f"unknown key {key!r}: a number written with a thousands comma (such as 1,{key}) inside {{…}} "
            "reads as two entries; write it without the comma (1234)"
        )
    return f"unknown key {key!r}{suggest(key, known)}"


def _collect_attribute(
    exc: BaseException, note: AttributeValidationNote | IterableValidationNote, path: str, out: list[tuple[str, str]]
) -> None:
    name = note.name if isinstance(note, AttributeValidationNote) else note.index
    collect(exc, f"{path}.{name}", out)
