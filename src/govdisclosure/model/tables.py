"""The statistical tables of the national formats (2021 and the 2019 trial).

Every cell is a field.  A blank cell is ``None`` ("not stated"), never 0.  Totals
are kept exactly as the filer wrote them (``total``, ``outcomes_total``); the
``computed_*`` properties give the arithmetic beside them so a checker can compare
the two.  A computed total is ``None`` when any of its parts is blank.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from govdisclosure.model import _checks

__all__ = [
    "APPLICANT_COLUMNS",
    "AppealsGroup",
    "AppealsTable",
    "ApplicantCounts",
    "CannotProvide",
    "DecisionCount",
    "DocumentCounts",
    "FeeAmount",
    "FeeItems",
    "ItemCounts",
    "NotProcessed",
    "OtherHandling",
    "ProactiveTable",
    "Procurement",
    "RequestTable",
    "TrialDocumentCounts",
    "TrialProactiveTable",
    "Withheld",
    "field_names",
    "sum_stated",
]


def _count() -> Any:
    return attrs.field(default=None, validator=_checks.count)


def sum_stated(values: Iterable[int | None]) -> int | None:
    """The sum of the values, or ``None`` when any of them is blank."""
    values = tuple(values)
    return None if None in values else sum(values)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- Table 3


#: The six applicant columns that add up to 总计, in the official order.
APPLICANT_COLUMNS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "public_interest_org",
    "legal_service_org",
    "other_org",
)


@attrs.frozen
class ApplicantCounts:
    """One row of Table 3: a count per applicant type, and the stated 总计."""

    natural_person: int | None = _count()
    commercial_enterprise: int | None = _count()
    research_institution: int | None = _count()
    public_interest_org: int | None = _count()
    legal_service_org: int | None = _count()
    other_org: int | None = _count()
    total: int | None = _count()

    def parts(self) -> tuple[int | None, ...]:
        """The six applicant columns, in order."""
        return (
            self.natural_person,
            self.commercial_enterprise,
            self.research_institution,
            self.public_interest_org,
            self.legal_service_org,
            self.other_org,
        )

    def cells(self) -> tuple[int | None, ...]:
        """The seven cells of the row as printed: the six columns and 总计."""
        return (*self.parts(), self.total)

    @property
    def computed_total(self) -> int | None:
        """自然人 + the five 法人或其他组织 columns."""
        return sum_stated(self.parts())

    @property
    def is_blank(self) -> bool:
        return self.cells() == _BLANK_ROW


_BLANK_ROW = (None,) * 7


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def field_names(cls: type) -> tuple[str, ...]:
    """The names of an attrs class's fields in order (empty for any other class), once per class."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(field.name for field in attrs.fields(cls)) if attrs.has(cls) else ()
    return names


def _row() -> Any:
    return attrs.field(factory=ApplicantCounts)


def add_rows(rows: Iterable[ApplicantCounts]) -> ApplicantCounts:
    """Column-wise sum; a column is blank (``None``) when any row leaves it blank."""
    columns = zip(*(r.cells() for r in rows), strict=True)
    return ApplicantCounts(*(None if None in column else sum(column) for column in columns))


class _RowGroup:
    """Shared behaviour of the (三)–(六) groups, whose sub-rows have no subtotal row."""

    __slots__ = ()

    def rows(self) -> tuple[tuple[str, ApplicantCounts], ...]:
        return tuple((name, getattr(self, name)) for name in field_names(type(self)))

    @property
    def computed_subtotal(self) -> ApplicantCounts:
        """The group's subtotal, which the table does not print but narratives quote."""
        return add_rows(row for _, row in self.rows())


@attrs.frozen
class Withheld(_RowGroup):
    """（三）不予公开, items 1–8."""

    state_secret: ApplicantCounts = _row()
    prohibited_by_law: ApplicantCounts = _row()
    three_securities_one_stability: ApplicantCounts = _row()
    third_party_rights: ApplicantCounts = _row()
    internal_affairs: ApplicantCounts = _row()
    deliberative_process: ApplicantCounts = _row()
    enforcement_files: ApplicantCounts = _row()
    administrative_inquiry: ApplicantCounts = _row()


