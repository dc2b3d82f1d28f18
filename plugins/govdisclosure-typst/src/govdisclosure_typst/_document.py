"""The report as data for the Typst template: what ``report.typ`` reads from ``sys.inputs``.

Everything comes from :mod:`govdisclosure.layout` (the outline, the heading numbers, the
statistical tables with their official merged cells) and the edition's spec (the title):
this module only turns those objects into JSON.  No label, span or row is decided here.

The template reads the JSON as data, so a report's text reaches the page as text and can
never be read as Typst markup or code.
"""

from __future__ import annotations

import json
import re
from typing import Any

from govdisclosure import Grid, embedded_data, outline, spec_for, title_of
from govdisclosure import document_date as publication_date
from govdisclosure.chinese import format_date, is_wide
from govdisclosure.layout import ADDRESS
from govdisclosure.model import Block, ItemList, ListStyle, Paragraph, Report
from govdisclosure_typst._fonts import weights

__all__ = ["document_data", "embedded_data", "publication_date", "title_of"]


#: A run Typst finds no place to break in: an address, or any 21 or more printable ASCII
#: characters without a space (a file number, a long token).  A line that cannot break runs
#: off the page and what is past the edge is lost.
_UNBREAKABLE = re.compile(f"(?:{ADDRESS.pattern})|[!-~]{{21,}}", re.ASCII)
_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])[ \t]*")


def _joined(match: re.Match[str]) -> str:
    before, after = match.string[match.start() - 1 : match.start()], match.string[match.end() : match.end() + 1]
    return "" if before and after and is_wide(before) and is_wide(after) else " "


def _runs(text: str) -> list[str | list[str]]:
    """``text`` as the template prints it: strings, and for each unbreakable run its characters, which
    a line may break between (as the HTML page breaks an address: anywhere, so the line before
    is filled).  A line break in the text is joined up: with nothing between two Chinese
    characters, with a space elsewhere (CSS's rule for a line break between wide characters).
    Pieces are set side by side with nothing between them: the text reads and copies as written."""
    text = _LINE_BREAK.sub(_joined, text)
    runs: list[str | list[str]] = []
    last = 0
    for match in _UNBREAKABLE.finditer(text):
        if match.start() > last:
            runs.append(text[last : match.start()])
        runs.append(list(match.group()))
        last = match.end()
    if last < len(text):
        runs.append(text[last:])
    return runs


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"kind": "p", "text": _runs(block.text)}
    assert isinstance(block, ItemList)
    return {
        "kind": "items",
        "items": [_runs(item) for item in block.items],
        "numbered": block.style is ListStyle.NUMBERED,
    }


def _grid(grid: Grid) -> dict[str, Any]:
    return {
        "key": grid.key,
        "widths": [round(width, 6) for width in grid.widths],
        "header_rows": grid.header_rows,
        "rows": [
            [
                {
                    "text": cell.text,
                    "lines": list(cell.lines),
                    "colspan": cell.colspan,
                    "rowspan": cell.rowspan,
                    "header": cell.header,
                    "row": cell.scope in ("row", "rowgroup"),
                    "scale": cell.scale,
                }
                for cell in row
            ]
            for row in grid.rows
        ],
    }


def document_data(report: Report, fonts: dict[str, list[str]]) -> str:
    """The JSON ``report.typ`` lays out: metadata, font stacks, title block, outline, tables, signature."""
    title = title_of(report)
    date = format_date(report.published_on) if report.published_on else None
    description = f"{report.agency.name}{title}" + (f"（{date}）" if date else "")
    entries = []
    for entry in outline(report):
        run_in = entry.run_in and bool(entry.body) and isinstance(entry.body[0], Paragraph)
        # A heading run into its paragraph ends visibly ("。" added by the layout), as in every format.
        heading = entry.run_in_text if run_in else f"{entry.number}{entry.title}"
        entries.append(
            {
                "level": entry.level,
                "heading": heading,
                "run_in": run_in,
                "body": [_block(block) for block in entry.body],
                "table": _grid(entry.table) if entry.table is not None else None,
            }
        )
    data = {
        "meta": {
            "title": f"{report.agency.name}{title}",
            "author": report.agency.name,
            "description": description,
            "keywords": ["政府信息公开", str(report.year), report.edition.value],
        },
        "fonts": fonts,
        "weights": weights(fonts),
        "agency": report.agency.name,
        "title": title,
        "date": date,
        "date_under_title": spec_for(report.edition).date_under_title,
        "preamble": [_block(block) for block in report.preamble],
        "entries": entries,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def template_inputs(report: Report, fonts: dict[str, list[str]], attachment: str) -> tuple[dict[str, str], str]:
    """What ``report.typ`` is compiled with (its ``sys.inputs``: the page's data, the canonical JSON
    to attach under the name ``attachment``), and that JSON's SHA-256."""
    data, digest = embedded_data(report)
    return {"report": document_data(report, fonts), "data": data.decode("utf-8"), "attachment": attachment}, digest
