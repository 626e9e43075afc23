"""Inline markdown rendered away to plain text.

Documents keep their text as plain text: links keep their words, emphasis
markers and code backticks go, backslash escapes become the character. Nothing
here produces or interprets HTML. Example::

    >>> plain_text(r"a **bold** [deal](#) for \\$200 and `x_y`")
    'a bold deal for $200 and x_y'
"""

from __future__ import annotations

import re

_MARKUP_CHAR_RE = re.compile(r"[\\`*_\[<~]")
_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
_CODE_RE = re.compile(r"(`+)(.+?)\1", re.S)
_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK_RE = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK_RE = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK_RE = re.compile(r"<((?:https?|mailto|ftp):[^>\s]+)>")
_EMPHASIS_RES = (
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S),
    re.compile(r"(?<![\w\\])__(?=\S)(.+?)(?<=\S)__(?!\w)", re.S),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~", re.S),
    re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*", re.S),
    re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![A-Za-z0-9])", re.S),
)
# Private-use characters stand in for escaped characters and code spans while
# the other rules run, so that "\*" or "`a*b*`" are never read as emphasis.
_SLOT_BASE = 0xF0000


def plain_text(text: str) -> str:
    """Render inline markdown in ``text`` to plain text."""
    if not _MARKUP_CHAR_RE.search(text):
        return text
    slots: list[str] = []

    def keep(literal: str) -> str:
        slots.append(literal)
        return chr(_SLOT_BASE + len(slots) - 1)

    text = _ESCAPE_RE.sub(lambda m: keep(m.group(1)), text)
    text = _CODE_RE.sub(lambda m: keep(m.group(2).strip() or m.group(2)), text)
    text = _IMAGE_RE.sub(r"\1", text)
    text = _LINK_RE.sub(r"\1", text)
    text = _REF_LINK_RE.sub(r"\1", text)
    text = _AUTOLINK_RE.sub(r"\1", text)
    for pattern in _EMPHASIS_RES:
        previous = None
        while previous != text:
            previous, text = text, pattern.sub(r"\1", text)
    if slots:
        text = re.sub(
            "[\U000f0000-\U000fffff]",
            lambda m: _restore(m.group(0), slots),
            text,
        )
    return text


def _restore(char: str, slots: list[str]) -> str:
    index = ord(char) - _SLOT_BASE
    return slots[index] if 0 <= index < len(slots) else char
