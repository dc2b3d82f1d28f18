"""The PDF exporter: Chinese fonts embedded, archival PDF/A, the data attached, nothing fetched."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
from pathlib import Path

import attrs
import pypdf
import pytest

import govdisclosure
from govdisclosure import model as m
from govdisclosure.exporters import pdf_exporter
from govdisclosure.exporters.pdf_exporter import ATTACHMENT_NAME, HASH_KEY, MissingGlyphError, PdfExporter
from govdisclosure.model import Report
from govdisclosure.testing import ExporterContract, sample_report
from govdisclosure.verify import rows_not_shown, table_rows
from tests.helpers import EXAMPLES

NAMES = ["huaian-city-2024", "harbin-qts-2011", "city-department-2023", "county-trial-2020"]


class TestPdfContract(ExporterContract):
    exporter_class = PdfExporter


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    return {
        name: govdisclosure.render_file(govdisclosure.load(EXAMPLES / f"{name}.yaml"), folder / f"{name}.pdf")
        for name in NAMES
    }


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def test_weasyprint_uses_harfbuzz_to_subset_fonts() -> None:
    from weasyprint.text.ffi import harfbuzz_subset

    assert harfbuzz_subset is not None, "install libharfbuzz-subset0: without it a CJK PDF takes 15 s"


def test_chinese_faces_are_embedded_and_subset(pdfs: dict[str, Path]) -> None:
    for name, pdf in pdfs.items():
        lines = _run("pdffonts", str(pdf)).splitlines()[2:]
        faces = {line.split()[0].split("+")[1] for line in lines}
        assert "Noto-Serif-CJK-SC" in faces, name
        for line in lines:
            emb, sub = line.split()[-5:-3]
            assert (emb, sub) == ("yes", "yes"), line
        assert pdf.stat().st_size < 700_000, name  # three subset CJK faces: about half a megabyte


def test_every_label_and_number(pdfs: dict[str, Path]) -> None:
    report = govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml")
    layout = re.sub(r"[ \t]+", " ", _run("pdftotext", "-layout", str(pdfs["huaian-city-2024"]), "-"))
    assert rows_not_shown(layout, table_rows(report)) == []  # every table row's numbers, in order
    flat = re.sub(
        r"\s+", "", _run("pdftotext", str(pdfs["huaian-city-2024"]), "-")
    )  # reading order keeps a cell together
    for label in (
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况", "六、其他需要报告的事项", "第二十条第（一）项", "本年制发件数", "本年废止件数",
        "现行有效件数", "行政规范性文件", "第二十条第（五）项", "本年处理决定数量", "行政许可", "第二十条第（六）项",
        "行政处罚", "行政强制", "第二十条第（八）项", "本年收费金额（单位：万元）", "行政事业性收费", "申请人情况",
        "法人或其他组织", "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
        "1.属于国家秘密", "2.其他法律行政法规禁止公开", "8.属于行政查询事项", "2.重复申请", "（七）总计", "四、结转下年度继续办理", "行政复议", "行政诉讼", "未经复议直接起诉",
        "复议后起诉", "结果维持", "结果纠正", "其他结果", "尚未审结",
    ):  # fmt: skip
        assert label in flat, label
    assert "—1—" in flat
    assert "—6—" in flat


def test_the_seed_reads_like_the_original(pdfs: dict[str, Path]) -> None:
    text = re.sub(r"\s+", "", _run("pdftotext", str(pdfs["harbin-qts-2011"]), "-"))
    assert text.startswith("哈尔滨市质量技术监督局2011年度政府信息公开工作报告二〇一二年三月二日")
    assert "1.受理机构：哈尔滨市质监局政府信息公开办公室" in text
    assert "（三）创新模式，进一步探索公开方式方法。" in text


def test_archival_tagged_with_metadata_and_the_data_attached(pdfs: dict[str, Path]) -> None:
    report = govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml")
    reader = pypdf.PdfReader(str(pdfs["huaian-city-2024"]))
    data = govdisclosure.dumps_json(report).encode("utf-8")
    assert reader.attachments[ATTACHMENT_NAME] == [data]
    info = reader.metadata
    assert info is not None
    assert info[f"/{HASH_KEY}"] == hashlib.sha256(data).hexdigest()
    assert (info.title, info.author) == ("淮安市人民政府2024年政府信息公开工作年度报告", "淮安市人民政府")
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "zh-CN"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp or "<pdfaid:part>3</pdfaid:part>" in xmp
    assert re.search(r'pdfaid:conformance(="|>)B', xmp)
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4
    assert len(reader.pages) >= 4


def test_same_bytes_twice(seed: Report) -> None:
    assert govdisclosure.render(seed, "pdf") == govdisclosure.render(seed, "pdf")


def test_a_character_without_a_glyph_stops_the_export(tmp_path: Path) -> None:
    report = attrs.evolve(sample_report(), agency=m.Agency("示例局😀"))
    with pytest.raises(govdisclosure.ExportError) as caught:
        govdisclosure.render(report, "pdf")
    assert isinstance(caught.value.__cause__, MissingGlyphError)
    assert "U+1F600 '😀' at $.agency.name" in str(caught.value)
    from govdisclosure.cli import main

    source = tmp_path / "r.json"
    source.write_text(govdisclosure.dumps_json(report), encoding="utf-8")
    assert main(["render", str(source), "--to", "pdf", "-o", str(tmp_path / "out")]) == 1
    assert list((tmp_path / "out").iterdir()) == []


def test_rare_characters_the_fonts_have_render() -> None:
    text = "全角，半角,混排；“引号”‘单引号’《书名》〔2021〕30号 ①②③ ㎡ ℃ 〇 々 —— …… ＡＢＣ123"
    report = attrs.evolve(sample_report(), preamble=(m.Paragraph(text),))
    reader = pypdf.PdfReader(io.BytesIO(govdisclosure.render(report, "pdf")))
    assert "〔2021〕30号①②③㎡℃〇々" in re.sub(r"\s+", "", reader.pages[0].extract_text())


def test_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    original = pdf_exporter.refuse_url

    def recording(url: str, *args: object, **kwargs: object) -> None:
        asked.append(url)
        original(url)

    monkeypatch.setattr(pdf_exporter, "refuse_url", recording)
    hostile = '<img src="http://127.0.0.1:9/x.png"><link rel=stylesheet href="file:///etc/passwd"> url(file:///etc/hostname) @import "http://127.0.0.1:9/a.css";'
    report = attrs.evolve(sample_report(), agency=m.Agency("示例局"), preamble=(m.Paragraph(hostile),))
    data = govdisclosure.render(report, "pdf")
    assert asked == []  # the text is text: nothing in it is a resource
    assert "127.0.0.1" in pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()

    # And if markup ever asked for something, the exporter's fetcher refuses it.
    from weasyprint import HTML

    page = '<html><body><img src="http://127.0.0.1:9/x.png"><img src="file:///etc/hostname"></body></html>'
    HTML(string=page, url_fetcher=pdf_exporter.url_fetcher()).write_pdf()
    assert asked == ["http://127.0.0.1:9/x.png", "file:///etc/hostname"]


def test_availability_says_why_not(monkeypatch: pytest.MonkeyPatch) -> None:
    assert PdfExporter.availability().available
    monkeypatch.setattr(pdf_exporter, "choose_fonts", lambda *args, **kwargs: None)
    availability = PdfExporter.availability()
    assert not availability.available
    assert availability.reason is not None
    assert "no Chinese font" in availability.reason
    assert availability.hint == "apt-get install fonts-noto-cjk"
    import ctypes.util

    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    assert "Pango" in (PdfExporter.availability().reason or "")


def test_pages_render_to_pictures(pdfs: dict[str, Path], tmp_path: Path) -> None:
    for name in ("huaian-city-2024", "harbin-qts-2011"):
        subprocess.run(
            ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdfs[name]), str(tmp_path / name)], check=True
        )
        (png,) = tmp_path.glob(f"{name}*.png")
        assert png.stat().st_size > 5_000


def test_each_pdf_gives_the_memory_it_freed_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """glibc keeps freed heap pages; without malloc_trim a long batch's memory stepped up 90 MB and
    stayed (bench/run.py measures the effect; here, that the exporter asks for it after every PDF)."""
    import platform

    if platform.libc_ver()[0] == "glibc":
        assert pdf_exporter._malloc_trim() is not None
    calls: list[int] = []
    monkeypatch.setattr(pdf_exporter, "_malloc_trim", lambda: calls.append)
    govdisclosure.render(sample_report(), "pdf")
    govdisclosure.render(sample_report(), "pdf")
    assert calls == [0, 0]
