"""The HTML exporter: official table structure cell for cell, parity with the JSON, escaping."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import attrs
import pytest

import govdisclosure
from govdisclosure.model import Agency, Report
from govdisclosure.testing import sample_report
from tests.helpers import EXAMPLES, json_cells
from tests.htmltables import matrix, parse_tables

NATIONAL = ["huaian-city-2024", "city-department-2023", "county-trial-2020"]


def html_of(report: Report, profile: str = "standalone") -> str:
    return govdisclosure.render(report, "html", profile=profile).decode("utf-8")


def shape(rows: list[Any]) -> list[list[tuple[str, int, int]]]:
    return [[(c.text, c.colspan, c.rowspan) for c in row] for row in rows]


def test_table2_2021_structure(huaian: Report) -> None:
    rows = parse_tables(html_of(huaian))["proactive"]
    head = [("信息内容", 1, 1)]
    assert shape(rows) == [
        [("第二十条第（一）项", 4, 1)],
        [*head, ("本年制发件数", 1, 1), ("本年废止件数", 1, 1), ("现行有效件数", 1, 1)],
        [("规章", 1, 1), ("1", 1, 1), ("0", 1, 1), ("11", 1, 1)],
        [("行政规范性文件", 1, 1), ("8", 1, 1), ("26", 1, 1), ("66", 1, 1)],
        [("第二十条第（五）项", 4, 1)],
        [*head, ("本年处理决定数量", 3, 1)],
        [("行政许可", 1, 1), ("447228", 3, 1)],
        [("第二十条第（六）项", 4, 1)],
        [*head, ("本年处理决定数量", 3, 1)],
        [("行政处罚", 1, 1), ("3985758", 3, 1)],
        [("行政强制", 1, 1), ("88283", 3, 1)],
        [("第二十条第（八）项", 4, 1)],
        [*head, ("本年收费金额（单位：万元）", 3, 1)],
        [("行政事业性收费", 1, 1), ("96171.6", 3, 1)],
    ]


def test_table3_2021_structure(huaian: Report) -> None:
    rows = parse_tables(html_of(huaian))["requests"]
    assert shape(rows[:3]) == [
        [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), ("申请人情况", 7, 1)],
        [("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)],
        [("商业企业", 1, 1), ("科研机构", 1, 1), ("社会公益组织", 1, 1), ("法律服务机构", 1, 1), ("其他", 1, 1)],
    ]
    labels = [[(c.text, c.colspan, c.rowspan) for c in row if c.tag == "th"] for row in rows[3:]]
    assert len(labels) == 25
    assert labels[0] == [("一、本年新收政府信息公开申请数量", 3, 1)]
    assert labels[1] == [("二、上年结转政府信息公开申请数量", 3, 1)]
    assert labels[2] == [("三、本年度办理结果", 1, 22), ("（一）予以公开", 2, 1)]
    assert labels[3] == [("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 2, 1)]
    assert labels[4] == [("（三）不予公开", 1, 8), ("1.属于国家秘密", 1, 1)]
    assert labels[6] == [("3.危及“三安全一稳定”", 1, 1)]
    assert labels[12] == [("（四）无法提供", 1, 3), ("1.本机关不掌握相关政府信息", 1, 1)]
    assert labels[15] == [("（五）不予处理", 1, 5), ("1.信访举报投诉类申请", 1, 1)]
    assert labels[20] == [
        ("（六）其他处理", 1, 3),
        ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 1, 1),
    ]
    assert labels[23] == [("（七）总计", 2, 1)]
    assert labels[24] == [("四、结转下年度继续办理", 3, 1)]
    assert all(sum(c.colspan for c in row if c.tag == "td") == 7 for row in rows[3:])


def test_table3_trial_has_one_other_handling_row() -> None:
    report = govdisclosure.load(EXAMPLES / "county-trial-2020.yaml")
    rows = parse_tables(html_of(report))["requests"]
    labels = [[(c.text, c.colspan, c.rowspan) for c in row if c.tag == "th"] for row in rows[3:]]
    assert len(labels) == 23
    assert labels[2][0] == ("三、本年度办理结果", 1, 20)
    assert labels[20] == [("（六）其他处理", 2, 1)]


def test_table4_structure(huaian: Report) -> None:
    rows = parse_tables(html_of(huaian))["appeals"]
    results = [("结果维持", 1, 1), ("结果纠正", 1, 1), ("其他结果", 1, 1), ("尚未审结", 1, 1), ("总计", 1, 1)]
    assert shape(rows) == [
        [("行政复议", 5, 1), ("行政诉讼", 10, 1)],
        [*[(t, 1, 2) for t, _, _ in results], ("未经复议直接起诉", 5, 1), ("复议后起诉", 5, 1)],
        results * 2,
        [(str(v), 1, 1) for v in (72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20)],
    ]


def test_headers_are_marked_for_screen_readers(huaian: Report) -> None:
    html = html_of(huaian)
    assert '<th colspan="7" scope="colgroup"' in html
    assert '<th rowspan="22" scope="rowgroup"' in html
    assert html.count("<caption") == 3
    assert html.count("<thead>") == 2  # Tables 3 and 4 have column headers that repeat across pages


@pytest.mark.parametrize("name", NATIONAL)
@pytest.mark.parametrize("profile", ["standalone", "fragment"])
def test_every_number_of_the_json_is_in_its_cell_of_the_html(name: str, profile: str) -> None:
    """Parity: each table number of the JSON export stands in the grid position the official layout gives it."""
    report = govdisclosure.load(EXAMPLES / f"{name}.yaml")
    values = json_cells(json.loads(govdisclosure.render(report, "json"), parse_float=Decimal))
    tables = {key: matrix(rows) for key, rows in parse_tables(html_of(report, profile)).items()}
    requests = tables["requests"]
    table = report.requests
    assert table is not None
    columns = ["natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
               "legal_service_org", "other_org", "total"]  # fmt: skip
    for index, (path, _) in enumerate(table.rows()):
        for offset, column in enumerate(columns):
            cell = requests[3 + index][3 + offset]
            assert cell is not None
            expected = values[f"requests.{path}.{column}"]
            assert cell.text == ("" if expected is None else str(expected)), (path, column)
    appeals = tables["appeals"]
    groups = ["review", "litigation_direct", "litigation_after_review"]
    results = ["upheld", "corrected", "other", "pending", "total"]
    for g, group in enumerate(groups):
        for r, result in enumerate(results):
            cell = appeals[3][g * 5 + r]
            assert cell is not None
            assert cell.text == str(values[f"appeals.{group}.{result}"])
    # Table 2: every number of the proactive block appears in a data cell in its row
    proactive_cells = [c for row in tables["proactive"] for c in row if c is not None and c.tag == "td"]
    proactive_values = {k: v for k, v in values.items() if k.startswith("proactive.") and k != "proactive.layout"}
    shown = {c.attrs["data-path"]: c.text for c in proactive_cells}
    for path, value in proactive_values.items():
        if path.endswith("amount_unit"):
            continue
        assert shown[path] == ("" if value is None else str(value)), path


def test_blank_cells_stay_blank() -> None:
    report = sample_report()
    assert report.requests is not None
    blank = attrs.evolve(
        report, requests=attrs.evolve(report.requests, received=attrs.evolve(report.requests.received, other_org=None))
    )
    rows = parse_tables(html_of(blank))["requests"]
    assert [c.text for c in rows[3] if c.tag == "td"][5] == ""


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.mark.parametrize("profile", ["standalone", "fragment"])
def test_all_text_is_escaped(profile: str) -> None:
    report = attrs.evolve(sample_report(), agency=Agency(HOSTILE), title=HOSTILE)
    html = html_of(report, profile)
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


@pytest.mark.parametrize("name", ["harbin-qts-2011", *NATIONAL])
@pytest.mark.parametrize("profile", ["standalone", "fragment"])
def test_output_references_nothing_outside_itself(name: str, profile: str) -> None:
    html = html_of(govdisclosure.load(EXAMPLES / f"{name}.yaml"), profile)
    assert not re.search(r"\s(src|href|action|srcset|poster|data)=", html)
    assert "url(" not in html
    assert "@import" not in html
    assert "<link" not in html
    assert "<script" not in html
    assert "<iframe" not in html


def test_fragment_is_pasteable_into_a_cms(huaian: Report) -> None:
    html = html_of(huaian, "fragment")
    for tag in ("html", "head", "body", "style", "meta", "script", "!DOCTYPE"):
        assert not re.search(rf"<{tag}[\s>]", html), tag
    assert " class=" not in html  # CMS editors drop class names: every style is inline
    assert html.startswith("<article style=")
    assert "Noto Serif CJK SC" in html


def test_standalone_page(huaian: Report) -> None:
    html = html_of(huaian)
    assert html.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert "<title>淮安市人民政府2024年政府信息公开工作年度报告</title>" in html
    assert "font-family: 'Noto Serif CJK SC'" in html
    assert "'FangSong', '仿宋'" in html
    assert "@media print" in html
    assert "&#39;" not in html.split("</style>")[0]  # the stylesheet is not entity-escaped


def test_national_headings_are_the_six_sections_in_order(huaian: Report) -> None:
    html = html_of(huaian)
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", html)
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert "（一）主动公开情况。</strong>2024年，市政府网站" in html


def test_legacy_report_keeps_its_own_headings(seed: Report) -> None:
    html = html_of(seed)
    assert re.findall(r"<h2[^>]*>(.*?)</h2>", html) == [
        "一、公开政府信息情况",
        "二、政府信息公开主要做法",
        "三、存在的问题及改进意见",
    ]
    assert '<h3 class="gd-h2">（二）依申请公开政府信息情况</h3>' in html
    assert "1.受理机构：哈尔滨市质监局政府信息公开办公室" in html
    assert '<time datetime="2012-03-02">二〇一二年三月二日</time>' in html
    assert "<table" not in html


def test_unknown_profile_is_refused() -> None:
    with pytest.raises(govdisclosure.RenderError, match="profile must be one of standalone, fragment"):
        govdisclosure.render(sample_report(), "html", profile="mobile")
