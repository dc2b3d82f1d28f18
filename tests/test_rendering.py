"""The rendering API and `govdisclosure render`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import BinaryIO

import pytest

import govdisclosure
from govdisclosure import Availability, Exporter, Report
from govdisclosure.cli import main
from govdisclosure.plugins import get_plugin_manager
from govdisclosure.testing import sample_report
from tests.helpers import EXAMPLES, exporters_plugin, with_plugins


class _Exploding(Exporter):
    name = "boom"
    suffix = ".boom"
    media_type = "application/x-boom"

    def export(self, report: Report, out: BinaryIO) -> None:
        out.write(b"half a file")
        raise RuntimeError("disk on fire")


class _Missing(Exporter):
    name = "missing"
    suffix = ".missing"
    media_type = "application/x-missing"

    @classmethod
    def availability(cls) -> Availability:
        return Availability(False, "the font FooSong is not installed", "apt-get install fonts-foo")

    def export(self, report: Report, out: BinaryIO) -> None:  # pragma: no cover - never called
        raise AssertionError


def _plugins() -> govdisclosure.plugins.Plugins:  # type: ignore[name-defined]
    return get_plugin_manager(entry_points=False, extra=[("test-plugin", exporters_plugin(_Exploding, _Missing))])


def test_formats_say_why_one_is_unavailable() -> None:
    infos = {info.name: info for info in govdisclosure.formats(plugins=_plugins())}
    assert infos["html"].available
    assert infos["missing"].available is False
    assert infos["missing"].reason == "the font FooSong is not installed"
    assert infos["missing"].hint == "apt-get install fonts-foo"
    assert infos["boom"].plugin == "test-plugin"


def test_render_returns_bytes_and_render_file_writes_atomically(tmp_path: Path, huaian: Report) -> None:
    assert govdisclosure.render(huaian, "json").startswith(b"{")
    target = govdisclosure.render_file(huaian, tmp_path / "r.html")
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(govdisclosure.UnknownFormatError, match=r"no format writes \.docx2"):
        govdisclosure.render_file(huaian, tmp_path / "r.docx2")
    with pytest.raises(
        govdisclosure.ExportError, match=r"the boom exporter \(plugin test-plugin\) failed: RuntimeError: disk on fire"
    ):
        govdisclosure.render_file(huaian, tmp_path / "r.boom", plugins=_plugins())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]  # nothing half-written
    with pytest.raises(
        govdisclosure.FormatUnavailableError, match="FooSong is not installed \\(apt-get install fonts-foo\\)"
    ):
        govdisclosure.render(huaian, "missing", plugins=_plugins())
    with pytest.raises(govdisclosure.UnknownFormatError, match="no format named 'pdf2'; the installed formats are"):
        govdisclosure.render(huaian, "pdf2")


def test_cli_renders_every_example_in_every_available_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = sorted(str(p) for p in EXAMPLES.glob("*.yaml"))
    assert main(["render", *files, "-o", str(tmp_path), "--verbose"]) == 0
    out = capsys.readouterr().out.splitlines()
    # One format per file name (pdf-typst writes .pdf too, and is written only when asked for).
    formats = list(dict.fromkeys(info.suffix for info in govdisclosure.formats() if info.available))
    assert len(out) == len(files) * len(formats)
    for name in files:
        for suffix in formats:
            assert f"wrote {tmp_path / (Path(name).stem + suffix)}" in out
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_cli_to_and_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = str(EXAMPLES / "harbin-qts-2011.yaml")
    assert main(["render", seed, "--to", "html", "-O", "html.profile=fragment", "-o", str(tmp_path)]) == 0
    assert (tmp_path / "harbin-qts-2011.html").read_text(encoding="utf-8").startswith("<article")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["harbin-qts-2011.html"]
    for bad in (["--to", "pdf2"], ["-O", "html.profile=mobile"], ["-O", "profile=x"], ["-O", "nope.x=1"]):
        assert main(["render", seed, *bad, "-o", str(tmp_path / "bad")]) == 2, bad
    err = capsys.readouterr().err
    assert "no format named 'pdf2'" in err
    assert "bad options for the html format: profile must be one of standalone, fragment" in err
    assert "expected FORMAT.OPTION=VALUE" in err
    assert not (tmp_path / "bad").exists()


def test_cli_goes_on_past_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("edition: national-2021\nagency: {name: x}\nyear: 1999\n", encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "govdisclosure", "render", str(bad), str(EXAMPLES / "harbin-qts-2011.yaml"),
         "--to", "json,html", "-o", str(out)],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "bad.yaml:3:7: $.year: expected a year from 2008 to 2100, got 1999" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["harbin-qts-2011.html", "harbin-qts-2011.json"]


def test_cli_a_failing_exporter_fails_its_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with_plugins(monkeypatch, ("test-plugin", exporters_plugin(_Exploding, _Missing)))
    seed = str(EXAMPLES / "harbin-qts-2011.yaml")
    assert main(["render", seed, "--to", "boom,json", "-o", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "the boom exporter (plugin test-plugin) failed: RuntimeError: disk on fire" in captured.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["harbin-qts-2011.json"]
    assert main(["render", seed, "--to", "missing", "-o", str(tmp_path)]) == 2
    assert (
        "the missing format cannot run here: the font FooSong is not installed (apt-get install fonts-foo)"
        in capsys.readouterr().err
    )


def test_cli_output_folder_that_cannot_be_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["render", str(EXAMPLES / "harbin-qts-2011.yaml"), "-o", str(blocker / "out")]) == 2
    assert "cannot create the output folder" in capsys.readouterr().err


def test_same_output_name_twice_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "a"
    other.mkdir()
    copy = other / "harbin-qts-2011.yaml"
    copy.write_text((EXAMPLES / "harbin-qts-2011.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(EXAMPLES / "harbin-qts-2011.yaml"), str(copy), "--to", "json", "-o", str(out)]) == 1
    assert "its output names are also those of" in capsys.readouterr().err


def test_sample_reports_are_consistent() -> None:
    for edition in govdisclosure.Edition:
        report = sample_report(edition)
        if report.requests is not None:
            assert report.requests.outcomes_total == report.requests.computed_outcomes_total
            for _, row in report.requests.rows():
                assert row.total == row.computed_total
            received, over = report.requests.received.total, report.requests.carried_over.total
            assert received is not None
            assert over is not None
            assert received + over == report.requests.outcomes_total.total + report.requests.carried_forward.total  # type: ignore[operator]


class _Counted(Exporter):
    """A format whose availability check is counted: a render must not run it unless asked for it."""

    name = "counted"
    suffix = ".counted"
    media_type = "application/x-counted"
    checks = 0

    @classmethod
    def availability(cls) -> Availability:
        cls.checks += 1
        return Availability.ok()

    def export(self, report: Report, out: BinaryIO) -> None:
        out.write(b"counted")


def test_a_render_checks_only_the_formats_it_writes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with_plugins(monkeypatch, ("counted-plugin", exporters_plugin(_Counted)))
    monkeypatch.setattr(_Counted, "checks", 0)
    seed = str(EXAMPLES / "harbin-qts-2011.yaml")
    assert main(["render", seed, "--to", "json", "-o", str(tmp_path / "a")]) == 0
    assert _Counted.checks == 0
    # Every registered format is still known: its options are taken, an unknown name is refused.
    assert main(["render", seed, "--to", "json", "-O", "counted.x=1", "-o", str(tmp_path / "b")]) == 0
    assert main(["render", seed, "--to", "json", "-O", "nosuch.x=1", "-o", str(tmp_path / "b")]) == 2
    assert main(["render", seed, "--to", "nope", "-o", str(tmp_path / "c")]) == 2
    assert _Counted.checks == 0
    assert main(["render", seed, "--to", "counted", "-o", str(tmp_path / "d")]) == 0
    assert _Counted.checks > 0
    checked = _Counted.checks
    assert (tmp_path / "d" / "harbin-qts-2011.counted").read_bytes() == b"counted"
    # Without --to every format is written that can be: each is checked.
    assert main(["render", seed, "-o", str(tmp_path / "e")]) == 0
    assert _Counted.checks > checked
    assert (tmp_path / "e" / "harbin-qts-2011.counted").is_file()


class _BrokenCheck(Exporter):
    name = "broken-check"
    suffix = ".broken"
    media_type = "application/x-broken"

    @classmethod
    def availability(cls) -> Availability:
        raise OSError("libfoo.so: cannot open shared object file")

    def export(self, report: Report, out: BinaryIO) -> None:  # pragma: no cover - never called
        raise AssertionError


def test_a_failing_availability_check_makes_the_format_unavailable_everywhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str], huaian: Report
) -> None:
    plugin = exporters_plugin(_BrokenCheck)
    expected = "the broken-check format cannot run here: its availability check raised OSError: libfoo.so"
    plugins = get_plugin_manager(entry_points=False, extra=[("broken", plugin)])
    (info,) = govdisclosure.formats(plugins=plugins, names=["broken-check"])
    assert info.available is False
    with pytest.raises(govdisclosure.FormatUnavailableError, match=expected):
        govdisclosure.render(huaian, "broken-check", plugins=plugins)
    with_plugins(monkeypatch, ("broken", plugin))
    seed = str(EXAMPLES / "harbin-qts-2011.yaml")
    assert main(["render", seed, "--to", "broken-check", "-o", str(tmp_path / "out")]) == 2
    assert expected in capsys.readouterr().err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
