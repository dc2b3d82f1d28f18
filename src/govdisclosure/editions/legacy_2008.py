"""Reports of 2008–2018 under the 2007 Regulations (国务院令第492号).

There is no national format: the report is prose.  What the Regulations do fix is
the list of topics (第三十二条) and the deadline (第三十一条, 31 March).
"""

from __future__ import annotations

from govdisclosure.editions import EditionSpec, SectionSpec, register
from govdisclosure.model import Edition, LegacyAppeals, LegacyProactive

__all__ = ["SPEC"]

#: The topics 第三十二条 of the 2007 Regulations requires, with the usual headings.
TOPICS = (
    SectionSpec("proactive", "主动公开政府信息的情况"),
    SectionSpec("on_request", "依申请公开政府信息和不予公开政府信息的情况"),
    SectionSpec("fees", "政府信息公开的收费及减免情况"),
    SectionSpec("appeals", "因政府信息公开申请行政复议、提起行政诉讼的情况"),
    SectionSpec("problems", "政府信息公开工作存在的主要问题及改进情况"),
    SectionSpec("other_matters", "其他需要报告的事项"),
)

SPEC = register(
    EditionSpec(
        edition=Edition.LEGACY_2008,
        name="政府信息公开工作年度报告（2008—2018年，条例〔2007〕第三十二条）",
        short_name="2008—2018年（无统一格式）",
        years=(2008, 2018),
        proactive_layout=LegacyProactive,
        appeals_layout=LegacyAppeals,
        tables=False,
        fixed_outline=False,
        department_deadline=(3, 31),
        date_under_title=True,
        basis="《中华人民共和国政府信息公开条例》（国务院令第492号）第三十一条、第三十二条",
        title_pattern="{year}年度政府信息公开工作报告",
        sections=TOPICS,
    )
)
