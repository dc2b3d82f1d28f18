"""Generated reports of every edition, exported and imported back: the same tables and prose.

The HTML exporter's page (both profiles) and the DOCX exporter's file are imported without
their embedded data, as a page from elsewhere would be.  "The same prose" is what a reader
sees: every printed line in order (:func:`printed_text`).  The reports are the project's
Hypothesis strategies with two adjustments that make the printed page readable at all:
the standard title (it carries the year) and the year inside its edition's period, and a
run-in heading always numbered (an unnumbered run-in heading prints as a bold phrase that
no reader can tell from a bold paragraph).
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

import govdisclosure
from govdisclosure import model as m
from govdisclosure.importing import ImportFailure, import_report
from govdisclosure.layout import outline
from tests.importing.helpers import _clean, printed_text, table_values
from tests.strategies import reports

PERIODS = {
    m.Edition.NATIONAL_2021: (2021, 2100),
    m.Edition.NATIONAL_2019_TRIAL: (2019, 2020),
    m.Edition.LEGACY_2008: (2008, 2018),
}
SETTINGS = settings(
    max_examples=20,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def _readable(section: m.Section) -> m.Section:
    return attrs.evolve(
        section,
        numbered=section.numbered or section.run_in,
        subsections=tuple(_readable(s) for s in section.subsections),
    )


@st.composite
def printable(draw: st.DrawFn, edition: m.Edition) -> m.Report:
    report = draw(reports(edition))
    first, last = PERIODS[edition]
    report = attrs.evolve(
        report,
        title=None,
        year=draw(st.integers(first, last)),
        sections=tuple(_readable(s) for s in report.sections),
    )
    assume(all(_clean(entry.number + entry.title) for entry in outline(report)))  # no invisible headings
    return report


def _export(report: m.Report, target: str) -> bytes:
    if target == "docx":
        return govdisclosure.render(report, "docx")
    return govdisclosure.render(report, "html", profile=target)


def check_round_trip(report: m.Report, target: str) -> None:
    data = _export(report, target)
    if not printed_text(report) and not table_values(report):
        with pytest.raises(ImportFailure):
            import_report(data, name=f"generated.{target}")
        return
    imported = import_report(data, name=f"generated.{target}").report
    assert (imported.edition, imported.year, imported.agency.name) == (
        report.edition,
        report.year,
        _clean(report.agency.name),
    )
    assert imported.title is None
    assert table_values(imported) == table_values(report)
    assert printed_text(imported) == printed_text(report)
    assert imported.published_on == report.published_on


@pytest.mark.parametrize("target", ["standalone", "fragment", "docx"])
@pytest.mark.parametrize("edition", list(m.Edition))
def test_round_trip(edition: m.Edition, target: str) -> None:
    @SETTINGS
    @given(printable(edition))
    def run(report: m.Report) -> None:
        check_round_trip(report, target)

    run()


def test_a_mixed_report_imports_as_it_is() -> None:
    """A 2021 report printing the trial Table 2 comes back with the trial table, and a finding."""
    report = m.Report(
        m.Edition.NATIONAL_2021,
        m.Agency("示例县人民政府"),
        2022,
        proactive=m.TrialProactiveTable(regulations=m.TrialDocumentCounts(1, 2, 3)),
        requests=m.RequestTable(),
    )
    for target in ("standalone", "docx"):
        result = import_report(_export(report, target))
        assert result.report.proactive == report.proactive
        assert result.report.requests == report.requests
        assert result.record.by_kind("doubtful")
    codes = {f.code for f in govdisclosure.validate(result.report)}
    assert "IMP-DOUBT" in codes
