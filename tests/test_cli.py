"""The govdisclosure command as a user runs it."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import govdisclosure
from govdisclosure.cli import main
from govdisclosure.model import Edition
from tests.helpers import EXAMPLES

THREE_MISTAKES = textwrap.dedent(
    """\
    edition: national-2021
    agency:
      name: 某某市某某局
    year: 2023
    requests:
      withheld:
        state_secret: {natural_person: -3}
    appeals:
      reveiw: {upheld: 1}
    published_on: 二〇二四年二月三十日
    """
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govdisclosure", *args], capture_output=True, text=True, timeout=60, check=False
    )


def test_check_prints_the_seed_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(EXAMPLES / "harbin-qts-2011.yaml")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("哈尔滨市质量技术监督局 · 2011年度政府信息公开工作报告")
    assert "二〇一二年三月二日" in out
    for channel, count in (("中国哈尔滨政务公开信息网", "375"), ("新闻媒体", "1614")):
        line = next(line for line in out.splitlines() if channel in line)
        assert count in line
    assert "4811   agrees" in out
    assert "马力实" in out


def test_check_national_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(EXAMPLES / "huaian-city-2024.yaml")]) == 0
    out = capsys.readouterr().out
    assert "3050   agrees with the outcome rows" in out
    assert "0 blank cells" in out


def test_three_mistakes_reported_in_one_run(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    path.write_text(THREE_MISTAKES, encoding="utf-8")
    result = run("check", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"{path}: cannot be read as a report (3 problems):"
    assert (
        f"{path}:7:36: $.requests.withheld.state_secret.natural_person: expected a whole number ≥ 0, got -3" in lines[1]
    )
    assert f"{path}:9:3: $.appeals.reveiw: unknown key 'reveiw'; did you mean 'review'?" in lines[2]
    assert f"{path}:10:15: $.published_on:" in lines[3]
    assert "not a date in the calendar" in lines[3]


def test_check_goes_on_after_a_bad_file(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "missing.yaml"), str(EXAMPLES / "county-trial-2020.yaml"))
    assert result.returncode == 2
    assert "cannot read the file" in result.stderr
    assert "澜溪县人民政府" in result.stdout


def test_usage_mistakes_exit_2_without_traceback() -> None:
    for args in ((), ("render-all",), ("new",), ("new", "--edition", "national-2030")):
        result = run(*args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"govdisclosure {govdisclosure.__version__}"


def test_schema_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema == govdisclosure.json_schema()
    target = tmp_path / "schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == schema
    assert main(["schema", "-o", str(target)]) == 2  # exists: not replaced without --force
    assert "exists already" in capsys.readouterr().err
    assert main(["schema", "-o", str(tmp_path / "no" / "such" / "dir.json")]) == 2
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize("edition", list(Edition))
def test_new_writes_a_template_that_loads_with_every_cell_blank(tmp_path: Path, edition: Edition) -> None:
    target = tmp_path / "report.yaml"
    assert main(["new", "--edition", edition.value, "--agency", "某某局", "--year", "2024", "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    report = govdisclosure.load(target)
    assert (report.edition, report.agency.name, report.year) == (edition, "某某局", 2024)
    if edition is Edition.LEGACY_2008:
        assert report.requests is None
        return
    assert report.requests is not None
    assert report.appeals is not None
    assert report.proactive is not None
    cells = [cell for _, row in report.requests.rows() for cell in row.cells()]
    assert len(cells) == (175 if edition is Edition.NATIONAL_2021 else 161)
    assert all(cell is None for cell in cells)
    assert "# 1.属于国家秘密" in text
    assert "# （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in text


def test_internal_errors_are_named_as_such(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from govdisclosure.cli import check

    def broken(report: object) -> list[str]:
        raise RuntimeError("boom")

    monkeypatch.setattr(check, "summarize", broken)
    assert main(["check", str(EXAMPLES / "harbin-qts-2011.yaml")]) == 70
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err
    assert "not in your file" in err


def test_only_the_command_being_run_gets_its_options_built() -> None:
    from govdisclosure.cli import _command_in, parser

    assert _command_in(["--disable-plugin", "validate", "render", "x.yaml"]) == "render"
    assert _command_in(["--disable-plugin=xlsx", "validate", "x.yaml"]) == "validate"
    assert _command_in(["--help"]) is None

    def options(top: argparse.ArgumentParser, command: str) -> set[str]:
        sub = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
        return {s for action in sub.choices[command]._actions for s in action.option_strings}

    lean = parser(["validate", "x.yaml"])
    assert "--previous" in options(lean, "validate")
    assert options(lean, "render") == {"-h", "--help"}  # listed by --help, its options not built
    full = parser()
    assert {"--previous", "--to", "--jobs"} <= options(full, "validate") | options(full, "render")


def test_the_command_freezes_its_objects_before_the_interpreter_exits(monkeypatch: pytest.MonkeyPatch) -> None:
    """The interpreter's shutdown would walk every object the command made (25 ms of each command):
    the command freezes them first, after main() and only there, and exits with main()'s status."""
    import importlib.metadata

    from govdisclosure import cli

    calls: list[str] = []
    monkeypatch.setattr(cli, "main", lambda: calls.append("main") or 3)
    monkeypatch.setattr(cli.gc, "freeze", lambda: calls.append("freeze"))
    with pytest.raises(SystemExit) as exited:
        cli.run()
    assert exited.value.code == 3
    assert calls == ["main", "freeze"]
    script = importlib.metadata.entry_points(group="console_scripts")["govdisclosure"]
    assert script.value == "govdisclosure.cli:run"
    # python -m govdisclosure too, seen from an exit handler (which runs before the shutdown's collections)
    probe = (
        "import atexit, gc, runpy, sys\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0, file=sys.stderr))\n"
        "sys.argv = ['govdisclosure', 'validate', sys.argv[1]]\n"
        "runpy.run_module('govdisclosure', run_name='__main__')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(EXAMPLES / "harbin-qts-2011.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "frozen True" in done.stderr
    # main() called as a function leaves the caller's collector as it was
    assert main(["validate", str(EXAMPLES / "harbin-qts-2011.yaml")]) == 0
    assert calls == ["main", "freeze"]
