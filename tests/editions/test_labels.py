"""The official labels are printed exactly as the 2021 template has them."""

from __future__ import annotations

from govdisclosure import editions as e
from govdisclosure.chinese import heading_number
from govdisclosure.editions import national_2019_trial, national_2021
from govdisclosure.model import ApplicantCounts, Edition, ProactiveTable, RequestTable, TrialProactiveTable
from tests.helpers import DATA


def _canonical() -> set[str]:
    lines = (DATA / "national-2021-labels.txt").read_text(encoding="utf-8").splitlines()
    return {label for line in lines if not line.startswith("#") for label in line.split("|") if label}


def _labels(spec: e.EditionSpec) -> set[str]:
    labels = {heading_number(1, i) + section.title for i, section in enumerate(spec.sections)}
    labels |= {e.CONTENT_HEADER, e.APPLICANTS_HEADER, e.ORGANISATIONS_HEADER, e.REVIEW_HEADER, e.LITIGATION_HEADER}
    labels |= {label for _, label in (*e.APPLICANT_COLUMN_LABELS, *e.APPEALS_GROUP_LABELS, *e.APPEALS_RESULT_LABELS)}
    labels.add(spec.request_note)
    for block in spec.proactive_blocks:
        labels |= {block.heading, *block.columns, *(row.label for row in block.rows)}
    for row in spec.request_rows:
        labels |= set(row.labels)
    return labels


def test_2021_labels_are_exactly_the_templates() -> None:
    assert _labels(national_2021.SPEC) == _canonical()


def test_trial_differs_only_where_the_trial_format_does() -> None:
    trial, current = _labels(national_2019_trial.SPEC), _labels(national_2021.SPEC)
    assert trial - current == {
        "本年新制作数量", "本年新公开数量", "对外公开总数量", "规范性文件", "上一年项目数量", "本年增/减",
        "处理决定数量", "其他对外管理服务事项", "第二十条第（九）项", "采购项目数量", "采购总金额", "政府集中采购",
    }  # fmt: skip
    assert {label for label in current - trial if label.startswith(("1.申请人", "2.申请人"))}
    assert "本年制发件数" in current - trial


def _paths(table: object) -> set[str]:
    import attrs

    out = set()
    for field in attrs.fields(type(table)):
        value = getattr(table, field.name)
        if attrs.has(type(value)):
            out |= {f"{field.name}.{sub}" for sub in _paths(value)} or {field.name}
        else:
            out.add(field.name)
    return out


def test_every_table_cell_has_a_label_and_every_label_a_cell() -> None:
    for spec, proactive, requests in (
        (national_2021.SPEC, ProactiveTable(), RequestTable()),
        (national_2019_trial.SPEC, TrialProactiveTable(), RequestTable(other_handling=ApplicantCounts())),
    ):
        cells = {cell for block in spec.proactive_blocks for row in block.rows for cell in row.cells}
        assert cells == _paths(proactive) - {"procurement.amount_unit"}, spec.edition
        rows = [row.path for row in spec.request_rows]
        assert rows == [path for path, _ in requests.rows()], spec.edition


def test_deadlines() -> None:
    from datetime import date

    from govdisclosure.model import AgencyKind

    spec = e.spec_for(Edition.NATIONAL_2021)
    assert spec.deadline(2023, AgencyKind.DEPARTMENT) == date(2024, 1, 31)
    assert spec.deadline(2023, AgencyKind.GOVERNMENT) == date(2024, 3, 31)
    assert e.spec_for(Edition.LEGACY_2008).deadline(2011, AgencyKind.DEPARTMENT) == date(2012, 3, 31)
