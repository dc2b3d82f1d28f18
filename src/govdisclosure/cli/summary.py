"""The summary of a report that ``check`` and ``verify`` print: who, what, and the figures that matter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from govdisclosure.cli.common import pad

if TYPE_CHECKING:
    from govdisclosure.model import LegacyProactive, Report, RequestTable

__all__ = ["summarize"]


def _num(value: object) -> str:
    return "—" if value is None else f"{value}"


def _agreement(stated: int | None, computed: int | None) -> str:
    if stated is None or computed is None:
        return "cannot tell (a cell is blank)"
    if stated == computed:
        return "agrees"
    return f"DIFFERS by {stated - computed:+d}"


def summarize(report: Report) -> list[str]:
    """A readable summary of a report: who, what, and the figures that matter."""
    from govdisclosure.chinese import format_date
    from govdisclosure.editions import spec_for, title_of
    from govdisclosure.model import AppealsTable, LegacyAppeals, LegacyProactive

    spec = spec_for(report.edition)
    lines = [f"{report.agency.name} · {title_of(report)}"]
    rows: list[tuple[str, str]] = [("edition", f"{report.edition.value} ({spec.name})"), ("year", str(report.year))]
    if report.published_on:
        rows.append(("published", f"{format_date(report.published_on)} ({report.published_on.isoformat()})"))
    sections = list(report.walk_sections())
    blocks = sum(len(section.body) for _, section in sections) + len(report.preamble)
    rows.append(("text", f"{len(report.sections)} sections, {len(sections)} headings in all, {blocks} blocks of text"))
    if report.agency.website:
        rows.append(("portal", report.agency.website))
    if report.abbreviations:
        rows.append(("abbreviations", "; ".join(f"{a.short} = {a.full}" for a in report.abbreviations)))
    lines += [f"  {pad(key, 14)}{value}" for key, value in rows]

    if isinstance(report.proactive, LegacyProactive):
        lines += _summarize_channels(report.proactive)
    if report.requests is not None:
        lines += _summarize_requests(report.requests)
    if isinstance(report.appeals, AppealsTable):
        lines.append("  appeals (Table 4):")
        for name, group in report.appeals.groups():
            lines.append(
                f"    {pad(name, 24)}total {_num(group.total)}  "
                f"({_agreement(group.total, group.computed_total)} with its parts)"
            )
    elif isinstance(report.appeals, LegacyAppeals):
        lines.append(
            f"  appeals       reviews {_num(report.appeals.reviews)}, lawsuits {_num(report.appeals.lawsuits)}"
        )
    if report.metrics:
        lines.append("  figures:")
        lines += [f"    {pad(m.label, 30)}{m.value} {m.unit}" for m in report.metrics]
    lines += _summarize_contacts(report)
    organisation = report.organisation
    if organisation is not None:
        if organisation.leading_group and organisation.leading_group.leader:
            leader = organisation.leading_group.leader
            lines.append(f"  leading group led by {leader.name or '—'} ({leader.position or '—'})")
        if organisation.work_systems:
            lines.append(f"  working rules {', '.join(w.name for w in organisation.work_systems)}")
        for label, publication in (("catalogue", organisation.catalogue), ("guide", organisation.guide)):
            if publication:
                lines.append(f"  {pad(label, 14)}{publication.title}")
        if organisation.channel_measures:
            lines.append(f"  channel measures {len(organisation.channel_measures)}")
    lines.append(f"  problems      {len(report.problems)}; improvements {len(report.improvements)}")
    return lines


def _summarize_channels(proactive: LegacyProactive) -> list[str]:
    lines = ["  channels (发布渠道):"]
    for channel in proactive.channels:
        lines.append(f"    {pad(channel.name, 32)}{_num(channel.count):>7} {channel.unit}")
    computed = proactive.computed_total
    lines.append(f"    {pad('sum of the channels', 32)}{_num(computed):>7}")
    lines.append(
        f"    {pad('stated total', 32)}{_num(proactive.total_items):>7}   {_agreement(proactive.total_items, computed)}"
    )
    return lines


def _summarize_requests(table: RequestTable) -> list[str]:
    computed = table.computed_outcomes_total.total
    layout = "（六） as one row (trial layout)" if table.other_handling_is_single_row else "（六） in three rows"
    blank = sum(cell is None for _, row in table.rows() for cell in row.cells())
    return [
        f"  applications (Table 3, {layout}, {blank} blank cells):",
        f"    {pad('received 本年新收', 28)}{_num(table.received.total):>7}",
        f"    {pad('carried over 上年结转', 28)}{_num(table.carried_over.total):>7}",
        f"    {pad('handled （七）总计', 28)}{_num(table.outcomes_total.total):>7}   "
        f"{_agreement(table.outcomes_total.total, computed)} with the outcome rows",
        f"    {pad('carried forward 结转下年度', 28)}{_num(table.carried_forward.total):>7}",
    ]


def _summarize_contacts(report: Report) -> list[str]:
    lines = []
    for label, contact in (
        ("enquiries", report.contacts.enquiries),
        ("request office", report.contacts.request_office),
        ("oversight", report.contacts.oversight_body),
    ):
        if contact is None:
            continue
        parts = [contact.name, contact.address, contact.postcode]
        parts += [f"tel {contact.phone}" if contact.phone else None, f"fax {contact.fax}" if contact.fax else None]
        parts += [contact.email]
        if not any(parts):
            continue
        lines.append(f"  {pad(label, 16)}{', '.join(p for p in parts if p)}")
    return lines
