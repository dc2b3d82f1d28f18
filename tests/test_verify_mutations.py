"""`verify` cannot be fooled: every single change to a printed number or a figure in the prose fails, naming the place.

DOCX: every table cell's number of every example is changed in turn in ``word/document.xml``
(the embedded data and its hash stay as they were exported).  PDF: a report whose one cell
(or one figure in the prose) differs is rendered, and the original's attachment and hash are
grafted into it with pypdf -- the file a forger would make, since editing the subset-font
glyph codes of WeasyPrint's content streams by hand gives the same visible result with far
more code.  Every table of every example is covered; within a table the cells are sampled
(one per table: a zero among identical zero rows, the case substring matching accepted).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pypdf
import pytest

import govdisclosure
from govdisclosure.exporters.pdf_exporter import ATTACHMENT_NAME, HASH_KEY
from govdisclosure.fields import unbind
from govdisclosure.layout import tables
from govdisclosure.serialization import dumps_json, loads
from govdisclosure.verify import Verdict, verify_file
from tests.helpers import EXAMPLES

EXAMPLE_NAMES = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))
_NUMBER = re.compile(r'<w:t xml:space="preserve">(-?\d+(?:\.\d+)?)</w:t>')


def _other(number: str) -> str:
    """A different printed number of the same shape: 3 → 4, 0 → 1, 12.50 → 12.51."""
    last = number[-1]
    return number[:-1] + ("0" if last == "9" else str(int(last) + 1))


def _rezip(source: bytes, part: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in original.infolist():
            target.writestr(info, content if info.filename == part else original.read(info.filename))
    return out.getvalue()


@pytest.fixture(scope="module")
def docx_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("docx")
    return {
        name: govdisclosure.render_file(govdisclosure.load(EXAMPLES / f"{name}.yaml"), folder / f"{name}.docx")
        for name in EXAMPLE_NAMES
    }


def _table_spans(xml: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"<w:tbl>.*?</w:tbl>", xml, re.S)]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_changed_docx_cell_fails_and_is_named(name: str, docx_files: dict[str, Path], tmp_path: Path) -> None:
    source = docx_files[name].read_bytes()
    xml = zipfile.ZipFile(io.BytesIO(source)).read("word/document.xml").decode("utf-8")
    spans = _table_spans(xml)
    numbers = [m for m in _NUMBER.finditer(xml) if any(a < m.start() < b for a, b in spans)]
    if tables(govdisclosure.load(EXAMPLES / f"{name}.yaml")):
        assert len(numbers) > 100, name
    target = tmp_path / "edited.docx"
    for match in numbers:
        old, new = match.group(1), _other(match.group(1))
        edited = xml[: match.start(1)] + new + xml[match.end(1) :]
        target.write_bytes(_rezip(source, "word/document.xml", edited.encode("utf-8")))
        result = verify_file(target)
        assert result.verdict is Verdict.VISIBLE_CHANGED, (name, match.start(), result.checks)
        assert result.difference is not None
        assert result.difference.startswith("table "), result.difference
        assert ", column 「" in result.difference
        assert f"the file shows 「{new}」, the data says 「{old}」" in result.difference


def test_a_changed_cell_is_named_by_its_row_and_column(docx_files: dict[str, Path], tmp_path: Path) -> None:
    source = docx_files["huaian-city-2024"].read_bytes()
    xml = zipfile.ZipFile(io.BytesIO(source)).read("word/document.xml").decode("utf-8")
    row = xml.index("1.属于国家秘密")
    cell = _NUMBER.search(xml, row)  # the row's first figure: 自然人
    assert cell is not None
    edited = xml[: cell.start(1)] + _other(cell.group(1)) + xml[cell.end(1) :]
    target = tmp_path / "edited.docx"
    target.write_bytes(_rezip(source, "word/document.xml", edited.encode("utf-8")))
    result = verify_file(target)
    assert result.difference == (
        "table 2 (under 「三、收到和处理政府信息公开申请情况」), row 「三、本年度办理结果 （三）不予公开 1.属于国家秘密」, "
        f"column 「申请人情况 / 自然人」: the file shows 「{_other(cell.group(1))}」, the data says 「{cell.group(1)}」"
    )


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_a_changed_figure_in_the_docx_prose_fails(name: str, docx_files: dict[str, Path], tmp_path: Path) -> None:
    source = docx_files[name].read_bytes()
    xml = zipfile.ZipFile(io.BytesIO(source)).read("word/document.xml").decode("utf-8")
    spans = _table_spans(xml)
    figure = next(
        m
        for m in re.finditer(r"(?<=[^\d<])(\d+)(?=[件个条期场])", xml)
        if not any(a < m.start() < b for a, b in spans) and "<w:t" in xml[xml.rfind("<", 0, m.start()) :][:5]
    )
    edited = xml[: figure.start()] + _other(figure.group(1)) + xml[figure.end() :]
    target = tmp_path / "prose.docx"
    target.write_bytes(_rezip(source, "word/document.xml", edited.encode("utf-8")))
    result = verify_file(target)
    assert result.verdict is Verdict.VISIBLE_CHANGED
    assert result.difference is not None
    assert result.difference.startswith("paragraph "), result.difference
    assert _other(figure.group(1)) in result.difference.split("the data says")[0]


# --------------------------------------------------------------------------- PDF


def _set(data: dict[str, Any], path: str, value: object) -> None:
    *parents, last = path.split(".")
    for key in parents:
        data = data[key]
    data[last] = value


def _forged_pdf(original: bytes, report_json: dict[str, Any]) -> bytes:
    """A PDF rendered from other data, carrying the original's attachment and hash."""
    forged = govdisclosure.render(loads(json.dumps(report_json, ensure_ascii=False), format="json"), "pdf")
    reader = pypdf.PdfReader(io.BytesIO(original))
    data = reader.attachments[ATTACHMENT_NAME][0]
    stated = str((reader.metadata or {})[f"/{HASH_KEY}"])
    assert stated == hashlib.sha256(data).hexdigest()
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(forged)))
    del writer._root_object["/Names"]["/EmbeddedFiles"]  # type: ignore[index]
    writer.add_attachment(ATTACHMENT_NAME, data)
    writer.add_metadata({f"/{HASH_KEY}": stated})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _sampled_cells(report: govdisclosure.Report) -> list[tuple[str, str]]:
    """(path, printed text) of one cell of every table: the last zero (rows of zeros), else the first figure."""
    chosen = []
    for grid in tables(report):
        cells = [cell for cell in grid.data_cells() if cell.path and cell.text.isdigit()]
        cell = next((c for c in reversed(cells) if c.text == "0"), cells[0])
        chosen.append((str(cell.path), cell.text))
    return chosen


