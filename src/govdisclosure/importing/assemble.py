"""A :class:`~.document.Document` becomes a report: tables mapped, edition recognised, text placed.

The edition follows the reporting year (2021 on: the 2021 format; 2019–2020: the trial
format; before: free prose under the 2007 Regulations) and the tables are imported in the
layout they print, so a report that mixes layouts is imported as it is and validation says
so.  Without a year the tables decide.  A table that prints an official layout but lacks
some of its cells fails the import, naming them; a table that prints no official layout is
recorded as unplaced.
"""

from __future__ import annotations

from typing import Any

import attrs

from govdisclosure.editions import spec_for
from govdisclosure.importing.build import build_table
from govdisclosure.importing.document import Document, Line
from govdisclosure.importing.errors import ImportFailure
from govdisclosure.importing.grid import SourceTable, TooLargeError, merge_tables
from govdisclosure.importing.metadata import TITLE_WORDS, read_facts
from govdisclosure.importing.prose import Outline, build_outline
from govdisclosure.importing.record import CellSource, ImportRecord, Note
from govdisclosure.importing.tables import TableMatch, map_table
from govdisclosure.importing.text import squeeze
from govdisclosure.model import Agency, Edition, Report, Section

__all__ = ["assemble"]


def edition_for_year(year: int) -> Edition:
    if year >= 2021:
        return Edition.NATIONAL_2021
    if year >= 2019:
        return Edition.NATIONAL_2019_TRIAL
    return Edition.LEGACY_2008


def _missing_message(match: TableMatch, number: int) -> str:
    rows: dict[tuple[str, ...], list[str]] = {}
    for target in match.missing:
        rows.setdefault(target.row_labels, []).append(target.column_labels[0] if target.column_labels else "")
    parts = []
    for labels, columns in rows.items():
        name = " / ".join(labels) or "（数据行）"
        total = sum(1 for t in match.layout.targets if t.row_labels == labels)
        parts.append(f"row “{name}”" if len(columns) == total else f"row “{name}”, columns {'、'.join(columns)}")
    return (
        f"table {number} is {match.layout.describe()} in the {match.layout.edition.value} layout, but "
        f"{len(match.missing)} of its {len(match.layout.targets)} cells are missing: "
        + "; ".join(parts[:6])
        + (f"; and {len(parts) - 6} more rows" if len(parts) > 6 else "")
    )


def _unplaced(table: SourceTable) -> Note:
    text = " | ".join(squeeze(cell.text) for cell in table.cells[:12] if squeeze(cell.text))
    return Note(
        "unplaced",
        f"第{table.number}个表格不是规定的统计表（{table.height}行×{table.width}列），未导入：{text[:80]}",
        f"Table {table.number} ({table.height}×{table.width}) is not one of the official tables and was not "
        f"imported: {text[:80]}",
        "$",
        f"表{table.number} (table {table.number})",
    )


def _runs(document: Document) -> list[list[SourceTable]]:
    """The tables, grouped into runs of tables printed directly one after another."""
    runs: list[list[SourceTable]] = []
    previous: object = None
    for item in document.items:
        if isinstance(item, SourceTable):
            if isinstance(previous, SourceTable):
                runs[-1].append(item)
            else:
                runs.append([item])
        previous = item
    return runs


def _matches(run: list[SourceTable]) -> list[tuple[list[SourceTable], TableMatch | None]]:
    """Each table with its match; a table that matches nothing is tried together with the ones after it."""
    out: list[tuple[list[SourceTable], TableMatch | None]] = []
    index = 0
    while index < len(run):
        match = map_table(run[index])
        used = 1
        if match is None or not match.complete:
            for end in range(index + 2, min(len(run), index + 6) + 1):
                try:
                    merged = map_table(merge_tables(run[index:end]))
                except TooLargeError:
                    break
                if merged is not None and merged.complete:
                    match, used = merged, end - index
                    break
        out.append((run[index : index + used], match))
        index += used
    return out


def _tables(document: Document) -> tuple[dict[str, Any], list[CellSource], list[Note], list[str], dict[int, str]]:
    found: dict[str, Any] = {}
    cells: list[CellSource] = []
    notes: list[Note] = []
    problems: list[str] = []
    keys: dict[int, str] = {}
    editions: dict[str, Edition] = {}
    for run in _runs(document):
        for group, match in _matches(run):
            item = group[0]
            if match is None:
                notes += [_unplaced(table) for table in group]
                continue
            if not match.complete:
                problems.append(_missing_message(match, item.number))
                continue
            if len(group) > 1:
                notes.append(_merged_note(match, group))
            outcome = build_table(match, item.number)
            problems += outcome.problems
            key = match.layout.key
            if key in found and found[key] != outcome.table:
                problems.append(f"table {item.number} is a second, different {match.layout.describe()}")
                continue
            found[key], editions[key] = outcome.table, match.layout.edition
            keys.update({table.number: key for table in group})
            cells += outcome.cells
            notes += outcome.notes
            notes += [_extra(match, item.number, c.cell.row, c.cell.column, c.cell.text) for c in match.extra]
    found["_editions"] = editions
    return found, cells, notes, problems, keys


def _merged_note(match: TableMatch, group: list[SourceTable]) -> Note:
    numbers = f"{group[0].number}–{group[-1].number}"
    return Note(
        "repeated",
        f"第{numbers}个表格前后相连，合起来才是完整的{match.layout.describe()}，已按一个表格读取"
        f"（行号按合并后的表格连续计数）。",
        f"Tables {numbers} follow one another and only together make {match.layout.describe()}; they were read "
        "as one table (rows counted on through them).",
        f"$.{match.layout.key}",
        f"表{group[0].number} (table {group[0].number})",
    )


