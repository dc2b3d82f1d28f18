"""The JSON Schema describes exactly the files the loader accepts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

from govdisclosure import json_schema, to_data
from govdisclosure.model import Edition, Report
from govdisclosure.scaffold import template
from govdisclosure.serialization import read_yaml
from tests.helpers import EXAMPLES
from tests.strategies import reports


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _plain(value: Any) -> Any:
    """YAML values as a JSON document would carry them (dates as text)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_examples_are_valid(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    data, _ = read_yaml(path.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(_plain(data))) == []


@pytest.mark.parametrize("edition", list(Edition))
def test_templates_are_valid(validator: jsonschema.Draft202012Validator, edition: Edition) -> None:
    data, _ = read_yaml(template(edition, agency="某局", year=2024))
    assert list(validator.iter_errors(_plain(data))) == []


_VALIDATOR = jsonschema.Draft202012Validator(json_schema())


@settings(max_examples=60, deadline=None)
@given(reports())
def test_generated_reports_are_valid(report: Report) -> None:
    errors = [e.message for e in _VALIDATOR.iter_errors(_plain(to_data(report)))]
    assert errors == []


@pytest.mark.parametrize(
    "change",
    [
        {"requests": {"received": {"total": -3}}},
        {"requests": {"received": {"totl": 3}}},
        {"year": 1999},
        {"edition": "national-2020"},
        {"proactive": {"fees": {"amount_10k_yuan": -1}}},
    ],
)
def test_mistakes_are_invalid(validator: jsonschema.Draft202012Validator, change: dict[str, Any]) -> None:
    data = {"edition": "national-2021", "agency": {"name": "某局"}, "year": 2023, **change}
    assert list(validator.iter_errors(data))


def test_fields_carry_their_descriptions() -> None:
    schema = json_schema()
    assert "统计期限" in schema["properties"]["year"]["description"]
    assert schema["$defs"]["ApplicantCounts"]["additionalProperties"] is False
