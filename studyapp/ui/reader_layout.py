"""Geometry of the reader: where each block, character, syllable and word goes.

Only the blocks that are shown are laid out; the others have an estimated
height until they scroll into view, so opening a book costs the same as
opening a page. No widget here: Qt is used only for font metrics, so the
geometry can be tested without painting.

English is broken at spaces (``line_breaking``). Chinese is set in cells
(``cell_layout``): a syllable centred over each character, punctuation glued,
lines justified. The columns are centred in the view and never wider than a
comfortable measure (about 75 English letters or 36 Chinese characters).
List items keep a bullet in a hanging indent.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from studyapp.core.reading.annotation import Annotation
from studyapp.core.text.document import Block, Document, Side
from studyapp.ui.cell_layout import lay_out_cells
from studyapp.ui.chinese_style import ChineseStyle, Measure, cells_for
from studyapp.ui.line_breaking import SideLayout, english_pieces, lay_out
from studyapp.ui.reader_fonts import ReaderFonts, make_font

__all__ = ["BlockGeometry", "LayoutOptions", "Measure", "PlacedSide", "ReaderLayout"]


@dataclass(slots=True)
class PlacedSide:
    """A side laid out at ``(x, y)`` relative to its block's top-left.

    ``texts`` holds what each piece draws (an English word, or a Chinese
    cell's character); for Chinese, ``token_of_piece`` maps cells to tokens,
    ``syllables`` holds the pinyin over each cell and ``style`` the fonts and
    bands. ``bullets`` are the rows that begin a list item.
    """

    side: Side
    x: float
    y: float
    layout: SideLayout
    measure: Measure
    texts: list[str] = field(default_factory=list)
    token_of_piece: list[int] = field(default_factory=list)
    syllables: list[str | None] = field(default_factory=list)
    style: ChineseStyle | None = None
    bullets: list[int] = field(default_factory=list)
    drawn: dict[int, object] = field(default_factory=dict)  # the painter's cache, per line

    @property
    def ruby_height(self) -> float:
        return self.style.ruby_band if self.style is not None else 0.0

    def cells_of_token(self, token: int) -> list[int]:
        return [k for k, t in enumerate(self.token_of_piece) if t == token]

    def piece_of_token(self, token: int) -> int | None:
        try:
            return self.token_of_piece.index(token)
        except ValueError:
            return None

    def syllables_of_token(self, token: int) -> list[str]:
        return [s for k in self.cells_of_token(token) if (s := self.syllables[k])]

    def token_rects(self, token: int) -> list[tuple[float, float, float, float]]:
        """``(x, y, w, h)`` of the token on each line it is on, relative to the side."""
        rects = []
        for line in self.layout.lines:
            cols = [p for p, k in enumerate(line.pieces) if self.token_of_piece[k] == token]
            if cols:
                left, right = line.xs[cols[0]], line.xs[cols[-1]] + line.widths[cols[-1]]
                rects.append((self.x + left, self.y + line.top, right - left, line.height))
        return rects


@dataclass(slots=True)
class BlockGeometry:
    height: float
    english: PlacedSide | None
    chinese: PlacedSide | None
    english_hidden: bool = False


@dataclass
class LayoutOptions:
    point_size: float = 12.0
    mode: str = "side"  # "side" or "stacked"
    ruby: str = "off"  # "off", "all", "unknown"
    hide_english: bool = False


class ReaderLayout:
    """Lays out a document's blocks for a viewport width, lazily."""

    def __init__(
        self,
        document: Document,
        width: float,
        options: LayoutOptions,
        annotation: Callable[[int], Annotation | None] = lambda index: None,
        show_ruby: Callable[[str], bool] = lambda word: True,
        english_shown: Callable[[int], bool] = lambda index: True,
        fonts: ReaderFonts | None = None,
        script: str = "simplified",
    ) -> None:
        self.document = document
        self.width = max(width, 200.0)
        self.options = options
        self._annotation = annotation
        self._show_ruby = show_ruby
        self._english_shown = english_shown
        self.fonts = fonts = fonts or ReaderFonts()
        size, ruby = options.point_size, options.ruby != "off"
        chinese = fonts.chinese(script)
        self.en = Measure(make_font(fonts.latin, size), spacing=1.45)
        self.en_head = Measure(make_font(fonts.latin, size * 1.3, bold=True), spacing=1.3)
        self.code = Measure(make_font(fonts.mono, size * 0.9))
        self.zh = ChineseStyle(chinese, fonts.latin, size * 1.25, False, ruby)
        self.zh_head = ChineseStyle(chinese, fonts.latin, size * 1.5, True, ruby)
        self.margin = max(16.0, round(1.6 * self.en.em))
        self.gutter = max(24.0, round(2.2 * self.en.em))
        self.block_gap = round(self.en.line_height * 0.9)
        self._laid: dict[int, BlockGeometry] = {}
        self._heights = self._estimates(document.blocks)
        self._tops: list[float] | None = None

    @property
    def pinyin(self) -> Measure:
        return self.zh.pinyin

    # --- columns --------------------------------------------------------------

    def columns(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """``((x, width) of English, (x, width) of Chinese)``, centred, each at most a comfortable measure."""
        inner = self.width - 2 * self.margin
        if self.options.mode == "stacked":
            width = min(inner, 38 * self.zh.em)
            x = (self.width - width) / 2
            return (x, width), (x, width)
        half = (inner - self.gutter) / 2
        en_w, zh_w = min(half, 36 * self.en.em), min(half, 36 * self.zh.em)
        x = (self.width - en_w - self.gutter - zh_w) / 2
        return (x, en_w), (x + en_w + self.gutter, zh_w)

    # --- heights and positions ----------------------------------------------

    @property
    def total_height(self) -> float:
        return self._block_tops()[-1] + self.margin

    def top_of(self, index: int) -> float:
        return self._block_tops()[index]

    def block_at(self, y: float) -> int:
        """Index of the block whose area (text and the gap after it) contains ``y`` (clamped)."""
        tops = self._block_tops()
        return min(max(bisect.bisect_right(tops, y) - 1, 0), max(len(self.document.blocks) - 1, 0))

    def first_shown(self, y: float) -> int:
        """The first block with text at or below ``y`` (a view's first block from its top edge)."""
        index = self.block_at(y)
        if index + 1 < len(self.document.blocks) and y >= self.top_of(index) + self.geometry(index).height:
            return index + 1
        return index

    # --- places in the document (what a view scrolls to) -------------------------

    @property
    def top_padding(self) -> float:
        """How far above a block a view begins when it shows that block first."""
        return min(8.0, self.block_gap - 1.0)

    def scroll_value_for(self, index: int) -> float:
        """Where a view begins to show block ``index`` first, its first line at the top.

        The block before it is laid out first: its real height, not its
        estimate, decides where this block is."""
        if index <= 0:
            return 0.0
        self.geometry(index - 1)
        self.geometry(index)
        return self.top_of(index) - self.top_padding

    def anchor_at(self, value: float) -> tuple[int, float]:
        """The first block shown from ``value`` and how far into it (a share of its height)."""
        if not self.document.blocks:
            return (0, 0.0)
        index = self.first_shown(value)
        height = self.geometry(index).height
        return (index, (value - self.top_of(index)) / height if height else 0.0)

    def scroll_value_at(self, anchor: tuple[int, float]) -> float:
        """The value that shows ``anchor`` (from ``anchor_at``) again after blocks were laid out anew."""
        index, share = anchor
        if not 0 <= index < len(self.document.blocks) or (index == 0 and share <= 0):
            return 0.0
        if index > 0:
            self.geometry(index - 1)
        height = self.geometry(index).height
        offset = share * height if share > 0 else max(share * height, -self.top_padding)
        return self.top_of(index) + offset

    def _block_tops(self) -> list[float]:
        if self._tops is None:
            tops, y = [], float(self.margin)
            for height in self._heights:
                tops.append(y)
                y += height + self.block_gap
            tops.append(y)
            self._tops = tops
        return self._tops

    def geometry(self, index: int) -> BlockGeometry:
        """The block laid out (cached); its real height replaces the estimate."""
        laid = self._laid.get(index)
        if laid is None:
            laid = self._laid[index] = self._lay_out(index, self.document.blocks[index])
            if laid.height != self._heights[index]:
                self._heights[index] = laid.height
                self._tops = None
        return laid

    def invalidate(self, indices: Iterable[int] | None = None) -> None:
        """Forget laid-out blocks (all, or ``indices``) after their content changed."""
        for index in list(self._laid) if indices is None else indices:
            self._laid.pop(index, None)

    def visible(self, top: float, bottom: float) -> list[int]:
        """Indices of the blocks overlapping ``[top, bottom)``, laid out."""
        if not self.document.blocks:
            return []
        out: list[int] = []
        index = self.block_at(top)
        while index < len(self.document.blocks):
            self.geometry(index)
            if self.top_of(index) >= bottom:
                break
            out.append(index)
            index += 1
        return out

    # --- laying out one block -----------------------------------------------

    def _styles(self, kind: str) -> tuple[Measure, ChineseStyle]:
        if kind == "heading":
            return self.en_head, self.zh_head
        if kind == "code":
            return self.code, self.zh
        return self.en, self.zh

    def _lay_out(self, index: int, block: Block) -> BlockGeometry:
        (en_x, en_w), (zh_x, zh_w) = self.columns()
        en_measure, zh_style = self._styles(block.kind)
        english = chinese = None
        hidden = self.options.hide_english and block.chinese is not None and not self._english_shown(index)
        indent = round(1.2 * self.en.em) if block.kind == "list" else 0.0
        if block.english is not None:
            wide = block.chinese is None and self.options.mode == "side"
            width = en_w + (zh_w + self.gutter if wide else 0)
            if hidden:
                placeholder = Side("(English hidden: click or press E to peek)", "en", block.english.start, block.english.end)
                english = self._place_english(placeholder, self.en, en_x, width, 0.0)
            else:
                english = self._place_english(block.english, en_measure, en_x, width, indent)
        if block.chinese is not None:
            y = english.layout.height + self.en.line_height * 0.3 if (english and self.options.mode == "stacked") else 0.0
            chinese = self._place_chinese(index, block.chinese, zh_style, zh_x, y, zh_w, indent)
        height = max((p.y + p.layout.height for p in (english, chinese) if p), default=0.0)
        return BlockGeometry(height, english, chinese, hidden)

    def _place_english(self, side: Side, measure: Measure, x: float, width: float, indent: float) -> PlacedSide:
        pieces = english_pieces(side.text)
        texts = [side.text[p.start : p.end] for p in pieces]
        layout = lay_out(pieces, [measure.width(t) for t in texts], measure.space, width - indent, measure.line_height, measure.ascent)
        return PlacedSide(side, x + indent, 0.0, layout, measure, texts, bullets=_bullet_rows(layout) if indent else [])

    def _place_chinese(self, index: int, side: Side, style: ChineseStyle, x: float, y: float, width: float, indent: float) -> PlacedSide:
        ruby_for = None if self.options.ruby == "off" else self._show_ruby
        cells, texts, tokens, syllables = cells_for(side.text, self._annotation(index), style, ruby_for)
        layout = lay_out_cells(cells, width - indent, style.spacing, style.line_height, style.baseline)
        bullets = _bullet_rows(layout) if indent else []
        return PlacedSide(side, x + indent, y, layout, style.han, texts, tokens, syllables, style, bullets)

    def _estimates(self, blocks: Sequence[Block]) -> list[float]:
        """Heights of blocks not laid out yet, from their lengths (the metrics are read once, not per block)."""
        (_, en_w), (_, zh_w) = self.columns()
        stacked = self.options.mode == "stacked"
        cell = 1.06 if self.options.ruby != "off" else 1.0
        gap = self.en.line_height * 0.3
        per_kind: dict[str, tuple[float, float, float, float]] = {}
        for kind in ("heading", "paragraph", "list", "code"):
            en, zh = self._styles(kind)
            per_kind[kind] = (en.average * 1.1, en.line_height, zh.em * cell, zh.line_height)
        out = []
        for block in blocks:
            en_char, en_line, zh_char, zh_line = per_kind[block.kind]
            en_h = math.ceil(len(block.english.text) * en_char / en_w) * en_line if block.english else 0
            zh_h = math.ceil(len(block.chinese.text) * zh_char / zh_w) * zh_line if block.chinese else 0
            out.append(en_h + zh_h + gap if stacked else max(en_h, zh_h))
        return out


def _bullet_rows(layout: SideLayout) -> list[int]:
    """The rows of a list side that begin an item: the first, and each after a newline."""
    return [row for row, line in enumerate(layout.lines) if line.pieces and (row == 0 or layout.pieces[line.pieces[0]].hard)]
