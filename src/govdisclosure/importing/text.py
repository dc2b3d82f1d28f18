"""Text as published pages print it: labels to compare, numbers to read, blanks to recognise.

Labels on real pages are padded with ``&nbsp;``, U+3000 and newlines, split over several
``<p>``, broken with ``<br>``, printed with half-width brackets or doubled.  :func:`label_key`
reduces a label to what it says, so that printed and official labels compare; :func:`core`
further drops the leading enumerator (一、 （三） 1.), for a label printed without its number.
:func:`read_cell` reads a table cell: a number, a blank ("", "/", "—", "－"), or text.
"""

from __future__ import annotations

import difflib
import unicodedata
from decimal import Decimal, InvalidOperation

import attrs

from govdisclosure._patterns import lazy

__all__ = [
    "BLANK_MARKS",
    "CellText",
    "clean_line",
    "core",
    "label_key",
    "read_cell",
    "similarity",
    "squeeze",
]

#: What real tables print in an empty cell.  Read as blank (None), never as 0.
BLANK_MARKS = frozenset({"", "/", "／", "\\", "—", "——", "-", "--", "－", "–", "―", "─", "一"})
"""``一`` is here because some sites print a dash as the character 一 in a number cell."""

_SPACE = lazy(r"[\s\u00a0\u3000\u200b\u200c\u200d\ufeff]+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〔": "[", "〕": "]", "【": "[", "】": "]"})
_ENUMERATOR = lazy(r"^(?:[一二三四五六七八九十]+[、.,]|\([一二三四五六七八九十]+\)[、.]?|\(?\d+\)[、.]?|\d+[、.])")
_NUMBER = lazy(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_UNIT = lazy(r"(万元|元|件|条|个|项|次|人次|篇|期|%)$")


_UNIT_NOTE = lazy(r"\(单位:.*\)$")


def squeeze(text: str) -> str:
    """Every kind of whitespace removed (what a reader ignores in a table label)."""
    return _SPACE.sub("", text)


def clean_line(text: str) -> str:
    """A paragraph's text with the padding at its ends removed (indents, ``&nbsp;``), inside kept."""
    return text.strip(" \t\r\n\u00a0\u3000\u200b\ufeff")


def label_key(text: str) -> str:
    """A label reduced for comparison: no whitespace, NFKC widths, one kind of quote, not doubled."""
    key = unicodedata.normalize("NFKC", squeeze(text)).translate(_QUOTES)
    key = _UNIT_NOTE.sub("", key)  # 采购总金额(单位:万元): the unit a heading names is not part of its label
    half = len(key) // 2
    if len(key) >= 4 and len(key) % 2 == 0 and key[:half] == key[half:]:
        key = key[:half]  # a label printed twice in one cell
    return key


def core(key: str) -> str:
    """A label key without its leading enumerator: ``(三)不予公开`` → ``不予公开``."""
    return _ENUMERATOR.sub("", key, count=1)


def similarity(a: str, b: str) -> float:
    """How alike two label keys are, 0–1 (difflib's ratio)."""
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@attrs.frozen
class CellText:
    """A table cell read: ``kind`` is ``number``, ``blank`` or ``text``."""

    kind: str
    value: Decimal | None = None
    unit: str | None = None
    """A unit printed in the cell (75394432.52元), removed from the number."""
    mark: str | None = None
    """The blank mark as printed ("/", "—"), when the cell was not simply empty."""


def read_cell(text: str) -> CellText:
    """Read a cell's text as a number, a blank, or label text."""
    plain = unicodedata.normalize("NFKC", squeeze(text))
    if plain in BLANK_MARKS or (text and squeeze(text) in BLANK_MARKS):
        return CellText("blank", mark=squeeze(text) or None)
    unit = None
    if (found := _UNIT.search(plain)) and len(plain) > len(found.group(1)):
        unit = found.group(1)
        plain = plain[: -len(unit)]
    match = _NUMBER.match(plain)
    if match is None:
        return CellText("text")
    sign, digits, fraction = match.groups()
    try:
        value = Decimal(sign + digits.replace(",", "") + (fraction or ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimal digits
        return CellText("text")
    return CellText("number", value, unit)
