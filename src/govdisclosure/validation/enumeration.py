"""Writing slips a proof-reader marks: numbered lists that skip or repeat, a count without its
number, a statistical period without its dates.

``ENUM-SEQUENCE``: "一是…二是…三是…三是" within a paragraph, and paragraphs of one section that
start （一）（三） or 1. 2. 2.; numbers generated from the section tree cannot slip, so only
the numbers typed into the text are read.  ``NUMBER-MISSING``: an item of a list of counts
whose number was lost ("全年公开核准企业资质条、施工许可证76条").  ``PERIOD-MISSING``: "统计期限自至".
"""

from __future__ import annotations

from collections.abc import Iterator

from govdisclosure._patterns import lazy
from govdisclosure.validation.findings import Evidence, Issue, Severity
from govdisclosure.validation.registry import Context, RuleRegistry

__all__ = ["chinese_number", "register"]

_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    """一 … 九十九 as an int (``None`` for anything else)."""
    if text in _DIGITS:
        return _DIGITS[text]
    if text.startswith("十"):
        rest = text[1:]
        return 10 + (_DIGITS.get(rest, 0) if rest else 0) if not rest or rest in _DIGITS else None
    if len(text) >= 2 and text[1] == "十" and text[0] in _DIGITS:
        rest = text[2:]
        if rest and rest not in _DIGITS:
            return None
        return _DIGITS[text[0]] * 10 + (_DIGITS[rest] if rest else 0)
    return None


_NUMERAL = "[一二三四五六七八九十]{1,3}"
_INLINE = lazy(rf"(?:^|[。；;，,：:！？\s])({_NUMERAL})是")
_LEADING = (
    ("（一）", lazy(rf"^\s*[（(]({_NUMERAL})[）)]")),
    ("1.", lazy(r"^\s*(\d{1,2})(?:[.．、](?!\d)|\s)")),
    ("（1）", lazy(r"^\s*[（(](\d{1,2})[）)]")),
)


_MARKER_STARTS = frozenset("（(0123456789")


def _value(marker: str) -> int | None:
    return int(marker) if marker.isdigit() else chinese_number(marker)


def _slips(markers: list[tuple[str, int, str]]) -> Iterator[tuple[str, int, int, str]]:
    """(path, expected, found, shown) for each marker out of sequence; a list restarts at 1."""
    previous: int | None = None
    for path, number, shown in markers:
        if previous is not None and number != 1 and number != previous + 1:
            yield path, previous + 1, number, shown
        previous = number


def _issue(path: str, expected: int, found: int, shown: str, style: str) -> Issue:
    kind = "重复" if found <= expected - 1 else "跳号"
    return Issue(
        (path,),
        f"编号“{shown}”{kind}：按顺序此处应为第{expected}项（{style}式编号）。",
        f"The numbering {shown!r} {'repeats' if kind == '重复' else 'skips'}: item {expected} was expected here.",
        Evidence("marker = previous + 1", found, expected),
    )


def sequences(ctx: Context) -> Iterator[Issue]:
    for path, text in ctx.texts_with("一是", "二是"):
        found = [(path, value, f"{m.group(1)}是") for m in _INLINE.finditer(text) if (value := _value(m.group(1)))]
        for slip in _slips(found):
            yield _issue(*slip, "一是、二是")
    groups: dict[str, list[tuple[str, str]]] = {}  # the paragraphs of one body that start with a marker
    for path, text in ctx.texts:
        if text.lstrip()[:1] in _MARKER_STARTS and path.endswith("]") and ".items[" not in path:
            groups.setdefault(path.rsplit("[", 1)[0], []).append((path, text))
    for paragraphs in groups.values():
        if len(paragraphs) < 2:
            continue
        for style, pattern in _LEADING:
            found = []
            for path, text in paragraphs:
                match = pattern.match(text)
                value = _value(match.group(1)) if match else None
                if match and value:
                    found.append((path, value, match.group(0).strip()))
            for slip in _slips(found):
                yield _issue(*slip, style)


# 文件、事件、条件… end in 件 or 条 without being a count.
_NOT_COUNTS = frozenset("文事案条证部稿邮软硬配要附物信组零一二三四五六七八九十百千万余多几数线链头便面专")
_MISSING = lazy(r"(?:条|件)、(?=[^、，；。]{1,20}?\d+(条|件))")  # the unit and 、, then the next count


