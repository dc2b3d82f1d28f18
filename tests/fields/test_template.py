"""``govdisclosure new``: the prose the outline asks for, with a field for every figure."""

from __future__ import annotations

import re
from decimal import Decimal

import attrs
import pytest

from govdisclosure import fields, serialization
from govdisclosure.editions import spec_for
from govdisclosure.model import Edition, Metric, Paragraph, Section
from govdisclosure.scaffold import prose, template
from govdisclosure.testing import sample_report


@pytest.mark.parametrize("edition", list(Edition))
def test_the_template_prose_is_all_fields(edition: Edition) -> None:
    texts = prose(spec_for(edition))
    assert texts
    for text in texts.values():
        assert not re.search(r"\d", re.sub(r"\{[^}]*\}", "", text)), text  # every figure is a field
        assert f'#   - "{text}"' in template(edition, agency="某局", year=2024)


@pytest.mark.parametrize("edition", list(Edition))
def test_taken_in_the_template_prose_prints_the_tables(edition: Edition) -> None:
    report = sample_report(edition)
    report = attrs.evolve(report, metrics=(Metric("processing_fees", "信息处理费", Decimal(120), "元"),))
    texts = prose(spec_for(edition))

    def take_in(section: Section) -> Section:
        body = (Paragraph(texts[section.key]),) if section.key in texts else section.body
        return attrs.evolve(section, body=body, subsections=tuple(take_in(s) for s in section.subsections))

    written = attrs.evolve(report, sections=tuple(take_in(section) for section in report.sections))
    again = serialization.loads(serialization.dumps_yaml(written))  # as a clerk's file
    printed = [s.body[0].text for _, s in again.walk_sections() if s.key in texts and isinstance(s.body[0], Paragraph)]
    assert len(printed) >= 2
    assert all("{" not in text for text in printed)
    assert any("120元" in text for text in printed)
    assert fields.resolve(written) == again
