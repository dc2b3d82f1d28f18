"""A page saved from a government website, chrome and all, imports as its bare article does."""

from __future__ import annotations

import datetime as dt

import pytest

import govdisclosure
from govdisclosure.importing import import_report
from tests.importing.helpers import printed_text, table_values

CHROME_HEAD = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>淮安市人民政府2024年政府信息公开工作年度报告_淮安市人民政府</title>
<meta name="SiteName" content="淮安市人民政府"><meta name="ColumnName" content="政府信息公开年报">
<meta name="ArticleTitle" content="淮安市人民政府2024年政府信息公开工作年度报告">
<meta name="PubDate" content="2025-01-21 16:05"><meta name="ContentSource" content="淮安市人民政府">
<meta name="Url" content="https://www.huaian.gov.cn/zwgk/zfxxgknb/202501/t20250121_1.html">
<link rel="stylesheet" href="/images/style.css"><script src="/js/jquery.js"></script>
<script>var _hmt = _hmt || []; document.write("<p>访问量统计代码</p>");</script>
<style>.nav li { float: left; }</style></head>
<body><div class="top-bar"><a href="/">淮安市人民政府</a> | <a href="/en">English</a> | 无障碍浏览 | 长者模式</div>
<div class="header"><img src="/images/logo.png" alt="淮安市人民政府"><form class="search"><input name="q">
<button>搜索</button></form></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/zwfw">政务服务</a></li>
<li><a href="/hdjl">互动交流</a></li><li><a href="/zjha">走进淮安</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政府信息公开年报</div>
<table class="xxgk-info"><tr><td>索引号：</td><td>014114953/2025-00012</td><td>分类：</td><td>年度报告</td></tr>
<tr><td>发布机构：</td><td>淮安市人民政府办公室</td><td>发文日期：</td><td>2025-01-21</td></tr></table>
<div class="article"><h1 class="article-title">淮安市人民政府2024年政府信息公开工作年度报告</h1>
<div class="article-info">发布日期：2025-01-21 16:05 来源：淮安市人民政府办公室 浏览次数：1024
<a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
<div class="TRS_Editor" id="zoom">"""
CHROME_TAIL = """</div>
<div class="share">分享到：<a>微信</a><a>微博</a></div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a">淮安市人民政府2023年政府信息公开工作年度报告</a></li>
<li><a href="/b">淮安市人民政府2022年政府信息公开工作年度报告</a></li></ul></div></div>
<div class="footer"><p>主办：淮安市人民政府办公室　承办：淮安市大数据管理中心</p>
<p>网站标识码：3208000001　苏ICP备05003656号　苏公网安备 32080202000001号</p>
<p>联系电话：0517-83605210　<a href="/sitemap">网站地图</a></p></div>
<script>document.getElementById("zoom").style.fontSize = "16px";</script></body></html>"""


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
