"""Hypothesis strategies that generate valid reports of every edition."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from govdisclosure import model as m

# Text as clerks type it: CJK, Latin, digits, punctuation of both widths, line breaks, rare
# characters; never the control characters that documents cannot hold.
_FORBIDDEN = [chr(c) for c in range(32) if chr(c) not in "\t\n\r"] + ["\x7f", "\ufffe", "\uffff"]
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=_FORBIDDEN),
    max_size=40,
)
names = st.text(
    alphabet="哈尔滨市质量技术监督局淮安人民政府办公室abc（）“”《》、，。 0123456789", min_size=1, max_size=20
).filter(str.strip)
maybe_text = st.none() | text
# A paragraph's braces are field syntax (docs/fields.md): a literal brace is written {{ and
# kept in Paragraph.source, so plain paragraph text has none.
paragraph_text = text.map(lambda value: value.replace("{", "｛").replace("}", "｝"))
counts = st.none() | st.integers(min_value=0, max_value=10**12)
signed = st.none() | st.integers(min_value=-(10**6), max_value=10**6)
amounts = st.none() | st.decimals(min_value=0, max_value=10**12, allow_nan=False, allow_infinity=False, places=6)


def _fill(cls: type, **overrides: Any) -> st.SearchStrategy[Any]:
    """builds() with a strategy for every field of an attrs table class, by field type."""
    fields: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if field.name in overrides:
            fields[field.name] = overrides[field.name]
        elif field.type in ("int | None", int | None):
            fields[field.name] = counts
        elif field.type in ("Decimal | None",):
            fields[field.name] = amounts
        elif field.type in ("ApplicantCounts",):
            fields[field.name] = applicant_counts
        elif field.type in ("str | None",):
            fields[field.name] = maybe_text
        else:  # pragma: no cover - a new field type needs a strategy here
            raise TypeError(f"no strategy for {cls.__name__}.{field.name}: {field.type}")
    return st.builds(cls, **fields)


applicant_counts = _fill(m.ApplicantCounts)
request_tables = _fill(
    m.RequestTable,
    withheld=_fill(m.Withheld),
    cannot_provide=_fill(m.CannotProvide),
    not_processed=_fill(m.NotProcessed),
    other_handling=_fill(m.OtherHandling) | applicant_counts,
)
appeals_tables = st.builds(m.AppealsTable, *(_fill(m.AppealsGroup) for _ in range(3)))
proactive_2021 = st.builds(
    m.ProactiveTable,
    _fill(m.DocumentCounts),
    _fill(m.DocumentCounts),
    _fill(m.DecisionCount),
    _fill(m.DecisionCount),
    _fill(m.DecisionCount),
    _fill(m.FeeAmount),
)
item_counts = _fill(m.ItemCounts, change=signed)
proactive_trial = st.builds(
    m.TrialProactiveTable,
    _fill(m.TrialDocumentCounts),
    _fill(m.TrialDocumentCounts),
    item_counts,
    item_counts,
    item_counts,
    item_counts,
    _fill(m.FeeItems, change=signed),
    _fill(m.Procurement),
)
channels = st.builds(m.Channel, names, st.sampled_from(m.ChannelKind), counts, st.sampled_from(["条", "篇", "期"]))
proactive_legacy = st.builds(m.LegacyProactive, counts, st.lists(channels, max_size=4).map(tuple))
legacy_appeals = st.builds(m.LegacyAppeals, counts, counts)

blocks = st.one_of(
    st.builds(m.Paragraph, paragraph_text),
    st.builds(m.ItemList, st.lists(text, max_size=3).map(tuple), st.sampled_from(m.ListStyle)),
)
block_tuples = st.lists(blocks, max_size=3).map(tuple)
keys = st.none() | st.sampled_from(["overview", "proactive", "requests", "appeals", "problems", "other_matters"])
sections = st.recursive(
    st.builds(m.Section, text, keys, block_tuples, st.just(()), st.booleans(), st.booleans()),
    lambda inner: st.builds(
        m.Section, text, keys, block_tuples, st.lists(inner, max_size=3).map(tuple), st.booleans(), st.booleans()
    ),
    max_leaves=6,
)
contacts = st.none() | st.builds(m.Contact, maybe_text, maybe_text, maybe_text, maybe_text, maybe_text, maybe_text)
items = st.lists(st.builds(m.Item, maybe_text, maybe_text), max_size=3).map(tuple)
metrics = st.lists(
    st.builds(
        m.Metric,
        st.sampled_from(["complaints_12365", "processing_fees", "x"]),
        text,
        st.decimals(min_value=0, max_value=10**9, allow_nan=False, allow_infinity=False, places=6),
        text,
    ),
    max_size=3,
).map(tuple)
organisations = st.none() | st.builds(
    m.Organisation,
    st.none()
    | st.builds(
        m.LeadingGroup,
        st.none() | st.builds(m.Person, maybe_text, maybe_text),
        maybe_text,
        maybe_text,
        maybe_text,
    ),
    st.lists(st.builds(m.WorkSystem, st.sampled_from(m.WorkSystemKind), text, maybe_text), max_size=4).map(tuple),
    st.none() | st.builds(m.Publication, text, st.lists(text, max_size=2).map(tuple)),
    st.none() | st.builds(m.Publication, text, st.lists(text, max_size=2).map(tuple)),
    items,
)


@st.composite
def reports(draw: st.DrawFn, edition: m.Edition | None = None) -> m.Report:
    """A valid report.  Its tables usually follow the edition, and sometimes mix layouts."""
    edition = edition or draw(st.sampled_from(list(m.Edition)))
    native_proactive = {
        m.Edition.NATIONAL_2021: proactive_2021,
        m.Edition.NATIONAL_2019_TRIAL: proactive_trial,
        m.Edition.LEGACY_2008: proactive_legacy,
    }[edition]
    proactive = draw(st.none() | native_proactive | proactive_2021 | proactive_trial | proactive_legacy)
    appeals = draw(st.none() | appeals_tables | legacy_appeals)
    return m.Report(
        edition=edition,
        agency=draw(
            st.builds(
                m.Agency,
                names,
                st.none() | st.sampled_from(m.AgencyKind),
                st.none() | st.sampled_from(m.AgencyLevel),
                maybe_text,
                maybe_text,
                maybe_text,
                maybe_text,
            )
        ),
        year=draw(st.integers(min_value=2008, max_value=2100)),
        title=draw(maybe_text),
        published_on=draw(st.none() | st.dates(min_value=dt.date(2009, 1, 1), max_value=dt.date(2101, 12, 31))),
        abbreviations=draw(st.lists(st.builds(m.Abbreviation, text, text), max_size=2).map(tuple)),
        contacts=draw(st.builds(m.Contacts, contacts, contacts, contacts)),
        preamble=draw(block_tuples),
        sections=draw(st.lists(sections, max_size=3).map(tuple)),
        proactive=proactive,
        requests=draw(st.none() | request_tables),
        appeals=appeals,
        organisation=draw(organisations),
        problems=draw(items),
        improvements=draw(items),
        metrics=draw(metrics),
    )


__all__ = ["Decimal", "reports"]
