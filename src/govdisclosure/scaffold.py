"""The commented input template that ``govdisclosure new`` writes.

The template is generated from the edition's spec (:mod:`govdisclosure.editions`),
so every official table cell is present, each row carries its official label as a
comment, and the file loads as it is (every cell blank, "not stated").  The sections whose
figures the outline asks the text to state carry a commented paragraph written with fields
(:func:`prose`), to take in once the tables are filled.
"""

from __future__ import annotations

import json

import attrs

from govdisclosure.editions import (
    APPEALS_GROUP_LABELS,
    APPEALS_RESULT_LABELS,
    APPLICANT_COLUMN_LABELS,
    EditionSpec,
    spec_for,
)
from govdisclosure.model import AgencyKind, AgencyLevel, Edition
from govdisclosure.serialization import SCHEMA_VERSION

__all__ = ["prose", "template"]


def _q(text: str) -> str:
    """A YAML scalar that reads back as exactly ``text``."""
    return json.dumps(text, ensure_ascii=False)


def _flow(keys: tuple[str, ...]) -> str:
    return "{" + ", ".join(f"{key}: ~" for key in keys) + "}"


def _header(spec: EditionSpec, agency: str, year: int) -> list[str]:
    kinds = " | ".join(k.value for k in AgencyKind)
    levels = " | ".join(level.value for level in AgencyLevel)
    return [
        f"# 政府信息公开工作年度报告: govdisclosure input file, edition {spec.edition.value}",
        f"# Format: {spec.name} ({spec.basis})",
        "#",
        "# Fill in the values and check the file with:  govdisclosure check THIS_FILE",
        "# A cell left ~ (blank) means 'not stated', which is not the same as 0: write 0 for zero.",
        "# Text may be written as it is, in Chinese; quote numbers that are text (postcodes, phones).",
        f"schema_version: {SCHEMA_VERSION}",
        f"edition: {spec.edition.value}",
        "agency:",
        f"  name: {_q(agency)}",
        f"  kind: ~            # {kinds}",
        f"  level: ~           # {levels}",
        "  region: ~          # e.g. 江苏省淮安市",
        "  parent: ~          # for a department: the government it belongs to",
        "  compiled_by: ~     # the office that compiled the report, if printed",
        "  website: ~         # the portal address, if printed",
        f"year: {year}",
        f"# title: {_q(spec.standard_title(year))}   # only if the printed title differs",
        "published_on: ~     # 发布日期: 2025-01-20 or 二〇二五年一月二十日",
        "abbreviations: []   # e.g. [{short: 《条例》, full: 《中华人民共和国政府信息公开条例》}]",
        "contacts:",
        "  enquiries: {name: ~, address: ~, postcode: ~, phone: ~, fax: ~, email: ~}       # 如对本报告有疑问…",
        "  request_office: {name: ~, address: ~, postcode: ~, phone: ~, fax: ~, email: ~}  # 受理机构",
        "  oversight_body: {name: ~, address: ~, postcode: ~, phone: ~, fax: ~, email: ~}  # 监督部门",
        "preamble: []        # paragraphs before 一, each a quoted line or a block (|) of text",
    ]


_LITIGATION = "sum(appeals.litigation_direct.total, appeals.litigation_after_review.total)"
_ON_REQUEST = (
    "本年度新收政府信息公开申请{requests.received.total}件，上年结转{requests.carried_over.total}件；"
    "办结{requests.outcomes_total.total}件，其中予以公开{requests.disclosed.total}件，"
    "部分公开{requests.partially_disclosed.total}件，不予公开{requests.withheld}件，"
    "无法提供{requests.cannot_provide}件，不予处理{requests.not_processed}件，其他处理{requests.other_handling}件；"
    "结转下年度继续办理{requests.carried_forward.total}件。"
    "因政府信息公开工作被申请行政复议{appeals.review.total}件，被提起行政诉讼{" + _LITIGATION + "}件。"
)
_FEES = "本年度收取政府信息公开信息处理费{metrics[processing_fees].value}元。"


def _proactive_prose(spec: EditionSpec) -> str:
    documents = attrs.fields_dict(type(spec.proactive_layout().normative_documents))
    if "issued" in documents:
        return (
            "本年制发规章{proactive.regulations.issued}件、行政规范性文件{proactive.normative_documents.issued}件，"
            "废止行政规范性文件{proactive.normative_documents.repealed}件，"
            "现行有效行政规范性文件{proactive.normative_documents.in_force}件。"
        )
    return (
        "本年新制作规范性文件{proactive.normative_documents.produced}件，新公开"
        "{proactive.normative_documents.published}件，对外公开规范性文件总数"
        "{proactive.normative_documents.total_published}件。"
    )


