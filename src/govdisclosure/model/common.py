"""Who files a report, in which format, and how to reach them.

Only frozen attrs classes and enums live here: no parsing, formatting or I/O.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from govdisclosure.model import _checks

__all__ = [
    "Abbreviation",
    "Agency",
    "AgencyKind",
    "AgencyLevel",
    "Contact",
    "Contacts",
    "Edition",
    "Item",
    "Metric",
]


class Edition(enum.Enum):
    """The statutory format (统一格式 / 格式版本) a report follows."""

    NATIONAL_2021 = "national-2021"
    """国办公开办函〔2021〕30号: reports for 2021 onwards."""
    NATIONAL_2019_TRIAL = "national-2019-trial"
    """国办公开办函〔2019〕60号 (试行): reports for 2019 and 2020."""
    LEGACY_2008 = "legacy-2008"
    """Free prose under the 2007 Regulations: reports for 2008–2018."""


class AgencyKind(enum.Enum):
    """人民政府 / 政府部门 / 乡镇人民政府 / 街道办事处."""

    GOVERNMENT = "government"
    DEPARTMENT = "department"
    TOWNSHIP = "township"
    STREET_OFFICE = "street_office"


class AgencyLevel(enum.Enum):
    """Administrative level: 国务院部门 / 省 / 设区的市 / 县 / 乡镇."""

    STATE_COUNCIL = "state_council"
    PROVINCE = "province"
    PREFECTURE = "prefecture"
    COUNTY = "county"
    TOWNSHIP = "township"


@attrs.frozen
class Agency:
    """The filing agency (行政机关 / 本机关)."""

    name: str = attrs.field(validator=_checks.name)
    kind: AgencyKind | None = None
    level: AgencyLevel | None = None
    region: str | None = None
    parent: str | None = None
    """The government this agency belongs to, for a department or office."""
    compiled_by: str | None = None
    """The office that compiled the report (e.g. 淮安市人民政府办公室), if it says so."""
    website: str | None = None
    """The portal where the agency's information can be searched, as printed."""
    reports_for: str | None = None
    """The government this agency reports for, by name, when it files the government's report (a general
    office 代表市人民政府): the report then carries the government's figures, 规章 and deadline."""

    @property
    def acting_kind(self) -> AgencyKind | None:
        """The kind whose obligations the report meets: a government's when the agency reports for one."""
        return AgencyKind.GOVERNMENT if self.reports_for else self.kind


@attrs.frozen
class Contact:
    """An office with its address, as printed: every part may be absent."""

    name: str | None = None
    address: str | None = None
    postcode: str | None = None
    phone: str | None = None
    fax: str | None = None
    email: str | None = None


@attrs.frozen
class Contacts:
    """The offices a report names."""

    enquiries: Contact | None = None
    """如对本报告有疑问，请与…联系: whom to ask about the report."""
    request_office: Contact | None = None
    """受理机构: where applications for information are received."""
    oversight_body: Contact | None = None
    """监督部门: where a citizen complains that the agency failed its duties."""


@attrs.frozen
class Abbreviation:
    """A short form defined in the text: 《中华人民共和国政府信息公开条例》（以下简称《条例》）."""

    short: str
    full: str


@attrs.frozen
class Metric:
    """A named figure quoted in the prose that is not part of a statutory table.

    For example ``complaints_12365`` (全年受理12365投诉举报211次), a completion rate
    in per cent, or the 信息处理费 collected, in 元.  ``key`` is a stable identifier
    (see :mod:`govdisclosure.editions.legacy_2008` for the known ones), ``label``
    the wording of the report.
    """

    key: str
    label: str
    value: Decimal = attrs.field(validator=_checks.amount)
    unit: str


@attrs.frozen
class Item:
    """One point of a list the report makes: a problem, a measure, a rule.

    ``title`` is the short heading where the report gives one (提高认识，进一步规范工作流程),
    ``text`` the explanation.
    """

    title: str | None = None
    text: str | None = None
