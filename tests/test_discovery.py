"""Finding plugins without importlib.metadata: the same entry points, in a fraction of the time."""

from __future__ import annotations

import importlib.metadata
import sys
import zipfile
from pathlib import Path

import pytest

from govdisclosure import _discovery


def _groups() -> set[str]:
    return {point.group for dist in importlib.metadata.distributions() for point in dist.entry_points}


def test_every_group_of_this_installation_reads_as_importlib_metadata_reads_it() -> None:
    groups = _groups()
    assert {"govdisclosure", "console_scripts"} <= groups
    for group in groups:
        ours = sorted((p.name, p.value) for p in _discovery.entry_points(group))
        theirs = sorted((p.name, p.value) for p in importlib.metadata.entry_points(group=group))
        assert ours == theirs, group
    plugins = {p.name: (p.package, p.version) for p in _discovery.entry_points("govdisclosure")}
    for point in importlib.metadata.entry_points(group="govdisclosure"):
        assert point.dist is not None
        assert plugins[point.name] == (point.dist.metadata["Name"], point.dist.version)


def _dist(folder: Path, name: str, version: str, entry_points: str) -> None:
    info = folder / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nA description: x\n")
    (info / "entry_points.txt").write_text(entry_points)


def test_the_first_distribution_of_a_name_on_the_path_wins_and_values_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _dist(
        first,
        "My.Plugin",
        "2.0",
        "# a comment\n[other]\nx = y\n\n[govdisclosure]\nmine = my_probe_mod:Outer.inner [pdf]\n",
    )
    _dist(second, "my_plugin", "1.0", "[govdisclosure]\nold = my_probe_mod\n")
    (first / "my_probe_mod.py").write_text("class Outer:\n    inner = 42\n")
    monkeypatch.syspath_prepend(str(second))
    monkeypatch.syspath_prepend(str(first))
    found = [p for p in _discovery.entry_points("govdisclosure") if p.name in {"mine", "old"}]
    assert [(p.name, p.package, p.version) for p in found] == [("mine", "My.Plugin", "2.0")]
    assert found[0].load() == 42
    assert [(p.name, p.value) for p in found] == [
        (p.name, p.value) for p in importlib.metadata.entry_points(group="govdisclosure") if p.name in {"mine", "old"}
    ]


def test_a_value_that_names_no_module_fails_to_load() -> None:
    with pytest.raises(ImportError, match="does not name a module"):
        _discovery.EntryPoint("bad", "not a module!", "p", "1").load()


def test_a_zip_on_the_path_is_left_to_importlib_metadata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(
            "zipped_plugin-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: zipped-plugin\nVersion: 1.0\n"
        )
        zipped.writestr("zipped_plugin-1.0.dist-info/entry_points.txt", "[govdisclosure]\nzipped = zipped_plugin\n")
    monkeypatch.syspath_prepend(str(archive))
    found = {p.name: p for p in _discovery.entry_points("govdisclosure")}
    assert (found["zipped"].package, found["zipped"].version) == ("zipped-plugin", "1.0")


def test_finding_plugins_does_not_import_importlib_metadata() -> None:
    import subprocess

    code = (
        "import sys; from govdisclosure.plugins import get_plugin_manager; get_plugin_manager(); "
        "print('importlib.metadata' in sys.modules, 'email' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]
