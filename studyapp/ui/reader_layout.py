"""Geometry of the reader: where each block and piece of text goes.

Only the blocks that are shown are laid out; the others have an estimated
height until they scroll into view, so opening a book costs the same as
opening a page. No widget here: Qt is used only for font metrics, so the
geometry can be tested without painting.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontMetricsF

from studyapp.core.document import Block, Document, Side
from studyapp.ui.flow import Piece, SideLayout, chinese_pieces, english_pieces, lay_out

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


class _Measure:
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
    """A side laid out at ``(x, y)`` relative to its block's top-left."""

    side: Side
    x: float
    y: float
    layout: SideLayout
    measure: _Measure


@dataclass(slots=True)
class BlockGeometry:
    height: float
    english: PlacedSide | None
    chinese: PlacedSide | None


class ReaderLayout:
    """Lays out a document's blocks for a viewport width, lazily.

    ``mode`` is ``"side"`` (English left, Chinese right, tops aligned) or
    ``"stacked"`` (English above its Chinese).
    """

    MARGIN = 28.0
    GUTTER = 36.0

    def __init__(self, document: Document, width: float, point_size: float = 12.0, mode: str = "side") -> None:
        self.document = document
        self.width = max(width, 200.0)
        self.mode = mode
        self.point_size = point_size
        self._en = _Measure(make_font(LATIN_FAMILIES, point_size))
        self._zh = _Measure(make_font(CJK_FAMILIES, point_size * 1.25))
        self._en_head = _Measure(make_font(LATIN_FAMILIES, point_size * 1.3, bold=True))
        self._zh_head = _Measure(make_font(CJK_FAMILIES, point_size * 1.5, bold=True))
        self._code = _Measure(make_font(["DejaVu Sans Mono", "Noto Sans Mono", "monospace"], point_size * 0.9))
        self.block_gap = round(self._en.line_height * 0.9)
        self._laid: dict[int, BlockGeometry] = {}
        self._heights = [self._estimate(b) for b in document.blocks]
        self._tops: list[float] | None = None

    # --- columns --------------------------------------------------------------

    def columns(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """``((x, width) of English, (x, width) of Chinese)``."""
        inner = self.width - 2 * self.MARGIN
        if self.mode == "stacked":
            return (self.MARGIN, inner), (self.MARGIN, inner)
        half = (inner - self.GUTTER) / 2
        return (self.MARGIN, half), (self.MARGIN + half + self.GUTTER, half)

    # --- heights and positions ----------------------------------------------

    @property
    def total_height(self) -> float:
        tops = self._block_tops()
        return (tops[-1] if tops else 0.0) + self.MARGIN

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
            laid = self._laid[index] = self._lay_out(self.document.blocks[index])
            if laid.height != self._heights[index]:
                self._heights[index] = laid.height
                self._tops = None
        return laid

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

    def _measures(self, block: Block) -> tuple[_Measure, _Measure]:
        if block.kind == "heading":
            return self._en_head, self._zh_head
        if block.kind == "code":
            return self._code, self._code
        return self._en, self._zh

    def _lay_out(self, block: Block) -> BlockGeometry:
        (en_x, en_w), (zh_x, zh_w) = self.columns()
        en_measure, zh_measure = self._measures(block)
        english = chinese = None
        if block.english is not None:
            wide = block.chinese is None and self.mode == "side"
            english = self._place(block.english, en_measure, en_x, 0.0, en_w + (zh_w + self.GUTTER if wide else 0), latin=True)
        if block.chinese is not None:
            y = english.layout.height + self._en.line_height * 0.3 if (english and self.mode == "stacked") else 0.0
            chinese = self._place(block.chinese, zh_measure, zh_x, y, zh_w, latin=False)
        height = max((p.y + p.layout.height for p in (english, chinese) if p), default=0.0)
        return BlockGeometry(height, english, chinese)

    def _place(self, side: Side, measure: _Measure, x: float, y: float, width: float, latin: bool) -> PlacedSide:
        pieces: list[Piece] = english_pieces(side.text) if latin else chinese_pieces(side.text)
        widths = [measure.width(side.text[p.start : p.end]) for p in pieces]
        layout = lay_out(pieces, widths, measure.space, width, measure.line_height, measure.ascent)
        return PlacedSide(side, x, y, layout, measure)

    def _estimate(self, block: Block) -> float:
        (_, en_w), (_, zh_w) = self.columns()
        en_measure, zh_measure = self._measures(block)
        en_lines = math.ceil(len(block.english.text) * en_measure.average * 1.1 / en_w) if block.english else 0
        zh_lines = math.ceil(len(block.chinese.text) * zh_measure.metrics.height() / zh_w) if block.chinese else 0
        en_h, zh_h = en_lines * en_measure.line_height, zh_lines * zh_measure.line_height
        return en_h + zh_h + self._en.line_height * 0.3 if self.mode == "stacked" else max(en_h, zh_h)
