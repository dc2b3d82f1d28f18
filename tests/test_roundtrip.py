"""YAML → model → JSON → model is lossless, for generated reports of every edition."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from govdisclosure import dumps_json, loads
from govdisclosure.model import Report
from govdisclosure.serialization import dumps_yaml
from tests.strategies import reports


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_yaml_json_round_trip_is_lossless(report: Report) -> None:
    from_yaml = loads(dumps_yaml(report))
    assert from_yaml == report
    json_text = dumps_json(from_yaml)
    from_json = loads(json_text, format="json")
    assert from_json == report
    assert dumps_json(from_json) == json_text


@settings(max_examples=100, deadline=None)
@given(reports())
def test_json_is_utf8_without_escapes(report: Report) -> None:
    text = dumps_json(report)
    assert report.agency.name in text
    assert "\\u" not in text.replace("\\\\", "")
