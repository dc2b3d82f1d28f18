"""Bounded work for every input: hostile files are refused at once with a message, never an internal error."""

from __future__ import annotations

import json
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

import govdisclosure
from govdisclosure.cli import main
from govdisclosure.serialization import ReportLoadError, dumps_json, loads
from govdisclosure.serialization.limits import MAX_TEXT_CHARS, MAX_VALUES
from govdisclosure.serialization.yaml_reader import MAX_EXPANDED_CHARS
from tests.helpers import EXAMPLES

HUAIAN_YAML = (EXAMPLES / "huaian-city-2024.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def canonical() -> str:
    return dumps_json(govdisclosure.load(EXAMPLES / "huaian-city-2024.yaml"))


def _refused(path: Path, capsys: pytest.CaptureFixture[str], *command: str) -> str:
    start = time.monotonic()
    status = main([*(command or ("validate",)), str(path)])
    took = time.monotonic() - start
    err = capsys.readouterr().err
    assert status == 2, err
    assert took < 5, took
    assert "internal error" not in err
    assert "Traceback" not in err
    return err


def test_aliases_that_amplify_a_long_text_are_refused_by_expanded_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "长" * 1_000_000
    lines = [f"long: &t {text}", "copies:"] + ["  - *t"] * 100  # a 3 MB file naming 100 MB of text
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    tracemalloc.start()
    try:
        err = _refused(path, capsys)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert f"more than {MAX_EXPANDED_CHARS // 1_000_000} million characters of text" in err
    assert peak < 400 * 1024 * 1024


@pytest.mark.parametrize("number", ["1e999999999", "1e-999999999", "9" * 5000, "0." + "1" * 5000])
def test_enormous_numbers_are_refused_at_once_in_yaml_and_json(
    number: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], canonical: str
) -> None:
    yaml_file = tmp_path / "n.yaml"
    yaml_file.write_text(HUAIAN_YAML.replace("natural_person: 3001", f"natural_person: {number}", 1), encoding="utf-8")
    err = _refused(yaml_file, capsys)
    assert "$.requests.received.natural_person" in err
    assert ("digits" in err) or ("exponent beyond" in err)
    json_file = tmp_path / "n.json"
    json_file.write_text(canonical.replace('"value": 3940', f'"value": {number}', 1), encoding="utf-8")
    err = _refused(json_file, capsys)
    assert "$.metrics[0].value: the number " in err
    assert "which no report can hold" in err


def _json_file(tmp_path: Path, canonical: str, change: object) -> Path:
    data = json.loads(canonical)
    change(data)  # type: ignore[operator]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_clear_messages_instead_of_internal_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], canonical: str
) -> None:
    surrogate = tmp_path / "surrogate.json"
    surrogate.write_text(canonical.replace('"淮安市人民政府"', '"\\ud800淮安"', 1), encoding="utf-8")
    assert "$.agency.name: the text holds a lone surrogate (U+D800" in _refused(surrogate, capsys)

    def long_text(d: dict) -> None:  # type: ignore[type-arg]
        d["preamble"] = ["字" * (MAX_TEXT_CHARS + 1)]

    err = _refused(_json_file(tmp_path, canonical, long_text), capsys)
    assert "$.preamble[0]: a text of 100,001 characters; one text holds at most 100,000" in err

    def future(d: dict) -> None:  # type: ignore[type-arg]
        d["published_on"] = "2204-03-01"

    err = _refused(_json_file(tmp_path, canonical, future), capsys)
    assert "$.published_on: expected a date from 2008 to 2101, got 2204-03-01 (a typo in the year?)" in err

    def deep(d: dict) -> None:  # type: ignore[type-arg]
        nested: list[object] = []
        for _ in range(400):
            nested = [nested]
        d["preamble"] = nested

    assert "nested more than 64 levels deep" in _refused(_json_file(tmp_path, canonical, deep), capsys)
    deep_yaml = tmp_path / "deep.yaml"
    deep_yaml.write_text(HUAIAN_YAML + "\nextra: " + "[" * 400 + "]" * 400 + "\n", encoding="utf-8")
    assert "nested more than 64 levels deep" in _refused(deep_yaml, capsys)

    def huge(d: dict) -> None:  # type: ignore[type-arg]
        d["requests"]["received"]["natural_person"] = 10**25

    assert "which no report can hold" in _refused(_json_file(tmp_path, canonical, huge), capsys)

    def many(d: dict) -> None:  # type: ignore[type-arg]
        d["preamble"] = [f"第{i}段。" for i in range(100_000)]

    err = _refused(_json_file(tmp_path, canonical, many), capsys, "render", "-o", str(tmp_path / "o"))
    assert f"more than {MAX_VALUES:,} values" in err
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").iterdir())


def test_a_name_and_title_longer_than_a_docx_property_still_render(tmp_path: Path, canonical: str) -> None:
    data = json.loads(canonical)
    data["agency"]["name"] = "某" * 300
    data["title"] = "二〇二四年度" + "题" * 400
    report = loads(json.dumps(data, ensure_ascii=False), format="json")
    path = govdisclosure.render_file(report, tmp_path / "long.docx")
    with zipfile.ZipFile(path) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
        document = archive.read("word/document.xml").decode("utf-8")
    assert "某" * 254 + "…" in core
    assert "某" * 255 not in core
    assert "某" * 300 in document  # the document itself shows the whole name
    assert govdisclosure.verify_file(path).ok


def test_a_large_report_is_stopped_by_the_timeout(tmp_path: Path, canonical: str) -> None:
    data = json.loads(canonical)
    data["preamble"] = [f"第{i}段，政府信息公开工作情况说明。" for i in range(3000)]
    path = tmp_path / "large.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    start = time.monotonic()
    status = main(["render", str(path), "--to", "pdf", "-o", str(tmp_path / "o"), "--timeout", "1", "-j", "1"])
    assert status == 1
    assert time.monotonic() - start < 10
    assert not [p for p in (tmp_path / "o").iterdir() if not p.name.startswith(".")]


def test_loading_refuses_before_converting(canonical: str) -> None:
    with pytest.raises(ReportLoadError, match="has 5000 digits"):
        loads(canonical.replace('"total": 3119', '"total": ' + "7" * 5000, 1), format="json")
