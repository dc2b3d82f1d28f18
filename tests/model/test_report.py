from __future__ import annotations

import pytest

from govdisclosure import model as m


def test_year_range() -> None:
    agency = m.Agency("某局")
    assert m.Report(m.Edition.LEGACY_2008, agency, 2008).year == 2008
    with pytest.raises(ValueError, match="year"):
        m.Report(m.Edition.LEGACY_2008, agency, 2007)


def test_sections_are_walked_in_order_with_positions(seed: m.Report) -> None:
    walked = [(position, section.title) for position, section in seed.walk_sections()]
    assert walked[0] == ((0,), "公开政府信息情况")
    assert walked[1] == ((0, 0), "主动公开政府信息")
    assert walked[-1] == ((2, 2), "创新模式，进一步探索公开方式方法。")
    assert seed.find_section("appeals") is not None
    assert seed.find_section("fees") is None


def test_metric_lookup(seed: m.Report) -> None:
    metric = seed.metric("complaints_12365")
    assert metric is not None
    assert metric.value == 211
    assert seed.metric("nothing") is None


def test_legacy_channels_total(seed: m.Report) -> None:
    proactive = seed.proactive
    assert isinstance(proactive, m.LegacyProactive)
    assert proactive.total_items == 4811
    assert proactive.computed_total == 4811
    assert m.LegacyProactive(total_items=3).computed_total is None
