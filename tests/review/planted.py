"""A unit report with three planted mistakes, and where each one is in the official template."""

from __future__ import annotations

import attrs

from govdisclosure import model as m
from govdisclosure.testing.units import unit_report

__all__ = ["PLANTED", "planted_report"]

#: The planted cells and the (code, table, row, column) of each finding that must point at them.
PLANTED = {
    "$.appeals.review.total": [
        ("T4-GROUP-TOTAL", "四、政府信息公开行政复议、行政诉讼情况", "", "行政复议 / 结果维持至总计（5项）"),
    ],
    "$.appeals.litigation_direct.total": [
        (
            "T4-GROUP-TOTAL",
            "四、政府信息公开行政复议、行政诉讼情况",
            "",
            "行政诉讼 / 未经复议直接起诉 / 结果维持至总计（5项）",
        ),
    ],
    # A figure typed wrong in Table 3 breaks its row total and its column's （七）总计: both point at it.
    "$.requests.withheld.state_secret.natural_person": [
        (
            "T3-ROW-TOTAL",
            "三、收到和处理政府信息公开申请情况",
            "三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密",
            "申请人情况 / 自然人至总计（7项）",
        ),
        (
            "T3-OUTCOMES-TOTAL",
            "三、收到和处理政府信息公开申请情况",
            "三、本年度办理结果 / （一）予以公开至（七）总计（22项）",
            "申请人情况 / 自然人",
        ),
    ],
}


def planted_report(index: int = 7) -> m.Report:
    """Unit ``index`` with 复议 total +2, 直接起诉 total +1 and 1.属于国家秘密/自然人 +1."""
    report = unit_report(index)
    appeals, requests = report.appeals, report.requests
    assert isinstance(appeals, m.AppealsTable)
    assert requests is not None
    review, direct = appeals.review, appeals.litigation_direct
    appeals = attrs.evolve(
        appeals,
        review=attrs.evolve(review, total=(review.total or 0) + 2),
        litigation_direct=attrs.evolve(direct, total=(direct.total or 0) + 1),
    )
    row = requests.withheld.state_secret
    withheld = attrs.evolve(
        requests.withheld, state_secret=attrs.evolve(row, natural_person=(row.natural_person or 0) + 1)
    )
    return attrs.evolve(report, appeals=appeals, requests=attrs.evolve(requests, withheld=withheld))
