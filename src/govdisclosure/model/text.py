"""The prose of a report, kept as ordered blocks so it renders like the original.

A report's text is a tree of :class:`Section` objects.  Their numbers (一、 （一） 1.)
are not stored: they follow from the position of the section in the tree and are
produced by :mod:`govdisclosure.chinese`, so they can never disagree with the order.
"""

from __future__ import annotations

import enum

import attrs

__all__ = ["Block", "ItemList", "ListStyle", "Paragraph", "Section"]


@attrs.frozen
class Paragraph:
    """One paragraph of running text.

    ``text`` is the paragraph as printed.  A paragraph written with fields
    ("全年共受理政府信息公开申请{requests.received.total}件", see :mod:`govdisclosure.fields`)
    keeps that writing in ``source``; once the report is resolved (reading a file does it),
    ``text`` holds the printed figures.  ``source`` is ``None`` for a paragraph without fields.
    """

    text: str
    source: str | None = None


class ListStyle(enum.Enum):
    """How the items of a list are marked."""

    NUMBERED = "numbered"
    """1. 2. 3. (the third level of Chinese official numbering)."""
    PLAIN = "plain"
    """No marker: each item is its own line."""


@attrs.frozen
class ItemList:
    """Items that the report prints one per line, such as 1.受理机构… 2.监督部门…."""

    items: tuple[str, ...]
    style: ListStyle = ListStyle.NUMBERED


Block = Paragraph | ItemList


@attrs.frozen
class Section:
    """A headed part of the report.

    ``key`` names the statutory topic the section covers (for a national report
    ``overview``, ``proactive``, ``requests``, ``appeals``, ``problems``,
    ``other_matters``; for the parts of 总体情况 ``proactive``, ``on_request``,
    ``information_management``, ``platforms``, ``oversight``, ``assessment``), so
    tables and checks can find it whatever its printed title.

    ``run_in`` sections print their title at the start of their first paragraph, as in
    "（一）主动公开情况。2024年，…"; others put it on a line of its own.
    """

    title: str
    key: str | None = None
    body: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()
    run_in: bool = False
    numbered: bool = True
    """False for a heading printed without a number (附表, 附件)."""
