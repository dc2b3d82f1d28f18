"""Files that are not reports, or are hostile: a clear message, exit status 2, nothing written."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest

from govdisclosure.cli import main
from govdisclosure.importing import ImportFailure, import_report

PINGTAN = Path("/work/shared/real/pingtan")
if not PINGTAN.exists():  # pragma: no cover
    PINGTAN = Path(__file__).parents[3] / "shared" / "real" / "pingtan"

NEWS = """<html><head><meta charset="utf-8"><title>关于开展2023年全市安全生产大检查的通知</title></head><body>
<h1>关于开展2023年全市安全生产大检查的通知</h1><p>各县（区）人民政府，市各委办局：</p>
<p>为深入贯彻落实安全生产工作部署，经市政府同意，决定在全市开展安全生产大检查。现将有关事项通知如下。</p>
<p>一、检查时间</p><p>2023年5月至6月。</p><p>二、检查内容</p><p>重点检查企业安全生产主体责任落实情况。</p></body></html>"""


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:
            chunk = b"\0" * (1 << 20)
            for _ in range(200):  # 200 MB of zeros: about 200 KB compressed
                part.write(chunk)
    return buffer.getvalue()


def _row_missing() -> bytes:
    html = (PINGTAN / "2021.html").read_text(encoding="utf-8")
    row = re.search(r"<tr><td><p[^>]*>2\.没有现成信息需要另行制作.*?</tr>", html, re.S)
    assert row is not None
    return html.replace(row.group(0), "").encode("utf-8")


def _nested() -> bytes:
    unit = "<table><tr><td>1</td><td>"
    return ("<html><body>" + unit * (10 * 1024 * 1024 // len(unit))).encode()


CASES = {
    "news.html": (NEWS.encode(), "not a 政府信息公开工作年度报告"),
    "bomb.docx": (_bomb(), "zip bomb"),
    "notzip.docx": (b"PK\x03\x04 this is not really a zip archive" * 10, "not a Word .docx file"),
    "text.docx": ("这不是一个Word文件".encode(), "not a web page, a Word file"),
    "row-missing.html": (_row_missing(), "没有现成信息需要另行制作"),
    "nested.html": (_nested(), "not a report page"),
    "empty.html": (b"", "not a web page"),
    "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "save it as .docx"),
    "other.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF from elsewhere is not imported"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_clear_error(name: str) -> None:
    content, expected = CASES[name]
    started = time.perf_counter()
    with pytest.raises(ImportFailure) as caught:
        import_report(content, name=name)
    assert expected in str(caught.value)
    assert str(caught.value).startswith(f"{name}: cannot be imported")
    assert time.perf_counter() - started < 20


def test_the_row_missing_names_its_table_and_row() -> None:
    with pytest.raises(ImportFailure) as caught:
        import_report(_row_missing(), name="p.html")
    message = str(caught.value)
    assert "table 2" in message
    assert "收到和处理政府信息公开申请情况" in message
    assert "（四）无法提供" in message


def test_the_command_goes_on_exits_2_and_writes_nothing_for_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = []
    for name, (content, _) in CASES.items():
        path = tmp_path / "in" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content)
        files.append(str(path))
    files.append(str(PINGTAN / "2021.html"))
    out = tmp_path / "out"
    assert main(["import", *files, "-o", str(out)]) == 2
    captured = capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == ["2021.import.json", "2021.yaml"]
    for name, (_, expected) in CASES.items():
        assert name in captured.err
        assert expected in captured.err
    assert "Traceback" not in captured.err
    assert "2021.html" in captured.out
    assert "national-2021" in captured.out


def test_validate_and_render_refuse_a_bad_published_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "news.html"
    page.write_text(NEWS, encoding="utf-8")
    assert main(["validate", str(page)]) == 2
    assert main(["render", str(page), "-o", str(tmp_path / "out"), "-t", "html"]) == 2
    assert "not a 政府信息公开工作年度报告" in capsys.readouterr().err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
