"""Line breaking and hit-testing for the reader, without Qt.

Text is cut into *pieces* whose widths the caller measures: English words
with their punctuation here, Chinese cells in ``cell_layout``. English lines
are filled greedily, breaking only at spaces; a word is split only when it
alone is wider than the line. Both sides end up as a ``SideLayout`` of
``LaidLine``s, which hit-tests a point to a piece. Example, every letter 10
wide and a space 5::

    >>> text = "a quick brown fox"
    >>> pieces = english_pieces(text)
    >>> laid = lay_out(pieces, [10.0 * (p.end - p.start) for p in pieces], 5.0, 125, 20, 15)
    >>> [[text[pieces[k].start:pieces[k].end] for k in line.pieces] for line in laid.lines]
    [['a', 'quick', 'brown'], ['fox']]
    >>> laid.piece_at(60, 5), laid.piece_at(60, 25)
    (1, None)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studyapp.ui.chinese_cells import PlacedCell

_ENGLISH_PIECE_RE = re.compile(r"\S+")


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
    """One line of a laid-out side: its top, height, and piece positions.

    ``xs``/``widths`` are the pieces' hit boxes along the line (for Chinese, the
    line split between its cells).
    """

    top: float
    height: float
    baseline: float
    pieces: list[int] = field(default_factory=list)
    xs: list[float] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    #: Chinese only: where each cell's character and syllable are drawn.
    cells: list[PlacedCell] = field(default_factory=list)
    #: The last line of a paragraph, or one before a newline (not justified).
    last: bool = False


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
                k = bisect.bisect_left(line.pieces, piece)
                if line.pieces[k] == piece:
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
        line.last = row == len(breaks) - 1 or pieces[breaks[row + 1][0]].hard
        lines.append(line)
    return SideLayout(pieces, lines, len(lines) * line_height)
