"""The web page: run-in headings end visibly in their 楷体 face, narrow headers break between words,
the procurement unit is printed and addresses may break."""

from __future__ import annotations

import re

import pytest

import govdisclosure
from govdisclosure.exporters.html_exporter import KAI, SERIF, STYLES
from tests.helpers import EXAMPLES
from tests.htmltables import parse_tables


def _html(name: str, profile: str = "standalone") -> str:
    return govdisclosure.render(govdisclosure.load(EXAMPLES / f"{name}.yaml"), "html", profile=profile).decode()


def test_kai_is_a_face_of_its_own() -> None:
    first_kai = KAI.split(",")[0].strip().strip("'")
    assert first_kai != SERIF.split(",")[0].strip().strip("'")
    assert first_kai in ("AR PL UKai CN", "LXGW WenKai")
    assert KAI.index("KaiTi") < KAI.index("Noto Serif CJK SC")  # the body's serif only as the last resort
    assert STYLES["runin2"].startswith(f"font-family: {KAI};")


@pytest.mark.parametrize("profile", ["standalone", "fragment"])
def test_run_in_headings_end_visibly(profile: str) -> None:
    county = _html("county-trial-2020", profile)
    assert re.search(r"<strong[^>]*>（一）主动公开情况。</strong>全年通过", county)
    huaian = _html("huaian-city-2024", profile)
    assert re.search(r"<strong[^>]*>（一）主动公开情况。</strong>2024年", huaian)
    assert "。。" not in huaian


def test_narrow_headers_break_between_words() -> None:
    tables = parse_tables(_html("county-trial-2020"))
    html = _html("county-trial-2020")
    for label in ("结果<br>维持", "尚未<br>审结", "（三）<br>不予<br>公开"):
        assert label in html, label
    header = [cell.text for row in tables["appeals"][:3] for cell in row]
    assert "结果维持" in header  # a reader (or a screen reader) still gets the word whole


def test_procurement_unit_is_printed() -> None:
    tables = parse_tables(_html("county-trial-2020"))
    labels = [cell.text for row in tables["proactive"] for cell in row if cell.tag == "th"]
    assert "采购总金额（单位：万元）" in labels
    amount = [
        cell.text
        for row in tables["proactive"]
        for cell in row
        if cell.attrs.get("data-path") == "proactive.procurement.amount"
    ]
    assert amount == ["18736.52"]  # the cell keeps the bare number


@pytest.mark.parametrize("profile", ["standalone", "fragment"])
def test_addresses_may_break(profile: str) -> None:
    html = _html("harbin-qts-2011", profile)
    assert re.search(r"<span[^>]*>http:/<wbr>/<wbr>www.<wbr>hrbqts.<wbr>gov.<wbr>cn</span>", html)
    assert "overflow-wrap: anywhere" in html


def test_printed_signature_stays_with_the_text() -> None:
    html = _html("county-trial-2020")
    print_rules = html[html.index("@media print") :]
    assert ".gd-signature { break-inside: avoid; break-before: avoid; }" in print_rules
    assert re.search(
        r'<footer class="gd-signature">\s*<p>澜溪县人民政府</p>\s*<p><time[^>]*>二〇二一年三月二十六日</time>', html
    )
