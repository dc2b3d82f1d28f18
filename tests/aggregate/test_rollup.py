"""The roll-up of 30 unit reports: sums computed here independently, lineage, blanks, refusals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest

from govdisclosure import default_plugins
from govdisclosure import model as m
from govdisclosure.aggregate import RollupError, Unit, aggregate, cell_paths, roll_up
from govdisclosure.testing.units import unit_report, unit_reports

RULES = default_plugins().rules.rules()

AGENCY = "云澜市人民政府"


def _units(reports: list[m.Report]) -> list[Unit]:
    return [Unit(r.agency.name, f"unit-{i:03d}.yaml", r) for i, r in enumerate(reports)]


def _get(obj: Any, path: str) -> Any:
    for step in path.split(".")[1:]:
        obj = getattr(obj, step)
    return obj


@pytest.fixture(scope="module")
def thirty() -> list[m.Report]:
    return unit_reports(30)


def test_every_cell_is_the_sum_of_the_units(thirty: list[m.Report]) -> None:
    rollup = roll_up(_units(thirty), agency=AGENCY, year=2023)
    result = rollup.report
    # Computed here from the model's own fields, not through the aggregate's cell list.
    expected_received = sum(r.requests.received.total for r in thirty if r.requests and r.requests.received.total)
    assert result.requests is not None
    assert result.requests.received.total == expected_received
    withheld = sum(r.requests.withheld.state_secret.natural_person for r in thirty)  # type: ignore[union-attr,misc]
    assert result.requests.withheld.state_secret.natural_person == withheld
    assert isinstance(result.appeals, m.AppealsTable)
    assert result.appeals.litigation_after_review.corrected == sum(
        r.appeals.litigation_after_review.corrected for r in thirty
    )  # type: ignore[union-attr,misc]
    assert isinstance(result.proactive, m.ProactiveTable)
    fees = sum((r.proactive.fees.amount_10k_yuan for r in thirty), start=Decimal(0))  # type: ignore[union-attr,misc]
    assert result.proactive.fees.amount_10k_yuan == fees
    assert isinstance(fees, Decimal)
    assert fees.as_tuple().exponent == -4  # exact to the 0.0001 万元 the units state, no float rounding
    for path in cell_paths(m.Edition.NATIONAL_2021):
        assert _get(result, path) == sum(_get(r, path) for r in thirty), path


def test_the_sum_adds_up_and_passes_validation(thirty: list[m.Report]) -> None:
    from govdisclosure import validate

    result = roll_up(_units(thirty), agency=AGENCY, year=2023).report
    assert result.requests is not None
    assert result.requests.outcomes_total == result.requests.computed_outcomes_total
    assert not validate(result).has_errors


def test_lineage_lists_exactly_the_contributing_units(thirty: list[m.Report]) -> None:
    units = _units(thirty)
    rollup = roll_up(units, agency=AGENCY, year=2023)
    assert len(rollup.cells) == len(cell_paths(m.Edition.NATIONAL_2021)) == 200
    for cell in rollup.cells:
        assert [units[i].name for i, _ in cell.contributions] == [r.agency.name for r in thirty]
        assert [value for _, value in cell.contributions] == [_get(r, cell.path) for r in thirty]
        assert cell.blanks == ()
    assert rollup.lineage("requests.received.total") is rollup.lineage("$.requests.received.total")


def _blank_out(report: m.Report) -> m.Report:
    assert report.requests is not None
    row = attrs.evolve(report.requests.carried_forward, other_org=None)
    return attrs.evolve(report, requests=attrs.evolve(report.requests, carried_forward=row))


def test_blank_is_not_zero(thirty: list[m.Report]) -> None:
    reports = list(thirty)
    reports[4], reports[17] = _blank_out(reports[4]), _blank_out(reports[17])
    units = _units(reports)
    rollup = roll_up(units, agency=AGENCY, year=2023)
    cell = rollup.lineage("$.requests.carried_forward.other_org")
    assert cell.value is None
    assert rollup.report.requests is not None
    assert rollup.report.requests.carried_forward.other_org is None
    assert [units[i].name for i in cell.blanks] == ["云澜市第4单位", "云澜市第17单位"]
    assert len(cell.contributions) == 28
    # The other cells of the row are still summed.
    assert rollup.lineage("$.requests.carried_forward.natural_person").value is not None


def test_blank_as_zero_counts_blanks_and_still_names_them(thirty: list[m.Report]) -> None:
    reports = list(thirty)
    reports[4] = _blank_out(reports[4])
    rollup = roll_up(_units(reports), agency=AGENCY, year=2023, blank_as_zero=True)
    cell = rollup.lineage("$.requests.carried_forward.other_org")
    expected = sum(r.requests.carried_forward.other_org or 0 for r in reports)  # type: ignore[union-attr]
    assert cell.value == expected
    assert cell.blanks == (4,)


def test_prose_is_left_for_the_office_and_facts_come_from_options(thirty: list[m.Report]) -> None:
    import datetime as dt

    from govdisclosure.aggregate import TO_WRITE

    report = roll_up(_units(thirty[:3]), agency=AGENCY, year=2023, published_on=dt.date(2024, 3, 20)).report
    assert report.agency.name == AGENCY
    assert report.published_on == dt.date(2024, 3, 20)
    assert [s.key for s in report.sections] == [
        "overview",
        "proactive",
        "requests",
        "appeals",
        "problems",
        "other_matters",
    ]
    assert all(s.body[0].text == TO_WRITE for s in report.sections)  # type: ignore[union-attr]
    assert report.contacts == m.Contacts()
    assert report.problems == ()
    assert report.metrics == ()


def test_trial_units_add_up_with_signed_changes_and_procurement() -> None:
    reports = unit_reports(6, m.Edition.NATIONAL_2019_TRIAL)
    result = roll_up(_units(reports), agency="澜溪县人民政府", year=2020).report
    assert isinstance(result.proactive, m.TrialProactiveTable)
    assert result.proactive.licensing.change == sum(r.proactive.licensing.change for r in reports)  # type: ignore[union-attr,misc]
    assert result.proactive.procurement.amount == sum(r.proactive.procurement.amount for r in reports)  # type: ignore[union-attr,misc]
    assert result.proactive.procurement.amount_unit == "万元"
    assert result.requests is not None
    assert result.requests.other_handling_is_single_row


def _refusal(units: list[Unit], **kwargs: Any) -> str:
    with pytest.raises(RollupError) as caught:
        roll_up(units, **{"agency": AGENCY, "year": 2023, **kwargs})
    return " | ".join(caught.value.problems)


def test_refuses_different_editions_and_years(thirty: list[m.Report]) -> None:
    trial = unit_report(40, m.Edition.NATIONAL_2019_TRIAL, year=2023)
    assert "different formats" in _refusal(_units([*thirty[:3], trial]))
    assert "not reports for 2023: unit-001.yaml (2022)" in _refusal(
        _units([thirty[0], attrs.evolve(thirty[1], year=2022)])
    )
    legacy = m.Report(m.Edition.LEGACY_2008, m.Agency("某局"), 2023)
    assert "legacy-2008 report has no statistical tables" in _refusal(_units([thirty[0], legacy]))


def test_refuses_the_same_unit_twice(thirty: list[m.Report]) -> None:
    again = attrs.evolve(thirty[3], agency=attrs.evolve(thirty[3].agency, name="云澜市 第3单位"))
    assert "the same unit twice: 云澜市第3单位" in _refusal(_units([*thirty[:5], again]))


def test_refuses_a_unit_that_is_a_total(thirty: list[m.Report]) -> None:
    units = _units(thirty[:5])
    assert "is the aggregate's own agency" in _refusal(units, agency="云澜市第2单位")
    total = roll_up(units, agency="云澜市汇总", year=2023).report
    sneaked = attrs.evolve(total, agency=m.Agency("云澜市某汇总单位"))
    assert "equal the sum of all the other units" in _refusal([*units, Unit("云澜市某汇总单位", "total.yaml", sneaked)])


def test_refuses_a_district_given_with_its_own_towns(thirty: list[m.Report]) -> None:
    towns = [attrs.evolve(r, agency=attrs.evolve(r.agency, parent="云澜市东区人民政府")) for r in thirty[:3]]
    district = roll_up(_units(towns), agency="云澜市东区人民政府", year=2023).report
    units = [*_units([*towns, *thirty[3:6]]), Unit("云澜市东区人民政府", "east.yaml", district)]
    assert "are the sum of its own units given (云澜市第0单位、云澜市第1单位、云澜市第2单位)" in _refusal(units)


def test_aggregate_leaves_failing_units_out_unless_asked(thirty: list[m.Report]) -> None:
    reports = [(f"u{i}.yaml", r) for i, r in enumerate(thirty[:5])]
    # A blank cell alone no longer fails ("cannot tell" never blocks); a blank where the row's total
    # says otherwise does: 其他 left blank while 总计 still counts it.
    failing = _blank_out(thirty[1])
    assert failing.requests is not None
    row = failing.requests.carried_forward
    failing = attrs.evolve(
        failing,
        requests=attrs.evolve(failing.requests, carried_forward=attrs.evolve(row, total=(row.total or 0) + 1)),
    )
    reports[1] = ("u1.yaml", failing)
    result = aggregate(reports, agency=AGENCY, year=2023, rules=RULES)
    assert [u.name for u in result.rollup.units] == ["云澜市第0单位", "云澜市第2单位", "云澜市第3单位", "云澜市第4单位"]
    entry = result.coverage.entries[1]
    assert not entry.included
    assert entry.passing is False
    assert "validation errors" in (entry.reason or "")
    with_failing = aggregate(reports, agency=AGENCY, year=2023, include_failing=True, rules=RULES)
    assert len(with_failing.rollup.units) == 5
    assert with_failing.rollup.lineage("$.requests.carried_forward.other_org").blanks == (1,)


@pytest.mark.parametrize("edition", [m.Edition.NATIONAL_2021, m.Edition.NATIONAL_2019_TRIAL])
def test_the_summed_cells_are_every_printed_cell(edition: m.Edition) -> None:
    from govdisclosure.layout import tables

    printed = {f"$.{cell.path}" for grid in tables(unit_report(0, edition)) for cell in grid.data_cells()}
    assert set(cell_paths(edition)) == printed


def test_refuses_tables_in_another_formats_layout(thirty: list[m.Report]) -> None:
    assert thirty[0].requests is not None
    single = attrs.evolve(thirty[0].requests, other_handling=m.ApplicantCounts(1, 0, 0, 0, 0, 0, 1))
    mixed = attrs.evolve(thirty[0], requests=single)
    assert "prints （六）其他处理 as one row (the 2019 trial layout)" in _refusal(_units([mixed, *thirty[1:3]]))
    trial_table2 = attrs.evolve(thirty[0], proactive=m.TrialProactiveTable())
    assert "its Table 2 has the columns of another format" in _refusal(_units([trial_table2, *thirty[1:3]]))


def test_money_is_exact_to_the_finest_digit_any_unit_gives(thirty: list[m.Report]) -> None:
    amounts = [Decimal("96171.6"), Decimal("0.123456"), Decimal("12.34")]  # 平潭 2021 prints 6 decimals
    reports = [
        attrs.evolve(r, proactive=attrs.evolve(r.proactive, fees=m.FeeAmount(a)))  # type: ignore[arg-type]
        for r, a in zip(thirty[:3], amounts, strict=True)
    ]
    result = roll_up(_units(reports), agency=AGENCY, year=2023).report
    assert isinstance(result.proactive, m.ProactiveTable)
    assert str(result.proactive.fees.amount_10k_yuan) == "96184.063456"


def test_blank_amounts_counted_as_zero_stay_amounts(thirty: list[m.Report]) -> None:
    reports = [
        attrs.evolve(r, proactive=attrs.evolve(r.proactive, fees=m.FeeAmount(None)))  # type: ignore[arg-type]
        for r in thirty[:3]
    ]
    result = roll_up(_units(reports), agency=AGENCY, year=2023, blank_as_zero=True).report
    assert isinstance(result.proactive, m.ProactiveTable)
    assert result.proactive.fees.amount_10k_yuan == Decimal(0)
    assert isinstance(result.proactive.fees.amount_10k_yuan, Decimal)