def missing_numbers(ctx: Context) -> Iterator[Issue]:
    for path, text in ctx.texts_with("条、", "件、"):  # the lost number is in a list of counts joined by 、
        for match in _MISSING.finditer(text):
            before = text[match.start() - 1 : match.start()]
            if text[match.start()] != match.group(1) or not "\u4e00" <= before <= "\u9fff" or before in _NOT_COUNTS:
                continue  # 76条、 (a number), 文件、 (a word), or a list in another unit
            start = max(0, match.start() - 8)
            shown = text[start : match.start() + 1]
            yield Issue(
                (path,),
                f"“{shown}”缺少数字：同一句中其他各项都写明了数量，这一项的数字漏掉了。",
                f"'{shown}' has no number, while the other items of the list have one.",
            )


_NO_PERIOD = lazy(r"统计(?:期限|时限|时间)(?:为|是)?自?(?:[^\d，。；]{0,3})至(?:[^\d，。；]{0,3})(?:止)?[。；，]")


def missing_period(ctx: Context) -> Iterator[Issue]:
    for path, text in ctx.texts_with("统计"):
        match = _NO_PERIOD.search(text)
        if match is not None:
            yield Issue(
                (path, "$.year"),
                f"“{match.group(0)}”没有写明起止日期（应为“自{ctx.report.year}年1月1日起至{ctx.report.year}年12月31日止”）。",
                f"The statistical period '{match.group(0)}' has no dates.",
            )


# A half-width , : ; between two Chinese characters.  The neighbours are checked in Python: a
# character class of the 20,992 ideographs costs `re` 4 ms to compile, every start that reaches it.
_HALF_WIDTH = lazy(r"[,:;]")


def _half_width_at(text: str) -> Iterator[int]:
    """The index of each half-width , : ; that follows a Chinese character (or ” ）) and precedes one (or “ （)."""
    for match in _HALF_WIDTH.finditer(text, 1, len(text) - 1):
        before, after = text[match.start() - 1], text[match.end()]
        if ("\u4e00" <= before <= "\u9fff" or before in "”）") and ("\u4e00" <= after <= "\u9fff" or after in "“（"):
            yield match.start()


def half_width(ctx: Context) -> Iterator[Issue]:
    if next(_half_width_at(ctx.full_text), None) is None:
        return
    for path, text in ctx.texts_with(",", ":", ";"):
        shown = [text[max(0, at - 4) : at + 5] for at in _half_width_at(text)]
        if shown:
            yield Issue(
                (path,),
                f"中文句中用了半角标点：{'；'.join(f'“{s}”' for s in shown)}，应使用全角的“，”“：”“；”。",
                f"Half-width punctuation in Chinese text: {', '.join(shown)}.",
            )


def register(registry: RuleRegistry) -> None:
    registry.rule(
        "ENUM-SEQUENCE",
        Severity.WARNING,
        title="Numbered lists that skip or repeat",
        title_zh="编号跳号或重复",
        description="一是、二是… within a paragraph, and paragraphs of a section that start （一） or 1. or （1）, "
        "count up one at a time (a list may restart at 1). Headings numbered by govdisclosure cannot slip; the "
        "numbers typed into the text can.",
        source="county scoring sheets and provincial 通报 (issue 13): 一是…三是…三是, （一）（三）",
    )(sequences)
    registry.rule(
        "NUMBER-MISSING",
        Severity.WARNING,
        title="A count without its number",
        title_zh="数量缺少数字",
        description="In a list of counts (…76条、…121条), an item that ends in 条 or 件 with no number before it: the "
        "figure was lost in editing.",
        source="pingtan 2019 (全年公开核准企业资质条、施工许可证76条)",
    )(missing_numbers)
    registry.rule(
        "PERIOD-MISSING",
        Severity.WARNING,
        title="Statistical period without dates",
        title_zh="统计期限缺少起止日期",
        description="The sentence that states the statistical period gives no dates (本报告所列数据的统计期限自至。).",
        source="pingtan county 2013; legacy-2008.md §2 (reporting-period phrasing)",
    )(missing_period)
    registry.rule(
        "PUNCT-HALFWIDTH",
        Severity.WARNING,
        title="Half-width punctuation in Chinese text",
        title_zh="中文中使用半角标点",
        description="A half-width comma, colon or semicolon between Chinese characters (完善工作机制,细化…); "
        "official documents use full-width punctuation (GB/T 15834).",
        source="GB/T 15834-2011; pingtan 2019 and 2021 (推进监管执法信息公开,通过 / 存在的主要问题:政策)",
    )(half_width)