@attrs.frozen
class CannotProvide(_RowGroup):
    """（四）无法提供, items 1–3."""

    not_held: ApplicantCounts = _row()
    requires_creation: ApplicantCounts = _row()
    unclear_after_correction: ApplicantCounts = _row()


@attrs.frozen
class NotProcessed(_RowGroup):
    """（五）不予处理, items 1–5."""

    petition_or_complaint: ApplicantCounts = _row()
    repeat_request: ApplicantCounts = _row()
    publication_request: ApplicantCounts = _row()
    excessive_requests: ApplicantCounts = _row()
    confirmation_request: ApplicantCounts = _row()


@attrs.frozen
class OtherHandling(_RowGroup):
    """（六）其他处理, items 1–3 (2021).  The 2019 trial format has one row instead."""

    no_correction: ApplicantCounts = _row()
    fee_unpaid: ApplicantCounts = _row()
    other: ApplicantCounts = _row()


@attrs.frozen
class RequestTable:
    """Table 3: 三、收到和处理政府信息公开申请情况.

    ``other_handling`` is an :class:`OtherHandling` (three rows, 2021) or a single
    :class:`ApplicantCounts` row (the 2019 trial layout, which some 2021-era reports
    still print).
    """

    received: ApplicantCounts = _row()
    carried_over: ApplicantCounts = _row()
    disclosed: ApplicantCounts = _row()
    partially_disclosed: ApplicantCounts = _row()
    withheld: Withheld = attrs.field(factory=Withheld)
    cannot_provide: CannotProvide = attrs.field(factory=CannotProvide)
    not_processed: NotProcessed = attrs.field(factory=NotProcessed)
    other_handling: OtherHandling | ApplicantCounts = attrs.field(factory=OtherHandling)
    outcomes_total: ApplicantCounts = _row()
    carried_forward: ApplicantCounts = _row()

    @property
    def other_handling_is_single_row(self) -> bool:
        return isinstance(self.other_handling, ApplicantCounts)

    def outcome_rows(self) -> tuple[tuple[str, ApplicantCounts], ...]:
        """The outcome rows that add up to （七）总计, with their dotted paths."""
        rows: list[tuple[str, ApplicantCounts]] = [
            ("disclosed", self.disclosed),
            ("partially_disclosed", self.partially_disclosed),
        ]
        for group in ("withheld", "cannot_provide", "not_processed", "other_handling"):
            value = getattr(self, group)
            if isinstance(value, ApplicantCounts):
                rows.append((group, value))
            else:
                rows.extend((f"{group}.{name}", row) for name, row in value.rows())
        return tuple(rows)

    def rows(self) -> tuple[tuple[str, ApplicantCounts], ...]:
        """Every data row of the table in printed order, with its dotted path."""
        return (
            ("received", self.received),
            ("carried_over", self.carried_over),
            *self.outcome_rows(),
            ("outcomes_total", self.outcomes_total),
            ("carried_forward", self.carried_forward),
        )

    @property
    def computed_outcomes_total(self) -> ApplicantCounts:
        """（七）总计 as the sum of the outcome rows, column by column."""
        return add_rows(row for _, row in self.outcome_rows())


# --------------------------------------------------------------------------- Table 4


@attrs.frozen
class AppealsGroup:
    """One group of Table 4: 结果维持 / 结果纠正 / 其他结果 / 尚未审结 / 总计."""

    upheld: int | None = _count()
    corrected: int | None = _count()
    other: int | None = _count()
    pending: int | None = _count()
    total: int | None = _count()

    def cells(self) -> tuple[int | None, ...]:
        return (self.upheld, self.corrected, self.other, self.pending, self.total)

    @property
    def computed_total(self) -> int | None:
        return sum_stated((self.upheld, self.corrected, self.other, self.pending))


