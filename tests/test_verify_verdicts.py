"""`verify` words each way a file can fail so that an auditor cannot misread it; hostile files are refused cheaply."""

from __future__ import annotations

import io
import struct
import tracemalloc
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
def docx_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    report = govdisclosure.load(EXAMPLES / "city-department-2023.yaml")
    return govdisclosure.render_file(report, tmp_path_factory.mktemp("v") / "dept.docx")


def _rewrite(source: Path, target: Path, change: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", compression) as out:
        for info in original.infolist():
            out.writestr(info.filename, change.get(info.filename, original.read(info.filename)))
    return target


def _verdict(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    status = main(["verify", str(path), *extra])
    return status, capsys.readouterr().out.splitlines()[0]


def test_each_verdict_says_what_happened(docx_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _verdict(docx_file, capsys) == (0, f"{docx_file} (docx): verified")

    other = EXAMPLES / "huaian-city-2024.yaml"
    status, line = _verdict(docx_file, capsys, "--against", str(other))
    assert status == 1
    assert line.endswith(
        "NOT VERIFIED: the file is a different report than --against "
        "(the file itself is intact: its data, hash and visible document agree)"
    )

    with zipfile.ZipFile(docx_file) as original:
        xml = original.read("word/document.xml")
        data = original.read("govdisclosure/report.json")
    title = tmp_path / "title.docx"
    _rewrite(docx_file, title, {"word/document.xml": xml.replace("年度报告".encode(), "年度总结".encode(), 1)})
    status, line = _verdict(title, capsys)
    assert status == 1
    assert "NOT VERIFIED: the visible document was changed after export (at paragraph 2 " in line
    assert "the file shows 「2023年政府信息公开工作年度总结」" in line

    changed = tmp_path / "data.docx"
    _rewrite(docx_file, changed, {"govdisclosure/report.json": data.replace(b'"year": 2023', b'"year": 2022')})
    status, line = _verdict(changed, capsys)
    assert (status, line.split(": ", 1)[1]) == (
        1,
        "NOT VERIFIED: the embedded data was changed (its SHA-256 is not the one the file states)",
    )

    foreign = tmp_path / "foreign.docx"
    _rewrite(docx_file, foreign, {"govdisclosure/report.json": b""})
    plain = io.BytesIO()
    with zipfile.ZipFile(docx_file) as original, zipfile.ZipFile(plain, "w") as out:
        for info in original.infolist():
            if info.filename != "govdisclosure/report.json":
                out.writestr(info.filename, original.read(info.filename))
    foreign.write_bytes(plain.getvalue())
    status, line = _verdict(foreign, capsys)
    assert status == 1
    assert "NOT VERIFIED: a foreign file (it carries no govdisclosure data; govdisclosure did not export it)" in line


def test_a_deleted_paragraph_and_a_changed_contact_are_found(docx_file: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(docx_file) as original:
        xml = original.read("word/document.xml").decode("utf-8")
    source = govdisclosure.load(EXAMPLES / "city-department-2023.yaml")
    assert source.contacts is not None
    assert source.contacts.enquiries is not None
    phone = source.contacts.enquiries.phone
    assert phone
    assert phone in xml
    edited = tmp_path / "phone.docx"
    _rewrite(docx_file, edited, {"word/document.xml": xml.replace(phone, phone[:-1] + "9", 1).encode()})
    result = verify_file(edited)
    assert result.verdict is Verdict.VISIBLE_CHANGED
    assert (result.difference or "").startswith("paragraph ")
    assert phone[:-1] + "9" in (result.difference or "")
    start = xml.index("<w:p>", xml.index("<w:body>"))
    end = xml.index("</w:p>", start) + len("</w:p>")
    dropped = tmp_path / "dropped.docx"
    _rewrite(docx_file, dropped, {"word/document.xml": (xml[:start] + xml[end:]).encode()})
    result = verify_file(dropped)
    assert result.verdict is Verdict.VISIBLE_CHANGED
    assert (result.difference or "").startswith("paragraph 1 ")


def _bounded(path: Path) -> tuple[str, int]:
    tracemalloc.start()
    try:
        result = verify_file(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not result.ok
    assert result.verdict is Verdict.UNREADABLE
    return result.checks[0][0], peak


def test_zip_bombs_encrypted_and_odd_compression_are_refused_in_bounded_memory(docx_file: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(docx_file) as original, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in original.infolist():
            out.writestr(info.filename, original.read(info.filename))
        with out.open("word/media/zeros.bin", "w") as big:
            for _ in range(80):  # 80 MB of zeros: about 80 kB compressed
                big.write(bytes(1024 * 1024))
    message, peak = _bounded(bomb)
    assert "inflates to 83886080 bytes, more than a report holds" in message, message
    assert peak < 40 * 1024 * 1024

    ratio = tmp_path / "ratio.docx"
    _rewrite(docx_file, ratio, {"docProps/app.xml": bytes(8 * 1024 * 1024)})
    message, peak = _bounded(ratio)
    assert "zip bomb" in message
    assert peak < 40 * 1024 * 1024

    lzma = _rewrite(docx_file, tmp_path / "lzma.docx", {}, zipfile.ZIP_LZMA)
    assert "unsupported compression (method 14)" in _bounded(lzma)[0]

    content = bytearray(docx_file.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = content.find(signature)
        while at >= 0:
            (flags,) = struct.unpack_from("<H", content, at + offset)
            struct.pack_into("<H", content, at + offset, flags | 0x1)
            at = content.find(signature, at + 4)
    encrypted = tmp_path / "encrypted.docx"
    encrypted.write_bytes(bytes(content))
    assert "is encrypted" in _bounded(encrypted)[0]


def test_truncated_and_broken_pdfs_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = govdisclosure.load(EXAMPLES / "harbin-qts-2011.yaml")
    content = govdisclosure.render(report, "pdf")
    for name, cut in (("half", content[: len(content) // 2]), ("tail", content[:-8])):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(cut)
        message, peak = _bounded(path)
        assert "truncated" in message, message
        assert peak < 40 * 1024 * 1024
        assert main(["verify", str(path)]) == 1
        assert "NOT VERIFIED: the file cannot be read" in capsys.readouterr().out
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert ATTACHMENT_NAME in reader.attachments
