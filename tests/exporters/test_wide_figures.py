"""A figure too wide for its column at the tables' 10 pt is printed smaller, in every format.

It never runs into the next cell, nor breaks over two lines: Table 4's fifteen columns hold
four digits at 10 pt, and a roll-up's counts can have seven.
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import attrs
import docx
import pytest

import govdisclosure
from govdisclosure import model as m
from govdisclosure.layout import (
    CELL_INSET_PT,
    MIN_SCALE,
    NARROW_EM,
    TABLE_SIZE_PT,
    TABLE_WIDTH_PT,
    fitted_scale,
    tables,
)
from tests.helpers import DATA, EXAMPLES

WIDE = {"appeals.review.corrected": "158081", "appeals.litigation_after_review.upheld": "1192137"}
NEXT = "1354"  # at full size, in the cell right of 1192137


@pytest.fixture(scope="module")
def report() -> m.Report:
    base = govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml")
    appeals = base.appeals
    assert isinstance(appeals, m.AppealsTable)
    review = attrs.evolve(appeals.review, corrected=158081)
    after = attrs.evolve(appeals.litigation_after_review, upheld=1192137, corrected=1354)
    return attrs.evolve(base, appeals=attrs.evolve(appeals, review=review, litigation_after_review=after))


def _appeals_cells(report: m.Report) -> dict[str, tuple[str, float]]:
    grid = next(grid for grid in tables(report) if grid.key == "appeals")
    return {cell.path: (cell.text, cell.scale) for cell in grid.data_cells() if cell.path}


def test_the_layout_shrinks_exactly_the_figures_too_wide_for_their_column(report: m.Report) -> None:
    cells = _appeals_cells(report)
    room = TABLE_WIDTH_PT / 15 - 2 * CELL_INSET_PT - 0.5
    for path, (text, scale) in cells.items():
        need = len(text) * NARROW_EM * TABLE_SIZE_PT
        if path in WIDE:
            assert text == WIDE[path]
            assert MIN_SCALE <= scale < 1, path
            assert need * scale <= room, path
        else:
            assert scale == 1, path  # four digits and fewer keep the table's size
            assert need <= room, path
    assert fitted_scale("1354", 1 / 15) == 1
    assert fitted_scale("9" * 16, 1 / 15) == MIN_SCALE  # past legibility it overruns rather than vanish
    assert fitted_scale("123456", 0.57 / 7) < 1 == fitted_scale("12345", 0.57 / 7)  # Table 3's narrow columns


def _words(pdf: bytes, tmp_path: Path) -> dict[str, tuple[float, float, float, float]]:
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    words: dict[str, tuple[float, float, float, float]] = {}
    for x0, y0, x1, y1, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out
    ):
        words.setdefault(word, (float(x0), float(y0), float(x1), float(y1)))
    return words


ENGINES = ["pdf", *(["pdf-typst"] if importlib.util.find_spec("govdisclosure_typst") else [])]


@pytest.mark.parametrize("fmt", ENGINES)
def test_the_pdf_prints_each_wide_figure_whole_inside_its_cell(report: m.Report, fmt: str, tmp_path: Path) -> None:
    words = _words(govdisclosure.render(report, fmt), tmp_path)
    column = TABLE_WIDTH_PT / 15
    for figure in WIDE.values():
        assert figure in words, f"{fmt}: {figure} is not one word: {sorted(w for w in words if w.isdigit())}"
        x0, y0, x1, y1 = words[figure]
        assert x1 - x0 < column - 2, f"{fmt}: {figure} is {x1 - x0:.1f} pt wide in a {column:.1f} pt column"
        assert y1 - y0 < words[NEXT][3] - words[NEXT][1], f"{fmt}: {figure} is printed no smaller"
    assert words["1192137"][2] < words[NEXT][0] - 2, f"{fmt}: 1192137 runs into {NEXT}"


def test_the_word_file_sets_the_smaller_size_on_the_wide_figures_only(report: m.Report) -> None:
    document = docx.Document(io.BytesIO(govdisclosure.render(report, "docx")))
    sizes = {
        run.text: run.font.size
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
        for run in paragraph.runs
        if run.text.isdigit()
    }
    cells = _appeals_cells(report)
    for path, figure in WIDE.items():
        assert sizes[figure] is not None
        assert sizes[figure].pt == int(20 * cells[path][1]) / 2 < 10
    assert sizes[NEXT] is None  # the table style's 10 pt


def test_the_page_sets_the_smaller_size_on_the_wide_figures_only(report: m.Report) -> None:
    cells = _appeals_cells(report)
    for inline in (False, True):
        page = govdisclosure.render(report, "html", profile="fragment" if inline else "standalone").decode()
        for path, figure in WIDE.items():
            cell = re.search(rf'<td data-path="{re.escape(path)}"([^>]*)>{figure}</td>', page)
            assert cell is not None, path
            assert f"font-size: {round(cells[path][1] * 100)}%;" in cell.group(1)
            assert cell.group(1).count("style=") == 1
        assert re.search(r'data-path="appeals.litigation_after_review.corrected"[^>]*font-size', page) is None


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_lays_each_wide_figure_out_on_one_line(report: m.Report, tmp_path: Path) -> None:
    """Where LibreOffice draws the Word file's digits with DejaVu Serif (0.636 em): the widest case."""
    path = tmp_path / "wide.docx"
    path.write_bytes(govdisclosure.render(report, "docx"))
    env = {**os.environ, "FONTCONFIG_FILE": str(DATA / "fonts.conf")}
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=300, env=env,
    )  # fmt: skip
    words = _words((tmp_path / "wide.pdf").read_bytes(), tmp_path)
    for figure in WIDE.values():
        assert figure in words, f"{figure} broke over lines: {sorted(w for w in words if w.isdigit())}"
