"""Numbers, times and dates written in either language, reduced to one spelling.

The aligner compares the numbers of an English and a Chinese passage; a
translation writes them differently (21 / twenty-one / 二十一, 3.4 million /
340万, 5 pm / 17:00 / 下午五点, March 5 / 3月5日). ``numbers_in`` returns
canonical strings:

* plain numbers as decimals without separators or trailing zeros
  (``"21"``, ``"3400000"``, ``"3.5"``); a Chinese scale (万, 亿) or an English
  one (thousand, million, billion) is multiplied out;
* Chinese decimals read digit by digit (十二点五亿 = 1.25 billion, 四十二点一九五 = 42.195);
* clock times as ``"t5:00"`` (hour on a 12-hour dial, so 17:00 = 五点; half past
  six = 六点半, a quarter to eleven = 十点三刻), with the hour as written also as
  a plain number ("at seven" = 七点);
* a month with its day as ``"d3/5"`` (a year stays a plain number).

Words for one and two (one, a pair, 一, 两) are not collected: in running
text they are mostly not numbers (一起, 一样, "one day"). Example::

    >>> sorted(numbers_in("At 9:00 and 17:00 on March 5, 2.5 million people"))
    ['17', '2500000', '9', 'd3/5', 't5:00', 't9:00']
    >>> sorted(numbers_in("三月五日九点和五点，二百五十万人，第二十一"))
    ['21', '2500000', '5', '9', 'd3/5', 't5:00', 't9:00']
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation

_EMPTY: frozenset[str] = frozenset()

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_SCALES = {"万": 10_000, "亿": 100_000_000}
_ZH_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
_ZH_PLAIN = "零〇一二三四五六七八九"  # digits read one by one: the decimals of 四十二点一九五
_EN_UNITS = {
    w: n
    for n, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    )
}
_EN_TENS = {w: 10 * n for n, w in enumerate(["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]) if n >= 2}
_EN_ORDINALS = {
    w: n
    for n, w in enumerate(
        ["_", "_", "_", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]
    )
    if n >= 3
}
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
_MONTHS = {
    m: n
    for n, names in enumerate(
        ("", "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
         "august aug", "september sep sept", "october oct", "november nov", "december dec"),
    )
    for m in names.split()
}
_EN_HOUR = "|".join(sorted([w for w, n in _EN_UNITS.items() if 1 <= n <= 12], key=len, reverse=True))
_EN_NUMBER_WORD = "|".join(sorted([*_EN_UNITS, *_EN_TENS, *_EN_ORDINALS, *_EN_SCALES, "a"], key=len, reverse=True))
_DIGITS = r"(?<![\d.,])\d+(?:[.,]\d+)*"
# Word boundaries that also hold between a Latin word and a Chinese character.
_WORD_START, _WORD_END = r"(?<![A-Za-z])", r"(?![A-Za-z])"

_ZH_PATTERN = re.compile(
    rf"(?P<date>(?:(?P<zmonth>{_DIGITS}|[{_ZH_NUMERAL}]+)月(?P<zday>{_DIGITS}|[{_ZH_NUMERAL}]+)[日号]))"
    rf"|(?P<decimal>(?P<dint>[{_ZH_NUMERAL}]+)点(?P<dfrac>[{_ZH_PLAIN}]+)(?P<dscale>[万亿]*)(?![{_ZH_NUMERAL}分刻]))"
    rf"|(?P<time>(?P<zhour>{_DIGITS}|[{_ZH_NUMERAL}]+) ?点"
    rf"(?:(?P<zhalf>半)|(?P<zmin>{_DIGITS}|[{_ZH_NUMERAL}]+)分|(?P<zquarter>[一三])刻)?(?P<oclock>钟)?)"
    rf"|百分之(?P<percent>{_DIGITS}|[{_ZH_NUMERAL}]+)"
    rf"|(?P<zh>(?:{_DIGITS})?[{_ZH_NUMERAL}]+)"
)
_MONTH_WORD = "|".join(sorted(_MONTHS, key=len, reverse=True))
_EN_PATTERN = re.compile(
    rf"(?P<clock>(?<![\d:])(?P<hour>\d{{1,2}}):(?P<minute>\d\d)(?![\d:]))"
    rf"|(?P<meridiem>(?<![\d.])(?P<mhour>\d{{1,2}})\s*[ap]\.?m\.?{_WORD_END})"
    rf"|(?P<oclock>{_WORD_START}(?P<ohour>\d{{1,2}}|[a-z]+)\s+o['’]?clock{_WORD_END})"
    rf"|(?P<past>{_WORD_START}(?:(?P<pmin>half|(?:a\s+)?quarter|\d{{1,2}}|(?:{_EN_NUMBER_WORD})(?:[\s-](?:{_EN_NUMBER_WORD}))?)(?:\s+minutes)?\s+past"
    rf"|(?P<tmin>(?:a\s+)?quarter|(?:\d{{1,2}}|(?:{_EN_NUMBER_WORD})(?:[\s-](?:{_EN_NUMBER_WORD}))?)\s+minutes)\s+to)\s+(?P<phour>\d{{1,2}}|{_EN_HOUR}){_WORD_END})"
    rf"|(?P<mdate>{_WORD_START}(?P<month>{_MONTH_WORD})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\dA-Za-z]))"
    rf"|(?P<dmdate>(?<![\d.])(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH_WORD}){_WORD_END})"
    rf"|(?P<amount>(?:{_DIGITS}|{_WORD_START}(?:{_EN_NUMBER_WORD}){_WORD_END})"
    rf"(?:[\s-]+(?:and\s+)?{_WORD_START}(?:{_EN_NUMBER_WORD}){_WORD_END})*)",
    re.IGNORECASE,
)
_DIGIT_RE = re.compile(r"\d")
_LATIN_RE = re.compile(r"[A-Za-z]")
# Text worth reading for Chinese numbers: 一, 二 and 两 alone are not collected; 7 点 and 3月 are.
_ZH_WORTH_RE = re.compile(r"[零〇三四五六七八九十百千万亿]|[一二两][点月时]|\d ?[点月]")
_ZH_RUN_RE = re.compile(rf"(?:{_DIGITS} ?)?[{_ZH_NUMERAL}]+|{_DIGITS} ?(?=[点月])")
#: English words that make a text worth parsing for numbers (one and two alone are not collected).
_TRIGGERS = frozenset(w for w in (*_EN_UNITS, *_EN_TENS, *_EN_ORDINALS, *_EN_SCALES) if w not in ("zero", "one", "two"))
_TO_SPACES = str.maketrans({c: " " for c in "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~’“”"})


def numbers_in(text: str) -> frozenset[str]:
    """Canonical numbers, times and dates in ``text`` (either language, or both)."""
    found: set[str] = set()
    if text.isascii() or not _ZH_WORTH_RE.search(text):
        pass  # no Chinese numerals but 一, 二 and 两 on their own
    elif "点" not in text and "月" not in text and "百分之" not in text and not _DIGIT_RE.search(text):
        found.update(filter(None, map(_chinese_amount, _ZH_RUN_RE.findall(text))))  # the common case
    else:
        blanked = []
        read_to = 0
        for run in _ZH_RUN_RE.finditer(text):
            start, end = run.span()
            if start < read_to or (run.group(0) == "百" and text.startswith("分之", end)):
                continue  # inside 五点四十分 or 十二点五亿, or the 百 of 百分之
            percent = text[max(0, start - 3) : start] == "百分之"
            whole = _ZH_PATTERN.match(text, start - 3 if percent else start) if percent or text[end : end + 1] in "点月" else None
            if whole is not None and whole.group("zh") is None:  # a date, a time, a decimal, a percentage
                _collect_chinese(whole, found)
                start, end = whole.span()
                read_to = end
            else:
                amount = _chinese_amount(run.group(0).replace(" ", ""))
                if amount:
                    found.add(amount)
            if any(c.isdigit() for c in text[start:end]):
                blanked.append((start, end))
        for start, end in reversed(blanked):  # digits inside 3月5日 are not numbers of their own
            text = text[:start] + " " * (end - start) + text[end:]
    if _DIGIT_RE.search(text) or (_LATIN_RE.search(text) and not _TRIGGERS.isdisjoint(text.lower().translate(_TO_SPACES).split())):
        for match in _EN_PATTERN.finditer(text):
            _collect_english(match, found)
    return frozenset(found) if found else _EMPTY


@functools.lru_cache(maxsize=4096)
def _chinese_amount(raw: str) -> str | None:
    """The canonical number of a run of Chinese numerals (and digits), or None
    for 一, 二 and 两 on their own (mostly not numbers: 一起, 一样)."""
    value = chinese_number(raw)
    if value is None or not (value >= 3 or raw[0].isdigit() or any(c in _ZH_UNITS or c in _ZH_SCALES for c in raw)):
        return None
    return _canonical(value)


def _canonical(value: Decimal | int) -> str:
    text = format(Decimal(value).normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _time(hour: int, minute: int = 0) -> str | None:
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    return f"t{(hour - 1) % 12 + 1}:{minute:02d}"


def _collect_chinese(match: re.Match[str], found: set[str]) -> None:
    if match.group("date"):
        month, day = chinese_number(match.group("zmonth")), chinese_number(match.group("zday"))
        if month is not None and day is not None and 1 <= month <= 12 and 1 <= day <= 31:
            found.add(f"d{int(month)}/{int(day)}")
    elif match.group("decimal"):
        whole = chinese_number(match.group("dint"))
        if whole is not None:
            decimal = Decimal(f"{whole}." + "".join(str(_ZH_DIGITS[c]) for c in match.group("dfrac")))
            for scale in match.group("dscale"):
                decimal *= _ZH_SCALES[scale]
            found.add(_canonical(decimal))
    elif match.group("time"):
        exact = match.group("zmin") or match.group("zhalf") or match.group("zquarter") or match.group("oclock")
        if match.group("zhour") == "一" and not exact:
            return  # 一点 is "a little" unless it is followed by 钟
        hour = chinese_number(match.group("zhour"))
        if match.group("zquarter"):
            minute: Decimal | int | None = 15 * _ZH_DIGITS[match.group("zquarter")]
        else:
            minute = 30 if match.group("zhalf") else chinese_number(match.group("zmin") or "0")
        if hour is not None and minute is not None and hour == int(hour):
            stamp = _time(int(hour), int(minute))
            if stamp:
                found.update((stamp, _canonical(hour)))  # 七点 is also "seven" in "at seven"
    elif match.group("percent"):
        value = chinese_number(match.group("percent"))
        if value is not None:
            found.add(_canonical(value))
    else:
        amount = _chinese_amount(match.group("zh"))
        if amount:
            found.add(amount)


def chinese_number(text: str) -> Decimal | None:
    """The value of a numeral in Chinese characters and/or digits, or None.

    >>> [int(chinese_number(t)) for t in ("二十一", "一百零五", "三千二百万", "340万", "一九八四", "十")]
    [21, 105, 32000000, 3400000, 1984, 10]
    """
    prefix = re.match(_DIGITS, text)
    if prefix:
        try:
            head = Decimal(prefix.group(0).replace(",", ""))
        except InvalidOperation:
            return None
        rest = text[prefix.end() :]
        if not rest:
            return head
        if all(c in _ZH_SCALES for c in rest):
            for c in rest:
                head *= _ZH_SCALES[c]
            return head
        return None
    if not any(c in _ZH_UNITS or c in _ZH_SCALES for c in text):
        if len(text) > 1 and all(c in _ZH_DIGITS for c in text):  # 一九八四: digit by digit
            return Decimal("".join(str(_ZH_DIGITS[c]) for c in text))
        return Decimal(_ZH_DIGITS[text]) if text in _ZH_DIGITS else None
    total, section, digit = 0, 0, None
    for char in text:
        if char in _ZH_DIGITS:
            digit = _ZH_DIGITS[char]
        elif char in _ZH_UNITS:
            section += (1 if digit is None else digit) * _ZH_UNITS[char]
            digit = None
        elif char in _ZH_SCALES:
            scale = _ZH_SCALES[char]
            total = (total + section + (digit or 0)) * scale if scale > 10_000 else total + (section + (digit or 0)) * scale
            section, digit = 0, None
        else:
            return None
    return Decimal(total + section + (digit or 0))


def _collect_english(match: re.Match[str], found: set[str]) -> None:
    if match.group("clock") or match.group("meridiem") or match.group("oclock"):
        _collect_english_time(match, found)
    elif match.group("past"):
        _collect_english_past(match, found)
    elif match.group("mdate") or match.group("dmdate"):
        month = _MONTHS[(match.group("month") or match.group("month2")).lower()]
        day = int(match.group("day") or match.group("day2"))
        if 1 <= day <= 31:
            found.add(f"d{month}/{day}")
    else:
        value = english_number(match.group("amount"))
        if value is not None and (value >= 3 or match.group("amount")[0].isdigit()):
            found.add(_canonical(value))


def _collect_english_time(match: re.Match[str], found: set[str]) -> None:
    """17:00, 5 pm, five o'clock: the time, and its hour as written ("at 7 a.m." also says 7)."""
    minute = 0
    if match.group("clock"):
        hour: int | None = int(match.group("hour"))
        minute = int(match.group("minute"))
    elif match.group("meridiem"):
        hour = int(match.group("mhour"))
    else:
        word = match.group("ohour").lower()
        hour = int(word) if word.isdigit() else _EN_UNITS.get(word)
    if hour is None or (not match.group("clock") and not 1 <= hour <= 12):
        return
    stamp = _time(hour, minute)
    if stamp:
        found.update((stamp, str(hour)))