@attrs.frozen
class AppealsTable:
    """Table 4: 四、政府信息公开行政复议、行政诉讼情况 (identical in 2019 and 2021)."""

    review: AppealsGroup = attrs.field(factory=AppealsGroup)
    litigation_direct: AppealsGroup = attrs.field(factory=AppealsGroup)
    litigation_after_review: AppealsGroup = attrs.field(factory=AppealsGroup)

    def groups(self) -> tuple[tuple[str, AppealsGroup], ...]:
        return (
            ("review", self.review),
            ("litigation_direct", self.litigation_direct),
            ("litigation_after_review", self.litigation_after_review),
        )

    @property
    def computed_litigation(self) -> AppealsGroup:
        """行政诉讼 as a whole (直接起诉 + 复议后起诉), which no cell holds but narratives quote."""
        a, b = self.litigation_direct, self.litigation_after_review
        return AppealsGroup(*(sum_stated(pair) for pair in zip(a.cells(), b.cells(), strict=True)))


# --------------------------------------------------------------------------- Table 2 (2021)


@attrs.frozen
class DocumentCounts:
    """本年制发件数 / 本年废止件数 / 现行有效件数."""

    issued: int | None = _count()
    repealed: int | None = _count()
    in_force: int | None = _count()


@attrs.frozen
class DecisionCount:
    """本年处理决定数量."""

    decisions: int | None = _count()


@attrs.frozen
class FeeAmount:
    """本年收费金额（单位：万元）: a Decimal in 万元, never a float."""

    amount_10k_yuan: Decimal | None = attrs.field(default=None, validator=_checks.amount)


@attrs.frozen
class ProactiveTable:
    """Table 2 of the 2021 format: 二、主动公开政府信息情况 (10 data cells)."""

    regulations: DocumentCounts = attrs.field(factory=DocumentCounts)
    normative_documents: DocumentCounts = attrs.field(factory=DocumentCounts)
    licensing: DecisionCount = attrs.field(factory=DecisionCount)
    penalties: DecisionCount = attrs.field(factory=DecisionCount)
    enforcement: DecisionCount = attrs.field(factory=DecisionCount)
    fees: FeeAmount = attrs.field(factory=FeeAmount)


# --------------------------------------------------------------------------- Table 2 (2019 trial)


@attrs.frozen
class TrialDocumentCounts:
    """本年新制作数量 / 本年新公开数量 / 对外公开总数量."""

    produced: int | None = _count()
    published: int | None = _count()
    total_published: int | None = _count()


@attrs.frozen
class ItemCounts:
    """上一年项目数量 / 本年增/减 / 处理决定数量.  本年增/减 may be negative."""

    previous_items: int | None = _count()
    change: int | None = attrs.field(default=None, validator=_checks.signed)
    decisions: int | None = _count()

    @property
    def computed_items(self) -> int | None:
        """The current number of items (上一年项目数量 + 本年增/减), which no cell holds."""
        return sum_stated((self.previous_items, self.change))


@attrs.frozen
class FeeItems:
    """第二十条第（八）项 in the trial format: a count of fee items, not an amount."""

    previous_items: int | None = _count()
    change: int | None = attrs.field(default=None, validator=_checks.signed)


@attrs.frozen
class Procurement:
    """第二十条第（九）项 政府集中采购 (trial only).  No unit is printed; keep the filer's."""

    items: int | None = _count()
    amount: Decimal | None = attrs.field(default=None, validator=_checks.amount)
    amount_unit: str | None = None


@attrs.frozen
class TrialProactiveTable:
    """Table 2 of the 2019 trial format."""

    regulations: TrialDocumentCounts = attrs.field(factory=TrialDocumentCounts)
    normative_documents: TrialDocumentCounts = attrs.field(factory=TrialDocumentCounts)
    licensing: ItemCounts = attrs.field(factory=ItemCounts)
    other_services: ItemCounts = attrs.field(factory=ItemCounts)
    penalties: ItemCounts = attrs.field(factory=ItemCounts)
    enforcement: ItemCounts = attrs.field(factory=ItemCounts)
    fees: FeeItems = attrs.field(factory=FeeItems)
    procurement: Procurement = attrs.field(factory=Procurement)
