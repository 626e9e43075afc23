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
* a month with its day as ``"d3/5"`` (a year stays a plain number);
* a number with its unit's decimal after the unit: 三十七度八 = 37.8 (degrees),
  一米二 = 1.2 (metres), 两块五 = 2.5 (yuan); tenths as a percentage: 五成 = 50%;
* fractions as written, ``"1/3"``: 三分之一, a third of, one third, 1/3;
* decades as ``"50s"``: 五十年代, 上世纪五十年代, 1950年代, the 1950s, the fifties
  (but "in his fifties" is an age, 50);
* a range whose scale is written once gives it to both ends: 2.6 to 2.8 billion
  and 二十六至二十八亿 are both 2600000000 and 2800000000.

The value of one numeral and the canonical spellings live in
:mod:`studyapp.core.text.numeral_values`.

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
from decimal import Decimal

from studyapp.core.text.numeral_values import (
    DIGITS,
    EN_HOUR,
    EN_NUMBER_WORD,
    EN_ORDINALS,
    EN_SCALES,
    EN_TENS,
    EN_UNITS,
    MONTHS,
    WORD_END,
    WORD_START,
    ZH_DIGITS,
    ZH_NUMERAL,
    ZH_PLAIN,
    ZH_SCALES,
    ZH_UNITS,
    canonical_number,
    chinese_number,
    decade_key,
    english_number,
    fraction_key,
    scaled_range,
    time_stamp,
    with_decimals,
)

_EMPTY: frozenset[str] = frozenset()

