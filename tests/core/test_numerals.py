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
    assert [int(chinese_number(t)) for t in ("十", "十五", "一百零五", "三千二百万", "一亿三千万", "两万五千", "1.5亿", "一百五", "一亿五")] == [
        10, 15, 105, 32_000_000, 130_000_000, 25_000, 150_000_000, 150, 150_000_000]
    assert [english_number(t) for t in ("a hundred and twenty-five", "two thousand", "twelve thirty", "a")] == [125, 2000, None, None]


def test_no_number_is_cheap_to_find() -> None:
    assert numbers_in("The river was quiet in the morning.") == frozenset()
    assert numbers_in("河面很安静。") == frozenset()


@pytest.mark.parametrize(("english", "chinese", "canonical"), [
    ("a temperature of 37.8 degrees", "体温三十七度八", "37.8"),
    ("a temperature of 37.8 degrees", "体温37度8", "37.8"),
    ("he is 1.2 m tall", "他身高一米二", "1.2"),
    ("she is 1.75 metres tall", "她身高一米七五", "1.75"),
    ("it costs 2.5 yuan", "两块五", "2.5"),
    ("a third of the people", "三分之一的人", "1/3"),
    ("one third of the people", "三分之一的人", "1/3"),
    ("1/3 of the people", "三分之一的人", "1/3"),
    ("two-thirds of the vote", "三分之二的选票", "2/3"),
    ("three quarters of them", "四分之三", "3/4"),
    ("prices fell by a fifth.", "价格下降了五分之一。", "1/5"),
    ("50% of the people", "五成的人", "50"),
    ("seventy per cent sure", "七成把握", "70"),
    ("in the 1950s", "上世纪五十年代", "50s"),
    ("in the fifties", "五十年代", "50s"),
    ("in the late 1980s", "1980年代末", "80s"),
    ("the nineties", "90年代", "90s"),
    ("a man in his thirties", "三十多岁的男人", "30"),
    ("2.6 to 2.8 billion", "二十六亿至二十八亿", "2600000000 2800000000"),
    ("2.6 to 2.8 billion", "26亿到28亿", "2600000000 2800000000"),
    ("2.6-2.8 billion", "二十六至二十八亿", "2600000000 2800000000"),
    ("two or three million", "两三百万", None),
    ("twenty-five to thirty thousand", "两万五到三万", "25000 30000"),
])
def test_forms_written_differently_read_alike(english: str, chinese: str, canonical: str | None) -> None:
    if canonical is None:  # 两三百万 is read as 3 million only: one shared number is enough
        assert numbers_in(english) & numbers_in(chinese), (numbers(english), numbers(chinese))
        return
    assert numbers(english) == canonical
    assert numbers(chinese) == canonical


def test_words_that_are_not_fractions_decades_or_ranges() -> None:
    assert numbers("one of them, a third time, a third-rate way, a quarter of an hour") == ""
    assert numbers("the third day") == "3"
    assert numbers("a quarter past six") == "6 t6:15"
    assert numbers("from 9 to 5 pm") == "5 9 t5:00"
    assert numbers("thirty-six thousand, five hundred and one blocks") == "36000 501"
    assert numbers("in 2019 to 3 million") == "2019 3000000"  # not a range: 2019 > 3
    assert numbers("2 million to 3 million") == "2000000 3000000"
    assert numbers("24/7") == "24 7"
    assert numbers("一样，一起，一成不变，一块一块地，一度很流行，一块儿") == ""
    assert numbers("十米二十米") == "10 20"
    assert numbers("三到五点") == "3 5 t5:00"
    assert numbers("百分百，百分之百") == "100"
    assert numbers("二十世纪九十年代") == "20 90s"
    assert "1000" not in numbers("万一") and "12000" not in numbers("一万两银子")  # 两 the weight is not 2000
