"""A fourth edition added from outside the package: one spec and one Edition member, no change under src/.

The toy format is a province's variant of the 2021 format for reports from 2030: the 2021
tables and outline, its own title, and an earlier deadline for governments (28 February).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import attrs
import docx
import pytest

import govdisclosure
from govdisclosure import editions
from govdisclosure.cli import main
from govdisclosure.editions import national_2021
from govdisclosure.model import AgencyKind, Edition
from govdisclosure.serialization import dumps_yaml
from govdisclosure.testing import sample_report

TITLE = "2030年度政府信息公开工作报告（某省格式）"


@pytest.fixture
def toy() -> Iterator[Edition]:
    edition = Edition.define("toy-province-2030", "TOY_PROVINCE_2030")
    spec = attrs.evolve(
        national_2021.SPEC,
        edition=edition,
        name="某省政府信息公开工作年度报告格式（2030年试点）",
        short_name="某省2030年格式",
        title_pattern="{year}年度政府信息公开工作报告（某省格式）",
        years=(2030, None),
        government_deadline=(2, 28),
    )
    editions.register(spec)
    yield edition
    editions.unregister(edition)


def test_the_toy_edition_is_listed_and_read(toy: Edition, tmp_path: Path) -> None:
    assert Edition("toy-province-2030") is toy
    assert toy in list(Edition)
    report = sample_report(toy)
    assert report.year == 2030
    path = tmp_path / "toy.yaml"
    path.write_text(dumps_yaml(report), encoding="utf-8")
    assert "edition: toy-province-2030" in path.read_text(encoding="utf-8")
    assert govdisclosure.load(path) == report
    assert main(["check", str(path)]) == 0


def test_the_toy_edition_is_validated_with_its_own_deadline_and_years(toy: Edition) -> None:
    report = sample_report(toy)
    government = attrs.evolve(
        report, agency=attrs.evolve(report.agency, kind=AgencyKind.GOVERNMENT), published_on=dt.date(2031, 3, 15)
    )
    codes = [f.code for f in govdisclosure.validate(government)]
    assert "DEADLINE" in codes  # 15 March is late under the toy's 28 February, not under the national 31 March
    assert "T3-BALANCE" not in codes  # the table rules apply, and the sample's tables add up
    assert "T3-BALANCE" in [r.code for r in govdisclosure.default_plugins().rules.rules() if r.applies_to(toy)]
    too_early = [f for f in govdisclosure.validate(attrs.evolve(report, year=2025)) if f.code == "EDITION-YEAR"]
    assert len(too_early) == 1
    assert "应使用2021年格式" in too_early[0].message


@pytest.mark.parametrize("fmt", ["json", "html", "docx", "pdf"])
def test_the_toy_edition_renders_in_every_format(toy: Edition, fmt: str, tmp_path: Path) -> None:
    report = sample_report(toy)
    data = govdisclosure.render(report, fmt)
    if fmt == "json":
        assert json.loads(data)["edition"] == "toy-province-2030"
    elif fmt == "html":
        assert TITLE in data.decode()
    elif fmt == "docx":
        assert TITLE in [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    else:
        path = tmp_path / "toy.pdf"
        path.write_bytes(data)
        assert govdisclosure.verify_file(path).ok
