"""The Word file's pages: 28 characters a line, tables kept whole, the signature with the text.

The markup is read back with python-docx; the pages are checked as LibreOffice lays them out
(marked slow), with tests/data/fonts.conf giving the Windows font names their Noto CJK SC faces.
"""

from __future__ import annotations

import collections
import io
import os
import re
import shutil
import subprocess
import unicodedata

import docx
import pytest

import govdisclosure
from govdisclosure.exporters.docx_exporter import BODY_SPACING, TEXT_WIDTH
from govdisclosure.model import Report
from tests.helpers import DATA, EXAMPLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NAMES = ["county-trial-2020", "huaian-city-2024", "city-department-2023"]


def _document(report: Report) -> docx.document.Document:
    return docx.Document(io.BytesIO(govdisclosure.render(report, "docx")))


def _load(name: str) -> Report:
    return govdisclosure.load(EXAMPLES / f"{name}.yaml")


def test_28_characters_fit_a_line_and_29_do_not() -> None:
    pitch = 16 * 20 + BODY_SPACING  # twips per 3号 character, set closer
    assert 28 * pitch <= TEXT_WIDTH < 29 * pitch
    document = _document(_load("huaian-city-2024"))
    styles = {s.get(f"{W}styleId"): s for s in document.styles.element.iter(f"{W}style")}
    for style in ("Normal", "BodyText", "Heading1", "Heading2", "Signature"):
        spacing = styles[style].find(f"{W}rPr/{W}spacing")
        assert spacing is not None, style
        assert spacing.get(f"{W}val") == str(BODY_SPACING), style
    for style in ("Title", "TableText"):  # other sizes: their own spacing
        assert styles[style].find(f"{W}rPr/{W}spacing").get(f"{W}val") == "0", style


def test_run_in_headings_end_visibly_without_doubling() -> None:
    county = [p.text for p in _document(_load("county-trial-2020")).paragraphs]
    assert any(text.startswith("（一）主动公开情况。全年通过县政府门户网站") for text in county)
    huaian = [p.text for p in _document(_load("huaian-city-2024")).paragraphs]
    assert any(text.startswith("（一）主动公开情况。2024年") for text in huaian)
    assert not any("。。" in text for text in huaian)


def test_signature_keeps_together_and_with_the_text() -> None:
    document = _document(_load("county-trial-2020"))
    styles = {s.get(f"{W}styleId"): s for s in document.styles.element.iter(f"{W}style")}
    signature = styles["Signature"].find(f"{W}pPr")
    assert signature.find(f"{W}keepNext") is not None
    assert signature.find(f"{W}keepLines") is not None
    paragraphs = document.paragraphs
    first = next(i for i, p in enumerate(paragraphs) if p.style is not None and p.style.style_id == "Signature")
    assert [p.text for p in paragraphs[first:]] == ["澜溪县人民政府", "二〇二一年三月二十六日"]
    for paragraph in paragraphs[first - 2 : first]:  # the text's last paragraph and the blank line
        assert paragraph._p.find(f"{W}pPr/{W}keepNext") is not None, paragraph.text


def test_table_rows_keep_with_the_next_but_the_last() -> None:
    document = _document(_load("huaian-city-2024"))
    for table in document.tables:
        rows = table._tbl.findall(f"{W}tr")
        for index, row in enumerate(rows):
            assert row.find(f"{W}trPr/{W}cantSplit") is not None
            keeps = [p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(f"{W}p")]
            assert all(keeps) if index < len(rows) - 1 else not any(keeps), index


def test_narrow_labels_break_between_words() -> None:
    document = _document(_load("county-trial-2020"))
    xml = document.element.xml
    for first, second in (("不予", "公开"), ("结果", "维持"), ("尚未", "审结"), ("无法", "提供")):
        assert re.search(rf">{first}</w:t>\s*<w:br/>\s*<w:t[^>]*>{second}<", xml), (first, second)
    assert "采购总金额（单位：万元）" in xml


def test_addresses_may_break() -> None:
    text = "\n".join(p.text for p in _document(_load("county-trial-2020")).paragraphs)
    assert "www.\u200blanxi-\u200bcounty.\u200bexample" in text
    assert "lxxzfgk@\u200blanxi-\u200bcounty.\u200bexample" in text


# --------------------------------------------------------------------------- through LibreOffice


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or poppler is not installed")
    folder = tmp_path_factory.mktemp("docx-pages")
    paths = []
    for name in NAMES:
        path = folder / f"{name}.docx"
        path.write_bytes(govdisclosure.render(_load(name), "docx"))
        paths.append(str(path))
    env = {**os.environ, "FONTCONFIG_FILE": str(DATA / "fonts.conf")}
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf",
         "--outdir", str(folder), *paths],
        check=True, capture_output=True, timeout=300, env=env,
    )  # fmt: skip
    out = {}
    for name in NAMES:
        text = subprocess.run(
            ["pdftotext", "-layout", str(folder / f"{name}.pdf"), "-"], check=True, capture_output=True, text=True
        ).stdout
        out[name] = text.split("\f")
    return out


def _flat(page: str) -> str:
    return re.sub(r"\s+", "", page)


@pytest.mark.slow
def test_libreoffice_sets_28_characters_a_line(pages: dict[str, list[str]]) -> None:
    lengths: collections.Counter[int] = collections.Counter()
    for page in pages["huaian-city-2024"]:
        for line in page.splitlines():
            stripped = line.strip()
            if stripped and all(unicodedata.east_asian_width(c) in "WF" for c in stripped):
                lengths[len(stripped)] += 1
    assert max(lengths) == 28
    assert lengths.most_common(1)[0][0] == 28, lengths


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_keeps_each_table_on_one_page(pages: dict[str, list[str]], name: str) -> None:
    flat = [_flat(page) for page in pages[name]]
    for first, last in (
        ("三、收到和处理政府信息公开申请情况", "四、结转下年度继续办理"),  # Table 3, with its heading
        ("一、本年新收政府信息公开申请数量", "（七）总计"),
        ("二、主动公开政府信息情况", "行政事业性收费"),  # Table 2, with its heading
        ("四、政府信息公开行政复议、行政诉讼情况", "复议后起诉"),
    ):
        where = [i for i, page in enumerate(flat) if first in page]
        assert where, (name, first)
        assert last in flat[where[0]], f"{name}: {first} … {last} not on one page"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["county-trial-2020", "city-department-2023"])
def test_libreoffice_keeps_the_signature_with_the_text(pages: dict[str, list[str]], name: str) -> None:
    report = _load(name)
    page = next(page for page in reversed(pages[name]) if page.strip())
    lines = [line.strip() for line in page.splitlines() if line.strip() and "—" not in line]
    assert lines[-2:] == [report.agency.name, _date(report)]
    assert len(lines) >= 4, lines  # the text's last lines are on the signature's page: the date is not alone


def _date(report: Report) -> str:
    from govdisclosure.chinese import format_date

    assert report.published_on is not None
    return format_date(report.published_on)
