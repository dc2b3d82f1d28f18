"""A page saved from a government website, chrome and all, imports as its bare article does."""

from __future__ import annotations

import datetime as dt

import pytest

import govdisclosure
from govdisclosure.importing import import_report
from tests.helpers import DATA
from tests.importing.helpers import printed_text, table_values

CHROME = DATA / "site-chrome"
"""A TRS-style government page around the article: head metadata, navigation, footer (also used by bench/import_bench.py)."""
CHROME_HEAD = (CHROME / "head.html").read_text(encoding="utf-8")
CHROME_TAIL = (CHROME / "tail.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def article() -> bytes:
    """The article as a clerk pastes it into the CMS: the HTML exporter's fragment."""
    report = govdisclosure.load("examples/huaian-city-2024.yaml")
    return govdisclosure.render(report, "html", profile="fragment")


def test_the_full_page_imports_as_the_bare_article(article: bytes) -> None:
    bare = import_report(article, name="article.html").report
    page = import_report((CHROME_HEAD + article.decode() + CHROME_TAIL).encode(), name="page.html").report
    original = govdisclosure.load("examples/huaian-city-2024.yaml")
    assert table_values(page) == table_values(bare) == table_values(original)
    assert printed_text(page) == printed_text(bare) == printed_text(original)
    assert (page.agency.name, page.year, page.edition) == (bare.agency.name, bare.year, bare.edition)
    assert page.published_on == dt.date(2025, 1, 21)  # from the page's PubDate; the article has none
    assert bare.published_on is None
    metadata = dict(import_report((CHROME_HEAD + article.decode() + CHROME_TAIL).encode()).record.metadata)
    assert metadata["url"] == "https://www.huaian.gov.cn/zwgk/zfxxgknb/202501/t20250121_1.html"
    assert metadata["publisher"] == "淮安市人民政府"
    text = "".join(printed_text(page))
    for chrome in ("当前位置", "网站标识码", "分享到", "相关链接", "浏览次数", "访问量统计代码", "苏ICP备"):
        assert chrome not in text


def test_a_gbk_page_reads_as_well(article: bytes) -> None:
    page = (CHROME_HEAD.replace("utf-8", "gb2312") + article.decode() + CHROME_TAIL).encode("gb18030")
    assert table_values(import_report(page).report) == table_values(import_report(article).report)
