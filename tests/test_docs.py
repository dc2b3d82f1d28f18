"""The Python examples in README.md and docs/ run as written."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest

from govdisclosure import editions
from govdisclosure.model import Edition
from tests.helpers import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


def test_there_are_examples_to_run() -> None:
    assert sum(len(_blocks(path)) for path in DOCS) >= 6


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_python_examples_run(path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A page's examples run in order, in one namespace, as a reader would type them.

    They run in a fresh folder holding the examples, as a checkout would.  The plugin
    tutorial's first example is the module ``my_gd_plugin`` that later ones import.
    """
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "my_gd_plugin"}
    module = types.ModuleType("my_gd_plugin")
    module.__dict__.update(namespace)
    monkeypatch.setitem(sys.modules, "my_gd_plugin", module)
    before = set(Edition)
    try:
        for index, code in enumerate(_blocks(path)):
            exec(compile(code, f"{path.name} example {index}", "exec"), namespace)
            module.__dict__.update(namespace)
        for name, value in list(namespace.items()):
            if name.startswith("Test") and isinstance(value, type):
                case = value()
                for test in dir(case):
                    if test.startswith("test_") and test != "test_found_through_its_entry_point":
                        getattr(case, test)()
    finally:
        for edition in set(Edition) - before:  # an example that adds an edition must not leak it to other tests
            editions.unregister(edition)


def test_readme_starts_with_the_two_commands() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[2:6] == [
        "```sh",
        "bash scripts/setup.sh && .venv/bin/govdisclosure render examples/harbin-qts-2011.yaml -o out",
        "bash scripts/test.sh",
        "```",
    ]
    assert (ROOT / ".ci" / "run").read_text().strip().endswith("bash scripts/test.sh")


def test_yaml_examples_in_docs_load() -> None:
    import govdisclosure

    text = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    (snippet,) = re.findall(r"```yaml\n(.*?)```", text, re.S)
    report = govdisclosure.loads("agency: {name: 某局}\nyear: 2023\n" + snippet)
    assert type(report.proactive).__name__ == "TrialProactiveTable"
    assert report.requests is not None
    assert report.requests.other_handling_is_single_row
