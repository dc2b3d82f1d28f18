"""The text of a report: its title lines, its signature, its sections and paragraphs.

Headings are found by their markup where the file marks them (``<h2>``–``<h5>``, Word's
heading styles, a paragraph with an outline level) and otherwise by their numbers: 一、 at
the first level and （一） at the second, each expected in sequence.  A heading printed
at the start of its paragraph (（一）主动公开方面。按照…) is a run-in heading: its title runs
to the first 。 or ：.  A number that does not fit the sequence stays in the title of an
unnumbered heading, so the text prints exactly as it was.  Every character of the
paragraphs is kept; only the padding at their ends (indents, ``&nbsp;``) is dropped.
"""

from __future__ import annotations

import attrs

from govdisclosure._patterns import lazy
from govdisclosure.chinese import heading_number
from govdisclosure.importing.document import Line
from govdisclosure.importing.text import clean_line
from govdisclosure.model import Paragraph, Section

__all__ = ["Heading", "Outline", "build_outline"]

_NUMBERS = (
    lazy(r"^[一二三四五六七八九十]+、"),
    lazy(r"^[（(][一二三四五六七八九十]+[）)]"),
    lazy(r"^\d+[.．、]"),
    lazy(r"^[（(]\d+[）)]"),
)
_RUN_IN_END = lazy(r"[。：:]")
HEADING_MAX = 50
"""A line longer than this, or with a full stop inside, is a paragraph with a run-in heading."""


@attrs.frozen
class Heading:
    level: int
    text: str
    """The heading as printed, number included."""
    body: str | None = None
    """For a run-in heading, the rest of its paragraph."""


@attrs.define
class _Node:
    level: int
    title: str
    numbered: bool
    run_in: bool
    body: list[Paragraph] = attrs.field(factory=list)
    children: list[_Node] = attrs.field(factory=list)
    tables: list[str] = attrs.field(factory=list)


@attrs.frozen
class Outline:
    preamble: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    table_keys: tuple[tuple[str, ...], ...]
    """Per first-level section, the keys of the tables printed in it."""


def number_level(text: str) -> int | None:
    for level, pattern in enumerate(_NUMBERS, start=1):
        if pattern.match(text):
            return level
    return None


def heading_of(line: Line, structured: bool) -> Heading | None:
    """The heading this line is, if it is one."""
    text = clean_line(line.text)
    lead = clean_line(line.lead) if line.lead else ""
    if line.level is not None and not line.lead:
        return Heading(min(line.level, 4), text)
    if lead and text.startswith(lead):
        level = line.level or number_level(lead)
        if level is not None and len(text) > len(lead):
            return Heading(min(level, 4), lead, text[len(lead) :])
        if level is not None and (structured or len(text) <= HEADING_MAX):
            return Heading(min(level, 4), text)  # a heading set in bold on a line of its own
    if structured:
        return None
    level = number_level(text)
    if level is None or level > 2:
        return None
    end = _RUN_IN_END.search(text)
    if len(text) <= HEADING_MAX and (end is None or end.end() == len(text)):
        return Heading(level, text)
    if end is not None and end.end() <= HEADING_MAX:
        return Heading(level, text[: end.end()], text[end.end() :])
    return None


def build_outline(items: list[Line | str], structured: bool) -> Outline:
    """Sections from lines; a ``str`` item marks where a table of that key was printed."""
    preamble: list[Paragraph] = []
    roots: list[_Node] = []
    stack: list[_Node] = []
    for item in items:
        if isinstance(item, str):
            if stack:
                stack[0].tables.append(item)
            continue
        heading = heading_of(item, structured)
        if heading is not None and not _accept(heading, stack, roots, structured):
            heading = None
        if heading is None:
            target = stack[-1].body if stack else preamble
            target.append(Paragraph(clean_line(item.text)))
            continue
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        siblings = stack[-1].children if stack else roots
        node = _node(heading, len(stack) + 1, siblings)
        siblings.append(node)
        stack.append(node)
    sections = tuple(_section(node) for node in roots)
    return Outline(tuple(preamble), sections, tuple(tuple(node.tables) for node in roots))


def _accept(heading: Heading, stack: list[_Node], roots: list[_Node], structured: bool) -> bool:
    """In a file without heading markup, a numbered line is a heading only in its sequence."""
    if structured:
        return True
    if heading.level == 2 and not stack:
        return False
    parents = [n for n in stack if n.level < heading.level]
    siblings = parents[-1].children if parents else roots
    index = sum(1 for s in siblings if s.numbered)
    return _loose(heading, index)


def _loose(heading: Heading, index: int) -> bool:
    """（一） with half-width brackets, or a number one ahead of the sequence (one skipped)."""
    expected = heading_number(heading.level, index)
    text = heading.text.replace("(", "（").replace(")", "）")
    return text.startswith((expected, heading_number(heading.level, index + 1)))


def _node(heading: Heading, depth: int, siblings: list[_Node]) -> _Node:
    index = sum(1 for s in siblings if s.numbered)
    number = heading_number(depth, index)
    text = heading.text
    numbered = text.startswith(number)
    title = text[len(number) :] if numbered else text
    node = _Node(heading.level, title, numbered, heading.body is not None)
    if heading.body is not None:
        node.body.append(Paragraph(heading.body))
    return node


def _section(node: _Node) -> Section:
    return Section(
        title=node.title,
        body=tuple(node.body),
        subsections=tuple(_section(child) for child in node.children),
        run_in=node.run_in,
        numbered=node.numbered,
    )
