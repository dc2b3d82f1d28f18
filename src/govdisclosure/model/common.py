"""Who files a report, in which format, and how to reach them.

Only frozen attrs classes and enums live here: no parsing, formatting or I/O.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import ClassVar

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


class _EditionType(type):
    """Lets ``Edition`` be iterated like an enum, over the editions defined so far."""

    def __iter__(cls) -> Iterator[Edition]:
        return iter(tuple(_EDITIONS.values()))

    def __len__(cls) -> int:
        return len(_EDITIONS)


class Edition(metaclass=_EditionType):
    """The statutory format (统一格式 / 格式版本) a report follows.

    An open enumeration: it behaves like an enum (``Edition("national-2021")`` gives the
    member, members compare by identity, ``list(Edition)`` lists them), but a new format
    (a province's variant, the next national revision) is added by
    :meth:`define`, without changing this module.  What an edition prescribes lives with
    it in :mod:`govdisclosure.editions`.
    """

    __slots__ = ("name", "value")
    name: str
    value: str

    NATIONAL_2021: ClassVar[Edition]
    """国办公开办函〔2021〕30号: reports for 2021 onwards."""
    NATIONAL_2019_TRIAL: ClassVar[Edition]
    """国办公开办函〔2019〕60号 (试行): reports for 2019 and 2020."""
    LEGACY_2008: ClassVar[Edition]
    """Free prose under the 2007 Regulations: reports for 2008–2018."""

    def __new__(cls, value: object) -> Edition:
        found = _EDITIONS.get(value) if isinstance(value, str) else None
        if found is None:
            raise ValueError(f"{value!r} is not an edition; the editions are {', '.join(_EDITIONS)}")
        return found

    @classmethod
    def define(cls, value: str, name: str) -> Edition:
        """The member ``value`` (``"national-2021"``), made if it is new; ``name`` is its constant's name."""
        found = _EDITIONS.get(value)
        if found is not None:
            if found.name != name:
                raise ValueError(f"the edition {value!r} is defined already, as {found.name}")
            return found
        if not _VALUE.fullmatch(value):
            raise ValueError(f"an edition's value is lower-case words and digits joined by '-', not {value!r}")
        member = object.__new__(cls)
        object.__setattr__(member, "value", value)
        object.__setattr__(member, "name", name)
        _EDITIONS[value] = member
        return member

    @classmethod
    def forget(cls, member: Edition) -> None:
        """Remove an edition defined with :meth:`define` (for tests and plugins being unloaded)."""
        _EDITIONS.pop(member.value, None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("an Edition cannot be changed")

    def __repr__(self) -> str:
        return f"<Edition.{self.name}: {self.value!r}>"

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return Edition, (self.value,)


_EDITIONS: dict[str, Edition] = {}
_VALUE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
Edition.NATIONAL_2021 = Edition.define("national-2021", "NATIONAL_2021")
Edition.NATIONAL_2019_TRIAL = Edition.define("national-2019-trial", "NATIONAL_2019_TRIAL")
Edition.LEGACY_2008 = Edition.define("legacy-2008", "LEGACY_2008")


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
