"""Fields in input files: check reports a bad field with its line; JSON keeps both texts; YAML stays plain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govdisclosure
from govdisclosure import fields, serialization
from govdisclosure.cli import main
from govdisclosure.model import Paragraph
from tests.helpers import EXAMPLES

HUAIAN = (EXAMPLES / "huaian-city-2024.yaml").read_text(encoding="utf-8")
ASKED = "全市共受理政府信息公开申请{requests.received.total}件"


def test_a_bound_example_reads_with_its_printed_text_and_its_writing() -> None:
    report = serialization.loads(HUAIAN)
    paragraph = report.sections[0].subsections[1].body[0]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.source is not None
    assert ASKED in paragraph.source
    assert "全市共受理政府信息公开申请3119件" in paragraph.text
    assert "{" not in paragraph.text


def test_canonical_json_keeps_the_writing_and_the_printed_text() -> None:
    report = serialization.loads(HUAIAN)
    data = json.loads(serialization.dumps_json(report))
    paragraph = data["sections"][0]["subsections"][1]["body"][0]
    assert ASKED in paragraph["text"]
    assert "全市共受理政府信息公开申请3119件" in paragraph["printed"]
    assert serialization.loads(serialization.dumps_json(report), format="json") == report
    # A paragraph without fields is still a plain string, as before.
    assert isinstance(data["preamble"][0], str)


def test_yaml_is_written_as_the_clerk_writes_it() -> None:
    report = serialization.loads(HUAIAN)
    text = serialization.dumps_yaml(report)
    assert ASKED in text
    assert "printed" not in text
    assert serialization.loads(text) == report


def test_a_stale_printed_text_in_json_is_worked_out_again() -> None:
    report = serialization.loads(HUAIAN)
    data = json.loads(serialization.dumps_json(report))
    data["sections"][0]["subsections"][1]["body"][0]["printed"] = "全市共受理政府信息公开申请9件"
    assert serialization.loads(json.dumps(data, ensure_ascii=False), format="json") == report


def test_old_files_read_as_before() -> None:
    original = serialization.loads(HUAIAN)
    unbound = fields.unbind(original)
    again = serialization.loads(serialization.dumps_yaml(unbound))
    assert again == unbound
    assert all(p.source is None for _, p in _paragraphs(again))


def _paragraphs(report: govdisclosure.Report) -> list[tuple[str, Paragraph]]:
    found: list[tuple[str, Paragraph]] = []
    fields.map_paragraphs(report, lambda path, p: found.append((path, p)) or p)  # type: ignore[func-returns-value]
    return found


PATH = "$.sections[0].subsections[1].body[0]"
LINE = serialization.read_yaml(HUAIAN)[1][PATH][0]
"""The line where the paragraph stands (its ``|-``)."""


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        ("{requests.recieved.total}", "no field 'recieved'; its fields are received, carried_over"),
        ("{requests.__class__}", "holds '_'"),
        ("{requests.received.total", "not closed"),
    ],
)
def test_check_names_a_bad_field_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], wrong: str, message: str
) -> None:
    path = tmp_path / "report.yaml"
    path.write_text(HUAIAN.replace("{requests.received.total}", wrong), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:{LINE}:" in err
    assert PATH in err
    assert message in err
    assert "Traceback" not in err


def test_check_names_a_blank_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "report.yaml"
    path.write_text(HUAIAN.replace("other_org: 4, total: 3119}", "other_org: 4, total: ~}"), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "{requests.received.total} is blank in the report" in err
    assert f"{path}:{LINE}:" in err


def test_a_literal_brace_is_written_twice(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    path.write_text(HUAIAN.replace("全市共受理", "{{全市}}共受理"), encoding="utf-8")
    paragraph = serialization.load(path).sections[0].subsections[1].body[0]
    assert isinstance(paragraph, Paragraph)
    assert "{全市}共受理政府信息公开申请3119件" in paragraph.text


def test_the_schema_accepts_a_paragraph_with_fields() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    report = serialization.loads(HUAIAN)
    jsonschema.validate(json.loads(serialization.dumps_json(report)), serialization.json_schema())


def test_diff_reads_last_years_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last = tmp_path / "2023.yaml"
    last.write_text(
        HUAIAN.replace("year: 2024", "year: 2023").replace("other_org: 4, total: 3119}", "other_org: 4, total: 3000}"),
        encoding="utf-8",
    )
    this = tmp_path / "2024.yaml"
    this.write_text(
        HUAIAN.replace("件，答复{", "件，比上年增加{diff(requests.received.total)}件，答复{", 1), encoding="utf-8"
    )
    assert main(["check", str(this)]) == 2
    assert "needs last year's report (give it with --previous)" in capsys.readouterr().err
    report = serialization.load(this, previous=serialization.load(last))
    paragraph = report.sections[0].subsections[1].body[0]
    assert isinstance(paragraph, Paragraph)
    assert "申请3119件，比上年增加119件，答复" in paragraph.text
    assert main(["validate", str(this), "--previous", str(last)]) in (0, 1)
    assert "cannot be read" not in capsys.readouterr().err
    out = tmp_path / "out.yaml"
    assert main(["bind", str(this), "--previous", str(last), "-o", str(out)]) == 0
    bound = out.read_text(encoding="utf-8")
    assert "比上年增加{diff(requests.received.total)}件，答复{requests.outcomes_total.total}件" in bound
    assert main(["render", str(this), "--previous", str(last), "-t", "html", "-o", str(tmp_path)]) in (0, 1)
    html = (tmp_path / "2024.html").read_text(encoding="utf-8")
    assert "申请3119件，比上年增加119件，答复" in html
