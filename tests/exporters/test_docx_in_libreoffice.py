"""The Word files as LibreOffice lays them out: pages, embedded Chinese faces, text, page numbers.

Runs where LibreOffice is installed (`bash scripts/setup.sh dev` installs it on Debian).
tests/data/fonts.conf maps the Windows font names of the document to the Noto CJK SC faces,
as the fonts an office has would be.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import govdisclosure
from tests.helpers import DATA, EXAMPLES

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed"),
]
NAMES = ["huaian-city-2024", "harbin-qts-2011"]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("docx")
    paths = []
    for name in NAMES:
        path = folder / f"{name}.docx"
        path.write_bytes(govdisclosure.render(govdisclosure.load(EXAMPLES / f"{name}.yaml"), "docx"))
        paths.append(str(path))
    env = {**os.environ, "FONTCONFIG_FILE": str(DATA / "fonts.conf")}
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf", "--outdir", str(folder), *paths],
        check=True, capture_output=True, timeout=300, env=env,
    )  # fmt: skip
    return {name: folder / f"{name}.pdf" for name in NAMES}


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", "", out)


def test_pages_and_embedded_chinese_faces(pdfs: dict[str, Path]) -> None:
    for name, pdf in pdfs.items():
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
        assert 3 <= pages <= 12, (name, pages)
        fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
        assert "NotoSerifCJK" in fonts, name  # 仿宋 and 小标宋 came out as a Chinese serif face
        assert "NotoSansCJK" in fonts, name  # 黑体 headings as a Chinese sans face
        for line in fonts.splitlines()[2:]:
            assert line.split()[-5] == "yes", f"{name}: a font is not embedded: {line}"


def test_text_labels_numbers_and_page_numbers(pdfs: dict[str, Path]) -> None:
    text = _text(pdfs["huaian-city-2024"])
    for label in (
        "2024年政府信息公开工作年度报告",
        "第二十条第（一）项",
        "本年收费金额（单位：万元）",
        "申请人情况",
        "法人或其他组织",
        "（一）予以公开",
        "（七）总计",
        "四、结转下年度继续办理",
        "未经复议直接起诉",
        "复议后起诉",
    ):
        assert label in text, label
    assert "一、本年新收政府信息公开申请数量300153006143119" in text  # the row, left to right
    assert "96171.6" in text
    assert "—1—" in text
    assert "—2—" in text
    seed = _text(pdfs["harbin-qts-2011"])
    assert "二〇一二年三月二日" in seed
    assert "1.受理机构：哈尔滨市质监局政府信息公开办公室" in seed


def test_pages_render_to_pictures(pdfs: dict[str, Path], tmp_path: Path) -> None:
    for name, pdf in pdfs.items():
        subprocess.run(
            ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / name)], check=True
        )
        (png,) = tmp_path.glob(f"{name}*.png")
        assert png.stat().st_size > 5_000  # a page of text, not a blank page
