"""Chinese dates and heading numbers, in one place.

- :func:`format_date` writes a date as official documents do: 二〇一二年三月二日.
- :func:`parse_date` reads that form back, and the Arabic form 2012年3月2日.
- :func:`heading_number` gives the number of a heading from its level and position:
  一、 at the first level, （一） at the second, 1. at the third, （1） at the fourth
  (the order of GB/T 9704-2012, 7.3.3).
- :func:`is_wide` and :func:`display_width`: a Chinese character (or a full-width form) takes
  two columns on a terminal and two of Excel's character units.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

__all__ = ["display_width", "format_date", "heading_number", "is_wide", "numeral", "parse_date", "year_digits"]

_DIGITS = "〇一二三四五六七八九"
_DIGIT_VALUES = {c: i for i, c in enumerate(_DIGITS)} | {"零": 0, "○": 0, "Ｏ": 0, "O": 0}


def numeral(n: int) -> str:
    """A count in Chinese numerals: 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五."""
    if n < 0:
        raise ValueError(f"no Chinese numeral for a negative number: {n}")
    if n < 10:
        return "零" if n == 0 else _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        tens, units = divmod(n, 10)
        return _DIGITS[tens] + "十" + (_DIGITS[units] if units else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        if rest == 0:
            tail = ""
        elif rest < 10:
            tail = "零" + _DIGITS[rest]
        else:
            tail = _DIGITS[rest // 10] + "十" + (_DIGITS[rest % 10] if rest % 10 else "")
        return _DIGITS[hundreds] + "百" + tail
    raise ValueError(f"Chinese numerals are only produced below 1000, not for {n}")


def year_digits(year: int) -> str:
    """A year digit by digit: 2012 → 二〇一二."""
    return "".join(_DIGITS[int(d)] for d in str(year))


def format_date(date: dt.date) -> str:
    """二〇一二年三月二日."""
    return f"{year_digits(date.year)}年{numeral(date.month)}月{numeral(date.day)}日"


def _value(numerals: str) -> int:
    """Read 二十一 / 十 / 三十 / 一二 (digit by digit) as a number."""
    if "十" in numerals:
        tens, _, units = numerals.partition("十")
        return (_DIGIT_VALUES[tens] if tens else 1) * 10 + (_DIGIT_VALUES[units] if units else 0)
    value = 0
    for char in numerals:
        value = value * 10 + _DIGIT_VALUES[char]
    return value


_CHINESE_DATE = re.compile(
    r"^\s*([〇零○ＯO一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日\s*$"
)
_ARABIC_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")


def parse_date(text: str) -> dt.date:
    """Read 二〇一二年三月二日, 2012年3月2日 or 2012-03-02.  Raises ValueError otherwise."""
    if match := _CHINESE_DATE.match(text):
        year, month, day = (_value(part) for part in match.groups())
    elif match := _ARABIC_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            raise ValueError(
                f"expected a date such as 2012-03-02 or 二〇一二年三月二日, got the text {text!r}"
            ) from None
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a date in the calendar ({exc})") from None


def heading_number(level: int, index: int) -> str:
    """The printed number of the ``index``-th (0-based) heading at ``level`` (1-based)."""
    n = index + 1
    if level == 1:
        return f"{numeral(n)}、"
    if level == 2:
        return f"（{numeral(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def is_wide(char: str) -> bool:
    """Whether ``char`` is wide (Unicode's East Asian Width W or F): a Chinese character or a full-width form."""
    return unicodedata.east_asian_width(char) in {"W", "F"}


def display_width(text: str) -> int:
    """The columns ``text`` takes where a wide character takes two (a terminal, Excel's column units)."""
    return sum(2 if is_wide(char) else 1 for char in text)
