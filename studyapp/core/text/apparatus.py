"""A document's apparatus: captions, credits and translator's notes.

These lines are not part of the running text, and the aligner treats them
so. A caption or a credit (``Photo: the pond in July.``, ``Photos by Ana
Ruiz.``, ``By Maria Chen``, ``图1 罗老师和学生们``, ``本报记者 陈玛丽``) pairs
with its translation if it has one, like a heading, and is never merged
into a paragraph of the text. A translator's note (``译者注：……``,
``Translator's note: …``) has no original: it always stands alone.
Example::

    >>> is_caption("Figure 2. The reading room in 1950."), is_caption("By Friday the lanes were empty.")
    (True, False)
    >>> is_caption("本报记者 陈玛丽"), is_caption("图书馆在三楼。")
    (True, False)
    >>> is_translators_note("（译者注：月牙酥是一种点心。）"), is_translators_note("注意：月牙酥很甜。")
    (True, False)
"""

from __future__ import annotations

import re

_EN_CREDIT = r"(?i:text|words|story|photos?|photographs?|pictures?|images?|illustrations?|drawings?|maps?)"
_CAPTION_RE = re.compile(
    r"\s*(?:"
    + _EN_CREDIT + r"(?:\s*(?:,|and|&)\s*" + _EN_CREDIT + r")*\s+(?i:by)\s+[A-Z]"  # Text and photographs by Tom Baker
    + r"|(?i:photo|picture|image|caption|figure|fig\.|map|source|credit|above|below|pictured)\s*\d*\s*[.:：]\s"  # Figure 1. / Photo:
    + r"|图\s*\d*\s*[：:]|图\s*\d+[\s.．]|图片来源|资料来源|(?:本报|特约)?记者\s|摄影?\s*[：:/／]|文\s*[：:/／]"
    + r")"
)
# "By Maria Chen, staff reporter": a short line of names, no sentence.
_BYLINE_RE = re.compile(r"\s*By\s+[A-Z][\w'’.-]*\s+[A-Z][^.!?]*$")
_NOTE_RE = re.compile(r"\s*[（(\[【]?\s*(?:译者?(?:注(?!意)|按(?!照))|(?i:translators?['’]?s?\s+note)\b)")  # (not 译者注意到 "the translator noticed")

#: Longer lines are text, whatever they start with.
_MAX_CAPTION = {"zh": 60, "en": 160}


def is_caption(text: str, lang: str = "") -> bool:
    """True for a caption, a byline or a credit line."""
    lang = lang or ("en" if text[:1].isascii() else "zh")
    if len(text) > _MAX_CAPTION.get(lang, 160):
        return False
    return _CAPTION_RE.match(text) is not None or (len(text) <= 60 and _BYLINE_RE.match(text) is not None)


def is_translators_note(text: str) -> bool:
    """True for a translator's note: text with no original."""
    return _NOTE_RE.match(text) is not None
