"""Reading the tables of an HTML page back into grids, as a browser lays them out."""

from __future__ import annotations

from html.parser import HTMLParser

import attrs


@attrs.define
class ParsedCell:
    tag: str
    text: str
    colspan: int
    rowspan: int
    attrs: dict[str, str]


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[ParsedCell]]] = {}
        self._table: list[list[ParsedCell]] | None = None
        self._cell: ParsedCell | None = None

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attributes}
        if tag == "table":
            self._table = self.tables.setdefault(found.get("data-table", str(len(self.tables))), [])
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = ParsedCell(tag, "", int(found.get("colspan", 1)), int(found.get("rowspan", 1)), found)
            self._table[-1].append(self._cell)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.text += data


def parse_tables(html: str) -> dict[str, list[list[ParsedCell]]]:
    parser = _TableParser()
    parser.feed(html)
    return parser.tables


def matrix(rows: list[list[ParsedCell]]) -> list[list[ParsedCell | None]]:
    """The full grid: each position holds the cell covering it (HTML's rowspan/colspan rules)."""
    width = max(sum(c.colspan for c in row) for row in rows[:1]) if rows else 0
    grid: list[list[ParsedCell | None]] = [[None] * width for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while c < width and grid[r][c] is not None:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    assert grid[r + dr][c + dc] is None, f"overlap at {r + dr},{c + dc}"
                    grid[r + dr][c + dc] = cell
            c += cell.colspan
    for r, row in enumerate(grid):
        assert None not in row, f"row {r} has a hole: {[x.text if x else None for x in row]}"
    return grid
