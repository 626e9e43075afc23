"""Pinyin spelling: numbered syllables <-> tone marks, and tone numbers.

Numbered syllables are written with ``ü`` (CC-CEDICT's ``u:`` and the
common ``v`` are accepted on input); tone 5 is the neutral tone. Examples::

    >>> marks_from_numbered("lu:4")
    'lǜ'
    >>> marks_from_numbered("Zhong1 guo2 hua4 r5")
    'Zhōng guó huà r'
    >>> numbered_from_marks("xíng")
    'xing2'
    >>> numbered_from_marks("le")
    'le5'
    >>> tone_of("nü3")
    3
"""

from __future__ import annotations

import re
import unicodedata

_MARKS = {"1": "\u0304", "2": "\u0301", "3": "\u030c", "4": "\u0300"}
_TONE_OF_MARK = {v: int(k) for k, v in _MARKS.items()}
_SYLLABLE_RE = re.compile(r"^([A-Za-züÜ:]+?)([1-5])$")
_VOWELS = "aeiouü"


def normalise_numbered(syllable: str) -> str:
    """``lu:4``/``lv4``/``LU:4`` -> ``lü4`` (case kept)."""
    syllable = syllable.replace("u:", "ü").replace("U:", "Ü")
    if "v" in syllable.lower() and syllable[:1].lower() in "ln":
        syllable = syllable.replace("v", "ü").replace("V", "Ü")
    return syllable


def tone_of(syllable: str) -> int:
    """Tone number 1-5 of a numbered or tone-marked syllable (5 if none)."""
    if syllable[-1:].isdigit():
        return int(syllable[-1]) if syllable[-1] in "12345" else 5
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in _TONE_OF_MARK:
            return _TONE_OF_MARK[ch]
    return 5


def _mark_syllable(syllable: str) -> str:
    match = _SYLLABLE_RE.match(normalise_numbered(syllable))
    if not match:
        return syllable  # letters, numbers, "r5" handled below
    body, tone = match.groups()
    if tone == "5" or tone not in _MARKS:
        return body
    lower = body.lower()
    if "a" in lower:
        at = lower.index("a")
    elif "e" in lower:
        at = lower.index("e")
    elif "ou" in lower:
        at = lower.index("o")
    else:
        vowels = [k for k, ch in enumerate(lower) if ch in _VOWELS]
        if not vowels:
            return body  # "m2", "ng2", "r5": no vowel to mark
        at = vowels[-1]
    return unicodedata.normalize("NFC", body[: at + 1] + _MARKS[tone] + body[at + 1 :])


def marks_from_numbered(pinyin: str) -> str:
    """Space-separated numbered syllables to tone marks (other tokens kept)."""
    return " ".join(_mark_syllable(s) for s in pinyin.split())


def numbered_from_marks(syllable: str) -> str:
    """One tone-marked syllable to its numbered form (``ü`` kept)."""
    tone = 5
    letters = []
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in _TONE_OF_MARK:
            tone = _TONE_OF_MARK[ch]
        elif ch == "\u0308":  # diaeresis of ü
            letters.append("\u0308")
        else:
            letters.append(ch)
    return unicodedata.normalize("NFC", "".join(letters)) + str(tone)


def strip_tones(pinyin: str) -> str:
    """Letters only, lower case, no tone marks or numbers, ü as u: ``Zhōngguó`` -> ``zhongguo``."""
    decomposed = unicodedata.normalize("NFD", pinyin.lower())
    return "".join(ch for ch in decomposed if ch.isalpha() and not unicodedata.combining(ch)).replace(":", "")
