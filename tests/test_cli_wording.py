"""What a clerk reads on the command line: each rough edge of issue 16 that a user met, smoothed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govdisclosure.cli import main, parser
from tests.helpers import EXAMPLES


def test_validate_json_carries_an_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("edition: national-2021\nagency: {name: 某局}\nyear: 1999\n", encoding="utf-8")
    assert main(["validate", str(broken), str(EXAMPLES / "harbin-qts-2011.yaml"), "--format", "json"]) == 2
    documents = json.loads(capsys.readouterr().out)
    assert [d["readable"] for d in documents] == [False, True]
    (problem,) = documents[0]["problems"]
    assert problem["path"] == "$.year"
    assert problem["line"] == 3
    assert documents[0]["passes"] is False


def test_validate_json_keeps_amounts_exact(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (EXAMPLES / "huaian-city-2024.yaml").read_text(encoding="utf-8")
    assert main(["validate", str(EXAMPLES / "huaian-city-2024.yaml"), "--format", "json"]) == 0
    out = capsys.readouterr().out
    json.loads(out)
    assert "e+" not in out  # no float formatting of amounts anywhere
    assert text  # the example is read as it is


def test_a_missing_file_is_named_without_a_path_symbol(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "no-such-report.yaml"]) == 2
    err = capsys.readouterr().err
    assert "no-such-report.yaml: cannot read the file: No such file or directory" in err
    assert "$:" not in err


def test_a_thousands_comma_in_a_cell_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "comma.yaml"
    path.write_text(
        "edition: national-2021\nagency: {name: 某局}\nyear: 2024\nrequests:\n  received: {natural_person: 1,234}\n",
        encoding="utf-8",
    )
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "thousands comma" in err
    assert "write it without the comma" in err


def test_every_command_has_a_description_and_new_names_the_editions(capsys: pytest.CaptureFixture[str]) -> None:
    commands = next(a for a in parser()._actions if a.dest == "command")
    for name, sub in commands.choices.items():  # type: ignore[union-attr]
        assert sub.description, f"{name} has no description"
    with pytest.raises(SystemExit):
        main(["new", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    for edition in ("national-2021", "national-2019-trial", "legacy-2008"):
        assert edition in help_text


def test_validate_lists_the_tables_in_the_report_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            ["new", "--edition", "national-2021", "--agency", "某局", "--year", "2024", "-o", str(tmp_path / "r.yaml")]
        )
        == 0
    )
    capsys.readouterr()
    main(["validate", str(tmp_path / "r.yaml"), "--color", "never"])
    out = capsys.readouterr().out
    positions = [out.index(title) for title in ("报告 Report", "二、主动公开", "三、申请处理", "四、复议诉讼")]
    assert positions == sorted(positions)


def test_the_empty_template_is_not_rendered_silently(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "r.yaml"
    assert main(["new", "--edition", "national-2021", "--agency", "某局", "--year", "2024", "-o", str(template)]) == 0
    assert main(["render", str(template), "--to", "html", "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "REPORT-EMPTY" in err
    assert "空白模板" in err
    assert not (tmp_path / "out" / "r.html").exists()


def test_a_batch_shows_problems_and_a_summary_not_a_line_per_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(EXAMPLES / "harbin-qts-2011.yaml"), str(EXAMPLES / "city-department-2023.yaml")]
    assert main(["render", *files, "--to", "json,html", "-o", str(tmp_path / "a"), "-j", "1"]) == 0
    quiet = capsys.readouterr()
    assert quiet.out == ""
    assert "passes the checks" not in quiet.err
    assert "2 files, 2 rendered, 0 with problems; 4 files written" in quiet.err
    assert main(["render", *files, "--to", "json,html", "-o", str(tmp_path / "b"), "-j", "1", "-v"]) == 0
    loud = capsys.readouterr()
    assert len(loud.out.splitlines()) == 4
    assert "harbin-qts-2011.yaml: passes the checks (0 errors, 4 warnings, 1 info;" in loud.err


def test_the_progress_bar_says_elapsed_and_to_go() -> None:
    import io

    from rich.console import Console

    from govdisclosure.cli import render

    text = io.StringIO()
    with render.progress_bar(3, True, console=Console(file=text, force_terminal=True, width=120)) as advance:
        advance()
    shown = text.getvalue()
    assert "elapsed" in shown
    assert "to go" in shown
    assert " left " not in shown


def test_formats_lists_every_option_with_its_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["formats", "--options"]) == 0
    out = capsys.readouterr().out
    assert "-O html.profile=…" in out
    assert "standalone" in out
    assert "-O pdf.body_font=…" in out
    assert main(["formats", "--options", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {"name": "profile", "default": "standalone", "type": "str", "required": False} in listed["html"]


def test_a_mistyped_option_gets_a_did_you_mean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["render", str(EXAMPLES / "harbin-qts-2011.yaml"), "-O", "html.profil=fragment", "-o", str(tmp_path)])
    assert code == 2
    err = capsys.readouterr().err
    assert "did you mean html.profile?" in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []
