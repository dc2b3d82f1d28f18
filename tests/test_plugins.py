"""Plugins: built-ins registered like third parties, broken plugins contained, strict and disabled modes."""

from __future__ import annotations

import inspect
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import BinaryIO

import pytest

from govdisclosure import Exporter, ExporterRegistry, Report, hookimpl, hookspecs
from govdisclosure.exporters import DuplicateExporterError
from govdisclosure.plugins import DEFAULT_PLUGINS, PluginError, PluginWarning, get_plugin_manager
from tests.helpers import EXAMPLES, ROOT, exporters_plugin


def _hooks() -> list[str]:
    return [name for name, obj in inspect.getmembers(hookspecs) if hasattr(obj, "govdisclosure_spec")]


def test_every_hook_is_documented() -> None:
    assert _hooks() == ["register_exporters", "register_rules"]
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for hook in _hooks():
        assert re.search(rf"^### `{hook}\(", docs, re.M), f"docs/plugins.md does not document {hook}"
        assert getattr(hookspecs, hook).__doc__, f"{hook} has no docstring in hookspecs.py"


def test_one_name_everywhere() -> None:
    assert hookspecs.PROJECT_NAME == "govdisclosure"
    assert get_plugin_manager(entry_points=False).manager.project_name == "govdisclosure"
    text = (ROOT / "pyproject.toml").read_text()
    assert "[project.entry-points.govdisclosure]" in text


def test_builtins_are_plugins_using_the_public_hook() -> None:
    plugins = get_plugin_manager(entry_points=False)
    assert [p.name for p in plugins.info()] == [name for name, _ in DEFAULT_PLUGINS]
    assert plugins.exporters.names() == ("json", "html", "docx", "pdf")
    hooks = {info.name: info.hooks for info in plugins.info()}
    assert hooks == {
        "govdisclosure-json": ("register_exporters",),
        "govdisclosure-html": ("register_exporters",),
        "govdisclosure-docx": ("register_exporters",),
        "govdisclosure-pdf": ("register_exporters",),
        "govdisclosure-rules": ("register_rules",),
        "govdisclosure-import": ("register_rules",),
    }
    assert all(info.builtin for info in plugins.info())
    assert "T3-BALANCE" in {i.name: i.rules for i in plugins.info()}["govdisclosure-rules"]


def test_importing_loads_no_plugin() -> None:
    code = "import govdisclosure, sys; print(any(m.startswith('govdisclosure_xlsx') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_the_example_plugin_is_found_through_its_entry_point_only() -> None:
    assert "xlsx" not in {name for name, _ in DEFAULT_PLUGINS}
    plugins = get_plugin_manager()
    registered = plugins.exporter("xlsx")
    assert registered is not None
    assert registered.plugin == "xlsx"
    (info,) = [i for i in plugins.info() if i.name == "xlsx"]
    assert (info.package, info.builtin, info.formats) == ("govdisclosure-xlsx", False, ("xlsx",))


class _Csv(Exporter):
    name = "json"  # clashes with the built-in
    suffix = ".csv"
    media_type = "text/csv"

    def export(self, report: Report, out: BinaryIO) -> None:
        out.write(b"x")


class _Raising:
    @hookimpl
    def register_exporters(self, registry: ExporterRegistry) -> None:
        raise RuntimeError("cannot find libfoo")


def test_two_exporters_with_one_name_is_an_error_naming_both() -> None:
    plugins = get_plugin_manager(entry_points=False, extra=[("clashing", exporters_plugin(_Csv))])
    with pytest.raises(PluginError) as caught:
        _ = plugins.exporters
    message = str(caught.value)
    assert "'json'" in message
    assert "JsonExporter (plugin govdisclosure-json)" in message
    assert "_Csv (plugin clashing)" in message
    registry = ExporterRegistry()
    registry.add(_Csv)
    with pytest.raises(DuplicateExporterError):
        registry.add(_Csv)


def test_a_plugin_whose_hook_raises_is_skipped_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVDISCLOSURE_STRICT_PLUGINS", raising=False)
    plugins = get_plugin_manager(entry_points=False, extra=[("raising", _Raising())])
    with pytest.warns(PluginWarning, match="plugin 'raising'.*RuntimeError: cannot find libfoo"):
        names = plugins.exporters.names()
    assert names == ("json", "html", "docx", "pdf")


@pytest.fixture
def broken_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An installed distribution whose plugin module fails on import."""
    (tmp_path / "broken_gd_plugin.py").write_text("raise ImportError('needs libfoo 2.0')\n")
    info = tmp_path / "broken_gd_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-gd-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[govdisclosure]\nbroken = broken_gd_plugin\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_a_broken_plugin_warns_and_everything_else_works(broken_plugin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVDISCLOSURE_STRICT_PLUGINS", raising=False)
    with pytest.warns(
        PluginWarning, match=r"plugin 'broken' from broken-gd-plugin 1.0 was skipped: ImportError: needs libfoo 2.0"
    ):
        plugins = get_plugin_manager()
    assert set(plugins.exporters.names()) == {"json", "html", "docx", "pdf", "xlsx", "pdf-typst"}
    assert [p.plugin for p in plugins.problems] == ["broken"]


def test_strict_mode_makes_a_broken_plugin_fatal(broken_plugin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVDISCLOSURE_STRICT_PLUGINS", "1")
    with pytest.raises(PluginError, match=r"broken-gd-plugin 1\.0"):
        get_plugin_manager()


def test_a_plugin_can_be_disabled_by_name(broken_plugin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVDISCLOSURE_STRICT_PLUGINS", "1")
    plugins = get_plugin_manager(disabled=["broken", "govdisclosure-html"])
    assert set(plugins.exporters.names()) == {"json", "docx", "pdf", "xlsx", "pdf-typst"}
    monkeypatch.setenv("GOVDISCLOSURE_DISABLE_PLUGINS", "broken, xlsx")
    assert set(get_plugin_manager().exporters.names()) == {"json", "html", "docx", "pdf", "pdf-typst"}


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govdisclosure", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
        check=False,
    )


def test_cli_with_a_broken_plugin_installed(broken_plugin: Path, tmp_path: Path) -> None:
    env = {"PYTHONPATH": str(broken_plugin), "GOVDISCLOSURE_STRICT_PLUGINS": ""}
    listed = _cli("formats", env=env)
    assert listed.returncode == 0
    assert (
        "warning: plugin 'broken' from broken-gd-plugin 1.0 was skipped: ImportError: needs libfoo 2.0" in listed.stderr
    )
    assert "Traceback" not in listed.stderr
    formats = {line.split()[0] for line in listed.stdout.splitlines()[1:]}
    assert formats == {"json", "html", "docx", "pdf", "xlsx", "pdf-typst"}
    rendered = _cli("render", str(EXAMPLES / "harbin-qts-2011.yaml"), "-o", str(tmp_path / "out"), env=env)
    assert rendered.returncode == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "harbin-qts-2011.docx", "harbin-qts-2011.html", "harbin-qts-2011.json", "harbin-qts-2011.pdf",
        "harbin-qts-2011.xlsx",
    ]  # fmt: skip
    strict = _cli("formats", env={**env, "GOVDISCLOSURE_STRICT_PLUGINS": "1"})
    assert strict.returncode == 2
    assert "broken-gd-plugin 1.0" in strict.stderr
    assert "Traceback" not in strict.stderr
    disabled = _cli("--disable-plugin", "broken", "formats", env={**env, "GOVDISCLOSURE_STRICT_PLUGINS": "1"})
    assert disabled.returncode == 0


def test_plugins_command_lists_name_version_hooks_formats() -> None:
    result = _cli("plugins", "--json", env={})
    assert result.returncode == 0
    listed = {p["name"]: p for p in json.loads(result.stdout)}
    assert listed["xlsx"]["package"] == "govdisclosure-xlsx"
    assert listed["xlsx"]["hooks"] == ["register_exporters"]
    assert listed["govdisclosure-html"]["formats"] == ["html"]
    table = _cli("plugins", env={}).stdout.splitlines()
    assert table[0].split() == ["PLUGIN", "PACKAGE", "VERSION", "HOOKS", "FORMATS"]


def test_docs_plugin_example_works(tmp_path: Path) -> None:
    """The tutorial's exporter, written to a module and registered, renders a report."""
    import govdisclosure

    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    first = re.findall(r"```python\n(.*?)```", docs, re.S)[0]
    namespace: dict[str, object] = {}
    exec(compile(textwrap.dedent(first), "my_gd_plugin.py", "exec"), namespace)
    module = type(sys)("my_gd_plugin")
    module.__dict__.update(namespace)
    plugins = get_plugin_manager(entry_points=False, extra=[("csv", module)])
    data = govdisclosure.render(
        govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml"), "csv", plugins=plugins, separator=";"
    )
    lines = data.decode().splitlines()
    assert lines[0].startswith("申请情况;自然人;")
    assert lines[1] == "一、本年新收政府信息公开申请数量;3001;53;0;0;61;4;3119"
    assert len(lines) == 26
    # Even rows: every line has the header's eight fields, the numbers under their headings.
    assert {len(line.split(";")) for line in lines} == {8}
    assert "三、本年度办理结果 （三）不予公开 1.属于国家秘密;" in data.decode()


def _tutorial_blocks(kind: str) -> list[str]:
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    return re.findall(rf"```{kind}\n(.*?)```", docs, re.S)


def test_docs_plugin_commands_use_the_checkouts_venv() -> None:
    commands = [line for block in _tutorial_blocks("sh") for line in block.splitlines() if line.strip()]
    assert commands
    for line in commands:
        assert line.startswith(".venv/bin/"), f"docs/plugins.md: {line!r} does not run from .venv/bin/ as the README"


@pytest.mark.slow
def test_docs_plugin_package_builds_with_a_test_file_beside_it(tmp_path: Path) -> None:
    """The tutorial's pyproject, module and test file, as a reader lays them out, build a wheel."""
    import zipfile

    (toml,) = _tutorial_blocks("toml")
    python = _tutorial_blocks("python")
    folder = tmp_path / "my-gd-plugin"
    folder.mkdir()
    (folder / "pyproject.toml").write_text(toml, encoding="utf-8")
    (folder / "my_gd_plugin.py").write_text(python[0], encoding="utf-8")
    (test_file,) = [block for block in python if block.startswith("# test_my_gd_plugin.py")]
    (folder / "test_my_gd_plugin.py").write_text(test_file, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "-q", "-w", str(tmp_path / "dist"),
         str(folder)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "my_gd_plugin.py" in names
    assert "test_my_gd_plugin.py" not in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "csv = my_gd_plugin" in zipfile.ZipFile(wheel).read(entry_points).decode()