def _collect_english_past(match: re.Match[str], found: set[str]) -> None:
    """half past six (6:30), a quarter to eleven (10:45), twenty minutes to nine (8:40)."""
    hour_word = match.group("phour").lower()
    hour = int(hour_word) if hour_word.isdigit() else _EN_UNITS[hour_word]
    words = (match.group("pmin") or match.group("tmin")).lower().removesuffix("minutes").strip()
    minute = 30 if words == "half" else 15 if words.endswith("quarter") else english_number(words)
    if minute is None or not 1 <= hour <= 12 or not 0 < minute < 60 or minute != int(minute):
        return
    if match.group("tmin"):
        hour, minute = (hour - 2) % 12 + 1, 60 - int(minute)
    stamp = _time(hour, int(minute))
    if stamp:
        found.update((stamp, str(hour)))


def english_number(text: str) -> Decimal | None:
    """The value of digits and/or English number words, or None.

    >>> [english_number(t) for t in ("twenty-one", "3.4 million", "two hundred and five", "1,500", "a hundred")]
    [Decimal('21'), Decimal('3400000.0'), Decimal('205'), Decimal('1500'), Decimal('100')]
    """
    total, current, seen = Decimal(0), Decimal(0), False
    for word in re.findall(rf"{_DIGITS}|[A-Za-z]+", text.lower()):
        if word == "and":
            continue
        if word[0].isdigit():
            try:
                current += Decimal(word.replace(",", ""))
            except InvalidOperation:
                return None
        elif word == "a":
            current += 1
        elif word in _EN_UNITS or word in _EN_TENS or word in _EN_ORDINALS:
            value = next(d[word] for d in (_EN_UNITS, _EN_TENS, _EN_ORDINALS) if word in d)
            below = current % 100
            if below and not (below % 10 == 0 and below >= 20 and value < 10):
                return None  # "twelve thirty" is not one number
            current += value
        elif word in _EN_SCALES:
            scale = _EN_SCALES[word]
            if scale == 100:
                current = (current or Decimal(1)) * 100
            else:
                total += (current or 1) * scale
                current = Decimal(0)
        else:
            return None
        seen = seen or word != "a"
    return total + current if seen else None