_ZH_PATTERN = re.compile(
    rf"(?P<date>(?:(?P<zmonth>{DIGITS}|[{ZH_NUMERAL}]+)月(?P<zday>{DIGITS}|[{ZH_NUMERAL}]+)[日号]))"
    rf"|(?P<decimal>(?P<dint>[{ZH_NUMERAL}]+)点(?P<dfrac>[{ZH_PLAIN}]+)(?P<dscale>[万亿]*)(?![{ZH_NUMERAL}分刻]))"
    rf"|(?P<time>(?P<zhour>{DIGITS}|[{ZH_NUMERAL}]+) ?点"
    rf"(?:(?P<zhalf>半)|(?P<zmin>{DIGITS}|[{ZH_NUMERAL}]+)分|(?P<zquarter>[一三])刻)?(?P<oclock>钟)?)"
    rf"|百分之(?P<percent>{DIGITS}|[{ZH_NUMERAL}]+)"
    rf"|(?P<frac>(?P<fden>{DIGITS}|[{ZH_NUMERAL}]+)分之(?P<fnum>{DIGITS}|[{ZH_NUMERAL}]+))"
    rf"|(?P<unitdec>(?P<uint>{DIGITS}|[{ZH_NUMERAL}]+)[度米块](?P<ufrac>[一二三四五六七八九]{{1,2}}|\d{{1,2}})(?![{ZH_NUMERAL}\d度米块个]))"
    rf"|(?P<tenths>[二两三四五六七八九十])成(?!群)"
    rf"|(?P<decade>(?P<decn>{DIGITS}|[一二三四五六七八九]十)年代)"
    rf"|(?P<range>(?P<rlow>{DIGITS}|[{ZH_NUMERAL[:-2]}]+)[至到~～\-–](?P<rhigh>(?:{DIGITS})?[{ZH_NUMERAL}]*[万亿])(?![{ZH_NUMERAL}点]))"
    rf"|(?P<zh>(?:{DIGITS})?[{ZH_NUMERAL}]+)"
)
_MONTH_WORD = "|".join(sorted(MONTHS, key=len, reverse=True))
#: Denominators of fractions in words (a third, two fifths); plurals are added below.
_EN_DENOMINATORS = {"quarter": 4, **{w: n for w, n in EN_ORDINALS.items() if n <= 10}, "hundredth": 100}
_EN_DENOMINATORS.update({w + "s": n for w, n in list(_EN_DENOMINATORS.items())})
_EN_DECADES = {w.replace("y", "ies"): n for w, n in EN_TENS.items()}  # the fifties
_EN_AMOUNT = rf"(?:{DIGITS}|{WORD_START}(?:{EN_NUMBER_WORD}){WORD_END})(?:[\s-]+(?:and\s+)?{WORD_START}(?:{EN_NUMBER_WORD}){WORD_END})"
_EN_SINGULAR = "|".join(w for w in _EN_DENOMINATORS if not w.endswith("s"))
_EN_FRACTION = (
    rf"(?P<fraction>{WORD_START}(?:an?[\s-]+(?P<aden>{_EN_SINGULAR})(?=\s+of{WORD_END}|\s*[.,;:!?)\"”’]|\s*$)"
    rf"|(?P<fnum>{'|'.join(w for w, n in EN_UNITS.items() if 1 <= n <= 10)})[\s-]+(?P<fden>{'|'.join(sorted(_EN_DENOMINATORS, key=len, reverse=True))})){WORD_END}"
    rf"(?!\s+of\s+an\s+hour))"
    rf"|(?P<slash>(?<![\d/.,])(?P<snum>\d{{1,3}})/(?P<sden>\d{{1,3}})(?![\d/]))"
)
_EN_DECADE = (
    rf"(?P<decade>{WORD_START}(?:(?P<dthe>the)|(?:his|her|their|my|your|our|its))?\s*(?:(?:early|mid|late)[\s-]*)?"
    rf"(?:['’]?(?<![\d.])(?P<dyear>1\d|20)?(?P<dtens>[1-9]0)['’]?s|(?P<dword>{'|'.join(_EN_DECADES)})){WORD_END})"
)
_EN_RANGE = (  # 2.6 to 2.8 billion: the scale written once
    rf"(?P<range>(?P<rlow>{_EN_AMOUNT}*)(?:\s*[–—]\s*|(?<=\d)\s*-\s*(?=\d)|\s+(?:to|or)\s+)"
    rf"(?P<rhigh>{_EN_AMOUNT}*?[\s-]+(?:thousand|million|billion|trillion){WORD_END})"
    rf"(?![\s-]+(?:and\s+)?(?:{EN_NUMBER_WORD}){WORD_END}))"
)
_EN_TIMES_AND_DATES = (
    rf"(?P<clock>(?<![\d:])(?P<hour>\d{{1,2}}):(?P<minute>\d\d)(?![\d:]))"
    rf"|(?P<meridiem>(?<![\d.])(?P<mhour>\d{{1,2}})\s*[ap]\.?m\.?{WORD_END})"
    rf"|(?P<oclock>{WORD_START}(?P<ohour>\d{{1,2}}|[a-z]+)\s+o['’]?clock{WORD_END})"
    rf"|(?P<past>{WORD_START}(?:(?P<pmin>half|(?:a\s+)?quarter|\d{{1,2}}|(?:{EN_NUMBER_WORD})(?:[\s-](?:{EN_NUMBER_WORD}))?)(?:\s+minutes)?\s+past"
    rf"|(?P<tmin>(?:a\s+)?quarter|(?:\d{{1,2}}|(?:{EN_NUMBER_WORD})(?:[\s-](?:{EN_NUMBER_WORD}))?)\s+minutes)\s+to)\s+(?P<phour>\d{{1,2}}|{EN_HOUR}){WORD_END})"
    rf"|(?P<mdate>{WORD_START}(?P<month>{_MONTH_WORD})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\dA-Za-z]))"
    rf"|(?P<dmdate>(?<![\d.])(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH_WORD}){WORD_END})"
)
_EN_PATTERN = re.compile(rf"{_EN_TIMES_AND_DATES}|(?P<amount>{_EN_AMOUNT}*)", re.IGNORECASE)
#: Also fractions, decades and ranges, for text that has a word or sign of one (see ``_EN_HINTS``).
_EN_FULL_PATTERN = re.compile(rf"{_EN_TIMES_AND_DATES}|{_EN_FRACTION}|{_EN_DECADE}|{_EN_RANGE}|(?P<amount>{_EN_AMOUNT}*)", re.IGNORECASE)
_EN_HINTS = ("/", "0s", "0's", "0’s", *_EN_DECADES, "thousand", "million", "billion", "trillion", "third", "quarter", "fourth",
             "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "hundredth")
_DIGIT_RE = re.compile(r"\d")
_LATIN_RE = re.compile(r"[A-Za-z]")
# Text worth reading for Chinese numbers: 一, 二 and 两 alone are not collected;
# 7 点, 3月, 一米二, 二分之一 and 两成 are.
# (One leading character class lets the regex engine skip to a candidate quickly.)
_ZH_WORTH_RE = re.compile(
    r"[零〇一二两三四五六七八九十百千万亿\d](?:(?<=[零〇三四五六七八九十百千万亿])"
    r"|(?<=[一二两])(?:[点月时成]|[米度块][一二两]|分之)|(?<=\d)(?: ?[点月]|[度米]\d|0年代))"
)
# A numeral joined to what makes it more than an amount: a time, a date, a
# decimal, a fraction, a percentage in tenths, a decade, a range.
_ZH_JOINERS = "点月度米块分成年至到~～-–"
_ZH_JOINED_RE = re.compile(rf"[\d{ZH_NUMERAL}](?:(?<=\d)|[点月度米块分成至到~～\-–]|年代)")
_ZH_RUN_RE = re.compile(rf"(?:{DIGITS} ?)?[{ZH_NUMERAL}]+|{DIGITS} ?(?=[点月度米至到~～\-–]|年代)")
#: English words that make a text worth parsing for numbers (one and two alone are not collected).
_TRIGGERS = frozenset(w for w in (*EN_UNITS, *EN_TENS, *EN_ORDINALS, *EN_SCALES, *_EN_DENOMINATORS, *_EN_DECADES) if w not in ("zero", "one", "two"))
_TO_SPACES = str.maketrans({c: " " for c in "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~’“”"})


def numbers_in(text: str) -> frozenset[str]:
    """Canonical numbers, times and dates in ``text`` (either language, or both)."""
    found: set[str] = set()
    if text.isascii() or not _ZH_WORTH_RE.search(text):
        pass  # no Chinese numerals but 一, 二 and 两 on their own
    elif not _ZH_JOINED_RE.search(text):
        found.update(filter(None, map(_chinese_amount, _ZH_RUN_RE.findall(text))))  # the common case
    else:
        blanked = []
        read_to = 0
        for run in _ZH_RUN_RE.finditer(text):
            start, end = run.span()
            if start < read_to:
                continue  # inside 五点四十分, 十二点五亿 or 三分之一
            whole = _ZH_PATTERN.match(text, start) if text[end : end + 1] in _ZH_JOINERS else None
            if whole is not None and whole.group("zh") is None:  # a date, a time, a decimal, a fraction, ...
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
        lower = text.lower()
        pattern = _EN_FULL_PATTERN if any(hint in lower for hint in _EN_HINTS) else _EN_PATTERN
        for match in pattern.finditer(text):
            _collect_english(match, found)
    return frozenset(found) if found else _EMPTY


@functools.lru_cache(maxsize=4096)
def _chinese_amount(raw: str) -> str | None:
    """The canonical number of a run of Chinese numerals (and digits), or None
    for 一, 二 and 两 on their own (mostly not numbers: 一起, 一样)."""
    value = chinese_number(raw)
    if value is None or not (value >= 3 or raw[0].isdigit() or any(c in ZH_UNITS or c in ZH_SCALES for c in raw)):
        return None
    return canonical_number(value)


def _collect_chinese(match: re.Match[str], found: set[str]) -> None:
    if match.group("date"):
        month, day = chinese_number(match.group("zmonth")), chinese_number(match.group("zday"))
        if month is not None and day is not None and 1 <= month <= 12 and 1 <= day <= 31:
            found.add(f"d{int(month)}/{int(day)}")
    elif match.group("decimal"):
        decimal = with_decimals(chinese_number(match.group("dint")), match.group("dfrac"))
        if decimal is not None:
            for scale in match.group("dscale"):
                decimal *= ZH_SCALES[scale]
            found.add(canonical_number(decimal))
    elif match.group("time"):
        exact = match.group("zmin") or match.group("zhalf") or match.group("zquarter") or match.group("oclock")
        if match.group("zhour") == "一" and not exact:
            return  # 一点 is "a little" unless it is followed by 钟
        hour = chinese_number(match.group("zhour"))
        if match.group("zquarter"):
            minute: Decimal | int | None = 15 * ZH_DIGITS[match.group("zquarter")]
        else:
            minute = 30 if match.group("zhalf") else chinese_number(match.group("zmin") or "0")
        if hour is not None and minute is not None and hour == int(hour):
            stamp = time_stamp(int(hour), int(minute))
            if stamp:
                found.update((stamp, canonical_number(hour)))  # 七点 is also "seven" in "at seven"
    elif match.group("percent"):
        value = chinese_number(match.group("percent"))
        if value is not None:
            found.add(canonical_number(value))
    elif match.group("tenths"):  # 五成 = 50%
        found.add(canonical_number(10 * (ZH_DIGITS.get(match.group("tenths")) or 10)))
    else:
        _collect_chinese_more(match, found)


def _collect_chinese_more(match: re.Match[str], found: set[str]) -> None:
    """三分之一, 三十七度八 (37.8), 五十年代 (the fifties), 二十六至二十八亿."""
    if match.group("frac"):
        denominator, numerator = chinese_number(match.group("fden")), chinese_number(match.group("fnum"))
        if denominator and numerator is not None:
            found.add(fraction_key(numerator, denominator))
    elif match.group("unitdec"):
        value = with_decimals(chinese_number(match.group("uint")), match.group("ufrac"))
        if value is not None:
            found.add(canonical_number(value))
    elif match.group("decade"):
        decade = decade_key(chinese_number(match.group("decn")))
        if decade:
            found.add(decade)
    elif match.group("range"):
        low, high = match.group("rlow"), match.group("rhigh")
        coefficient = high.rstrip("万亿")
        scaled = scaled_range(chinese_number(low), chinese_number(coefficient) if coefficient else None, chinese_number(high))
        found.update(scaled or filter(None, (_chinese_amount(low), _chinese_amount(high))))
    else:
        amount = _chinese_amount(match.group("zh"))
        if amount:
            found.add(amount)


def _collect_english(match: re.Match[str], found: set[str]) -> None:
    if match.group("clock") or match.group("meridiem") or match.group("oclock"):
        _collect_english_time(match, found)
    elif match.group("past"):
        _collect_english_past(match, found)
    elif match.group("mdate") or match.group("dmdate"):
        month = MONTHS[(match.group("month") or match.group("month2")).lower()]
        day = int(match.group("day") or match.group("day2"))
        if 1 <= day <= 31:
            found.add(f"d{month}/{day}")
    elif match.group("amount"):
        _collect_english_amount(match.group("amount"), found)
    else:
        _collect_english_more(match, found)


def _collect_english_amount(text: str, found: set[str]) -> None:
    value = english_number(text)
    if value is not None and (value >= 3 or text[0].isdigit()):
        found.add(canonical_number(value))


def _collect_english_more(match: re.Match[str], found: set[str]) -> None:
    """a third, two-thirds, 1/3; the 1950s, the fifties, in her fifties (50); 2.6 to 2.8 billion."""
    if match.group("fraction"):
        words = (match.group("fnum") or "a").lower(), (match.group("aden") or match.group("fden")).lower()
        numerator = EN_UNITS.get(words[0], 1)
        if (numerator == 1) != (not words[1].endswith("s")):
            return  # "two third", "one thirds": not a fraction
        found.add(fraction_key(numerator, _EN_DENOMINATORS[words[1]]))
    elif match.group("slash"):
        numerator, denominator = int(match.group("snum")), int(match.group("sden"))
        found.update([fraction_key(numerator, denominator)] if 0 < numerator < denominator else (str(numerator), str(denominator)))
    elif match.group("decade"):
        tens = _EN_DECADES[match.group("dword").lower()] if match.group("dword") else int(match.group("dtens"))
        if match.group("dyear") or match.group("dthe"):
            found.add(f"{tens}s")
        else:
            found.add(str(tens))  # an age: in her fifties, in their 50s
    else:
        low, high = match.group("rlow"), match.group("rhigh")
        coefficient = high.rstrip().rsplit(None, 1)[0] if " " in high.strip() else ""
        scaled = scaled_range(english_number(low), english_number(coefficient) if coefficient else None, english_number(high))
        if scaled:
            found.update(scaled)
        else:
            _collect_english_amount(low, found)
            _collect_english_amount(high, found)


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
        hour = int(word) if word.isdigit() else EN_UNITS.get(word)
    if hour is None or (not match.group("clock") and not 1 <= hour <= 12):
        return
    stamp = time_stamp(hour, minute)
    if stamp:
        found.update((stamp, str(hour)))


def _collect_english_past(match: re.Match[str], found: set[str]) -> None:
    """half past six (6:30), a quarter to eleven (10:45), twenty minutes to nine (8:40)."""
    hour_word = match.group("phour").lower()
    hour = int(hour_word) if hour_word.isdigit() else EN_UNITS[hour_word]
    words = (match.group("pmin") or match.group("tmin")).lower().removesuffix("minutes").strip()
    minute = 30 if words == "half" else 15 if words.endswith("quarter") else english_number(words)
    if minute is None or not 1 <= hour <= 12 or not 0 < minute < 60 or minute != int(minute):
        return
    if match.group("tmin"):
        hour, minute = (hour - 2) % 12 + 1, 60 - int(minute)
    stamp = time_stamp(hour, int(minute))
    if stamp:
        found.update((stamp, str(hour)))
