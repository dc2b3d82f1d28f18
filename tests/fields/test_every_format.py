"""A table cell changed in the file: the prose that refers to it follows, in every format."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import docx
import pytest

import govdisclosure
from govdisclosure import serialization
from tests.helpers import EXAMPLES

HUAIAN = (EXAMPLES / "huaian-city-2024.yaml").read_text(encoding="utf-8")
OLD = "全市共受理政府信息公开申请3119件"
NEW = "全市共受理政府信息公开申请3127件"


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with one cell of Table 3 changed (一、本年新收…总计 3119 → 3127), and nothing else."""
    cell = "other_org: 4, total: 3119}"
    assert HUAIAN.count(cell) == 1
    path = tmp_path_factory.mktemp("changed") / "huaian.yaml"
    path.write_text(HUAIAN.replace(cell, "other_org: 4, total: 3127}"), encoding="utf-8")
    return path


def _render(path: Path, name: str) -> bytes:
    return govdisclosure.render(serialization.load(path), name)


def test_json(changed: Path) -> None:
    data = json.loads(_render(changed, "json"))
    paragraph = data["sections"][0]["subsections"][1]["body"][0]
    assert NEW in paragraph["printed"]
    assert "{requests.received.total}" in paragraph["text"]


def test_html(changed: Path) -> None:
    html = _render(changed, "html").decode()
    assert NEW in html
    assert OLD not in html


def test_docx(changed: Path) -> None:
    document = docx.Document(io.BytesIO(_render(changed, "docx")))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert NEW in text
    assert OLD not in text


def test_pdf(changed: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "huaian.pdf"
    pdf.write_bytes(_render(changed, "pdf"))
    text = "".join(
        subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout.split()
    )
    assert NEW in text
    assert OLD not in text


def test_the_prose_rules_read_the_printed_text(changed: Path) -> None:
    """PROSE-FIGURE compares the printed figures with the tables: a bound figure always agrees."""
    report = serialization.load(changed)
    assert not [f for f in govdisclosure.validate(report).findings if f.code.startswith("PROSE")]
    # The same report with the text typed (not bound) and the cell changed: the rule sees it.
    typed = HUAIAN.replace("{requests.received.total}", "3119").replace("total: 3119}", "total: 3127}")
    findings = govdisclosure.validate(serialization.loads(typed)).findings
    assert [f for f in findings if f.code == "PROSE-FIGURE" and "3119" in f.message_en]
