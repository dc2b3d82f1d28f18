"""The report formats (editions): their official labels, sections and table layouts.

One module per edition holds its facts as data (``SPEC``); exporters, the template
writer and the checks read labels from here, so the official wording is typed once.
:func:`spec_for` finds the spec of an edition.
"""

from __future__ import annotations

import datetime as dt

import attrs

from govdisclosure.model import AgencyKind, Edition

__all__ = [
    "APPEALS_GROUP_LABELS",
    "APPEALS_RESULT_LABELS",
    "APPLICANTS_HEADER",
    "APPLICANT_COLUMN_LABELS",
    "CONTENT_HEADER",
    "HEADER_LINE_BREAKS",
    "LITIGATION_HEADER",
    "ORGANISATIONS_HEADER",
    "REVIEW_HEADER",
    "EditionSpec",
    "ProactiveBlock",
    "ProactiveRow",
    "RequestRow",
    "SectionSpec",
    "all_specs",
    "spec_for",
]


@attrs.frozen
class SectionSpec:
    """A statutory section: its key and its official title, without the number."""

    key: str
    title: str


@attrs.frozen
class ProactiveRow:
    """A data row of Table 2: its label and the model paths of its cells, in order."""

    label: str
    cells: tuple[str, ...]


@attrs.frozen
class ProactiveBlock:
    """A block of Table 2: 第二十条第（一）项 with its column headings and rows."""

    heading: str
    columns: tuple[str, ...]
    rows: tuple[ProactiveRow, ...]


@attrs.frozen
class RequestRow:
    """A data row of Table 3: the model path (``withheld.state_secret``) and its labels.

    ``labels`` holds one label per printed level: ("一、本年新收…",) for a top row,
    ("三、本年度办理结果", "（一）予以公开") for a two-level row and
    ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密") for a sub-item.
    """

    path: str
    labels: tuple[str, ...]


#: Header cells that group others (the same in both national formats).
CONTENT_HEADER = "信息内容"
APPLICANTS_HEADER = "申请人情况"
ORGANISATIONS_HEADER = "法人或其他组织"
REVIEW_HEADER = "行政复议"
LITIGATION_HEADER = "行政诉讼"

#: Table 3 columns: (field, label).  The five middle ones sit under 法人或其他组织.
APPLICANT_COLUMN_LABELS: tuple[tuple[str, str], ...] = (
    ("natural_person", "自然人"),
    ("commercial_enterprise", "商业企业"),
    ("research_institution", "科研机构"),
    ("public_interest_org", "社会公益组织"),
    ("legal_service_org", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
)
#: Where the template breaks the narrow Table 3 column headings over lines ("商业\n企业").
#: The label is the same text; only the printed line breaks follow the template.
HEADER_LINE_BREAKS: dict[str, tuple[str, ...]] = {
    "自然人": ("自然", "人"),
    "商业企业": ("商业", "企业"),
    "科研机构": ("科研", "机构"),
    "社会公益组织": ("社会公", "益组织"),
    "法律服务机构": ("法律服", "务机构"),
    # Table 3's outcome block label stands in a column two characters wide, beside its 25 rows:
    # one character a line, as the template prints it (not 本年/度办/理结/果).
    "三、本年度办理结果": ("三、", "本", "年", "度", "办", "理", "结", "果"),
    # Table 3's group labels stand in a column three characters wide: two characters a line, so
    # no word is cut (不予公/开).
    "（三）不予公开": ("（三）", "不予", "公开"),
    "（四）无法提供": ("（四）", "无法", "提供"),
    "（五）不予处理": ("（五）", "不予", "处理"),
    "（六）其他处理": ("（六）", "其他", "处理"),
    # Table 4's result columns are one fifteenth of the page: two characters a line (结果维/持).
    "结果维持": ("结果", "维持"),
    "结果纠正": ("结果", "纠正"),
    "其他结果": ("其他", "结果"),
    "尚未审结": ("尚未", "审结"),
}
"""Where a narrow header cell's label breaks over lines, as printed; a label not listed breaks anywhere."""
#: Table 4 groups and results, identical in the trial and 2021 formats.
APPEALS_GROUP_LABELS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_review", "复议后起诉"),
)
APPEALS_RESULT_LABELS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)


@attrs.frozen
class EditionSpec:
    """What an edition prescribes."""

    edition: Edition
    name: str
    """The format's own name, for messages and docs."""
    basis: str
    """The document that set the format."""
    title_pattern: str
    """The standard report title, with ``{year}``."""
    sections: tuple[SectionSpec, ...]
    """The statutory sections in order (legacy: the topics 第三十二条 requires)."""
    overview_topics: tuple[SectionSpec, ...] = ()
    proactive_blocks: tuple[ProactiveBlock, ...] = ()
    request_rows: tuple[RequestRow, ...] = ()
    request_note: str = ""
    has_appeals_table: bool = False

    def standard_title(self, year: int) -> str:
        return self.title_pattern.format(year=year)

    def section_title(self, key: str) -> str | None:
        return next((s.title for s in self.sections if s.key == key), None)

    def deadline(self, year: int, kind: AgencyKind | None) -> dt.date:
        """The last day the report for ``year`` may be published.

        2019 and later (条例 第四十九条): departments by 31 January, governments by
        31 March; township and street offices follow the departments' date under local
        rules.  Before 2019 (2007 条例 第三十一条) every agency by 31 March.
        """
        if self.edition is Edition.LEGACY_2008 or kind is AgencyKind.GOVERNMENT:
            return dt.date(year + 1, 3, 31)
        return dt.date(year + 1, 1, 31)


def spec_for(edition: Edition) -> EditionSpec:
    """The spec of an edition."""
    from govdisclosure.editions import legacy_2008, national_2019_trial, national_2021

    specs = {
        Edition.NATIONAL_2021: national_2021.SPEC,
        Edition.NATIONAL_2019_TRIAL: national_2019_trial.SPEC,
        Edition.LEGACY_2008: legacy_2008.SPEC,
    }
    return specs[edition]


def all_specs() -> tuple[EditionSpec, ...]:
    return tuple(spec_for(edition) for edition in Edition)
