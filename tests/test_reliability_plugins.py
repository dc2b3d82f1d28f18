"""A plugin can fail in every way; the run goes on for the others, names it, and never lies."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from govdisclosure import Exporter, ExporterRegistry, Report, hookimpl
from govdisclosure.cli import main
from govdisclosure.serialization import dumps_json, load
from govdisclosure.validation import RuleRegistry, Severity
from tests.helpers import EXAMPLES, department_files, with_plugins

SEED = str(EXAMPLES / "harbin-qts-2011.yaml")


def _exporter(name: str, action: Any, suffix: str | None = None) -> type[Exporter]:
    def export(self: Exporter, report: Report, out: BinaryIO) -> None:
        action(report)
        out.write(b"written by " + name.encode())

    return type(
        f"_{name.title()}",
        (Exporter,),
        {"name": name, "suffix": suffix or f".{name}", "media_type": "x/y", "export": export},
    )


def _exit(report: Report) -> None:
    sys.exit(0)


def _interrupt(report: Report) -> None:
    raise KeyboardInterrupt


def _noisy(report: Report) -> None:
    print("noise from print")
    os.write(1, b"noise on fd 1\n")


def _meddle(report: Report) -> None:
    object.__setattr__(report, "year", 1999)  # change the report it was given
    from govdisclosure.exporters import docx_exporter

    original = docx_exporter.embedded_data
    docx_exporter.embedded_data = lambda r: original(r) if r.year != 2011 else (b'{"forged": 1}', "0" * 64)  # type: ignore[assignment]


def _died(report: Report) -> None:
    if "3" in report.agency.name:
        os._exit(0)  # the worker vanishes, reporting success


class _Bad:
    def __init__(self, *exporters: type[Exporter]) -> None:
        self.exporters = exporters

    @hookimpl
    def register_exporters(self, registry: ExporterRegistry) -> None:
        for exporter in self.exporters:
            registry.add(exporter)


def test_exiting_interrupting_noisy_and_meddling_exporters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    bad = _Bad(_exporter("exits", _exit), _exporter("kbd", _interrupt), _exporter("noisy", _noisy))
    with_plugins(monkeypatch, ("bad-plugin", bad), ("meddler", _Bad(_exporter("meddle", _meddle))))
    out = tmp_path / "out"
    status = main(["render", SEED, "--to", "meddle,exits,kbd,noisy,docx,json", "-o", str(out), "-j", "1"])
    captured = capfd.readouterr()
    assert status == 1
    assert all(line.startswith("wrote ") for line in captured.out.splitlines()), captured.out
    assert "noise from print" in captured.err
    assert "noise on fd 1" in captured.err
    assert "the exits exporter (plugin bad-plugin) failed: SystemExit: 0" in captured.err
    assert "the kbd exporter (plugin bad-plugin) failed: KeyboardInterrupt" in captured.err
    assert "the docx exporter (plugin govdisclosure-docx) wrote a file that carries other data" in captured.err
    written = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert written == ["harbin-qts-2011.json", "harbin-qts-2011.meddle", "harbin-qts-2011.noisy"]
    # the JSON exporter, after the meddler, wrote the report as validated
    assert (out / "harbin-qts-2011.json").read_text(encoding="utf-8") == dumps_json(load(SEED))


def test_a_worker_killed_by_a_plugin_costs_only_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    with_plugins(monkeypatch, ("killer", _Bad(_exporter("died", _died))))
    names = department_files(tmp_path, 6)
    agencies = {name: load(name).agency.name for name in names}
    doomed = [name for name, agency in agencies.items() if "3" in agency]
    assert len(doomed) == 1, agencies
    out = tmp_path / "out"
    status = main(["render", *names, "--to", "died,json", "-o", str(out), "-j", "2"])
    err = capfd.readouterr().err
    assert status == 1
    assert f"{doomed[0]}: its worker process died while rendering it" in err
    expected = {Path(n).stem + s for n in names if n not in doomed for s in (".died", ".json")}
    assert {p.name for p in out.iterdir() if not p.name.startswith(".")} == expected
    assert "5 rendered, 1 with problems" in err


def test_a_plugin_that_exits_at_import_and_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "exits_at_import.py").write_text("print('hello from the plugin')\nimport sys\nsys.exit(4)\n")
    (tmp_path / "prints_at_import.py").write_text(
        "import os\nos.write(1, b'raw bytes')\nprint('printed')\n"
        "from govdisclosure import hookimpl\n"
        "@hookimpl\ndef register_rules(registry):\n    print('registering')\n"
    )
    for module, name in (("exits_at_import", "exits"), ("prints_at_import", "prints")):
        info = tmp_path / f"{module}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module.replace('_', '-')}\nVersion: 1.0\n")
        (info / "entry_points.txt").write_text(f"[govdisclosure]\n{name} = {module}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    for command in (["plugins", "--json"], ["formats", "--json"], ["validate", SEED, "--format", "json"]):
        status = main(command)
        captured = capfd.readouterr()
        assert status in (0, 1), (command, captured.err)
        json.loads(captured.out)  # stdout is JSON, whatever the plugins print
        assert "plugin 'exits' from exits-at-import 1.0 was skipped: SystemExit: 4" in captured.err
        assert "hello from the plugin" in captured.err


class _ExitingRule:
    @hookimpl
    def register_rules(self, registry: RuleRegistry) -> None:
        def exits(context: Any) -> Any:
            print("a rule that prints")
            sys.exit(9)

        def interrupts(context: Any) -> Any:
            raise KeyboardInterrupt

        common = {"description": "d", "source": "s"}
        registry.rule("X901", Severity.ERROR, title="exits", title_zh="退出", **common)(exits)
        registry.rule("X902", Severity.ERROR, title="interrupts", title_zh="中断", **common)(interrupts)


def test_rules_that_exit_or_interrupt_are_findings(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    with_plugins(monkeypatch, ("rule-plugin", _ExitingRule()))
    status = main(["validate", SEED, "--format", "json"])
    captured = capfd.readouterr()
    assert status == 0  # a rule that could not judge is "cannot tell", which never blocks on its own
    data = json.loads(captured.out)
    crashed = [f for f in data[0]["findings"] if "The check itself failed (plugin rule-plugin)" in f["message_en"]]
    assert len(crashed) == 2
    assert {f["status"] for f in crashed} == {"undetermined"}
    text = json.dumps(data, ensure_ascii=False)
    assert "SystemExit: 9" in text
    assert "KeyboardInterrupt" in text
    assert "a rule that prints" in captured.err


def test_two_plugins_writing_one_file_name_are_refused_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    with_plugins(
        monkeypatch,
        ("first-plugin", _Bad(_exporter("one", lambda r: None, ".out"))),
        ("second-plugin", _Bad(_exporter("two", lambda r: None, ".OUT"))),
    )
    out = tmp_path / "out"
    assert main(["render", SEED, "--to", "json,one,two", "-o", str(out)]) == 2
    err = capfd.readouterr().err
    assert "the formats one (plugin first-plugin) and two (plugin second-plugin) would both write <name>.OUT" in err
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]
