"""The typed model of a government information-disclosure annual report.

Frozen attrs classes only: no I/O, no formatting, no JSON (see
:mod:`govdisclosure.serialization` for files and :mod:`govdisclosure.chinese` for
dates and heading numbers).  Cross-field checks live in :mod:`govdisclosure.validation`.
"""

from __future__ import annotations

from govdisclosure.model.common import (
    Abbreviation,
    Agency,
    AgencyKind,
    AgencyLevel,
    Contact,
    Contacts,
    Edition,
    Item,
    Metric,
)
from govdisclosure.model.legacy import (
    Channel,
    ChannelKind,
    LeadingGroup,
    LegacyAppeals,
    LegacyProactive,
    Organisation,
    Person,
    Publication,
    WorkSystem,
    WorkSystemKind,
)
from govdisclosure.model.report import Appeals, Proactive, Report
from govdisclosure.model.tables import (
    APPLICANT_COLUMNS,
    AppealsGroup,
    AppealsTable,
    ApplicantCounts,
    CannotProvide,
    DecisionCount,
    DocumentCounts,
    FeeAmount,
    FeeItems,
    ItemCounts,
    NotProcessed,
    OtherHandling,
    ProactiveTable,
    Procurement,
    RequestTable,
    TrialDocumentCounts,
    TrialProactiveTable,
    Withheld,
)
from govdisclosure.model.text import Block, ItemList, ListStyle, Paragraph, Section

__all__ = [
    "APPLICANT_COLUMNS",
    "Abbreviation",
    "Agency",
    "AgencyKind",
    "AgencyLevel",
    "Appeals",
    "AppealsGroup",
    "AppealsTable",
    "ApplicantCounts",
    "Block",
    "CannotProvide",
    "Channel",
    "ChannelKind",
    "Contact",
    "Contacts",
    "DecisionCount",
    "DocumentCounts",
    "Edition",
    "FeeAmount",
    "FeeItems",
    "Item",
    "ItemCounts",
    "ItemList",
    "LeadingGroup",
    "LegacyAppeals",
    "LegacyProactive",
    "ListStyle",
    "Metric",
    "NotProcessed",
    "Organisation",
    "OtherHandling",
    "Paragraph",
    "Person",
    "Proactive",
    "ProactiveTable",
    "Procurement",
    "Publication",
    "Report",
    "RequestTable",
    "Section",
    "TrialDocumentCounts",
    "TrialProactiveTable",
    "Withheld",
    "WorkSystem",
    "WorkSystemKind",
]