def prose(spec: EditionSpec) -> dict[str, str]:
    """The template paragraph of each section whose figures the outline asks the text to state.

    Every figure is a field (docs/fields.md), so the text follows the tables.
    """
    if not spec.proactive_blocks:
        return {
            "proactive": "全年共发布各类信息{proactive.total_items}条。",
            "appeals": "本年度因政府信息公开申请引起行政复议{appeals.reviews}件、行政诉讼{appeals.lawsuits}件。",
            "fees": _FEES,
        }
    return {"proactive": _proactive_prose(spec), "on_request": _ON_REQUEST, "other_matters": _FEES}


def _body(key: str, texts: dict[str, str], indent: str) -> list[str]:
    if key not in texts:
        return [f"{indent}body: []"]
    return [
        f"{indent}body: []",
        f"{indent}# Once the tables are filled in, replace body: [] with this text; its figures are fields",
        f"{indent}# ({{requests.received.total}} prints that cell), so they follow the tables (docs/fields.md):",
        f"{indent}# body:",
        f"{indent}#   - {_q(texts[key])}",
    ]


def _sections(spec: EditionSpec) -> list[str]:
    texts = prose(spec)
    lines = ["sections:"]
    for section in spec.sections:
        lines += [f"  - key: {section.key}", f"    title: {section.title}"]
        lines += _body(section.key if section.key != "proactive" or not spec.overview_topics else "", texts, "    ")
        if section.key == "overview" and spec.overview_topics:
            lines.append("    subsections:")
            for topic in spec.overview_topics:
                lines += [f"      - key: {topic.key}", f"        title: {topic.title}"]
                lines += _body(topic.key, texts, "        ")
    return lines


def _proactive(spec: EditionSpec) -> list[str]:
    table = spec.proactive_layout()
    lines = [f"proactive:           # 二、{spec.section_title('proactive')}"]
    for block in spec.proactive_blocks:
        lines.append(f"  # {block.heading}: {' / '.join(block.columns)}")
        for row in block.rows:
            key = row.cells[0].split(".")[0]
            # Every field of the row, cells and companions such as procurement.amount_unit.
            fields = tuple(field.name for field in attrs.fields(type(getattr(table, key))))
            lines.append(f"  {key}: {_flow(fields)}   # {row.label}")
    return lines


def _requests(spec: EditionSpec) -> list[str]:
    columns = tuple(field for field, _ in APPLICANT_COLUMN_LABELS)
    legend = " | ".join(f"{field} {label}" for field, label in APPLICANT_COLUMN_LABELS)
    lines = [
        f"requests:            # 三、{spec.section_title('requests')}",
        f"  # {spec.request_note}",
        f"  # Columns: {legend}",
    ]
    open_group = None
    for row in spec.request_rows:
        group, _, name = row.path.rpartition(".")
        if group and group != open_group:
            lines.append(f"  {group}:            # {row.labels[1]}")
            open_group = group
        indent = "    " if group else "  "
        lines.append(f"{indent}# {row.labels[-1]}")
        lines.append(f"{indent}{name}: {_flow(columns)}")
        if not group:
            open_group = None
    return lines


def _appeals(spec: EditionSpec) -> list[str]:
    results = tuple(field for field, _ in APPEALS_RESULT_LABELS)
    lines = [
        f"appeals:             # 四、{spec.section_title('appeals')}",
        f"  # Columns: {' | '.join(f'{field} {label}' for field, label in APPEALS_RESULT_LABELS)}",
    ]
    for field, label in APPEALS_GROUP_LABELS:
        prefix = "行政诉讼 · " if field.startswith("litigation") else ""
        lines += [f"  # {prefix}{label}", f"  {field}: {_flow(results)}"]
    return lines


def _legacy_facts() -> list[str]:
    return [
        "proactive:           # 主动公开: the stated total and each channel's count",
        "  total_items: ~     # 全年共发布信息 N 条",
        "  channels: []       # e.g. [{name: 部门网站, kind: department_website, count: 590, unit: 条}]",
        "appeals: {reviews: ~, lawsuits: ~}   # 行政复议 / 行政诉讼: 0 when the report says there were none",
    ]


def template(edition: Edition, *, agency: str, year: int) -> str:
    """The commented YAML template of a report of ``edition``."""
    spec = spec_for(edition)
    lines = _header(spec, agency, year) + _sections(spec)
    if spec.proactive_blocks:
        lines += _proactive(spec) + _requests(spec)
    else:
        lines += _legacy_facts()
    if spec.has_appeals_table:
        lines += _appeals(spec)
    lines += [
        "problems: []        # 存在的主要问题: [{text: ...}]",
        "improvements: []    # 改进情况: [{title: ..., text: ...}]",
        "metrics: []         # other figures: [{key: processing_fees, label: 信息处理费, value: 0, unit: 元}]",
        "# Fields in the text: {requests.received.total} prints that cell; see docs/fields.md.",
    ]
    return "\n".join(lines) + "\n"
