from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure.chinese import format_date, heading_number, numeral, parse_date


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (dt.date(2012, 3, 2), "二〇一二年三月二日"),
        (dt.date(2024, 12, 31), "二〇二四年十二月三十一日"),
        (dt.date(2020, 10, 10), "二〇二〇年十月十日"),
        (dt.date(2021, 1, 20), "二〇二一年一月二十日"),
    ],
)
def test_format_date(date: dt.date, text: str) -> None:
    assert format_date(date) == text
    assert parse_date(text) == date


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_every_date_reads_back(date: dt.date) -> None:
    assert parse_date(format_date(date)) == date


def test_parse_date_other_forms() -> None:
    assert parse_date("2012年3月2日") == dt.date(2012, 3, 2)
    assert parse_date(" 2012-03-02 ") == dt.date(2012, 3, 2)
    assert parse_date("二零一二年三月二日") == dt.date(2012, 3, 2)


@pytest.mark.parametrize("text", ["二〇一二年二月三十日", "明年春天", "2012/13/01"])
def test_parse_date_refuses_what_is_no_date(text: str) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_date(text)


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (99, "九十九"), (105, "一百零五"), (110, "一百一十")],
)
def test_numeral(n: int, text: str) -> None:
    assert numeral(n) == text


def test_heading_numbers_follow_the_official_order() -> None:
    assert [heading_number(1, i) for i in range(3)] == ["一、", "二、", "三、"]
    assert [heading_number(2, i) for i in range(2)] == ["（一）", "（二）"]
    assert heading_number(3, 0) == "1."
    assert heading_number(4, 1) == "（2）"


def test_wide_characters_take_two_columns() -> None:
    from govdisclosure.chinese import display_width, is_wide

    assert [is_wide(c) for c in "政，Ａa1 "] == [True, True, True, False, False, False]
    assert display_width("淮安市2024年") == 2 * 4 + 4
    assert display_width("") == 0
