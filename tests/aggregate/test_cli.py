"""`govdisclosure aggregate` and `govdisclosure explain` as an office runs them."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import govdisclosure
from govdisclosure.cli import main
from govdisclosure.model import Edition
from govdisclosure.testing.units import unit_report, unit_reports, write_units
from tests.helpers import EXAMPLES


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return write_units(tmp_path_factory.mktemp("units"), unit_reports(8))


def test_aggregate_writes_the_report_and_its_lineage(
    files: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "city.yaml"
    status = main(
        [
            "aggregate",
            *files,
            "--agency",
            "云澜市人民政府",
            "--year",
            "2023",
            "--published-on",
            "2024-03-25",
            "-o",
            str(out),
        ]
    )
    assert status == 0
    result = govdisclosure.load(out)
    reports = [govdisclosure.load(name) for name in files]
    assert result.requests is not None
    assert result.requests.received.total == sum(r.requests.received.total for r in reports)  # type: ignore[union-attr,misc]
    assert result.agency.name == "云澜市人民政府"
    assert result.published_on is not None
    lineage = json.loads((tmp_path / "city.yaml.lineage.json").read_text(encoding="utf-8"))
    assert [u["name"] for u in lineage["units"]] == [r.agency.name for r in reports]
    assert len(lineage["cells"]) == 200
    fees = lineage["cells"]["$.proactive.fees.amount_10k_yuan"]
    assert isinstance(fees["value"], str)  # amounts stay exact: a string, not a float
    text = capsys.readouterr().out
    assert "added 8 unit reports" in text
    assert "云澜市第7单位" in text


def test_explain_lists_contributions_largest_first(
    files: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "city.json"
    assert main(["aggregate", *files, "--agency", "云澜市人民政府", "--year", "2023", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["explain", str(out), "$.requests.received.total"]) == 0
    lines = capsys.readouterr().out.splitlines()
    reports = [govdisclosure.load(name) for name in files]
    expected = sorted(((r.requests.received.total, r.agency.name) for r in reports), key=lambda x: (-x[0], x[1]))  # type: ignore[union-attr]
    assert lines[0] == f"$.requests.received.total = {sum(v for v, _ in expected)}"
    shown = [line.split() for line in lines[2:]]
    assert [(int(parts[0]), parts[1]) for parts in shown] == expected


def test_blank_cells_stay_blank_or_count_as_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reports = unit_reports(3)
    assert reports[1].requests is not None
    row = attrs.evolve(reports[1].requests.carried_forward, other_org=None)
    reports[1] = attrs.evolve(reports[1], requests=attrs.evolve(reports[1].requests, carried_forward=row))
    names = write_units(tmp_path / "units", reports)
    common = ["aggregate", *names, "--agency", "云澜市人民政府", "--year", "2023", "--include-failing"]
    assert main([*common, "-o", str(tmp_path / "a.yaml")]) == 0
    assert govdisclosure.load(tmp_path / "a.yaml").requests.carried_forward.other_org is None  # type: ignore[union-attr]
    capsys.readouterr()
    assert main(["explain", str(tmp_path / "a.yaml"), "requests.carried_forward.other_org"]) == 0
    out = capsys.readouterr().out
    assert "= blank" in out
    assert "1 units left it blank, so the sum is left blank: 云澜市第1单位" in out
    assert main([*common, "--blank-as-zero", "-o", str(tmp_path / "b.yaml")]) == 0
    summed = govdisclosure.load(tmp_path / "b.yaml").requests.carried_forward.other_org  # type: ignore[union-attr]
    assert summed == sum(r.requests.carried_forward.other_org or 0 for r in reports)  # type: ignore[union-attr]
    capsys.readouterr()
    main(["explain", str(tmp_path / "b.yaml"), "$.requests.carried_forward.other_org"])
    assert "counted as 0 (--blank-as-zero): 云澜市第1单位" in capsys.readouterr().out


def test_a_roster_gap_is_reported_with_exit_1(
    files: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("name,kind\n" + "".join(f"云澜市第{i}单位,department\n" for i in range(9)), encoding="utf-8")
    status = main(
        [
            "aggregate",
            *files,
            "--agency",
            "云澜市人民政府",
            "--year",
            "2023",
            "--roster",
            str(roster),
            "-o",
            str(tmp_path / "c.yaml"),
        ]
    )
    assert status == 1
    out = capsys.readouterr().out
    assert "云澜市第8单位  缺报" in out
    assert "9 units: 8 submitted, 1 missing" in out
    assert (tmp_path / "c.yaml").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([str(EXAMPLES / "county-trial-2020.yaml")], "the units follow different formats"),
        ([str(EXAMPLES / "harbin-qts-2011.yaml")], "a legacy-2008 report has no statistical tables to add"),
        (["--agency", "云澜市第3单位"], "is the aggregate's own agency"),
    ],
)
def test_units_that_cannot_be_added_are_refused_and_nothing_is_written(
    files: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    out = tmp_path / "x.yaml"
    if extra[0] == "--agency":
        args = ["aggregate", *files, *extra, "--year", "2023", "-o", str(out)]
    else:
        args = ["aggregate", *files, *extra, "--agency", "云澜市人民政府", "--year", "2023", "-o", str(out)]
    assert main(args) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_unreadable_input_or_options_exit_2_without_output(
    files: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "edition: national-2021\nagency: {name: 甲}\nyear: 2023\nrequests: {received: {total: -1}}\n", encoding="utf-8"
    )
    out = tmp_path / "x.yaml"
    assert main(["aggregate", files[0], str(bad), "--agency", "乙", "--year", "2023", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml:4" in err
    assert "$.requests.received.total" in err
    assert "nothing written" in err
    assert main(["aggregate", files[0], "--agency", "乙", "--year", "2023", "-o", str(tmp_path / "x.docx")]) == 2
    assert "give OUT a .yaml or .json name" in capsys.readouterr().err
    assert main(["aggregate", files[0], "--agency", " ", "--year", "2023", "-o", str(out)]) == 2
    assert "--agency: give the name" in capsys.readouterr().err
    assert main(["explain", str(tmp_path / "none.yaml"), "$.requests.received.total"]) == 2
    assert "cannot read the lineage file" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_trial_units_roll_up_through_the_command(tmp_path: Path) -> None:
    reports = [unit_report(i, Edition.NATIONAL_2019_TRIAL) for i in range(4)]
    names = write_units(tmp_path / "units", reports)
    out = tmp_path / "county.yaml"
    assert main(["aggregate", *names, "--agency", "澜溪县人民政府", "--year", "2020", "-o", str(out)]) == 0
    assert govdisclosure.load(out).edition is Edition.NATIONAL_2019_TRIAL