@pytest.mark.slow
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_changed_pdf_cells_and_prose_fail(name: str, tmp_path: Path) -> None:
    # The prose as typed: bound fields would carry a changed cell into the text as well (tests/fields
    # covers that), and this test wants the first difference to be the cell itself.
    report = unbind(govdisclosure.load(EXAMPLES / f"{name}.yaml"))
    original = govdisclosure.render(report, "pdf")
    base = json.loads(dumps_json(report))
    mutations = [(path, str(int(text) + 1), text) for path, text in _sampled_cells(report)]
    assert {path.split(".")[0] for path, _, _ in mutations} == {grid.key for grid in tables(report)}  # every table
    target = tmp_path / "forged.pdf"
    for path, new, old in mutations:
        changed = json.loads(json.dumps(base))
        _set(changed, path, int(new))
        target.write_bytes(_forged_pdf(original, changed))
        result = verify_file(target)
        assert result.verdict is Verdict.VISIBLE_CHANGED, (name, path, result.checks)
        assert result.difference is not None
        assert result.difference.startswith("page "), result.difference
        shown, says = result.difference.split("the data says")
        assert new in shown, result.difference
        assert old in says, result.difference
    prose = json.loads(json.dumps(base))
    key = next(key for key in ("preamble", "sections") if re.search(r"\d", json.dumps(prose[key], ensure_ascii=False)))
    text = json.dumps(prose[key], ensure_ascii=False)
    figure = re.search(r"\d+", text)
    assert figure is not None, name
    prose[key] = json.loads(text[: figure.start()] + _other(figure.group()) + text[figure.end() :])
    target.write_bytes(_forged_pdf(original, prose))
    result = verify_file(target)
    assert result.verdict is Verdict.VISIBLE_CHANGED, (name, result.checks)
    assert result.difference is not None
    assert result.difference.startswith("page "), result.difference
    assert _other(figure.group()) in result.difference.split("the data says")[0]
