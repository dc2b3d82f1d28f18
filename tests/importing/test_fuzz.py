"""Damaged pages and files: the importer answers with a report or an ImportFailure, never a crash."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govdisclosure
from govdisclosure.importing import ImportFailure, import_report

PINGTAN = Path("/work/shared/real/pingtan")
if not PINGTAN.exists():  # pragma: no cover
    PINGTAN = Path(__file__).parents[3] / "shared" / "real" / "pingtan"
pytestmark = pytest.mark.skipif(not PINGTAN.exists(), reason="the shared real pages are not available")

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


def _outcome(content: bytes) -> None:
    try:
        result = import_report(content, name="damaged")
    except ImportFailure as exc:
        problems = exc.problems
        assert problems, "an ImportFailure says what was wrong"
        return
    assert result.report.agency.name


@SETTINGS
@given(st.data())
def test_a_page_cut_and_spliced(data: st.DataObject) -> None:
    page = (PINGTAN / data.draw(st.sampled_from(["2021.html", "2019.html", "county-2013.html"]))).read_bytes()
    for _ in range(data.draw(st.integers(1, 4))):
        start = data.draw(st.integers(0, len(page)))
        end = data.draw(st.integers(start, min(len(page), start + 3000)))
        insert = data.draw(st.sampled_from([b"", b"<td>", b"</tr>", b"<table>", b'rowspan="99"', b"\xff\xfe", b"/"]))
        page = page[:start] + insert + page[end:]
    _outcome(page)


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes(content: bytes) -> None:
    _outcome(content)


@SETTINGS
@given(st.data())
def test_a_docx_with_a_damaged_part(data: st.DataObject) -> None:
    report = govdisclosure.load("examples/huaian-city-2024.yaml")
    source = zipfile.ZipFile(io.BytesIO(govdisclosure.render(report, "docx")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "word/document.xml":
                start = data.draw(st.integers(0, len(part)))
                part = part[:start] + part[start + data.draw(st.integers(0, 500)) :]
            archive.writestr(info.filename, part)
    _outcome(out.getvalue())
