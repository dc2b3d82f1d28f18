"""What a source file reads as, before it becomes a report: lines of text and tables, in order.

The HTML and DOCX readers produce a :class:`Document`; :mod:`.prose` and :mod:`.assemble`
turn it into a report without knowing which kind of file it came from.
"""

from __future__ import annotations

import attrs

from govdisclosure.importing.grid import SourceTable

__all__ = ["Document", "Line"]


@attrs.frozen
class Line:
    """A paragraph of the source, with what its markup says about it."""

    text: str
    level: int | None = None
    """A heading level the markup gives (``<h3>`` → 2, Word's 标题 2 → 2), if any."""
    lead: str | None = None
    """Text set apart at the start (bold, or a run of its own): a run-in heading, perhaps."""
    role: str | None = None
    """``title``, ``agency``, ``date`` or ``signature`` when the markup says so."""


@attrs.frozen
class Document:
    """A source file's content in reading order, and its metadata."""

    kind: str
    items: tuple[Line | SourceTable, ...]
    meta: dict[str, str] = attrs.field(factory=dict)
    """``title``, ``date``, ``publisher``, ``url``: what the page states about itself."""
    structured: bool = False
    """True when the headings are marked up (``<h2>``, heading styles), not only numbered."""
