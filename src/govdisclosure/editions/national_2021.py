"""The national format of 2021 (国办公开办函〔2021〕30号): labels and layouts.

Every label is copied from the template's canonical strings (full-width punctuation);
see shared/spec/national-2021.md §4.5.
"""

from __future__ import annotations

from govdisclosure.editions import (
    EditionSpec,
    ProactiveBlock,
    ProactiveRow,
    RequestRow,
    SectionSpec,
    register,
)
from govdisclosure.model import AppealsTable, Edition, ProactiveTable

__all__ = ["OUTCOMES_LABEL", "REQUEST_NOTE", "REQUEST_ROWS_HEAD", "REQUEST_ROWS_TAIL", "SECTIONS", "SPEC"]

SECTIONS = (
    SectionSpec("overview", "总体情况"),
    SectionSpec("proactive", "主动公开政府信息情况"),
    SectionSpec("requests", "收到和处理政府信息公开申请情况"),
    SectionSpec("appeals", "政府信息公开行政复议、行政诉讼情况"),
    SectionSpec("problems", "存在的主要问题及改进情况"),
    SectionSpec("other_matters", "其他需要报告的事项"),
)

OVERVIEW_TOPICS = (
    SectionSpec("proactive", "主动公开情况"),
    SectionSpec("on_request", "依申请公开情况"),
    SectionSpec("information_management", "政府信息管理情况"),
    SectionSpec("platforms", "政府信息公开平台建设情况"),
    SectionSpec("oversight", "监督保障情况"),
)

PROACTIVE_BLOCKS = (
    ProactiveBlock(
        "第二十条第（一）项",
        ("本年制发件数", "本年废止件数", "现行有效件数"),
        (
            ProactiveRow("规章", ("regulations.issued", "regulations.repealed", "regulations.in_force")),
            ProactiveRow(
                "行政规范性文件",
                ("normative_documents.issued", "normative_documents.repealed", "normative_documents.in_force"),
            ),
        ),
    ),
    ProactiveBlock(
        "第二十条第（五）项",
        ("本年处理决定数量",),
        (ProactiveRow("行政许可", ("licensing.decisions",)),),
    ),
    ProactiveBlock(
        "第二十条第（六）项",
        ("本年处理决定数量",),
        (
            ProactiveRow("行政处罚", ("penalties.decisions",)),
            ProactiveRow("行政强制", ("enforcement.decisions",)),
        ),
    ),
    ProactiveBlock(
        "第二十条第（八）项",
        ("本年收费金额（单位：万元）",),
        (ProactiveRow("行政事业性收费", ("fees.amount_10k_yuan",)),),
    ),
)

REQUEST_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
OUTCOMES_LABEL = "三、本年度办理结果"

REQUEST_ROWS_HEAD = (
    RequestRow("received", ("一、本年新收政府信息公开申请数量",)),
    RequestRow("carried_over", ("二、上年结转政府信息公开申请数量",)),
    RequestRow("disclosed", (OUTCOMES_LABEL, "（一）予以公开")),
    RequestRow("partially_disclosed", (OUTCOMES_LABEL, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")),
    *(
        RequestRow(f"withheld.{path}", (OUTCOMES_LABEL, "（三）不予公开", label))
        for path, label in (
            ("state_secret", "1.属于国家秘密"),
            ("prohibited_by_law", "2.其他法律行政法规禁止公开"),
            ("three_securities_one_stability", "3.危及“三安全一稳定”"),
            ("third_party_rights", "4.保护第三方合法权益"),
            ("internal_affairs", "5.属于三类内部事务信息"),
            ("deliberative_process", "6.属于四类过程性信息"),
            ("enforcement_files", "7.属于行政执法案卷"),
            ("administrative_inquiry", "8.属于行政查询事项"),
        )
    ),
    *(
        RequestRow(f"cannot_provide.{path}", (OUTCOMES_LABEL, "（四）无法提供", label))
        for path, label in (
            ("not_held", "1.本机关不掌握相关政府信息"),
            ("requires_creation", "2.没有现成信息需要另行制作"),
            ("unclear_after_correction", "3.补正后申请内容仍不明确"),
        )
    ),
    *(
        RequestRow(f"not_processed.{path}", (OUTCOMES_LABEL, "（五）不予处理", label))
        for path, label in (
            ("petition_or_complaint", "1.信访举报投诉类申请"),
            ("repeat_request", "2.重复申请"),
            ("publication_request", "3.要求提供公开出版物"),
            ("excessive_requests", "4.无正当理由大量反复申请"),
            ("confirmation_request", "5.要求行政机关确认或重新出具已获取信息"),
        )
    ),
)
"""Table 3 rows up to （五）: shared with the trial format."""

REQUEST_ROWS_TAIL = (
    RequestRow("outcomes_total", (OUTCOMES_LABEL, "（七）总计")),
    RequestRow("carried_forward", ("四、结转下年度继续办理",)),
)

OTHER_HANDLING_ROWS = tuple(
    RequestRow(f"other_handling.{path}", (OUTCOMES_LABEL, "（六）其他处理", label))
    for path, label in (
        ("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other", "3.其他"),
    )
)

SPEC = register(
    EditionSpec(
        edition=Edition.NATIONAL_2021,
        name="政府信息公开工作年度报告格式（2021年）",
        short_name="2021年格式",
        years=(2021, None),
        proactive_layout=ProactiveTable,
        appeals_layout=AppealsTable,
        basis="国办公开办函〔2021〕30号",
        title_pattern="{year}年政府信息公开工作年度报告",
        sections=SECTIONS,
        overview_topics=OVERVIEW_TOPICS,
        proactive_blocks=PROACTIVE_BLOCKS,
        request_rows=(*REQUEST_ROWS_HEAD, *OTHER_HANDLING_ROWS, *REQUEST_ROWS_TAIL),
        request_note=REQUEST_NOTE,
        has_appeals_table=True,
    )
)
