"""Line breaking and hit-testing for the reader, without Qt.

Text is cut into *pieces* (English words, Chinese words or characters,
punctuation glued to its neighbour) whose widths the caller measures. Lines
are filled greedily; a line never starts with closing punctuation (，。、）」…)
and never ends with opening punctuation (（「“…), and a piece is never split
unless it alone is wider than the line. Example, with every character 10 wide::

    >>> pieces = chinese_pieces("我们走吧。好的！")
    >>> lines = break_lines([10.0 * (p.end - p.start) for p in pieces], [p.glued for p in pieces], 30)
    >>> ["".join("我们走吧。好的！"[pieces[k].start:pieces[k].end] for k in line) for line in lines]
    ['我们走', '吧。好', '的！']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Sequence

from studyapp.core.text.char_classes import is_han

#: Characters that may not begin a line (kinsoku), and that may not end one.
CLOSING = set("，。、；：？！）」』”’》〉】〕…—·,.;:?!)]}%\u00bb\u203a\uff5e")
OPENING = set("（「『“‘《〈【〔([{\u00ab\u2039")

_ENGLISH_PIECE_RE = re.compile(r"\S+")
_LATIN_RUN_RE = re.compile(r"[A-Za-z0-9\u00c0-\u024f'’.\-]+")


@dataclass(frozen=True, slots=True)
class Piece:
    """``text[start:end]`` drawn as one unbreakable unit.

    ``glued`` means no line break is allowed before this piece, ``hard``
    that a new line starts with it (a newline in the text); ``space`` means
    a space follows it (English), drawn only inside a line.
    """

    start: int
    end: int
    glued: bool = False
    space: bool = False
    hard: bool = False


def english_pieces(text: str) -> list[Piece]:
    """Words with their trailing punctuation; breaks only at spaces."""
    matches = list(_ENGLISH_PIECE_RE.finditer(text))
    pieces = []
    for k, m in enumerate(matches):
        hard = k > 0 and "\n" in text[matches[k - 1].end() : m.start()]
        pieces.append(Piece(m.start(), m.end(), space=k + 1 < len(matches), hard=hard))
    return pieces


def chinese_pieces(text: str, spans: Sequence[tuple[int, int]] | None = None) -> list[Piece]:
    """Pieces of Chinese text: the given word ``spans`` (from segmentation), else
    one piece per ideograph and per run of Latin letters or digits. Closing
    punctuation is glued to what precedes it, opening punctuation to what
    follows."""
    if spans is None:
        spans = _character_spans(text)
    pieces: list[Piece] = []
    glue_next = hard_next = False
    for start, end in spans:
        chunk = text[start:end]
        if chunk.isspace():
            hard_next = hard_next or "\n" in chunk
            if pieces and not hard_next:
                last = pieces[-1]
                pieces[-1] = Piece(last.start, last.end, last.glued, True, last.hard)
            continue
        glued = not hard_next and (glue_next or (bool(pieces) and chunk[0] in CLOSING))
        pieces.append(Piece(start, end, glued=glued, hard=hard_next))
        glue_next, hard_next = chunk[-1] in OPENING, False
    return pieces


def _character_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(text):
        match = None if is_han(text[k]) else _LATIN_RUN_RE.match(text, k)
        end = match.end() if match else k + 1
        spans.append((k, end))
        k = end
    return spans


def break_lines(
    widths: Sequence[float],
    glued: Sequence[bool],
    max_width: float,
    spaces: Sequence[float] | None = None,
    hard: Sequence[bool] | None = None,
) -> list[list[int]]:
    """Greedy line breaking: lists of piece indices, one list per line.

    A glued piece moves to the next line together with the pieces it is glued
    to; a run of glued pieces wider than a line is broken anyway. A ``hard``
    piece always starts a line.
    """
    lines: list[list[int]] = []
    line: list[int] = []
    x = 0.0
    n = len(widths)
    k = 0
    while k < n:
        # The unbreakable group starting at k: k and every glued piece after it.
        end = k + 1
        while end < n and glued[end]:
            end += 1
        group_width = sum(widths[k:end]) + (sum(spaces[k : end - 1]) if spaces else 0.0)
        gap = spaces[line[-1]] if (spaces and line) else 0.0
        if line and (x + gap + group_width > max_width or (hard and hard[k])):
            lines.append(line)
            line, x, gap = [], 0.0, 0.0
        if not line and group_width > max_width and end - k > 1:
            end = k + 1  # a group wider than the line: break inside it
            group_width = widths[k]
        line.extend(range(k, end))
        x += gap + group_width
        k = end
    if line:
        lines.append(line)
    return lines


@dataclass(slots=True)
class LaidLine:
    """One line of a laid-out side: its top, height, and piece positions."""

    top: float
    height: float
    baseline: float
    pieces: list[int] = field(default_factory=list)
    xs: list[float] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)


@dataclass(slots=True)
class SideLayout:
    """A laid-out side of a block, in coordinates relative to its column."""

    pieces: list[Piece]
    lines: list[LaidLine]
    height: float

    def piece_at(self, x: float, y: float) -> int | None:
        """Index of the piece drawn under ``(x, y)``, or None."""
        tops = [line.top for line in self.lines]
        row = bisect.bisect_right(tops, y) - 1
        if row < 0:
            return None
        line = self.lines[row]
        if y >= line.top + line.height:
            return None
        col = bisect.bisect_right(line.xs, x) - 1
        if col < 0 or x >= line.xs[col] + line.widths[col]:
            return None
        return line.pieces[col]

    def rect_of(self, piece: int) -> tuple[float, float, float, float] | None:
        """``(x, y, width, height)`` of a piece, or None if it is not laid out."""
        for line in self.lines:
            if line.pieces and line.pieces[0] <= piece <= line.pieces[-1]:
                k = line.pieces.index(piece)
                return (line.xs[k], line.top, line.widths[k], line.height)
        return None


def lay_out(
    pieces: list[Piece],
    widths: Sequence[float],
    space_width: float,
    max_width: float,
    line_height: float,
    ascent: float,
) -> SideLayout:
    """Break ``pieces`` into lines of ``max_width`` and place them."""
    spaces = [space_width if p.space else 0.0 for p in pieces]
    lines: list[LaidLine] = []
    breaks = break_lines(widths, [p.glued for p in pieces], max_width, spaces, [p.hard for p in pieces])
    for row, indices in enumerate(breaks):
        top = row * line_height
        line = LaidLine(top, line_height, top + ascent)
        x = 0.0
        for k in indices:
            line.pieces.append(k)
            line.xs.append(x)
            line.widths.append(widths[k])
            x += widths[k] + spaces[k]
        lines.append(line)
    return SideLayout(pieces, lines, len(lines) * line_height)
