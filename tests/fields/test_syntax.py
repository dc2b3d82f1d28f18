"""The field syntax: what parses, and hostile text refused (never evaluated)."""

from __future__ import annotations

import re
import time

import attrs
import pytest

from govdisclosure import fields, serialization
from govdisclosure.fields.syntax import Call, Field, FieldSyntaxError, Path, parse_expression, parse_text
from govdisclosure.model import Paragraph, Report
from tests.helpers import EXAMPLES

HUAIAN = EXAMPLES / "huaian-city-2024.yaml"


@pytest.fixture(scope="module")
def huaian() -> Report:
    return serialization.load(HUAIAN)


def test_text_splits_into_literals_and_fields() -> None:
    pieces = parse_text("受理{requests.received.total}件，{{括号}}")
    assert pieces == ("受理", Field(Path(("requests", "received", "total")), "requests.received.total"), "件，{括号}")


def test_paths_calls_and_indexes() -> None:
    assert parse_expression(" pct(requests.granted.total , requests.outcomes_total.total, 2) ") == Call(
        "pct", (Path(("requests", "granted", "total")), Path(("requests", "outcomes_total", "total")), 2)
    )
    assert str(parse_expression("proactive.channels[4].count")) == "proactive.channels[4].count"
    assert str(parse_expression("metrics[complaints_12365].value")) == "metrics[complaints_12365].value"


def test_values_in_the_report_number_style(huaian: Report) -> None:
    def value(text: str) -> str:
        return fields.printed(text, huaian)

    assert value("{requests.received.total}") == "3119"
    assert value("{requests.received}") == "3119"  # a row stands for its 总计
    assert value("{sum(requests.disclosed, requests.partially_disclosed)}") == str(1362 + huaian_partial(huaian))
    assert value("{proactive.fees.amount_10k_yuan}万元") == "96171.6万元"
    assert value("{pct(requests.disclosed, requests.received, 2)}%") == "43.67%"  # 1362/3119 = 43.667…
    assert value("{pct(requests.disclosed, requests.received, 0)}%") == "44%"
    assert value("{metrics[processing_fees].value}元") == "3940元"
    assert value("{{x}} {{{requests.carried_over.total}}}") == "{x} {34}"


def huaian_partial(report: Report) -> int:
    assert report.requests is not None
    assert report.requests.partially_disclosed.total is not None
    return report.requests.partially_disclosed.total


def test_a_group_is_the_sum_of_its_rows(huaian: Report) -> None:
    assert huaian.requests is not None
    rows = huaian.requests.cannot_provide.rows()
    assert fields.printed("{requests.cannot_provide}", huaian) == str(sum(row.total or 0 for _, row in rows))


def test_diff_needs_and_uses_last_year(huaian: Report) -> None:
    with pytest.raises(fields.FieldValueError, match="needs last year's report"):
        fields.printed("{diff(requests.received.total)}", huaian)
    assert huaian.requests is not None
    last_year = attrs.evolve(
        huaian,
        year=2023,
        requests=attrs.evolve(huaian.requests, received=attrs.evolve(huaian.requests.received, total=3000)),
    )
    assert fields.printed("增加{diff(requests.received.total)}件", huaian, last_year) == "增加119件"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{__import__}", "holds '_'"),
        ("{__import__('os').system('true')}", "holds '_'"),
        ("{requests.__class__}", "holds '_'"),
        ("{requests._private}", "holds '_'"),
        ("{requests.received.computed_total}", "no field 'computed_total'"),
        ("{requests.rows}", "no field 'rows'"),
        ("{requests.received.total()}", "text after its end"),
        ("{eval(requests)}", "eval() is not a function"),
        ("{ {requests.received.total} }", "fields do not nest"),
        ("{{requests.received.total}", "closes no field"),
        ("{requests.received.total", "not closed"),
        ("总计}", "closes no field"),
        ("{}", "empty field"),
        ("{requests.received.total + 1}", "holds '+'"),
        ("{Requests.received}", "holds 'R'"),
        ("{agency.name}", "not a figure"),
        ("{pct(requests.disclosed, requests.received, 9)}", "0 to 6"),
        ("{sum(requests.disclosed, 5)}", "not the number 5"),
        ("{nosuch.total}", "the report has no field 'nosuch'"),
        ("{metrics[nosuch].value}", "no item with the key 'nosuch'"),
        ("{metrics[7].value}", "has 1 items"),
        ("{" + "a." * 200 + "b}", "longer than 300"),
    ],
)
def test_hostile_or_wrong_fields_are_refused(huaian: Report, text: str, message: str) -> None:
    with pytest.raises((FieldSyntaxError, fields.FieldValueError), match=re.escape(message)):
        fields.printed(text, huaian)


def test_ten_thousand_fields_are_refused_quickly(huaian: Report) -> None:
    text = "{requests.received.total}" * 10_000
    started = time.perf_counter()
    with pytest.raises(FieldSyntaxError, match="more than 200 fields"):
        fields.printed(text, huaian)
    assert time.perf_counter() - started < 1


def test_nothing_is_evaluated(huaian: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    """A field naming a builtin or a dunder never reaches eval, getattr on an unknown name or import."""
    import builtins

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("evaluated")

    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    for text in ("{__builtins__}", "{requests.__dict__}", "{open}", "{requests.received.__class__.__mro__}"):
        with pytest.raises((FieldSyntaxError, fields.FieldValueError)):
            fields.printed(text, huaian)


def test_a_blank_cell_is_named(huaian: Report) -> None:
    assert huaian.requests is not None
    blank = attrs.evolve(
        huaian, requests=attrs.evolve(huaian.requests, received=attrs.evolve(huaian.requests.received, total=None))
    )
    with pytest.raises(fields.FieldValueError, match=r"\{requests.received.total\} is blank"):
        fields.printed("{requests.received.total}", blank)


def test_pct_refuses_a_zero_whole(huaian: Report) -> None:
    with pytest.raises(fields.FieldValueError, match="which is 0"):
        fields.printed("{pct(requests.received, requests.carried_over.research_institution, 1)}", huaian)


def test_resolve_keeps_the_writing_and_is_idempotent(huaian: Report) -> None:
    written = Paragraph("共{requests.received.total}件，占{pct(requests.disclosed, requests.received, 1)}%")
    report = attrs.evolve(huaian, preamble=(written,))
    resolved = fields.resolve(report)
    assert resolved.preamble == (Paragraph("共3119件，占43.7%", written.text),)
    assert fields.resolve(resolved) == resolved
    assert fields.unbind(resolved).preamble == (Paragraph("共3119件，占43.7%"),)


def test_render_resolves_a_report_built_in_python_and_refuses_a_bad_field(huaian: Report) -> None:
    import govdisclosure
    from govdisclosure.rendering import FieldsUnresolvedError

    good = attrs.evolve(huaian, preamble=(Paragraph("共{requests.received.total}件"),))
    assert "共3119件" in govdisclosure.render(good, "html").decode()
    bad = attrs.evolve(huaian, preamble=(Paragraph("共{requests.__class__}件"),))
    with pytest.raises(FieldsUnresolvedError, match=r"\$\.preamble\[0\]: the field \{requests.__class__\} holds '_'"):
        govdisclosure.render(bad, "html")
