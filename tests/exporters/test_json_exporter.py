from __future__ import annotations

import json
from decimal import Decimal

import govdisclosure
from govdisclosure.model import Report
from govdisclosure.serialization import SCHEMA_VERSION


def test_canonical_json(huaian: Report) -> None:
    data = govdisclosure.render(huaian, "json")
    text = data.decode("utf-8")
    assert data == govdisclosure.render(huaian, "json")  # byte-identical
    parsed = json.loads(text, parse_float=Decimal)
    assert list(parsed)[:3] == ["schema_version", "edition", "agency"]
    assert parsed["schema_version"] == SCHEMA_VERSION
    assert parsed["edition"] == "national-2021"
    assert "淮安市人民政府" in text  # UTF-8, not \\u escapes
    assert '"amount_10k_yuan": 96171.6' in text  # the amount exactly as written, a JSON number
    assert govdisclosure.loads(text, format="json") == huaian
    assert text.endswith("}\n")


def test_every_key_in_model_order(seed: Report) -> None:
    parsed = json.loads(govdisclosure.render(seed, "json"))
    assert list(parsed["agency"]) == [
        "name",
        "kind",
        "level",
        "region",
        "parent",
        "compiled_by",
        "website",
        "reports_for",
    ]
    assert parsed["published_on"] == "2012-03-02"
