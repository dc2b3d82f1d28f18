from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from govdisclosure import model as m


def test_blank_is_not_zero() -> None:
    row = m.ApplicantCounts(natural_person=3, total=3)
    assert row.natural_person == 3
    assert row.commercial_enterprise is None
    assert row.computed_total is None  # cannot tell: five columns are blank
    assert not row.is_blank
    assert m.ApplicantCounts().is_blank


def test_stated_and_computed_totals_sit_side_by_side() -> None:
    row = m.ApplicantCounts(1, 2, 0, 0, 3, 0, total=7)
    assert row.total == 7
    assert row.computed_total == 6


def test_request_table_rows_in_printed_order() -> None:
    table = m.RequestTable()
    paths = [path for path, _ in table.rows()]
    assert len(paths) == 25
    assert paths[:4] == ["received", "carried_over", "disclosed", "partially_disclosed"]
    assert paths[4] == "withheld.state_secret"
    assert paths[-3:] == ["other_handling.other", "outcomes_total", "carried_forward"]


def test_trial_other_handling_is_one_row() -> None:
    table = m.RequestTable(other_handling=m.ApplicantCounts(1, 0, 0, 0, 0, 0, 1))
    assert table.other_handling_is_single_row
    assert len(table.rows()) == 23
    assert "other_handling" in [path for path, _ in table.outcome_rows()]


def test_computed_outcomes_total_adds_every_outcome_row() -> None:
    one = m.ApplicantCounts(1, 0, 0, 0, 0, 0, 1)
    zero = m.ApplicantCounts(0, 0, 0, 0, 0, 0, 0)
    groups = {
        cls: cls(*([zero] * len(attrs.fields(cls))))
        for cls in (m.Withheld, m.CannotProvide, m.NotProcessed, m.OtherHandling)
    }
    table = m.RequestTable(
        disclosed=one,
        partially_disclosed=one,
        withheld=attrs.evolve(groups[m.Withheld], state_secret=one),
        cannot_provide=groups[m.CannotProvide],
        not_processed=attrs.evolve(groups[m.NotProcessed], repeat_request=one),
        other_handling=attrs.evolve(groups[m.OtherHandling], other=one),
    )
    assert table.computed_outcomes_total == m.ApplicantCounts(5, 0, 0, 0, 0, 0, 5)
    assert table.withheld.computed_subtotal == m.ApplicantCounts(1, 0, 0, 0, 0, 0, 1)
    # one blank cell makes its column's computed total blank, not a wrong number
    blank = attrs.evolve(table, disclosed=m.ApplicantCounts(None, 0, 0, 0, 0, 0, 1))
    assert blank.computed_outcomes_total.natural_person is None
    assert blank.computed_outcomes_total.commercial_enterprise == 0


def test_appeals_groups_and_litigation_total() -> None:
    table = m.AppealsTable(
        review=m.AppealsGroup(72, 64, 178, 37, 351),
        litigation_direct=m.AppealsGroup(13, 4, 8, 1, 26),
        litigation_after_review=m.AppealsGroup(12, 1, 1, 6, 20),
    )
    assert table.review.computed_total == 351
    assert table.computed_litigation == m.AppealsGroup(25, 5, 9, 7, 46)


@pytest.mark.parametrize("bad", [-1, 1.5, "3", True])
def test_counts_are_whole_numbers_not_below_zero(bad: object) -> None:
    with pytest.raises(ValueError, match=r"natural_person: expected a whole number ≥ 0"):
        m.ApplicantCounts(natural_person=bad)  # type: ignore[arg-type]


def test_trial_change_may_be_negative_but_fee_amount_may_not() -> None:
    assert m.ItemCounts(previous_items=20, change=-8).computed_items == 12
    with pytest.raises(ValueError, match="amount"):
        m.FeeAmount(Decimal(-1))
    with pytest.raises(ValueError, match="amount"):
        m.FeeAmount(Decimal("NaN"))
    assert m.FeeAmount(Decimal("96171.6")).amount_10k_yuan == Decimal("96171.6")


def test_an_amount_the_files_cannot_hold_is_refused_and_every_other_round_trips() -> None:
    from govdisclosure import dumps_json, loads, testing
    from govdisclosure.serialization import dumps_yaml

    with pytest.raises(ValueError, match="at most 20 decimal places"):
        m.FeeAmount(Decimal("9.9999999999999999999999999990E-31"))  # written as such, no reader would take it
    report = testing.sample_report(m.Edition.NATIONAL_2021)
    assert report.proactive is not None
    for amount in ("1E-20", "999999999999999.99999999999999999999", "1E+15", "0.00000000000000000001"):
        fees = attrs.evolve(report.proactive.fees, amount_10k_yuan=Decimal(amount))
        typed = attrs.evolve(report, proactive=attrs.evolve(report.proactive, fees=fees))
        assert loads(dumps_yaml(typed)) == typed
        assert loads(dumps_json(typed), format="json") == typed


def test_models_are_frozen() -> None:
    row = m.ApplicantCounts()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        row.total = 3  # type: ignore[misc]
