"""Editing an input file in place of rewriting it: the clerk's comments and layout are kept.

:func:`replace_paragraphs` changes the paragraphs of a YAML input whose writing changed (``bind``
writes figures as fields) and leaves every other byte of the file as it was.  It checks its work
by reading the result back; when a paragraph cannot be found verbatim, it gives up (``None``)
and the caller writes the whole report instead.
"""

from __future__ import annotations

import itertools

from govdisclosure import fields
from govdisclosure.model import Paragraph, Report
from govdisclosure.serialization.errors import ReportLoadError
from govdisclosure.serialization.reading import loads
from govdisclosure.serialization.writing import dumps_json

__all__ = ["replace_paragraphs"]


def _paragraphs(report: Report) -> dict[str, Paragraph]:
    found: dict[str, Paragraph] = {}

    def note(path: str, paragraph: Paragraph) -> Paragraph:
        found[path] = paragraph
        return paragraph

    fields.map_paragraphs(report, note)
    return found


def replace_paragraphs(text: str, old: Report, new: Report, *, previous: Report | None = None) -> str | None:
    """``text`` (the YAML that reads as ``old``) with the paragraphs that differ in ``new`` rewritten.

    ``None`` when a changed paragraph does not stand verbatim, once, in ``text``, or when the
    edited text would not read back as ``new``.
    """
    before, after = _paragraphs(old), _paragraphs(new)
    if before.keys() != after.keys():
        return None
    edits: list[tuple[int, int, str]] = []
    for path, paragraph in before.items():
        was, now = fields.written(paragraph), fields.written(after[path])
        if was == now:
            continue
        start = text.find(was)
        if start == -1 or text.find(was, start + 1) != -1 or now.startswith(("{", "}")):
            return None
        edits.append((start, start + len(was), now))
    edits.sort()
    if any(a[1] > b[0] for a, b in itertools.pairwise(edits)):
        return None
    for start, end, now in reversed(edits):
        text = text[:start] + now + text[end:]
    try:
        again = loads(text, previous=previous)
    except ReportLoadError:
        return None
    return text if dumps_json(again) == dumps_json(new) else None
