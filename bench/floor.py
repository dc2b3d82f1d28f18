"""The floor: the same national-2021 report built with no model at all, straight from a dict.

What a developer would write with the raw libraries to produce the same documents as
govdisclosure: the report as the plain dict ``yaml.safe_load`` gives, the JSON with ``json``,
the page with a Jinja2 template, the PDF from that page with WeasyPrint (same options: PDF/A-3b,
tagged, the JSON attached), the Word file with python-docx through its lower-level XML (its
cell API is quadratic).  bench/run.py measures govdisclosure against these.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import jinja2
import yaml

ROOT = Path(__file__).resolve().parent.parent
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

COLUMNS = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "public_interest_org",
    "legal_service_org",
    "other_org",
    "total",
]
OUTCOMES = "三、本年度办理结果"
T3_ROWS: list[tuple[str, tuple[str, ...]]] = [
    ("received", ("一、本年新收政府信息公开申请数量",)),
    ("carried_over", ("二、上年结转政府信息公开申请数量",)),
    ("disclosed", (OUTCOMES, "（一）予以公开")),
    ("partially_disclosed", (OUTCOMES, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")),
    *[(f"withheld.{k}", (OUTCOMES, "（三）不予公开", v)) for k, v in [
        ("state_secret", "1.属于国家秘密"), ("prohibited_by_law", "2.其他法律行政法规禁止公开"),
        ("three_securities_one_stability", "3.危及“三安全一稳定”"), ("third_party_rights", "4.保护第三方合法权益"),
        ("internal_affairs", "5.属于三类内部事务信息"), ("deliberative_process", "6.属于四类过程性信息"),
        ("enforcement_files", "7.属于行政执法案卷"), ("administrative_inquiry", "8.属于行政查询事项")]],
    *[(f"cannot_provide.{k}", (OUTCOMES, "（四）无法提供", v)) for k, v in [
        ("not_held", "1.本机关不掌握相关政府信息"), ("requires_creation", "2.没有现成信息需要另行制作"),
        ("unclear_after_correction", "3.补正后申请内容仍不明确")]],
    *[(f"not_processed.{k}", (OUTCOMES, "（五）不予处理", v)) for k, v in [
        ("petition_or_complaint", "1.信访举报投诉类申请"), ("repeat_request", "2.重复申请"),
        ("publication_request", "3.要求提供公开出版物"), ("excessive_requests", "4.无正当理由大量反复申请"),
        ("confirmation_request", "5.要求行政机关确认或重新出具已获取信息")]],
    *[(f"other_handling.{k}", (OUTCOMES, "（六）其他处理", v)) for k, v in [
        ("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"), ("other", "3.其他")]],
    ("outcomes_total", (OUTCOMES, "（七）总计")),
    ("carried_forward", ("四、结转下年度继续办理",)),
]  # fmt: skip
NUMBERS = "一二三四五六七八九十"


def load_dict(name: str = "huaian-city-2024") -> dict[str, Any]:
    return yaml.safe_load((ROOT / "examples" / f"{name}.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _get(data: dict[str, Any], dotted: str) -> Any:
    for part in dotted.split("."):
        data = data[part]
    return data


def _cell(text: Any, colspan: int = 1, rowspan: int = 1, header: bool = False) -> dict[str, Any]:
    return {"text": "" if text is None else str(text), "colspan": colspan, "rowspan": rowspan, "header": header}


def table_rows(d: dict[str, Any]) -> dict[str, tuple[int, list[list[dict[str, Any]]], int]]:
    """The three tables as rows of cells with their spans: (columns, rows, header rows)."""
    p = d["proactive"]
    t2: list[list[dict[str, Any]]] = []
    blocks = [
        ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], [("规章", "regulations"), ("行政规范性文件", "normative_documents")], ["issued", "repealed", "in_force"]),
        ("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", "licensing")], ["decisions"]),
        ("第二十条第（六）项", ["本年处理决定数量"], [("行政处罚", "penalties"), ("行政强制", "enforcement")], ["decisions"]),
        ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", "fees")], ["amount_10k_yuan"]),
    ]  # fmt: skip
    for heading, columns, rows, fields in blocks:
        span = 3 // len(columns)
        t2.append([_cell(heading, 4, header=True)])
        t2.append([_cell("信息内容", header=True), *(_cell(c, span, header=True) for c in columns)])
        for label, key in rows:
            t2.append([_cell(label, header=True), *(_cell(p[key][f], span) for f in fields)])
    r = d["requests"]
    t3 = [
        [
            _cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3, True),
            _cell("申请人情况", 7, header=True),
        ],
        [_cell("自然人", 1, 2, True), _cell("法人或其他组织", 5, header=True), _cell("总计", 1, 2, True)],
        [_cell(label, header=True) for label in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")],
    ]
    for index, (path, labels) in enumerate(T3_ROWS):
        cells = []
        for level, label in enumerate(labels):
            if index and T3_ROWS[index - 1][1][: level + 1] == labels[: level + 1]:
                continue
            run = 1
            while index + run < len(T3_ROWS) and T3_ROWS[index + run][1][: level + 1] == labels[: level + 1]:
                run += 1
            cells.append(_cell(label, 3 - level if level == len(labels) - 1 else 1, run, True))
        row = _get(r, path)
        cells += [_cell(row[c]) for c in COLUMNS]
        t3.append(cells)
    a = d["appeals"]
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    t4 = [
        [_cell("行政复议", 5, header=True), _cell("行政诉讼", 10, header=True)],
        [*(_cell(x, 1, 2, True) for x in results), _cell("未经复议直接起诉", 5, header=True), _cell("复议后起诉", 5, header=True)],
        [_cell(x, header=True) for x in results * 2],
        [_cell(a[g][f]) for g in ("review", "litigation_direct", "litigation_after_review") for f in ("upheld", "corrected", "other", "pending", "total")],
    ]  # fmt: skip
    return {"proactive": (4, t2, 0), "requests": (10, t3, 3), "appeals": (15, t4, 3)}


_TEMPLATE = jinja2.Environment(autoescape=True).from_string("""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ d.agency.name }}{{ title }}</title>
{% for k, v in meta.items() %}<meta name="{{ k }}" content="{{ v }}">{% endfor %}
<style>{{ css|safe }}</style></head><body><article class="gd-report" lang="zh-CN">
<header><p class="gd-agency">{{ d.agency.name }}</p><h1 class="gd-title">{{ title }}</h1></header>
{% for p in d.preamble %}<p class="gd-p">{{ p }}</p>{% endfor %}
{% for s in d.sections %}<h2 class="gd-h1">{{ numbers[loop.index0] }}、{{ s.title }}</h2>
{% for p in s.body or [] %}<p class="gd-p">{{ p }}</p>{% endfor %}
{% for sub in s.subsections or [] %}<p class="gd-p"><strong class="gd-runin2">（{{ numbers[loop.index0] }}）{{ sub.title }}</strong>{{ sub.body[0] }}</p>{% endfor %}
{% if s.key in tables %}{% set columns, rows, head = tables[s.key] %}
<div class="gd-table-wrap"><table class="gd-table" data-table="{{ s.key }}"><caption class="gd-caption">{{ s.title }}</caption>
{% for row in rows %}{% if loop.first and head %}<thead>{% elif loop.index0 == head %}<tbody>{% endif %}<tr>
{% for c in row %}{% if c.header %}<th{% if c.colspan > 1 %} colspan="{{ c.colspan }}"{% endif %}{% if c.rowspan > 1 %} rowspan="{{ c.rowspan }}"{% endif %} class="gd-th">{{ c.text }}</th>
{% else %}<td{% if c.colspan > 1 %} colspan="{{ c.colspan }}"{% endif %} class="gd-td">{{ c.text }}</td>{% endif %}{% endfor %}</tr>
{% if head and loop.index == head %}</thead>{% endif %}{% endfor %}</tbody></table></div>{% endif %}
{% endfor %}</article></body></html>""")


def floor_html(d: dict[str, Any], css: str, meta: dict[str, str] | None = None) -> str:
    title = f"{d['year']}年政府信息公开工作年度报告"
    return _TEMPLATE.render(d=d, title=title, css=css, meta=meta or {}, numbers=NUMBERS, tables=table_rows(d))


def floor_json(d: dict[str, Any]) -> str:
    return json.dumps(d, ensure_ascii=False, indent=2, default=str)


def floor_pdf(d: dict[str, Any], css: str, font_config: Any) -> bytes:
    import weasyprint

    data = floor_json(d).encode("utf-8")
    html = floor_html(d, css, {"author": d["agency"]["name"], "dcterms.created": "2025-01-01"})
    when = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    attachment = weasyprint.Attachment(
        string=data, name="report.json", relationship="Data", created=when, modified=when
    )
    return weasyprint.HTML(string=html).write_pdf(  # type: ignore[no-any-return]
        font_config=font_config, pdf_variant="pdf/a-3b", pdf_tags=True, custom_metadata=True, attachments=[attachment]
    )


def _xml_text(text: Any) -> str:
    return str("" if text is None else text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _p(text: Any, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{_xml_text(text)}</w:t></w:r></w:p>'


def _docx_table(columns: int, rows: list[list[dict[str, Any]]], head: int) -> str:
    width = 8845 // columns
    grid: list[list[dict[str, Any] | None]] = [[None] * columns for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while grid[r][c] is not None:
                c += 1
            for dr in range(cell["rowspan"]):
                for dc in range(cell["colspan"]):
                    grid[r + dr][c + dc] = cell
            c += cell["colspan"]
    out = [
        '<w:tbl><w:tblPr><w:tblW w:w="8845" w:type="dxa"/><w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
    ]
    out += [f'<w:gridCol w:w="{width}"/>'] * columns
    out.append("</w:tblGrid>")
    for r, row_cells in enumerate(grid):
        out.append(f"<w:tr><w:trPr>{'<w:tblHeader/>' if r < head else ''}</w:trPr>")
        c = 0
        while c < columns:
            cell = row_cells[c]
            assert cell is not None
            top = r == 0 or grid[r - 1][c] is not cell
            props = f'<w:tcW w:w="{width * cell["colspan"]}" w:type="dxa"/>'
            if cell["colspan"] > 1:
                props += f'<w:gridSpan w:val="{cell["colspan"]}"/>'
            if cell["rowspan"] > 1:
                props += '<w:vMerge w:val="restart"/>' if top else "<w:vMerge/>"
            out.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{_p(cell['text'] if top else '')}</w:tc>")
            c += cell["colspan"]
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def floor_docx(d: dict[str, Any]) -> bytes:
    import docx
    from docx.shared import Mm
    from lxml import etree

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = (
        Mm(37),
        Mm(35),
        Mm(28),
        Mm(26),
    )
    tables = table_rows(d)
    parts = [_p(d["agency"]["name"], "Title"), _p(f"{d['year']}年政府信息公开工作年度报告", "Title")]
    parts += [_p(p) for p in d.get("preamble") or []]
    for index, s in enumerate(d["sections"]):
        parts.append(_p(f"{NUMBERS[index]}、{s['title']}", "Heading1"))
        parts += [_p(p) for p in s.get("body") or []]
        parts += [
            _p(f"（{NUMBERS[i]}）{sub['title']}{sub['body'][0]}") for i, sub in enumerate(s.get("subsections") or [])
        ]
        if s.get("key") in tables:
            parts.append(_docx_table(*tables[s["key"]]))
    body = document.element.body
    fragment = etree.fromstring(f'<w:body xmlns:w="{W}">{"".join(parts)}</w:body>'.encode())
    for child in list(fragment):
        body.sectPr.addprevious(child)
    props = document.core_properties
    props.title, props.author = f"{d['agency']['name']}{d['year']}年政府信息公开工作年度报告", d["agency"]["name"]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
