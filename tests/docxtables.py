"""Reading Word tables back as the reader sees them (the tests of the DOCX exporter and of every format use it)."""

from __future__ import annotations

from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

__all__ = ["matrix", "text_of"]


def matrix(table: Any) -> list[list[Any]]:
    """The full grid of a Word table: each position holds the w:tc covering it (gridSpan and vMerge resolved)."""
    cells = table._cells
    width = len(table.columns)
    return [[cells[r * width + c]._tc for c in range(width)] for r in range(len(cells) // width)]


def text_of(tc: Any) -> str:
    return "".join(t.text or "" for t in tc.iter(f"{W}t"))
