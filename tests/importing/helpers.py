"""What a reader sees of a report's text and tables, to compare an import with its original."""

from __future__ import annotations

from typing import Any

from govdisclosure import model as m
from govdisclosure.importing.text import clean_line
from govdisclosure.layout import outline, tables


def _clean(text: str) -> str:
    return clean_line(text.replace("\r\n", "\n").replace("\r", "\n"))


def printed_text(report: m.Report) -> list[str]:
    """Every printed line of prose in reading order, as the exporters print it (run-in joined)."""
    lines: list[str] = []

    def blocks(body: tuple[m.Block, ...]) -> None:
        for block in body:
            if isinstance(block, m.Paragraph):
                lines.append(block.text)
            else:
                for index, item in enumerate(block.items, start=1):
                    lines.append((f"{index}." if block.style is m.ListStyle.NUMBERED else "") + item)

    blocks(report.preamble)
    for entry in outline(report):
        if entry.run_in and entry.body and isinstance(entry.body[0], m.Paragraph):
            lines.append(entry.run_in_text + entry.body[0].text)
            blocks(entry.body[1:])
        else:
            lines.append(entry.number + entry.title)
            blocks(entry.body)
    return [cleaned for line in lines if (cleaned := _clean(line))]


def table_values(report: m.Report) -> dict[str, Any]:
    """Every printed table cell's value by its path."""
    return {cell.path: cell.value for grid in tables(report) for cell in grid.data_cells() if cell.path}
