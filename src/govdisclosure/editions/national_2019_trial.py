"""The national trial format of 2019 (国办公开办函〔2019〕60号): labels and layouts.

It differs from 2021 in Table 2 and in （六）其他处理, a single row here; see
shared/spec/national-2019-trial.md.
"""

from __future__ import annotations

from govdisclosure.editions import EditionSpec, ProactiveBlock, ProactiveRow, RequestRow, register
from govdisclosure.editions.national_2021 import (
    OUTCOMES_LABEL,
    OVERVIEW_TOPICS,
    REQUEST_NOTE,
    REQUEST_ROWS_HEAD,
    REQUEST_ROWS_TAIL,
    SECTIONS,
)
from govdisclosure.model import AppealsTable, Edition, TrialProactiveTable

__all__ = ["SPEC"]

_ITEM_COLUMNS = ("上一年项目数量", "本年增/减", "处理决定数量")


def _item_row(label: str, path: str) -> ProactiveRow:
    return ProactiveRow(label, (f"{path}.previous_items", f"{path}.change", f"{path}.decisions"))


PROACTIVE_BLOCKS = (
    ProactiveBlock(
        "第二十条第（一）项",
        ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        (
            ProactiveRow("规章", ("regulations.produced", "regulations.published", "regulations.total_published")),
            ProactiveRow(
                "规范性文件",
                (
                    "normative_documents.produced",
                    "normative_documents.published",
                    "normative_documents.total_published",
                ),
            ),
        ),
    ),
    ProactiveBlock(
        "第二十条第（五）项",
        _ITEM_COLUMNS,
        (_item_row("行政许可", "licensing"), _item_row("其他对外管理服务事项", "other_services")),
    ),
    ProactiveBlock(
        "第二十条第（六）项",
        _ITEM_COLUMNS,
        (_item_row("行政处罚", "penalties"), _item_row("行政强制", "enforcement")),
    ),
    ProactiveBlock(
        "第二十条第（八）项",
        ("上一年项目数量", "本年增/减"),
        (ProactiveRow("行政事业性收费", ("fees.previous_items", "fees.change")),),
    ),
    ProactiveBlock(
        "第二十条第（九）项",
        ("采购项目数量", "采购总金额"),
        (ProactiveRow("政府集中采购", ("procurement.items", "procurement.amount")),),
    ),
)

SPEC = register(
    EditionSpec(
        edition=Edition.NATIONAL_2019_TRIAL,
        name="政府信息公开工作年度报告格式（试行）",
        short_name="2019年试行格式",
        years=(2019, 2020),
        proactive_layout=TrialProactiveTable,
        appeals_layout=AppealsTable,
        single_other_handling=True,
        basis="国办公开办函〔2019〕60号",
        title_pattern="{year}年政府信息公开工作年度报告",
        sections=SECTIONS,
        overview_topics=OVERVIEW_TOPICS,
        proactive_blocks=PROACTIVE_BLOCKS,
        request_rows=(
            *REQUEST_ROWS_HEAD,
            RequestRow("other_handling", (OUTCOMES_LABEL, "（六）其他处理")),
            *REQUEST_ROWS_TAIL,
        ),
        request_note=REQUEST_NOTE,
        has_appeals_table=True,
    )
)
