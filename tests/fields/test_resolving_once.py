"""A report's fields are worked out once per process; a changed report, or another last year, again."""

from __future__ import annotations

import gc
import importlib

import attrs
import pytest

import govdisclosure
from govdisclosure import fields, serialization
from govdisclosure.model import Paragraph, Report
from tests.helpers import EXAMPLES

resolving = importlib.import_module("govdisclosure.fields.resolve")  # the package exports its function resolve
HUAIAN = (EXAMPLES / "huaian-city-2024.yaml").read_text(encoding="utf-8")
DIFF = HUAIAN.replace("件，答复{", "件，比上年增加{diff(requests.received.total)}件，答复{", 1)
LAST = HUAIAN.replace("year: 2024", "year: 2023").replace("other_org: 4, total: 3119}", "other_org: 4, total: 3000}")


def _asked(report: Report) -> Paragraph:
    paragraph = report.sections[0].subsections[1].body[0]
    assert isinstance(paragraph, Paragraph)
    return paragraph


@pytest.fixture
def worked_out(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paragraphs whose fields are worked out from now on (each call of ``printed``)."""
    calls: list[str] = []
    real = resolving.printed

    def counting(text: str, report: Report, previous: Report | None = None) -> str:
        calls.append(text)
        return real(text, report, previous)

    monkeypatch.setattr(resolving, "printed", counting)
    return calls


def test_validating_and_rendering_a_read_report_work_out_nothing_again(worked_out: list[str]) -> None:
    report = serialization.loads(HUAIAN)
    read = len(worked_out)
    assert read > 0
    assert fields.resolve(report) is report
    assert fields.for_printing(report) is report
    govdisclosure.validate(report)
    assert len(worked_out) == read


def test_a_report_built_in_python_is_worked_out_once_and_its_result_is_kept(worked_out: list[str]) -> None:
    written = fields.as_written(serialization.loads(HUAIAN))
    worked_out.clear()
    first = fields.resolve(written)
    assert worked_out
    count = len(worked_out)
    assert fields.resolve(written) is first
    assert fields.resolve(first) is first
    assert len(worked_out) == count
    assert "全市共受理政府信息公开申请3119件" in _asked(first).text


def test_a_changed_report_is_worked_out_from_its_own_tables(worked_out: list[str]) -> None:
    report = serialization.loads(HUAIAN)
    paragraph = _asked(report)
    assert paragraph.source is not None
    other = paragraph.source.replace(
        "{requests.received.total}", "{requests.received.total}（另{requests.carried_over.total}件）"
    )
    assert other != paragraph.source
    subsection = attrs.evolve(report.sections[0].subsections[1], body=(Paragraph(paragraph.text, other),))
    section = attrs.evolve(report.sections[0], subsections=(report.sections[0].subsections[0], subsection))
    changed = attrs.evolve(report, sections=(section, *report.sections[1:]))
    worked_out.clear()
    resolved = fields.resolve(changed)
    assert worked_out
    assert "申请3119（另34件）件" in _asked(resolved).text
    assert "{" not in _asked(resolved).text


def test_last_years_report_is_part_of_what_is_remembered() -> None:
    last = serialization.loads(LAST)
    this = serialization.loads(DIFF, previous=last)
    assert "申请3119件，比上年增加119件，答复" in _asked(this).text
    # Resolved against another last year, the same report prints another difference.
    other_last = serialization.loads(LAST.replace("total: 3000}", "total: 3100}"))
    again, problems = fields.resolve_collect(this, other_last)
    assert not problems
    assert "申请3119件，比上年增加19件，答复" in _asked(again).text
    # Without last year's report the difference cannot be worked out: a problem, not the remembered text.
    alone, problems = fields.resolve_collect(this)
    assert [problem.path for problem in problems] == ["$.sections[0].subsections[1].body[0]"]
    assert alone is this
    assert fields.resolve_collect(this, last) == (this, [])


def test_what_is_remembered_goes_with_the_report() -> None:
    gc.collect()
    before = len(resolving._resolved._entries)
    reports = [fields.resolve(fields.as_written(serialization.loads(HUAIAN))) for _ in range(5)]
    assert len(resolving._resolved._entries) > before
    del reports
    gc.collect()
    assert len(resolving._resolved._entries) == before
