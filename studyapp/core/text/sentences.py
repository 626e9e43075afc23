"""Sentences: the span of the sentence around a position.

Chinese sentences end with 。！？ (and …), taking closing quotes with them;
English sentences end with . ! ? followed by a space, except after common
abbreviations (Mr. Dr. U.S. Feb.). Example::

    >>> text = "他说：“走吧。”我们就走了。天黑了！"
    >>> text[slice(*sentence_span(text, 9))]
    '我们就走了。'
"""

from __future__ import annotations

import re

_ZH_END_RE = re.compile(r"[。！？!?…]+[”’」』）)]*")
_EN_END_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+|$)")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "inc", "co", "corp", "ltd", "gen", "gov", "sen", "rep", "p.m", "a.m"}


def sentence_spans(text: str, lang: str = "zh") -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, covering the text (spaces between them trimmed)."""
    spans: list[tuple[int, int]] = []
    start = 0
    pattern = _ZH_END_RE if lang == "zh" else _EN_END_RE
    for match in pattern.finditer(text):
        if lang == "en" and _is_abbreviation(text, match.start()):
            continue
        end = match.end()
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = end
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([A-Za-z.]+)$", text[:dot])
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_span(text: str, position: int, lang: str = "zh") -> tuple[int, int]:
    """The sentence containing ``position`` (the whole text if none)."""
    for start, end in sentence_spans(text, lang):
        if start <= position < end:
            return start, end
    return 0, len(text)
