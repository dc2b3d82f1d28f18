"""Resolving a report's fields: the one place where a paragraph's fields become its printed text.

:func:`resolve` gives the report as printed: each paragraph written with fields keeps that
writing in ``Paragraph.source`` and gets the printed figures in ``Paragraph.text``.  Reading a
file resolves it (so ``check`` reports a field that names nothing, with its line), and the render
path resolves a report built in Python, so every exporter prints the same number.

A report is resolved once per process: reading a file resolves it, and validating and
rendering the report read that result again instead of working out every field once more
(reports are frozen, so the same object always resolves the same way).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

import attrs

from govdisclosure.fields.evaluate import FieldValueError, evaluate, format_number
from govdisclosure.fields.syntax import Field, FieldSyntaxError, has_braces, parse_text
from govdisclosure.model import Block, Paragraph, Report, Section

__all__ = [
    "FieldProblem",
    "FieldsError",
    "as_written",
    "for_printing",
    "map_paragraphs",
    "printed",
    "resolve",
    "resolve_collect",
    "unbind",
    "written",
]


@attrs.frozen
class FieldProblem:
    """A paragraph whose fields cannot be resolved: its path (``$.sections[0].body[1]``) and why."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class FieldsError(ValueError):
    """Some fields of a report cannot be resolved; ``problems`` lists each."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def written(paragraph: Paragraph) -> str:
    """The paragraph as written: with its fields, if it has any."""
    return paragraph.source if paragraph.source is not None else paragraph.text


def printed(text: str, report: Report, previous: Report | None = None) -> str:
    """``text`` (in the field syntax) with every field replaced by its value.

    Raises :class:`FieldSyntaxError` or :class:`FieldValueError` with a message for a clerk.
    """
    out = []
    for piece in parse_text(text):
        if isinstance(piece, Field):
            out.append(format_number(evaluate(piece.expression, report, previous)))
        else:
            out.append(piece)
    return "".join(out)


Mapper = Callable[[str, Paragraph], Paragraph]


def _blocks(blocks: tuple[Block, ...], path: str, fn: Mapper) -> tuple[Block, ...]:
    changed = tuple(
        fn(f"{path}[{index}]", block) if isinstance(block, Paragraph) else block for index, block in enumerate(blocks)
    )
    return blocks if all(a is b for a, b in zip(changed, blocks, strict=True)) else changed


def _sections(sections: tuple[Section, ...], path: str, fn: Mapper) -> tuple[Section, ...]:
    out = []
    for index, section in enumerate(sections):
        here = f"{path}[{index}]"
        body = _blocks(section.body, f"{here}.body", fn)
        subsections = _sections(section.subsections, f"{here}.subsections", fn)
        if body is section.body and subsections is section.subsections:
            out.append(section)
        else:
            out.append(attrs.evolve(section, body=body, subsections=subsections))
    return sections if all(a is b for a, b in zip(out, sections, strict=True)) else tuple(out)


def map_paragraphs(report: Report, fn: Mapper) -> Report:
    """``report`` with each paragraph replaced by ``fn(path, paragraph)`` (unchanged parts kept as they are)."""
    preamble = _blocks(report.preamble, "$.preamble", fn)
    sections = _sections(report.sections, "$.sections", fn)
    if preamble is report.preamble and sections is report.sections:
        return report
    return attrs.evolve(report, preamble=preamble, sections=sections)


class _Resolved:
    """What resolving gave for the reports of this process, by identity, while they live.

    Each entry is kept for the report resolved and for the report it gave (which resolves to
    itself), with last year's report it was resolved against.  An entry goes when its report
    is collected.  Identity, not equality: comparing two reports costs more than resolving.
    """

    def __init__(self) -> None:
        self._entries: dict[
            int, tuple[weakref.ref[Report], weakref.ref[Report] | None, Report | None, tuple[FieldProblem, ...]]
        ] = {}

    def get(self, report: Report, previous: Report | None) -> tuple[Report, list[FieldProblem]] | None:
        entry = self._entries.get(id(report))
        if entry is None or entry[0]() is not report:
            return None
        _, previous_ref, result, problems = entry
        if (None if previous_ref is None else previous_ref()) is not previous:
            return None
        return (report if result is None else result), list(problems)

    def put(self, report: Report, previous: Report | None, result: Report, problems: list[FieldProblem]) -> None:
        kept = tuple(problems)
        self._add(report, previous, None if result is report else result, kept)
        if result is not report:
            self._add(result, previous, None, kept)

    def _add(
        self, report: Report, previous: Report | None, result: Report | None, problems: tuple[FieldProblem, ...]
    ) -> None:
        key = id(report)
        entries = self._entries

        def forget(ref: weakref.ref[Report]) -> None:
            entry = entries.get(key)
            if entry is not None and entry[0] is ref:
                del entries[key]

        previous_ref = None if previous is None else weakref.ref(previous)
        entries[key] = (weakref.ref(report, forget), previous_ref, result, problems)


_resolved = _Resolved()


def resolve_collect(report: Report, previous: Report | None = None) -> tuple[Report, list[FieldProblem]]:
    """The report as printed, and the problems of the paragraphs that could not be resolved.

    A paragraph with a problem is left as it was.
    """
    known = _resolved.get(report, previous)
    if known is not None:
        return known
    problems: list[FieldProblem] = []

    def resolve_one(path: str, paragraph: Paragraph) -> Paragraph:
        source = written(paragraph)
        if not has_braces(source):
            return paragraph if paragraph.source is None else Paragraph(source)
        try:
            text = printed(source, report, previous)
        except (FieldSyntaxError, FieldValueError) as exc:
            problems.append(FieldProblem(path, str(exc)))
            return paragraph
        if paragraph.text == text and paragraph.source == source:
            return paragraph
        return Paragraph(text, source)

    result = map_paragraphs(report, resolve_one)
    _resolved.put(report, previous, result, problems)
    return result, problems


def resolve(report: Report, previous: Report | None = None) -> Report:
    """The report as printed.  Raises :class:`FieldsError` listing every field that cannot be resolved."""
    resolved, problems = resolve_collect(report, previous)
    if problems:
        raise FieldsError(problems)
    return resolved


def for_printing(report: Report, previous: Report | None = None) -> Report:
    """The report as printed, for an exporter: its fields worked out again from the current tables.

    A paragraph resolved before (it has a ``source``) whose fields cannot be worked out now,
    such as a ``diff`` read with last year's report, keeps its printed text.  Raises
    :class:`FieldsError` for the paragraphs whose fields were never resolved.
    """
    resolved, problems = resolve_collect(report, previous)
    before: dict[str, Paragraph] = {}
    map_paragraphs(report, before.setdefault)
    never = [problem for problem in problems if before[problem.path].source is None]
    if never:
        raise FieldsError(never)
    return resolved


def unbind(report: Report) -> Report:
    """The report with every field replaced by its printed figure, as if it had been typed (no fields left).

    The report must be resolved (read from a file, or passed through :func:`resolve`).
    """
    return map_paragraphs(report, lambda _, p: p if p.source is None else Paragraph(p.text))


def as_written(report: Report) -> Report:
    """The report with each paragraph as written (its fields in its text), as an input file holds it."""
    return map_paragraphs(report, lambda _, p: p if p.source is None else Paragraph(p.source))
