"""Character classes: which script a character or a piece of text is written in.

The importer decides the language of a block from its characters, and the
aligner measures lengths in them. Example::

    >>> language_of("the word 你好 means hello")
    'en'
    >>> language_of("白邦瑞 (Michael Pillsbury) 说")
    'zh'
    >>> language_of("2020 — 2025")
    ''
"""

from __future__ import annotations

import re

# CJK Unified Ideographs with extension A, compatibility ideographs, and the
# supplementary-plane extensions B-H.
_HAN_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x323AF),
)
# One alternation of a BMP class and an astral class compiles several times
# faster than a single class mixing both (this is on the start-up path).
HAN_PATTERN = "(?:[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\U00020000-\U000323af])"
HAN_RE = re.compile(HAN_PATTERN)
_HAN_RUN_RE = re.compile(HAN_PATTERN + "+")
LATIN_LETTER_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LATIN_RUN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]+")

#: A Chinese block is one whose ideographs, each worth about four Latin
#: letters of meaning, outweigh its Latin letters.
HAN_WEIGHT = 4


def is_han(char: str) -> bool:
    """True for a Chinese ideograph (汉字)."""
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in _HAN_RANGES)


def count_han(text: str) -> int:
    """Number of Chinese ideographs in ``text``."""
    return sum(map(len, _HAN_RUN_RE.findall(text)))


def count_latin(text: str) -> int:
    """Number of Latin letters (with accented forms) in ``text``."""
    return sum(map(len, _LATIN_RUN_RE.findall(text)))


def language_of(text: str) -> str:
    """``'zh'``, ``'en'`` or ``''`` (neither: digits, symbols, empty)."""
    han = count_han(text)
    if han == 0:
        return "en" if LATIN_LETTER_RE.search(text) else ""
    return "zh" if han * HAN_WEIGHT >= count_latin(text) else "en"


def is_cjk_boundary(char: str) -> bool:
    """True if ``char`` is an ideograph or full-width CJK punctuation.

    Lines of Chinese are joined with no space where either side of the join is
    such a character.
    """
    return is_han(char) or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef"


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph: a space between Latin text, none in Chinese.

    >>> join_lines(["It was", "late."])
    'It was late.'
    >>> join_lines(["天色", "已晚。"])
    '天色已晚。'
    """
    out = ""
    for line in (part.strip() for part in lines):
        if not line:
            continue
        if out and not (is_cjk_boundary(out[-1]) or is_cjk_boundary(line[0])):
            out += " "
        out += line
    return out
