"""Geometry of the reader: where each block, word and pinyin annotation goes.

Only the blocks that are shown are laid out; the others have an estimated
height until they scroll into view, so opening a book costs the same as
opening a page. No widget here: Qt is used only for font metrics, so the
geometry can be tested without painting.

Chinese is laid out word by word once its tokens are known (before that,
character by character); with ruby on, each word is as wide as the wider of
its characters and its pinyin, and lines make room for the pinyin above.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from PySide6.QtGui import QFont, QFontMetricsF

from studyapp.core.language.pinyin_spelling import marks_from_numbered
from studyapp.core.reading.annotation import Annotation
from studyapp.core.text.document import Block, Document, Side
from studyapp.ui.line_breaking import Piece, SideLayout, chinese_pieces, english_pieces, lay_out

LATIN_FAMILIES = ["Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial", "sans-serif"]
CJK_FAMILIES = [
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
    "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK TC",
]


def make_font(families: list[str], point_size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


class Measure:
    """Font, metrics and a width cache for one style of text."""

    def __init__(self, font: QFont, spacing: float = 1.35) -> None:
        self.font = font
        self.metrics = QFontMetricsF(font)
        self.line_height = math.ceil(self.metrics.height() * spacing)
        self.ascent = self.metrics.ascent() + (self.line_height - self.metrics.height()) / 2
        self.space = self.metrics.horizontalAdvance(" ")
        self.average = self.metrics.averageCharWidth()
        self._cache: dict[str, float] = {}

    def width(self, text: str) -> float:
        width = self._cache.get(text)
        if width is None:
            width = self._cache[text] = self.metrics.horizontalAdvance(text)
        return width


@dataclass(slots=True)
class PlacedSide:
    """A side laid out at ``(x, y)`` relative to its block's top-left.

    For a Chinese side, ``token_of_piece`` maps pieces to token indices and
    ``ruby`` holds the pinyin drawn over each piece (None for none).
    """

    side: Side
    x: float
    y: float
    layout: SideLayout
    measure: Measure
    texts: list[str] = field(default_factory=list)
    token_of_piece: list[int] = field(default_factory=list)
    ruby: list[list[str] | None] = field(default_factory=list)
    ruby_height: float = 0.0

    def piece_of_token(self, token: int) -> int | None:
        try:
            return self.token_of_piece.index(token)
        except ValueError:
            return None


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

    MARGIN = 28.0
    GUTTER = 36.0

    def __init__(
        self,
        document: Document,
        width: float,
        options: LayoutOptions,
        annotation: Callable[[int], Annotation | None] = lambda index: None,
        show_ruby: Callable[[str], bool] = lambda word: True,
        english_shown: Callable[[int], bool] = lambda index: True,
    ) -> None:
        self.document = document
        self.width = max(width, 200.0)
        self.options = options
        self._annotation = annotation
        self._show_ruby = show_ruby
        self._english_shown = english_shown
        size = options.point_size
        self.en = Measure(make_font(LATIN_FAMILIES, size))
        self.zh = Measure(make_font(CJK_FAMILIES, size * 1.25))
        self.en_head = Measure(make_font(LATIN_FAMILIES, size * 1.3, bold=True))
        self.zh_head = Measure(make_font(CJK_FAMILIES, size * 1.5, bold=True))
        self.code = Measure(make_font(["DejaVu Sans Mono", "Noto Sans Mono", "monospace"], size * 0.9))
        self.pinyin = Measure(make_font(LATIN_FAMILIES, size * 0.78), spacing=1.05)
        self.block_gap = round(self.en.line_height * 0.9)
        self._laid: dict[int, BlockGeometry] = {}
        self._heights = self._estimates(document.blocks)
        self._tops: list[float] | None = None

    # --- columns --------------------------------------------------------------

    def columns(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """``((x, width) of English, (x, width) of Chinese)``."""
        inner = self.width - 2 * self.MARGIN
        if self.options.mode == "stacked":
            return (self.MARGIN, inner), (self.MARGIN, inner)
        half = (inner - self.GUTTER) / 2
        return (self.MARGIN, half), (self.MARGIN + half + self.GUTTER, half)

    # --- heights and positions ----------------------------------------------

    @property
    def total_height(self) -> float:
        return self._block_tops()[-1] + self.MARGIN

    def top_of(self, index: int) -> float:
        return self._block_tops()[index]

    def block_at(self, y: float) -> int:
        """Index of the block whose area contains ``y`` (clamped)."""
        tops = self._block_tops()
        return min(max(bisect.bisect_right(tops, y) - 1, 0), max(len(self.document.blocks) - 1, 0))

    def _block_tops(self) -> list[float]:
        if self._tops is None:
            tops, y = [], self.MARGIN
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

    def _measures(self, kind: str) -> tuple[Measure, Measure]:
        if kind == "heading":
            return self.en_head, self.zh_head
        if kind == "code":
            return self.code, self.code
        return self.en, self.zh

    def _lay_out(self, index: int, block: Block) -> BlockGeometry:
        (en_x, en_w), (zh_x, zh_w) = self.columns()
        en_measure, zh_measure = self._measures(block.kind)
        english = chinese = None
        hidden = self.options.hide_english and block.chinese is not None and not self._english_shown(index)
        if block.english is not None:
            wide = block.chinese is None and self.options.mode == "side"
            width = en_w + (zh_w + self.GUTTER if wide else 0)
            if hidden:
                placeholder = Side("(English hidden: click or press E to peek)", "en", block.english.start, block.english.end)
                english = self._place_english(placeholder, self.en, en_x, width)
            else:
                english = self._place_english(block.english, en_measure, en_x, width)
        if block.chinese is not None:
            y = english.layout.height + self.en.line_height * 0.3 if (english and self.options.mode == "stacked") else 0.0
            chinese = self._place_chinese(index, block.chinese, zh_measure, zh_x, y, zh_w)
        height = max((p.y + p.layout.height for p in (english, chinese) if p), default=0.0)
        return BlockGeometry(height, english, chinese, hidden)

    def _place_english(self, side: Side, measure: Measure, x: float, width: float) -> PlacedSide:
        pieces: list[Piece] = english_pieces(side.text)
        texts = [side.text[p.start : p.end] for p in pieces]
        layout = lay_out(pieces, [measure.width(t) for t in texts], measure.space, width, measure.line_height, measure.ascent)
        return PlacedSide(side, x, 0.0, layout, measure, texts)

    def _place_chinese(self, index: int, side: Side, measure: Measure, x: float, y: float, width: float) -> PlacedSide:
        annotation = self._annotation(index)
        text = side.text
        if annotation is None:
            pieces = chinese_pieces(text)
            token_of_piece = [-1] * len(pieces)
            readings: list[list[str] | None] = [None] * len(pieces)
            displays = [text[p.start : p.end] for p in pieces]
        else:
            spans = [(t.start, t.end) for t in annotation.tokens]
            pieces = chinese_pieces(text, spans)
            by_start = {t.start: k for k, t in enumerate(annotation.tokens)}
            token_of_piece = [by_start.get(p.start, -1) for p in pieces]
            readings = [annotation.readings[k] if k >= 0 else None for k in token_of_piece]
            forms = annotation.display or [t.text for t in annotation.tokens]
            displays = [forms[k] if k >= 0 and len(forms[k]) == p.end - p.start else text[p.start : p.end] for k, p in zip(token_of_piece, pieces)]
        ruby_on = self.options.ruby != "off" and annotation is not None
        ruby: list[list[str] | None] = []
        widths: list[float] = []
        for k, (piece, shown) in enumerate(zip(pieces, displays)):
            reading = readings[k] if ruby_on and readings[k] and self._show_ruby(text[piece.start : piece.end]) else None
            marks = [marks_from_numbered(s) for s in reading] if reading else None
            ruby.append(marks)
            han_width = measure.width(shown)
            if marks:
                han_width = max(han_width, self.pinyin.width(" ".join(marks)) + self.pinyin.space)
            widths.append(han_width)
        ruby_height = self.pinyin.line_height if ruby_on else 0.0
        layout = lay_out(pieces, widths, measure.space, width, measure.line_height + ruby_height, measure.ascent + ruby_height)
        return PlacedSide(side, x, y, layout, measure, displays, token_of_piece, ruby, ruby_height)

    def _estimates(self, blocks: Sequence[Block]) -> list[float]:
        """Heights of blocks not laid out yet, from their lengths (the metrics are read once, not per block)."""
        (_, en_w), (_, zh_w) = self.columns()
        ruby = self.pinyin.line_height if self.options.ruby != "off" else 0.0
        stacked = self.options.mode == "stacked"
        gap = self.en.line_height * 0.3
        per_kind: dict[str, tuple[float, float, float, float]] = {}
        for kind in ("heading", "paragraph", "code"):
            en, zh = self._measures(kind)
            per_kind[kind] = (en.average, en.line_height, zh.metrics.height(), zh.line_height + ruby)
        zh_scale = 1.3 if ruby else 1.0
        out = []
        for block in blocks:
            en_average, en_line, zh_height, zh_line = per_kind.get(block.kind, per_kind["paragraph"])
            en_h = math.ceil(len(block.english.text) * en_average * 1.1 / en_w) * en_line if block.english else 0
            zh_h = math.ceil(len(block.chinese.text) * zh_height * zh_scale / zh_w) * zh_line if block.chinese else 0
            out.append(en_h + zh_h + gap if stacked else max(en_h, zh_h))
        return out