def _extra(match: TableMatch, number: int, row: int, column: int, text: str) -> Note:
    return Note(
        "unplaced",
        f"{match.layout.describe()}第{row + 1}行第{column + 1}列的“{squeeze(text)}”不对应任何规定单元格，未导入。",
        f"{match.layout.describe()}: the cell at row {row + 1}, column {column + 1} ({squeeze(text)!r}) has no "
        "place in the official table and was not imported.",
        f"$.{match.layout.key}",
        f"表{number} 第{row + 1}行第{column + 1}列 (table {number}, row {row + 1}, column {column + 1})",
    )


def _edition(year: int, editions: dict[str, Edition]) -> tuple[Edition, str, list[Note]]:
    edition = edition_for_year(year)
    layouts = {key: e.value for key, e in editions.items() if key != "appeals"}
    reason = f"the year {year} ({edition.value})"
    notes = []
    if layouts and edition is not Edition.LEGACY_2008:
        others = {k: v for k, v in layouts.items() if v != edition.value}
        if others:
            printed = "、".join(f"{k}: {v}" for k, v in others.items())
            reason += f"; tables printed in another layout ({printed})"
            notes.append(
                Note(
                    "doubtful",
                    f"{year}年度报告应采用{edition.value}格式，但表格采用另一格式（{printed}）；已按所印格式导入。",
                    f"A report for {year} follows {edition.value}, but tables print another layout ({printed}); "
                    "they were imported as printed.",
                )
            )
    elif layouts:
        reason += "; it prints the national tables nevertheless"
    return edition, reason, notes


#: Words that name a statutory topic in a heading, checked in this order (复议 before 申请).
_TOPIC_WORDS = (
    ("appeals", ("复议", "诉讼")),
    ("problems", ("问题", "改进")),
    ("other_matters", ("其他需要报告", "其他事项")),
    ("fees", ("收费",)),
    ("requests", ("收到和处理",)),
    ("on_request", ("依申请",)),
    ("requests", ("依申请", "申请")),
    ("proactive", ("主动公开",)),
    ("overview", ("总体情况", "概述", "基本情况")),
)


def _topic(title: str, available: set[str]) -> str | None:
    for key, words in _TOPIC_WORDS:
        if key in available and any(word in title for word in words):
            return key
    return None


def _keys(outline: Outline, edition: Edition, notes: list[Note]) -> tuple[Section, ...]:
    """Each first-level section's statutory key: the table printed in it, its title, or its place."""
    spec = spec_for(edition)
    taken: set[str] = set()
    keyed: list[Section] = []
    for index, (section, tables) in enumerate(zip(outline.sections, outline.table_keys, strict=True)):
        available = {s.key for s in spec.sections} - taken
        key = next((k for k in tables if k not in taken), None) or _topic(squeeze(section.title), available)
        if key is None and edition is not Edition.LEGACY_2008 and index < len(spec.sections):
            candidate = spec.sections[index].key
            if candidate in available:
                key = candidate
                notes.append(
                    Note(
                        "guess",
                        f"第{index + 1}个一级标题“{section.title}”按位置视为“{spec.sections[index].title}”。",
                        f"The first-level heading {section.title!r} is taken, by its place, as "
                        f"{spec.sections[index].title!r}.",
                        f"$.sections[{index}]",
                    )
                )
        if key is not None:
            taken.add(key)
        keyed.append(attrs.evolve(section, key=key))
    return tuple(keyed)


def assemble(document: Document, source: str) -> tuple[Report, ImportRecord]:
    """The report and its record, or ImportFailure naming everything that was missing."""
    found, cells, notes, problems, table_keys = _tables(document)
    lines = [item for item in document.items if isinstance(item, Line)]
    facts, fact_problems = read_facts(lines, document.meta, source)
    problems += fact_problems
    if facts is None or problems:
        if not found.get("_editions") and not any(isinstance(i, Line) for i in document.items):
            problems.insert(0, "no report text or tables were found in the file")
        raise ImportFailure(source, problems)
    editions = found.pop("_editions")
    if not editions and not TITLE_WORDS.search(facts.title + document.meta.get("page_title", "")):
        raise ImportFailure(
            source,
            [
                f"not a 政府信息公开工作年度报告: the title {facts.title!r} does not name one "
                "and no statistical table (表二/表三/表四) was found"
            ],
        )
    edition, reason, edition_notes = _edition(facts.year, editions)
    flow: list[Line | str] = []
    line_index = 0
    for item in document.items:
        if isinstance(item, SourceTable):
            if item.number in table_keys:
                flow.append(table_keys[item.number])
            continue
        if line_index not in facts.consumed:
            flow.append(item)
        line_index += 1
    outline = build_outline(flow, document.structured)
    notes += list(facts.notes) + edition_notes
    sections = _keys(outline, edition, notes)
    spec = spec_for(edition)
    title = facts.title if facts.title and facts.title != spec.standard_title(facts.year) else None
    report = Report(
        edition=edition,
        agency=Agency(facts.agency, kind=facts.kind),
        year=facts.year,
        title=title,
        published_on=facts.published_on,
        preamble=outline.preamble,
        sections=sections,
        proactive=found.get("proactive"),
        requests=found.get("requests"),
        appeals=found.get("appeals"),
    )
    if not (report.sections or report.preamble or report.requests or report.proactive or report.appeals):
        raise ImportFailure(source, ["the file has no report text and no statistical tables"])
    metadata = tuple(sorted(document.meta.items()))
    record = ImportRecord(source, document.kind, reason, tuple(cells), tuple(notes), metadata)
    return report, record
