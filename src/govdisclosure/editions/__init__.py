"""The report formats (editions): what each prescribes, as data.

One module per edition holds its facts (``SPEC``): official labels, sections, the years it
covers, the table layouts it prints, its deadline and title.  Everything that differs from
one edition to another is read from its spec, so a new edition (a province's variant, the
next national revision) is one module that calls :func:`register`, plus its
:class:`~govdisclosure.model.Edition` member made with ``Edition.define``: no other file
changes.  :func:`spec_for` finds the spec of an edition; :func:`registered` lists them.
"""

from __future__ import annotations

import datetime as dt
import importlib

import attrs

from govdisclosure.model import AgencyKind, Edition, Report

__all__ = [
    "APPEALS_GROUP_LABELS",
    "APPEALS_RESULT_LABELS",
    "APPLICANTS_HEADER",
    "APPLICANT_COLUMN_LABELS",
    "BUILTIN_EDITIONS",
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
    "document_date",
    "register",
    "registered",
    "spec_for",
    "title_of",
    "unregister",
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
    """What an edition prescribes.  Everything that differs between editions is here."""

    edition: Edition
    name: str
    """The format's own name, for messages and docs."""
    short_name: str
    """How a clerk names it in a sentence: 2021年格式, 2019年试行格式."""
    basis: str
    """The document that set the format."""
    title_pattern: str
    """The standard report title, with ``{year}``."""
    sections: tuple[SectionSpec, ...]
    """The statutory sections in order (legacy: the topics 第三十二条 requires)."""
    years: tuple[int, int | None]
    """The reporting years the format is for: (first, last), last ``None`` while it is current."""
    proactive_layout: type
    """The class of section 二's data: Table 2 of this format, or a legacy channel list."""
    appeals_layout: type
    """The class of the reviews and lawsuits: Table 4, or the counts a legacy report states."""
    tables: bool = True
    """Whether the format prescribes the statistical Tables 2–4 (the national formats do)."""
    fixed_outline: bool = True
    """Whether the headings are the statutory sections (national) or the report's own (legacy prose)."""
    single_other_handling: bool = False
    """Whether Table 3 prints （六）其他处理 as one row (the trial format) instead of three."""
    overview_topics: tuple[SectionSpec, ...] = ()
    proactive_blocks: tuple[ProactiveBlock, ...] = ()
    request_rows: tuple[RequestRow, ...] = ()
    request_note: str = ""
    has_appeals_table: bool = False
    department_deadline: tuple[int, int] = (1, 31)
    """(month, day) of the year after: the last day a department, township or street office publishes."""
    government_deadline: tuple[int, int] = (3, 31)
    """(month, day) of the year after: the last day a people's government publishes."""
    date_under_title: bool = False
    """Whether the date is printed under the title (legacy reports) instead of under the signature."""

    def standard_title(self, year: int) -> str:
        return self.title_pattern.format(year=year)

    def section_title(self, key: str) -> str | None:
        return next((s.title for s in self.sections if s.key == key), None)

    def covers(self, year: int) -> bool:
        """Whether a report for ``year`` is meant to follow this format."""
        first, last = self.years
        return first <= year and (last is None or year <= last)

    def deadline(self, year: int, kind: AgencyKind | None) -> dt.date:
        """The last day the report for ``year`` may be published.

        2019 and later (条例 第四十九条): departments by 31 January, governments by
        31 March; township and street offices follow the departments' date under local
        rules.  Before 2019 (2007 条例 第三十一条) every agency by 31 March: the legacy
        spec gives both the same date.
        """
        month, day = self.government_deadline if kind is AgencyKind.GOVERNMENT else self.department_deadline
        return dt.date(year + 1, month, day)


#: The editions govdisclosure ships, as (value, module): loaded when an edition is first asked for.
BUILTIN_EDITIONS: tuple[str, ...] = (
    "govdisclosure.editions.national_2021",
    "govdisclosure.editions.national_2019_trial",
    "govdisclosure.editions.legacy_2008",
)
_SPECS: dict[Edition, EditionSpec] = {}


def register(spec: EditionSpec, *, replace: bool = False) -> EditionSpec:
    """Make ``spec`` the spec of its edition.  Another spec for the same edition is an error unless ``replace``."""
    taken = _SPECS.get(spec.edition)
    if taken is not None and taken is not spec and not replace:
        raise ValueError(f"the edition {spec.edition.value!r} has a spec already ({taken.name})")
    _SPECS[spec.edition] = spec
    return spec


def unregister(edition: Edition) -> None:
    """Remove an edition's spec and its :class:`Edition` member (a test's toy edition, say)."""
    _SPECS.pop(edition, None)
    Edition.forget(edition)


def _load_builtins() -> None:
    if not _SPECS.keys() >= {Edition.NATIONAL_2021, Edition.NATIONAL_2019_TRIAL, Edition.LEGACY_2008}:
        for module in BUILTIN_EDITIONS:
            importlib.import_module(module)


def spec_for(edition: Edition) -> EditionSpec:
    """The spec of an edition."""
    spec = _SPECS.get(edition)
    if spec is None:
        _load_builtins()
        spec = _SPECS.get(edition)
        if spec is None:
            raise LookupError(f"the edition {edition.value!r} has no spec; register one (govdisclosure.editions)")
    return spec


def registered() -> tuple[EditionSpec, ...]:
    """Every edition's spec, the built-in ones first."""
    _load_builtins()
    return tuple(_SPECS[e] for e in Edition if e in _SPECS)


def title_of(report: Report) -> str:
    """The report's title as printed: its own, or its edition's standard title."""
    return report.title or spec_for(report.edition).standard_title(report.year)


def document_date(report: Report) -> dt.date:
    """The date a file of the report carries: its publication date, or else the first day after its year."""
    return report.published_on or dt.date(report.year + 1, 1, 1)
