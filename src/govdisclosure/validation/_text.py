"""Helpers the rules share: official labels of cells, and the report's text with its paths."""

from __future__ import annotations

from govdisclosure.editions import (
    APPEALS_GROUP_LABELS,
    APPEALS_RESULT_LABELS,
    APPLICANT_COLUMN_LABELS,
    national_2019_trial,
    national_2021,
)
from govdisclosure.model import Paragraph, Section

__all__ = ["COLUMNS", "appeals_label", "column_label", "row_label", "section_text"]

COLUMNS = tuple(field for field, _ in APPLICANT_COLUMN_LABELS)
_COLUMN_LABELS = dict(APPLICANT_COLUMN_LABELS)
_ROW_LABELS = {
    row.path: row.labels[-1] for row in (*national_2021.SPEC.request_rows, *national_2019_trial.SPEC.request_rows)
}
_GROUP_LABELS = dict(APPEALS_GROUP_LABELS)
_RESULT_LABELS = dict(APPEALS_RESULT_LABELS)


def row_label(path: str) -> str:
    """表三 row label of a dotted row path: ``withheld.state_secret`` → ``1.属于国家秘密``."""
    return _ROW_LABELS.get(path, path)


def column_label(column: str) -> str:
    return _COLUMN_LABELS.get(column, column)


def appeals_label(group: str, result: str | None = None) -> str:
    label = _GROUP_LABELS.get(group, group)
    if group.startswith("litigation"):
        label = f"行政诉讼·{label}"
    return label if result is None else f"{label}“{_RESULT_LABELS.get(result, result)}”"


def section_text(section: Section) -> str:
    """A section's own text and its subsections', titles included."""
    parts = [section.title]
    for block in section.body:
        parts += [block.text] if isinstance(block, Paragraph) else list(block.items)
    parts += [section_text(sub) for sub in section.subsections]
    return "\n".join(parts)
