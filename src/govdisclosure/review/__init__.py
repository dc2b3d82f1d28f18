"""Review: what a supervising office sends back — a 问题清单 per unit and a summary of the batch.

- :mod:`.locate`: a finding's table, row and column labels, read from the printed grids;
- :mod:`.items`: the rows of a 问题清单; :mod:`.pack`: one unit's DOCX and XLSX;
- :mod:`.summary`: the batch summary as XLSX and as HTML with a chart;
- :mod:`.rounds`: review rounds recorded in the acknowledgements file, and what changed.

:func:`review` builds everything from a coverage assessment (see
:mod:`govdisclosure.aggregate.coverage`); :func:`write_review` writes it into a folder, all
files or none.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import attrs

from govdisclosure.aggregate.coverage import Coverage
from govdisclosure.review.items import ReviewItem, review_items
from govdisclosure.review.pack import UnitPack, unit_docx, unit_xlsx
from govdisclosure.review.rounds import RoundsError, UnitHistory, append_round, next_round, unit_history
from govdisclosure.review.summary import SummaryRow, figures, summary_html, summary_xlsx
from govdisclosure.validation.acknowledgements import ReviewRound

__all__ = [
    "Review",
    "ReviewItem",
    "RoundsError",
    "SummaryRow",
    "UnitHistory",
    "UnitPack",
    "append_round",
    "review",
    "write_review",
]


@attrs.frozen
class Review:
    """Everything a review run produces."""

    packs: tuple[UnitPack, ...]
    summary: tuple[SummaryRow, ...]
    title: str
    date: dt.date
    round: ReviewRound
    """The round this run would record (``--record``)."""


def review(
    coverage: Coverage,
    rounds: Sequence[ReviewRound] = (),
    *,
    office: str | None = None,
    date: dt.date,
) -> Review:
    """The 问题清单 of every submitted unit, the summary row of every unit, and the round to record."""
    packs: list[UnitPack] = []
    rows: list[SummaryRow] = []
    histories = []
    for entry in coverage.entries:
        history = unit_history(rounds, entry.name, entry.result)
        histories.append((history, entry.result))
        report = entry.unit.report if entry.unit else None
        if entry.unit is not None and report is not None:
            packs.append(
                UnitPack(
                    entry.name, entry.unit.source, report, review_items(report, history.states), entry.errors,
                    entry.warnings, entry.timeliness_zh, entry.deadline, history, office, date,
                )
            )  # fmt: skip
        rows.append(
            SummaryRow(
                entry.name,
                "已报送" if entry.submitted else "缺报",
                entry.timeliness_zh,
                entry.status_zh,
                entry.errors if entry.submitted else None,
                entry.warnings if entry.submitted else None,
                figures(report),
                history.changes_zh() if entry.submitted else "",
            )
        )
    years = sorted({pack.report.year for pack in packs})
    year = f"{years[0]}年" if len(years) == 1 else ""
    title = f"{office or ''}{year}政府信息公开工作年度报告审核汇总表"
    return Review(tuple(packs), tuple(rows), title, date, next_round(rounds, histories, date))


def _file_name(index: int, unit: str) -> str:
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", unit).strip("_.") or "unit"
    return f"{index:03d}-{safe}-问题清单"


def write_review(result: Review, folder: str | Path) -> list[Path]:
    """Write the packs and the summary into ``folder``: every file, or none of them.

    Files are made in a staging folder beside ``folder`` and moved in only when all are written.
    """
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.staging-"))
    try:
        files: dict[str, bytes] = {
            "审核汇总表.xlsx": summary_xlsx(result.summary, result.title, result.date),
            "审核汇总表.html": summary_html(result.summary, result.title).encode("utf-8"),
        }
        for index, pack in enumerate(result.packs, start=1):
            name = _file_name(index, pack.unit)
            files[f"units/{name}.docx"] = unit_docx(pack)
            files[f"units/{name}.xlsx"] = unit_xlsx(pack)
        for name, data in files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        written = []
        for name in files:
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            (staging / name).replace(target)
            written.append(target)
        return written
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
