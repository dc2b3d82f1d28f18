"""The import command, and validate/render taking a published page: what a supervising office does."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import govdisclosure
from govdisclosure.cli import main
from govdisclosure.importing import import_report, load_report
from tests.importing.helpers import table_values

PINGTAN = Path("/work/shared/real/pingtan")
if not PINGTAN.exists():  # pragma: no cover
    PINGTAN = Path(__file__).parents[3] / "shared" / "real" / "pingtan"


def test_import_a_folder_then_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    downloads = tmp_path / "downloads"
    shutil.copytree(PINGTAN, downloads, ignore=shutil.ignore_patterns("*.md"))
    out = tmp_path / "imported"
    pages = sorted(str(p) for p in downloads.glob("*.html"))
    assert main(["import", *pages, "-o", str(out)]) == 0
    summary = capsys.readouterr().out
    assert "2021.html" in summary
    assert "1 doubtful" in summary
    record = json.loads((out / "2021.import.json").read_text(encoding="utf-8"))
    assert record["import_record"] == 1
    assert len(record["cells"]) == 200
    assert main(["validate", "--format", "json", *sorted(str(p) for p in out.glob("*.yaml"))]) in (0, 1)
    documents = json.loads(capsys.readouterr().out)
    codes = {Path(d["file"]).stem: {f["code"] for f in d["findings"]} for d in documents}
    assert "IMP-DOUBT" in codes["2021"]  # the wrongly merged header, read back from 2021.import.json
    assert "IMP-NOTE" in codes["2019"]  # 三、本年度办理结果 printed twice
    assert "IMP-UNPLACED" in codes["county-2013"]  # the old-style statistics table


def test_the_imported_yaml_is_an_ordinary_input_file(tmp_path: Path) -> None:
    assert main(["import", str(PINGTAN / "2019.html"), "-o", str(tmp_path), "--to", "json"]) == 0
    report = govdisclosure.load(tmp_path / "2019.json")
    assert table_values(report) == table_values(import_report(PINGTAN / "2019.html").report)
    assert main(["check", str(tmp_path / "2019.json")]) == 0


def test_validate_and_render_take_a_published_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "2021.html"
    shutil.copy(PINGTAN / "2021.html", page)
    assert main(["validate", str(page)]) in (0, 1)
    assert "IMP-DOUBT" in capsys.readouterr().out
    assert main(["render", str(page), "-o", str(tmp_path / "out"), "-t", "json"]) == 0
    rendered = govdisclosure.load(tmp_path / "out" / "2021.json")
    assert table_values(rendered) == table_values(import_report(page).report)
    assert main(["render", str(page), "-o", str(tmp_path), "-t", "html"]) == 2  # would overwrite the page
    assert page.read_bytes() == (PINGTAN / "2021.html").read_bytes()


def test_our_own_docx_is_read_from_its_embedded_data(tmp_path: Path) -> None:
    report = govdisclosure.load("examples/harbin-qts-2011.yaml")
    path = tmp_path / "harbin.docx"
    path.write_bytes(govdisclosure.render(report, "docx"))
    from govdisclosure.cli.import_ import embedded_reader

    read_embedded = embedded_reader(govdisclosure.default_plugins())

    assert load_report(path, embedded=read_embedded) == report
    assert import_report(path, embedded=read_embedded).record.kind == "embedded"
    assert main(["import", str(path), "-o", str(tmp_path / "out")]) == 0
    assert govdisclosure.load(tmp_path / "out" / "harbin.yaml") == report


def test_a_damaged_record_beside_a_report_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(PINGTAN / "2021.html"), "-o", str(tmp_path)]) == 0
    (tmp_path / "2021.import.json").write_text("{ not json", encoding="utf-8")
    assert main(["validate", str(tmp_path / "2021.yaml")]) == 2
    assert "2021.import.json" in capsys.readouterr().err


def test_our_own_pdf_is_read_from_its_embedded_data_and_a_foreign_one_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = govdisclosure.load("examples/huaian-city-2024.yaml")
    ours = tmp_path / "huaian.pdf"
    ours.write_bytes(govdisclosure.render(report, "pdf"))
    foreign = tmp_path / "scan.pdf"
    foreign.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    assert main(["import", str(ours), str(foreign), "-o", str(tmp_path / "out")]) == 2
    assert govdisclosure.load(tmp_path / "out" / "huaian.yaml") == report
    assert not (tmp_path / "out" / "scan.yaml").exists()
    assert "a PDF from elsewhere is not imported" in capsys.readouterr().err
