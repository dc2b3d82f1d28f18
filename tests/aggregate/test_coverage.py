"""Roster files and coverage: missing, late and failing units are named and never silently added."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from govdisclosure import default_plugins
from govdisclosure import model as m
from govdisclosure.aggregate import RosterError, Timeliness, aggregate, load_roster
from govdisclosure.testing.units import unit_reports

RULES = default_plugins().rules.rules()

AGENCY = "云澜市人民政府"


def _late(report: m.Report) -> m.Report:
    return attrs.evolve(report, published_on=dt.date(2024, 2, 20))  # departments: 31 January


def _failing(report: m.Report) -> m.Report:
    assert report.requests is not None
    row = attrs.evolve(report.requests.disclosed, total=(report.requests.disclosed.total or 0) + 5)
    return attrs.evolve(report, requests=attrs.evolve(report.requests, disclosed=row))


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.yaml"
    lines = ["units:"]
    lines += [f"  - name: 云澜市第{i}单位\n    kind: 政府部门\n    level: prefecture" for i in range(6)]
    lines.append("  - name: 云澜市第2单位分局\n    kind: department\n    deadline: 2024-03-31")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_roster_yaml_and_csv_read_the_same(tmp_path: Path, roster: Path) -> None:
    csv = tmp_path / "roster.csv"
    rows = ["单位名称,类型,层级,截止日期"] + [f"云澜市第{i}单位,政府部门,prefecture," for i in range(6)]
    csv.write_text("\n".join([*rows, "云澜市第2单位分局,department,,2024-03-31"]) + "\n", encoding="utf-8")
    assert load_roster(csv) == load_roster(roster)
    entry = load_roster(roster)[-1]
    assert entry.kind is m.AgencyKind.DEPARTMENT
    assert entry.deadline == dt.date(2024, 3, 31)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("units:\n  - name: 甲\n    kind: 委员会\n", "roster.yaml:2: $.units[0].kind: unknown kind '委员会'"),
        ("units:\n  - name: 甲\n  - name: 甲\n", "甲 is listed twice (first at"),
        ("units:\n  - kind: department\n", "every unit needs a name"),
        ("units:\n  - name: 甲\n    deadline: soon\n", "$.units[0].deadline: expected a date like 2025-01-31"),
        ("units: []\n", "the roster lists no units"),
    ],
)
def test_a_bad_roster_names_the_line_and_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "roster.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RosterError) as caught:
        load_roster(path)
    assert message in str(caught.value)


def test_coverage_names_the_missing_the_late_and_the_failing_unit(roster: Path) -> None:
    reports = unit_reports(6)
    del reports[5]  # 第5单位 is missing
    reports[1] = _late(reports[1])
    reports[3] = _failing(reports[3])
    extra = attrs.evolve(reports[0], agency=m.Agency("邻市某局"))
    result = aggregate(
        [*((f"u{i}.yaml", r) for i, r in enumerate(reports)), ("stray.yaml", extra)],
        agency=AGENCY,
        year=2023,
        roster=load_roster(roster),
        rules=RULES,
    )
    coverage = result.coverage
    assert [e.name for e in coverage.missing()] == ["云澜市第5单位", "云澜市第2单位分局"]
    assert [e.name for e in coverage.late()] == ["云澜市第1单位"]
    assert coverage.late()[0].deadline == dt.date(2024, 1, 31)
    assert [e.name for e in coverage.failing()] == ["云澜市第3单位"]
    assert coverage.failing()[0].errors >= 1
    stray = coverage.entries[-1]
    assert stray.name == "邻市某局"
    assert not stray.on_roster
    assert not stray.included
    assert [u.name for u in result.rollup.units] == ["云澜市第0单位", "云澜市第1单位", "云澜市第2单位", "云澜市第4单位"]
    assert {e.name: e.timeliness for e in coverage.entries if e.submitted}["云澜市第0单位"] is Timeliness.ON_TIME
    assert not coverage.complete


def test_a_government_is_due_on_31_march_and_the_roster_date_wins(roster: Path) -> None:
    first, second = unit_reports(2)
    report = attrs.evolve(
        first,
        agency=m.Agency("云澜市第2单位分局", kind=m.AgencyKind.GOVERNMENT),
        published_on=dt.date(2024, 3, 30),
    )
    government = attrs.evolve(second, agency=m.Agency("某县人民政府", kind=m.AgencyKind.GOVERNMENT))
    result = aggregate([("a.yaml", report), ("b.yaml", government)], agency=AGENCY, year=2023, rules=RULES)
    assert [e.deadline for e in result.coverage.entries] == [dt.date(2024, 3, 31)] * 2
    with_roster = aggregate([("a.yaml", report)], agency=AGENCY, year=2023, roster=load_roster(roster), rules=RULES)
    entry = next(e for e in with_roster.coverage.entries if e.submitted)
    assert entry.deadline == dt.date(2024, 3, 31)
    assert entry.timeliness is Timeliness.ON_TIME
