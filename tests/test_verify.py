"""`govdisclosure verify`: a published file against the data it carries."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pypdf
import pytest

import govdisclosure
from govdisclosure.cli import main
from govdisclosure.exporters.pdf_exporter import ATTACHMENT_NAME
from govdisclosure.verify import Verdict, verify_file
from tests.helpers import EXAMPLES


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("published")
    out = {}
    for name in ("huaian-city-2024", "harbin-qts-2011"):
        report = govdisclosure.load(EXAMPLES / f"{name}.yaml")
        for fmt in ("pdf", "docx"):
            out[f"{name}.{fmt}"] = govdisclosure.render_file(report, folder / f"{name}.{fmt}")
    return out


def test_exported_files_verify(published: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    for name, path in published.items():
        result = verify_file(path)
        assert result.ok, (name, result.checks)
        assert result.report == govdisclosure.load(EXAMPLES / f"{name.rsplit('.', 1)[0]}.yaml")
    assert (
        main(["verify", str(published["huaian-city-2024.pdf"]), "--against", str(EXAMPLES / "huaian-city-2024.yaml")])
        == 0
    )
    out = capsys.readouterr().out
    assert ": verified" in out
    assert "ok   the data is the filed report (--against)" in out
    assert "ok   the visible document is what its data renders to (" in out
    assert "淮安市人民政府 · 2024年政府信息公开工作年度报告" in out


def test_data_of_another_report_is_not_the_filed_one(published: dict[str, Path]) -> None:
    other = govdisclosure.load(EXAMPLES / "city-department-2023.yaml")
    result = verify_file(published["huaian-city-2024.docx"], against=other)
    assert not result.ok
    assert ("the data is the filed report (--against)", False) in result.checks
    assert result.verdict is Verdict.OTHER_REPORT


def test_a_pdf_whose_data_was_replaced_is_reported(published: dict[str, Path], tmp_path: Path) -> None:
    reader = pypdf.PdfReader(str(published["huaian-city-2024.pdf"]))
    writer = pypdf.PdfWriter(clone_from=reader)
    original = reader.attachments[ATTACHMENT_NAME][0]
    del writer._root_object["/Names"]["/EmbeddedFiles"]  # type: ignore[index]
    writer.add_attachment(ATTACHMENT_NAME, original.replace(b'"total": 3119', b'"total": 3120'))
    tampered = tmp_path / "tampered.pdf"
    with tampered.open("wb") as handle:
        writer.write(handle)
    result = verify_file(tampered)
    assert not result.ok
    assert not result.foreign
    failed = [check for check, passed in result.checks if not passed]
    assert any(check.startswith("the data has the SHA-256") for check in failed)
    assert main(["verify", str(tampered)]) == 1


def test_a_docx_whose_table_was_edited_is_reported(published: dict[str, Path], tmp_path: Path) -> None:
    source = zipfile.ZipFile(published["huaian-city-2024.docx"])
    edited = tmp_path / "edited.docx"
    with zipfile.ZipFile(edited, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b">3119<", b">3100<", 1)
            target.writestr(item, data)
    result = verify_file(edited)
    assert dict(result.checks)["the data has the SHA-256 it was published with (" + result.sha256[:16] + "…)"]  # type: ignore[index]
    assert not result.ok
    assert next(check for check, passed in result.checks if not passed).startswith("the visible document is what")
    assert result.verdict is Verdict.VISIBLE_CHANGED
    assert "the file shows 「3100」, the data says 「3119」" in (result.difference or "")


def test_foreign_and_broken_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    foreign = tmp_path / "foreign.pdf"
    with foreign.open("wb") as handle:
        writer.write(handle)
    result = verify_file(foreign)
    assert result.foreign
    assert not result.ok
    assert main(["verify", str(foreign)]) == 1
    assert "a foreign file" in capsys.readouterr().out
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    assert not verify_file(text).ok
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert not verify_file(broken).ok
    assert main(["verify", str(tmp_path / "missing.pdf")]) == 2
    document = io.BytesIO()
    import docx

    docx.Document().save(document)
    plain = tmp_path / "plain.docx"
    plain.write_bytes(document.getvalue())
    assert verify_file(plain).foreign


def test_a_reader_whose_library_is_missing_says_which_to_install(
    published: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)  # pypdf not installed
    assert main(["verify", str(published["huaian-city-2024.pdf"])]) == 1
    out = capsys.readouterr().out
    assert "NOT VERIFIED" in out
    assert "needs the Python package pypdf, which is not installed (pip install pypdf)" in out
    assert "Traceback" not in out


@pytest.mark.parametrize("reader", ["closed at once", "reads a line"])
def test_a_reader_that_stops_reading_does_not_turn_a_failure_into_success(
    published: dict[str, Path], tmp_path: Path, reader: str
) -> None:
    # `govdisclosure verify *.docx | head -1`: the verdict is the exit status, whoever stops reading.
    import subprocess

    source = zipfile.ZipFile(published["huaian-city-2024.docx"])
    edited = tmp_path / "edited.docx"
    with zipfile.ZipFile(edited, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(
                item, data.replace(b">3119<", b">3100<", 1) if item.filename == "word/document.xml" else data
            )
    files = [str(published["harbin-qts-2011.docx"]), str(edited), str(published["huaian-city-2024.docx"])]
    for order in (files, files[::-1]):
        process = subprocess.Popen(
            [sys.executable, "-m", "govdisclosure", "verify", *order], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert process.stdout is not None
        if reader == "reads a line":
            process.stdout.readline()
        process.stdout.close()
        _, err = process.communicate(timeout=120)
        assert process.returncode == 1, err
        assert b"Traceback" not in err
        assert b"Exception ignored" not in err
