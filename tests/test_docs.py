"""The Python examples in README.md and docs/ run as written."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCKS = [
    pytest.param(code, id=f"{path.name}:{index}")
    for path in DOCS
    for index, code in enumerate(re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S))
]


def test_there_are_examples_to_run() -> None:
    assert len(BLOCKS) >= 3


@pytest.mark.parametrize("code", BLOCKS)
def test_python_example_runs(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    exec(compile(code, "<doc example>", "exec"), {})


def test_readme_starts_with_the_two_commands() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[2:6] == [
        "```sh",
        "bash scripts/setup.sh && .venv/bin/govdisclosure check examples/harbin-qts-2011.yaml",
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
