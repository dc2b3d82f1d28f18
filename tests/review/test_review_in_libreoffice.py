"""The 问题清单 as LibreOffice opens it: the DOCX and the XLSX convert and show the same findings."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess

import pytest

from govdisclosure import default_plugins
from govdisclosure.aggregate import assess, check_units
from govdisclosure.review import review
from govdisclosure.review.pack import unit_docx, unit_xlsx
from tests.helpers import DATA
from tests.review.planted import planted_report

RULES = default_plugins().rules.rules()

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed"),
]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], list[tuple[str, ...]]]:
    folder = tmp_path_factory.mktemp("review")
    coverage = assess(check_units([("u7.yaml", planted_report())], rules=RULES))
    pack = review(coverage, office="云澜市人民政府办公室", date=dt.date(2024, 2, 5)).packs[0]
    (folder / "list.docx").write_bytes(unit_docx(pack))
    (folder / "list.xlsx").write_bytes(unit_xlsx(pack))
    env = {**os.environ, "FONTCONFIG_FILE": str(DATA / "fonts.conf")}
    # Both convert to list.pdf: convert one at a time so neither overwrites the other.
    out = {}
    for name in ("list.docx", "list.xlsx"):
        target = folder / name.split(".")[1]
        target.mkdir()
        subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf",
             "--outdir", str(target), str(folder / name)],
            check=True, capture_output=True, timeout=300, env=env,
        )  # fmt: skip
        text = subprocess.run(
            ["pdftotext", str(target / "list.pdf"), "-"], check=True, capture_output=True, text=True
        ).stdout
        out[name] = re.sub(r"\s+", "", text)
    return out, [item.cells() for item in pack.items]


def _in_order(needle: str, text: str) -> bool:
    """Every character of ``needle`` in ``text`` in order: a table cell's text wraps over lines,
    and the PDF text interleaves the lines of neighbouring cells."""
    position = 0
    for char in needle:
        position = text.find(char, position)
        if position < 0:
            return False
        position += 1
    return True


def test_both_files_open_and_show_every_finding(converted: tuple[dict[str, str], list[tuple[str, ...]]]) -> None:
    texts, rows = converted
    assert len(rows) >= 5
    for name, text in texts.items():
        assert "问题清单" in text, name
        for row in rows:
            for cell in (row[4], row[6]):  # the message and its class, as printed
                assert _in_order(re.sub(r"\s+", "", cell), text), (name, cell)
        assert "行政复议" in text, name
        assert "1.属于国家秘密" in text, name
