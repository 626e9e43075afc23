"""Numbers, times and dates in either language reduced to one spelling."""

from __future__ import annotations

import pytest

from studyapp.core.text.numerals import chinese_number, english_number, numbers_in


def numbers(text: str) -> str:
    return " ".join(sorted(numbers_in(text)))


@pytest.mark.parametrize(("english", "chinese"), [
    ("At twenty-one, I was sent to Yunnan.", "我二十一岁时去了云南。"),
    ("3.4 million people live here.", "这里住着340万人。"),
    ("a budget of $200 billion", "2000亿美元的预算"),
    ("The shop opens at 9:00.", "商店九点开门。"),
    ("It closes at 17:00.", "下午五点关门。"),
    ("Tours start at 10:30.", "导览十点半开始。"),
    ("from 7 a.m.", "早上 7 点起"),
    ("on March 5", "三月五日"),
    ("on 5 March", "3月5日"),
    ("half of them, 50%", "百分之五十"),
    ("Chapter 21", "第二十一章"),
    ("in 1984", "一九八四年"),
    ("three hundred years", "三百年"),
    ("twenty-five yuan", "二十五元"),
])
def test_the_same_number_in_both_languages(english: str, chinese: str) -> None:
    assert numbers_in(chinese) & numbers_in(english), (numbers(english), numbers(chinese))


@pytest.mark.parametrize(("english", "chinese"), [
    ("at half past six", "六点半"),
    ("at a quarter past eleven", "十一点一刻"),
    ("at 11:15", "十一点一刻"),
    ("at a quarter to eleven", "十点三刻"),
    ("twenty minutes to nine", "八点四十分"),
    ("revenue of 1.25 billion", "营业收入十二点五亿"),
    ("42.195 kilometres", "四十二点一九五公里"),
    ("1.8 degrees warmer", "高了一点八度"),
    ("up 17%", "增长百分之十七"),
])
def test_times_decimals_and_percentages_read_alike(english: str, chinese: str) -> None:
    assert numbers_in(chinese) == numbers_in(english), (numbers(english), numbers(chinese))


def test_words_around_to_and_past_stay_numbers() -> None:
    assert numbers("two to three weeks") == "3"
    assert numbers("ten to fifteen people") == "10 15"
    assert numbers("他一点也不累，三点五公斤") == "3.5"


def test_canonical_forms() -> None:
    assert numbers("At 9:00 and 17:00 on March 5, 2.5 million people") == "17 2500000 9 d3/5 t5:00 t9:00"
    assert numbers("三月五日九点和五点，二百五十万人") == "2500000 5 9 d3/5 t5:00 t9:00"
    assert numbers("1,500 and 1.50") == "1.5 1500"


def test_one_and_two_in_words_are_not_numbers() -> None:
    assert numbers("One day the two of them went out together.") == ""
    assert numbers("有一天，他们两个一起出去了，一样高兴。") == ""
    assert numbers("我有一点累") == ""  # 一点 is "a little", not one o'clock
    assert numbers("一点钟") == "1 t1:00"


def test_parsers() -> None:
    assert [int(chinese_number(t)) for t in ("十", "十五", "一百零五", "三千二百万", "一亿三千万", "两万五千", "1.5亿")] == [
        10, 15, 105, 32_000_000, 130_000_000, 25_000, 150_000_000]
    assert [english_number(t) for t in ("a hundred and twenty-five", "two thousand", "twelve thirty", "a")] == [125, 2000, None, None]


def test_no_number_is_cheap_to_find() -> None:
    assert numbers_in("The river was quiet in the morning.") == frozenset()
    assert numbers_in("河面很安静。") == frozenset()
