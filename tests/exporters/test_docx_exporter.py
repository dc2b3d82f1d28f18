"""The DOCX exporter, read back with python-docx as Word would read it."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from typing import Any

import docx
import pytest

import govdisclosure
from govdisclosure.exporters.docx_exporter import DocxExporter
from govdisclosure.model import Report
from govdisclosure.testing import ExporterContract
from tests.docxtables import matrix, text_of
from tests.helpers import EXAMPLES, json_cells

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NATIONAL = ["huaian-city-2024", "city-department-2023", "county-trial-2020"]


class TestDocxContract(ExporterContract):
    exporter_class = DocxExporter


def read(report: Report, **options: Any) -> docx.document.Document:
    return docx.Document(io.BytesIO(govdisclosure.render(report, "docx", **options)))


def test_page_is_a4_with_the_official_margins(huaian: Report) -> None:
    section = read(huaian).sections[0]
    assert round(section.page_width.mm) == 210
    assert round(section.page_height.mm) == 297
    assert [
        round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ] == [37, 35, 28, 26]
    grid = section._sectPr.find(f"{W}docGrid")
    assert grid.get(f"{W}linePitch") == "579"  # 22 lines


def test_chinese_fonts_are_set_where_word_reads_them(huaian: Report) -> None:
    document = read(huaian)
    styles = document.styles.element
    xml = styles.xml
    assert "Theme" not in re.sub(r"w:styleId=\"[^\"]*\"", "", xml)  # no asciiTheme/eastAsiaTheme to override the names
    fonts = {
        style.get(f"{W}styleId"): style.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia")
        for style in styles.findall(f"{W}style")
        if style.find(f"{W}rPr/{W}rFonts") is not None
    }
    assert fonts["Normal"] == "仿宋_GB2312"
    assert fonts["Title"] == "方正小标宋简体"
    assert fonts["Heading1"] == "黑体"
    assert fonts["Heading2"] == "楷体_GB2312"
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}lang").get(f"{W}eastAsia") == "zh-CN"
    assert defaults.find(f"{W}rFonts").get(f"{W}eastAsia") == "仿宋_GB2312"
    sizes = {
        s.get(f"{W}styleId"): s.find(f"{W}rPr/{W}sz").get(f"{W}val")
        for s in styles.findall(f"{W}style")
        if s.find(f"{W}rPr/{W}sz") is not None
    }
    assert (sizes["Title"], sizes["Normal"]) == ("44", "32")  # 2号 and 3号
    package = document.part.package
    theme = next(p for p in package.iter_parts() if p.partname.endswith("theme1.xml")).blob.decode()
    assert '<a:font script="Hans" typeface="仿宋_GB2312"/>' in theme
    font_table = next(p for p in package.iter_parts() if p.partname.endswith("fontTable.xml"))
    assert 'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in font_table.blob.decode()


def test_font_names_are_configurable(huaian: Report) -> None:
    styles = read(huaian, body_font="仿宋", title_font="宋体").styles.element
    normal = styles.find(f"{W}style[@{W}styleId='Normal']/{W}rPr/{W}rFonts")
    title = styles.find(f"{W}style[@{W}styleId='Title']/{W}rPr/{W}rFonts")
    assert (normal.get(f"{W}eastAsia"), title.get(f"{W}eastAsia")) == ("仿宋", "宋体")
    with pytest.raises(govdisclosure.RenderError, match="body_font must be a font name"):
        govdisclosure.render(huaian, "docx", body_font="")


def test_table3_structure_and_merges(huaian: Report) -> None:
    document = read(huaian)
    assert len(document.tables) == 3
    table = document.tables[1]
    grid = matrix(table)
    assert len(grid) == 28
    assert len(grid[0]) == 10
    note = grid[0][0]
    assert all(grid[r][c] is note for r in range(3) for c in range(3))
    assert text_of(note) == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert all(grid[0][c] is grid[0][3] for c in range(3, 10))
    assert text_of(grid[0][3]) == "申请人情况"
    assert grid[1][3] is grid[2][3]  # 自然人 spans two header rows
    assert text_of(grid[1][3]) == "自然人"
    assert text_of(grid[1][4]) == "法人或其他组织"
    assert all(grid[1][c] is grid[1][4] for c in range(4, 9))
    assert [text_of(grid[2][c]) for c in range(4, 9)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    group = grid[5][0]
    assert all(grid[r][0] is group for r in range(5, 27))
    assert text_of(group) == "三、本年度办理结果"
    withheld = grid[7][1]
    assert all(grid[r][1] is withheld for r in range(7, 15))
    assert [text_of(grid[r][2]) for r in (7, 14)] == ["1.属于国家秘密", "8.属于行政查询事项"]
    assert text_of(grid[3][0]) == "一、本年新收政府信息公开申请数量"
    assert grid[3][0] is grid[3][2]
    header_rows = [tr for tr in table._tbl.findall(f"{W}tr") if tr.find(f"{W}trPr/{W}tblHeader") is not None]
    assert len(header_rows) == 3  # repeat when the table crosses a page
    widths = [int(col.get(f"{W}w")) for col in table._tbl.findall(f"{W}tblGrid/{W}gridCol")]
    assert sum(widths) == 8845  # the text width
    assert table._tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"


@pytest.mark.parametrize("name", NATIONAL)
def test_every_number_in_its_cell(name: str) -> None:
    report = govdisclosure.load(EXAMPLES / f"{name}.yaml")
    values = json_cells(json.loads(govdisclosure.render(report, "json"), parse_float=Decimal))
    tables = read(report).tables
    requests = matrix(tables[1])
    assert report.requests is not None
    columns = [
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "public_interest_org",
        "legal_service_org",
        "other_org",
        "total",
    ]
    for index, (path, _) in enumerate(report.requests.rows()):
        for offset, column in enumerate(columns):
            assert text_of(requests[3 + index][3 + offset]) == str(values[f"requests.{path}.{column}"]), (path, column)
    appeals = matrix(tables[2])
    expected = [
        values[f"appeals.{g}.{r}"]
        for g in ("review", "litigation_direct", "litigation_after_review")
        for r in ("upheld", "corrected", "other", "pending", "total")
    ]
    assert [text_of(tc) for tc in appeals[3]] == [str(v) for v in expected]
    proactive = "".join(text_of(tc) for row in matrix(tables[0]) for tc in row)
    for key, value in values.items():
        if key.startswith("proactive.") and value is not None and not key.endswith(("layout", "amount_unit")):
            assert str(value) in proactive, key


def test_official_labels_and_headings(huaian: Report) -> None:
    document = read(huaian)
    paragraphs = [(p.style.style_id if p.style is not None else "", p.text) for p in document.paragraphs]
    assert paragraphs[0] == ("Title", "淮安市人民政府")
    assert paragraphs[1] == ("Title", "2024年政府信息公开工作年度报告")
    headings = [text for style, text in paragraphs if style == "Heading1"]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    run_in = next(p for p in document.paragraphs if p.text.startswith("（一）主动公开情况。2024年"))
    assert run_in.runs[0].text == "（一）主动公开情况。"
    assert run_in.runs[0]._r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "楷体_GB2312"
    table2 = "".join(text_of(tc) for row in matrix(document.tables[0]) for tc in row)
    for label in (
        "第二十条第（一）项",
        "本年制发件数",
        "行政规范性文件",
        "本年收费金额（单位：万元）",
        "行政事业性收费",
    ):
        assert label in table2


def test_legacy_report_reads_like_the_original(seed: Report) -> None:
    document = read(seed)
    assert document.tables == []
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[:3] == ["哈尔滨市质量技术监督局", "2011年度政府信息公开工作报告", "二〇一二年三月二日"]
    assert "一、公开政府信息情况" in texts
    assert "（二）依申请公开政府信息情况" in texts
    assert any(t.startswith("1.受理机构：哈尔滨市质监局政府信息公开办公室") for t in texts)
    assert "（三）创新模式，进一步探索公开方式方法。" in texts


def test_page_numbers_on_the_outer_side(huaian: Report) -> None:
    document = read(huaian)
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd, even = section.footer._element, section.even_page_footer._element
    for footer, side in ((odd, "right"), (even, "left")):
        paragraph = footer.find(f"{W}p")
        assert paragraph.find(f"{W}pPr/{W}jc").get(f"{W}val") == side
        assert "".join(t.text for t in paragraph.iter(f"{W}t")) == "— 1 —"
        assert paragraph.find(f".//{W}instrText").text.strip() == "PAGE"
    assert read(huaian, page_numbers=False).sections[0].footer._element.find(f"{W}p/{W}r") is None


def test_properties_come_from_the_report_and_the_bytes_repeat(seed: Report) -> None:
    data = govdisclosure.render(seed, "docx")
    assert data == govdisclosure.render(seed, "docx")
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.title == "哈尔滨市质量技术监督局2011年度政府信息公开工作报告"
    assert props.author == "哈尔滨市质量技术监督局"
    assert props.created.date().isoformat() == "2012-03-02"
    assert props.modified == props.created
    assert props.language == "zh-CN"
    import zipfile

    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "docProps/thumbnail.jpeg" not in names
    assert "word/stylesWithEffects.xml" not in names
    assert len(data) < 40_000


def test_unavailable_without_python_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "docx" else real(name, *a))
    availability = DocxExporter.availability()
    assert not availability.available
    assert availability.reason == "the Python package python-docx is not installed"
    assert availability.hint == 'pip install "govdisclosure[docx]"'


def test_listed_by_formats() -> None:
    info = {f.name: f for f in govdisclosure.formats()}["docx"]
    assert (info.suffix, info.plugin, info.available) == (".docx", "govdisclosure-docx", True)
