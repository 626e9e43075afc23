"""Cutting text that is too long to handle in one go into pieces, at sentence ends.

Segmenting, reading and laying out a paragraph cost memory in proportion to
its length; a file that is one 5 MB paragraph would need gigabytes. Such text is cut
into pieces of at most ``limit`` characters: after the last line break in
reach (a text of one sentence per line keeps its lines whole), else after the
last sentence end (。！？!?；; ". "), else after the last comma or space, else (a run with
neither) at the limit itself. Jieba cuts text at punctuation anyway, so words
come out the same as for the whole text. Example::

    >>> pieces("一二三。四五六。七八", 5)
    [(0, '一二三。'), (4, '四五六。'), (8, '七八')]
    >>> pieces("短句。", 5)
    [(0, '短句。')]
    >>> split_long_paragraphs("短。\\n\\n一二三。四五六。七八", 8, 5)
    '短。\\n\\n一二三。\\n\\n四五六。\\n\\n七八'
"""

from __future__ import annotations

import re

#: Where a piece may end, best first.
_PARAGRAPH_BREAK_RE = re.compile(r"(\n[ \t]*\n)")
_ENDS = (re.compile(r"\n"), re.compile(r"[。！？!?；;…]|\.(?=\s)"), re.compile(r"[，,、：:\s]"))


def pieces(text: str, limit: int) -> list[tuple[int, str]]:
    """``(offset, piece)`` covering ``text`` in order; one piece when it is short enough."""
    if len(text) <= limit:
        return [(0, text)]
    out, start = [], 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        out.append((start, text[start:end]))
        start = end
    out.append((start, text[start:]))
    return out


def _cut(text: str, start: int, stop: int) -> int:
    """The end of the piece that starts at ``start``: after the last good break before ``stop``."""
    window = text[start + 1 : stop]  # a piece holds at least one character
    for ends in _ENDS:
        last = None
        for last in ends.finditer(window):  # noqa: B007 - the last match is wanted
            pass
        if last is not None:
            return start + 1 + last.end()
    return stop


def split_long_paragraphs(text: str, longest: int, size: int) -> str:
    """``text`` with every paragraph longer than ``longest`` cut into paragraphs of up to ``size`` characters.

    Paragraphs are separated by blank lines; the pieces of a long one become
    paragraphs of their own (a line break is a good place to cut); shorter
    paragraphs are left exactly as they are.
    """
    parts = _PARAGRAPH_BREAK_RE.split(text)
    if all(len(part) <= longest for part in parts):
        return text
    return "".join("\n\n".join(piece for _, piece in pieces(part, size)) if len(part) > longest else part for part in parts)
