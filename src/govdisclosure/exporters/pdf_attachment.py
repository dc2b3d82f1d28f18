"""The attached data of a PDF whose objects are written plainly, read without a PDF library.

A render checks that every file carries the validated report, so each PDF is read back as soon
as it is written; pypdf takes 15 ms to parse a report's 800 objects (and 0.13 s to import).
The Typst engine writes its objects uncompressed, so the file specification and the embedded
file stream can be found directly: the one ``/Type/Filespec`` named ``name``, its ``/EF`` stream,
the last definition of that object (a later update replaces an earlier one), a direct
``/Length`` and no filter but Flate.  Whenever the file is not that simple, :func:`plain_attachment`
answers ``None`` and the caller asks pypdf, which reads every kind of PDF.
"""

from __future__ import annotations

import re
import zlib

__all__ = ["plain_attachment"]

_FILESPEC = re.compile(rb"/Type\s*/Filespec\b")
_REFERENCE = re.compile(rb"/EF\s*<<[^>]*?/F\s+(\d+)\s+0\s+R")
_STREAM_DICT = re.compile(rb"\s*<<(.*?)>>\s*stream\r?\n", re.S)
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_FILTER = re.compile(rb"/Filter\s*(\[?)\s*/(\w+)")
_END = re.compile(rb"\s*endstream")


def _object_around(content: bytes, at: int) -> bytes:
    """The text of the object that position ``at`` lies in (from ``obj`` to ``endobj``)."""
    start, end = content.rfind(b" obj", 0, at), content.find(b"endobj", at)
    return content[start:end] if start >= 0 and end >= 0 else b""


def plain_attachment(content: bytes, name: str) -> bytes | None:
    """The attached file ``name`` of ``content``, or None when it cannot be read this simply."""
    named = re.compile(rb"/U?F\s*\(" + re.escape(name.encode("ascii")) + rb"\)")
    specs = [spec for m in _FILESPEC.finditer(content) if named.search(spec := _object_around(content, m.start()))]
    reference = _REFERENCE.search(specs[0]) if len(specs) == 1 else None
    if reference is None:
        return None
    marker = b"\n" + reference.group(1) + b" 0 obj"
    start = content.rfind(marker)
    head = _STREAM_DICT.match(content, start + len(marker)) if start >= 0 else None
    if head is None or b"/EmbeddedFile" not in head.group(1) or b"/DecodeParms" in head.group(1):
        return None
    length, kind = _LENGTH.search(head.group(1)), _FILTER.search(head.group(1))
    if length is None or (kind is not None and (kind.group(1) or kind.group(2) != b"FlateDecode")):
        return None
    end = head.end() + int(length.group(1))
    if _END.match(content, end) is None:
        return None
    try:
        return zlib.decompress(content[head.end() : end]) if kind is not None else content[head.end() : end]
    except zlib.error:
        return None
