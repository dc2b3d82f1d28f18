"""Money amounts with more decimal places than money has.

Table 2's 本年收费金额 is in 万元 (shared/spec/national-2021.md S3).  1 元 = 0.0001 万元 and
1 分 = 0.000001 万元, so an amount in 万元 has at most 4 decimal places when it was kept in
whole 元, and at most 6 when 角 and 分 were carried over.  Real reports print 1–2 decimals
(淮安市 2024: 96171.6; 洪泽区 2023: 7730.28); pingtan 2021 prints 24252.311082, the 元
total divided by 10,000 without rounding.  So: more than 6 decimal places is finer than 分,
which no amount of money has (``MONEY-DECIMALS``, an error); 5 or 6 places mean 角/分 were
carried into 万元 (``MONEY-FEN``, a warning: round to the 元 or to 2 decimals).  Amounts in
元 (the trial format's 采购总金额 in 元, metrics in 元) have at most 2 decimal places.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from govdisclosure._patterns import lazy
from govdisclosure.model import ProactiveTable, TrialProactiveTable
from govdisclosure.validation.findings import Evidence, Issue, Severity
from govdisclosure.validation.registry import Context, RuleRegistry

__all__ = ["decimal_places", "register"]

#: The most decimal places an amount can have in each unit (down to the 分).
MAX_PLACES = {"万元": 6, "元": 2, "亿元": 10}
#: The most an amount kept in whole 元 has.
WHOLE_YUAN_PLACES = {"万元": 4, "元": 0, "亿元": 8}


def decimal_places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _amounts(ctx: Context) -> Iterator[tuple[str, Decimal, str]]:
    """(path, amount, unit) of every money amount in the data and the text."""
    proactive = ctx.report.proactive
    if isinstance(proactive, ProactiveTable) and proactive.fees.amount_10k_yuan is not None:
        yield "$.proactive.fees.amount_10k_yuan", proactive.fees.amount_10k_yuan, "万元"
    if isinstance(proactive, TrialProactiveTable) and proactive.procurement.amount is not None:
        unit = proactive.procurement.amount_unit or ""
        if unit in MAX_PLACES:
            yield "$.proactive.procurement.amount", proactive.procurement.amount, unit
    for index, metric in enumerate(ctx.report.metrics):
        if metric.unit in MAX_PLACES:
            yield f"$.metrics[{index}].value", metric.value, metric.unit
    if _IN_TEXT.search(ctx.full_text):
        for path, text in ctx.texts_with("."):
            for match in _IN_TEXT.finditer(text):
                start = match.start()
                while start > 0 and text[start - 1].isdigit():
                    start -= 1
                if start < match.start():
                    yield path, Decimal(text[start : match.end()]), match.group(1)


_IN_TEXT = lazy(r"\.\d{3,}(?=(万元|亿元|元))")  # from the point: a literal start is fast to search


def finer_than_fen(ctx: Context) -> Iterator[Issue]:
    for path, amount, unit in _amounts(ctx):
        places = decimal_places(amount)
        if places <= MAX_PLACES[unit]:
            continue
        yield Issue(
            (path,),
            f"金额{amount}{unit}有{places}位小数，比1分还细（以{unit}计最多{MAX_PLACES[unit]}位）：数字有误。",
            f"{amount} {unit} has {places} decimal places, finer than one 分 (at most {MAX_PLACES[unit]} in {unit}).",
            Evidence(f"decimal places ≤ {MAX_PLACES[unit]}", places, MAX_PLACES[unit]),
        )


def fen_in_10k(ctx: Context) -> Iterator[Issue]:
    for path, amount, unit in _amounts(ctx):
        places = decimal_places(amount)
        if unit == "元" or not WHOLE_YUAN_PLACES[unit] < places <= MAX_PLACES[unit]:
            continue  # 角 and 分 are at home in 元
        yield Issue(
            (path,),
            f"金额{amount}{unit}有{places}位小数，把角、分也折算进了{unit}（整元只需{WHOLE_YUAN_PLACES[unit]}位）："
            f"以{unit}填报时请保留至多{WHOLE_YUAN_PLACES[unit]}位小数（通常2位）。",
            f"{amount} {unit} has {places} decimal places: 角 and 分 carried into {unit}. Round to the 元 "
            f"({WHOLE_YUAN_PLACES[unit]} places) or to 2 decimals.",
            Evidence(f"decimal places ≤ {WHOLE_YUAN_PLACES[unit]}", places, WHOLE_YUAN_PLACES[unit]),
        )


def register(registry: RuleRegistry) -> None:
    registry.rule(
        "MONEY-DECIMALS",
        Severity.ERROR,
        title="An amount finer than one 分",
        title_zh="金额小数位数超过“分”",
        description="An amount with more decimal places than money has: over 6 in 万元, over 2 in 元 (1 分 = "
        "0.000001 万元). Covers Table 2's 收费金额, the trial 采购总金额, metrics in 元/万元 and amounts in the text.",
        source="national-2021.md S3 (money in 万元); 1 元 = 0.0001 万元",
    )(finer_than_fen)
    registry.rule(
        "MONEY-FEN",
        Severity.WARNING,
        title="角 and 分 carried into 万元",
        title_zh="万元金额带有角分",
        description="An amount in 万元 with 5 or 6 decimal places: the 元 total was divided by 10,000 without "
        "rounding (24252.311082). Whole 元 need at most 4 places; reports usually print 2.",
        source="pingtan 2021 (行政事业性收费 24252.311082 万元); real reports print 1–2 decimals",
    )(fen_in_10k)
