"""Sentences: the span of the sentence around a position.

Chinese sentences end with 。！？ (and …), taking closing quotes with them;
English sentences end with . ! ? followed by a space, except after common
abbreviations (Mr. Dr. U.S. Feb.). Quotes are respected: a question inside
quotes does not end the sentence when the sentence goes on after the quote
(``He asked, "How much?" and laughed.``; ``“你好吗？”他问。``): in Chinese, a
closing quote followed by a comma, or a quotation the sentence began with
followed by a short attribution (``他问。``, ``那个女人问，把鱼……``), goes on.
Example::

    >>> text = "他说：“走吧。”我们就走了。“你好吗？”他问。天黑了！"
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['他说：“走吧。”', '我们就走了。', '“你好吗？”他问。', '天黑了！']
    >>> english = 'He asked, "How much is this?" and then he laughed. "Fine," she said.'
    >>> [english[a:b] for a, b in sentence_spans(english, "en")]
    ['He asked, "How much is this?" and then he laughed.', '"Fine," she said.']
"""

from __future__ import annotations

import re

_ZH_END_RE = re.compile(r"[。！？!?…]+[”’」』）)]*")
_EN_END_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+|$)")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "inc", "co", "corp", "ltd", "gen", "gov", "sen", "rep", "p.m", "a.m"}
_ZH_OPENING_QUOTES = "“‘「『"
_CLOSING_QUOTES = "”’」』\"'"
# What follows a quoted Chinese sentence that it belongs to: 他问。 / 她笑着说。 /
# 那个女人问，把鱼翻过来…… / 启事这样写道。 (a clause ending in a verb of saying).
_ZH_ATTRIBUTION_RE = re.compile(
    r"[^“‘「『。！？!?…\n]{1,12}[。！？!?…]"
    r"|[^“‘「『。！？!?…\n，,]{0,16}?(?:问|说|道|喊|叫|答|嚷|想)[着了道]?[，,。！？!?…]"
)
# A closing quote with a comma after it is inside its sentence: 他喊了一声“胡说！”，……
_ZH_INSIDE_RE = re.compile(r"[，,、；;]")
# After a closing quote: "... and laughed", or a short "I asked." when the quote opened the sentence.
_EN_CONTINUES_RE = re.compile(r"\s+[a-z]")
_EN_I_ATTRIBUTION_RE = re.compile(r"\s+I(?: [a-z]+){1,3}[.!?]")


def sentence_spans(text: str, lang: str = "zh") -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, covering the text (spaces between them trimmed)."""
    spans: list[tuple[int, int]] = []
    start = 0
    pattern = _ZH_END_RE if lang == "zh" else _EN_END_RE
    for match in pattern.finditer(text):
        if match.start() < start or not _ends_sentence(text, start, match, lang):
            continue
        end = match.end()
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = end
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _ends_sentence(text: str, start: int, match: re.Match[str], lang: str) -> bool:
    """False for an abbreviation, or a quotation the sentence goes on after."""
    quoted = match.group(0)[-1] in _CLOSING_QUOTES
    if lang == "en":
        if _is_abbreviation(text, match.start()):
            return False
        if not quoted:
            return True
        if _EN_CONTINUES_RE.match(text, match.end()):
            return False
        opened = text[start:match.start()].lstrip()[:1]
        return not (opened in "\"“‘'" and opened and _EN_I_ATTRIBUTION_RE.match(text, match.end()))
    if not quoted or match.group(0)[0] == "…":
        return True
    if _ZH_INSIDE_RE.match(text, match.end()):
        return False
    return not (_quotation_began_sentence(text, start, match.start()) and _ZH_ATTRIBUTION_RE.match(text, match.end()))


def _quotation_began_sentence(text: str, start: int, end: int) -> bool:
    """True if the quotation closing at ``end`` opened at the start of the
    sentence starting at ``start``, or before it (``“绿色的？木头柄的？”``)."""
    opening = max(text.rfind(quote, 0, end) for quote in _ZH_OPENING_QUOTES)
    first = start + len(text[start:end]) - len(text[start:end].lstrip())
    return 0 <= opening <= first


def _is_abbreviation(text: str, dot: int) -> bool:
    """True if the run of ASCII letters and dots before ``dot`` is an abbreviation
    (read back from the dot: a long paragraph has a full stop every sentence)."""
    begin = dot
    while begin > 0 and (text[begin - 1] == "." or (text[begin - 1].isascii() and text[begin - 1].isalpha())):
        begin -= 1
    if begin == dot:
        return False
    token = text[begin:dot].lower().rstrip(".")
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
