"""Exporter options: a mistyped name gets a did-you-mean naming the valid ones; every option is listed."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

import pytest

import govdisclosure
from govdisclosure import Exporter, Report
from govdisclosure.cli import main
from govdisclosure.plugins import get_plugin_manager
from govdisclosure.rendering import RenderError, exporter_for, exporter_options
from govdisclosure.testing import sample_report
from tests.helpers import EXAMPLES, exporters_plugin


def test_a_mistyped_option_names_the_valid_ones() -> None:
    with pytest.raises(RenderError) as caught:
        exporter_for("html", profil="fragment")
    assert str(caught.value) == (
        "the html format has no option 'profil' (did you mean html.profile?); "
        "its options: html.profile (default standalone)"
    )


def test_an_option_of_another_format_is_refused_without_a_python_error() -> None:
    with pytest.raises(RenderError) as caught:
        exporter_for("json", body_font="仿宋")
    message = str(caught.value)
    assert message == "the json format has no option 'body_font'; its options: none"
    assert "__init__" not in message
    assert "unexpected keyword" not in message


def test_cli_did_you_mean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = str(EXAMPLES / "harbin-qts-2011.yaml")
    assert main(["render", seed, "--to", "html", "-O", "html.profil=fragment", "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "no option 'profil' (did you mean html.profile?)" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_an_option_of_a_format_not_rendered_is_said_to_be_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = str(EXAMPLES / "harbin-qts-2011.yaml")
    out = tmp_path / "out"
    assert main(["render", seed, "--to", "json", "-O", "html.profile=fragment", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "-O html.profile: the format html is not rendered (json); ignored" in err
    assert [p.name for p in out.iterdir()] == ["harbin-qts-2011.json"]
    assert main(["render", seed, "--to", "html", "-O", "html.profile=fragment", "-o", str(out)]) == 0
    assert "ignored" not in capsys.readouterr().err


def test_every_exporter_lists_its_options_with_defaults() -> None:
    listed = exporter_options()
    assert set(listed) >= {"json", "html", "docx", "pdf"}
    assert listed["json"] == ()
    assert [(o.name, o.default, o.shown_default) for o in listed["html"]] == [("profile", "standalone", "standalone")]
    docx = {o.name: o.shown_default for o in listed["docx"]}
    assert docx["page_numbers"] == "true"
    assert docx["body_font"] == "none"
    pdf = {o.name: o for o in listed["pdf"]}
    assert {"variant", "title_font", "body_font", "heading_font", "kai_font", "font_dir"} <= set(pdf)
    assert pdf["variant"].shown_default == "pdf/a-3b"


class _Flexible(Exporter):
    """An exporter taking ``**options``: any name is passed through to it."""

    name = "flexible"
    suffix = ".flex"
    media_type = "text/plain"

    def __init__(self, **options: Any) -> None:
        self.seen = options

    def export(self, report: Report, out: BinaryIO) -> None:
        out.write(repr(sorted(self.seen)).encode())


def test_an_exporter_taking_any_option_gets_what_it_is_given() -> None:
    plugins = get_plugin_manager(entry_points=False, extra=[("flexible", exporters_plugin(_Flexible))])
    data = govdisclosure.render(sample_report(), "flexible", plugins=plugins, anything=1)
    assert data == b"['anything']"
    assert exporter_options(plugins=plugins)["flexible"] == ()
