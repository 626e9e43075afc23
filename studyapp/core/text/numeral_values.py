"""The values of numerals in either language, and their canonical spellings.

:mod:`studyapp.core.text.numerals` finds numbers in text; this module reads
one numeral (二十一, 两万五, twenty-one, 3.4 million) and writes the strings
both languages are compared by: ``"21"``, ``"1/3"`` (a fraction as written),
``"50s"`` (a decade), ``"t5:00"`` (a time on a 12-hour dial).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
ZH_SCALES = {"万": 10_000, "亿": 100_000_000}
ZH_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
ZH_PLAIN = "零〇一二三四五六七八九"  # digits read one by one: the decimals of 四十二点一九五
EN_UNITS = {
    w: n
    for n, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    )
}
EN_TENS = {w: 10 * n for n, w in enumerate(["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]) if n >= 2}
EN_ORDINALS = {
    w: n
    for n, w in enumerate(
        ["_", "_", "_", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]
    )
    if n >= 3
}
EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
MONTHS = {
    m: n
    for n, names in enumerate(
        ("", "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
         "august aug", "september sep sept", "october oct", "november nov", "december dec"),
    )
    for m in names.split()
}
EN_HOUR = "|".join(sorted([w for w, n in EN_UNITS.items() if 1 <= n <= 12], key=len, reverse=True))
EN_NUMBER_WORD = "|".join(sorted([*EN_UNITS, *EN_TENS, *EN_ORDINALS, *EN_SCALES, "a"], key=len, reverse=True))
DIGITS = r"(?<![\d.,])\d+(?:[.,]\d+)*"
# Word boundaries that also hold between a Latin word and a Chinese character.
WORD_START, WORD_END = r"(?<![A-Za-z])", r"(?![A-Za-z])"


def canonical_number(value: Decimal | int) -> str:
    text = format(Decimal(value).normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _read_out(digits: str) -> str:
    """Digits read one by one, as ASCII: ``"195"`` for 一九五 (and for 195)."""
    return "".join(str(ZH_DIGITS.get(c, c)) for c in digits)


def with_decimals(whole: Decimal | None, digits: str) -> Decimal | None:
    """A whole number with decimals read one by one: 42.195 for 四十二 and 一九五
    (四十二点一九五), 37.8 for 三十七 and 八 (三十七度八); None unless ``whole`` is whole."""
    if whole is None or whole != int(whole):
        return None
    return Decimal(f"{int(whole)}.{_read_out(digits)}")


def fraction_key(numerator: Decimal | int, denominator: Decimal | int) -> str:
    """A fraction as written, not reduced: ``"1/3"`` for 三分之一, one third and 1/3."""
    return f"{canonical_number(numerator)}/{canonical_number(denominator)}"


def decade_key(value: Decimal | int | None) -> str | None:
    """``"50s"`` for 50 or 1950 (五十年代, the fifties, the 1950s), or None."""
    if value is None or value != int(value) or value % 10 or not (10 <= value < 100 or 1000 <= value < 2100):
        return None
    return f"{int(value) % 100:02d}s"


def scaled_range(low: Decimal | None, coefficient: Decimal | None, high: Decimal | None) -> tuple[str, str] | None:
    """Both ends of a range whose scale is written once: 2.6 to 2.8 billion,
    二十六至二十八亿; None unless the low end is a plain number below the high one."""
    if low is None or not coefficient or high is None or not 0 < low <= coefficient or high == coefficient:
        return None
    return canonical_number(low * high / coefficient), canonical_number(high)


def time_stamp(hour: int, minute: int = 0) -> str | None:
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    return f"t{(hour - 1) % 12 + 1}:{minute:02d}"


def chinese_number(text: str) -> Decimal | None:
    """The value of a numeral in Chinese characters and/or digits, or None.

    >>> [int(chinese_number(t)) for t in ("二十一", "一百零五", "三千二百万", "340万", "一九八四", "十", "两万五")]
    [21, 105, 32000000, 3400000, 1984, 10, 25000]
    """
    prefix = re.match(DIGITS, text)
    if prefix:
        try:
            head = Decimal(prefix.group(0).replace(",", ""))
        except InvalidOperation:
            return None
        rest = text[prefix.end() :]
        if not rest:
            return head
        if all(c in ZH_SCALES for c in rest):
            for c in rest:
                head *= ZH_SCALES[c]
            return head
        return None
    if not any(c in ZH_UNITS or c in ZH_SCALES for c in text):
        if len(text) > 1 and all(c in ZH_DIGITS for c in text):  # 一九八四: digit by digit
            return Decimal(_read_out(text))
        return Decimal(ZH_DIGITS[text]) if text in ZH_DIGITS else None
    total, section, digit, unit = 0, 0, None, 1  # unit: the last unit or scale, 1 after a 零
    for char in text:
        if char in ZH_DIGITS:
            digit = ZH_DIGITS[char]
            unit = 1 if digit == 0 else unit
        elif char in ZH_UNITS:
            section += (1 if digit is None else digit) * ZH_UNITS[char]
            digit, unit = None, ZH_UNITS[char]
        elif char in ZH_SCALES:
            scale = ZH_SCALES[char]
            total = (total + section + (digit or 0)) * scale if scale > 10_000 else total + (section + (digit or 0)) * scale
            section, digit, unit = 0, None, scale
        else:
            return None
    if digit and unit >= 100 and len(text) > 2 and text[-1] != "两":  # 两万五 = 25000, 三千五 = 3500 (not 一百零五, 万一, 一万两银子)
        digit *= unit // 10
    return Decimal(total + section + (digit or 0))


def english_number(text: str) -> Decimal | None:
    """The value of digits and/or English number words, or None.

    >>> [english_number(t) for t in ("twenty-one", "3.4 million", "two hundred and five", "1,500", "a hundred")]
    [Decimal('21'), Decimal('3400000.0'), Decimal('205'), Decimal('1500'), Decimal('100')]
    """
    total, current, seen = Decimal(0), Decimal(0), False
    for word in re.findall(rf"{DIGITS}|[A-Za-z]+", text.lower()):
        if word == "and":
            continue
        if word[0].isdigit():
            try:
                current += Decimal(word.replace(",", ""))
            except InvalidOperation:
                return None
        elif word == "a":
            current += 1
        elif word in EN_UNITS or word in EN_TENS or word in EN_ORDINALS:
            value = next(d[word] for d in (EN_UNITS, EN_TENS, EN_ORDINALS) if word in d)
            below = current % 100
            if below and not (below % 10 == 0 and below >= 20 and value < 10):
                return None  # "twelve thirty" is not one number
            current += value
        elif word in EN_SCALES:
            scale = EN_SCALES[word]
            if scale == 100:
                current = (current or Decimal(1)) * 100
            else:
                total += (current or 1) * scale
                current = Decimal(0)
        else:
            return None
        seen = seen or word != "a"
    return total + current if seen else None
