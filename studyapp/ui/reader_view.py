"""ReaderView: the painted, virtualised view of a document's aligned pairs.

Only the blocks in view are laid out and painted (see ReaderLayout), so a
book opens as fast as a page. Text is drawn as plain text, never as HTML.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from studyapp.core.document import Document
from studyapp.ui.reader_layout import PlacedSide, ReaderLayout


class ReaderView(QAbstractScrollArea):
    """Shows a Document as aligned English/Chinese pairs."""

    layout_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.verticalScrollBar().setSingleStep(40)
        self._document: Document | None = None
        self._layout: ReaderLayout | None = None
        self._mode = "side"
        self._point_size = 12.0

    # --- public API -----------------------------------------------------------

    @property
    def document(self) -> Document | None:
        return self._document

    @property
    def reader_layout(self) -> ReaderLayout | None:
        return self._layout

    def set_document(self, document: Document | None) -> None:
        self._document = document
        self._rebuild_layout()
        self.verticalScrollBar().setValue(0)

    def set_mode(self, mode: str) -> None:
        """``"side"`` (side by side) or ``"stacked"`` (English above Chinese)."""
        if mode != self._mode:
            self._mode = mode
            self._rebuild_layout(keep_position=True)

    def mode(self) -> str:
        return self._mode

    def scroll_to_block(self, index: int) -> None:
        if self._layout is not None:
            self.verticalScrollBar().setValue(int(self._layout.top_of(index) - ReaderLayout.MARGIN))

    def first_visible_block(self) -> int:
        return self._layout.block_at(self.verticalScrollBar().value()) if self._layout else 0

    # --- layout -----------------------------------------------------------------

    def _rebuild_layout(self, keep_position: bool = False) -> None:
        anchor = self.first_visible_block() if keep_position else 0
        if self._document is None:
            self._layout = None
        else:
            width = self.viewport().width()
            self._layout = ReaderLayout(self._document, width, self._point_size, self._mode)
        self._sync_scrollbar()
        if keep_position and self._layout is not None:
            self.scroll_to_block(anchor)
        self.viewport().update()
        self.layout_changed.emit()

    def _sync_scrollbar(self) -> None:
        bar = self.verticalScrollBar()
        page = self.viewport().height()
        total = int(self._layout.total_height) if self._layout else 0
        bar.setPageStep(page)
        bar.setRange(0, max(0, total - page))

    # --- Qt overrides -----------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._layout is not None and abs(self._layout.width - self.viewport().width()) > 0.5:
            self._rebuild_layout(keep_position=True)
        else:
            self._sync_scrollbar()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.Base))
        if self._layout is None:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QRectF(self.viewport().rect()), Qt.AlignmentFlag.AlignCenter, "Open a bilingual document (Ctrl+O) or drop one here.")
            painter.end()
            return
        scroll = self.verticalScrollBar().value()
        height = self.viewport().height()
        text_colour = palette.color(QPalette.ColorRole.Text)
        muted = QColor(text_colour)
        muted.setAlphaF(0.78)
        total_before = self._layout.total_height
        for index in self._layout.visible(scroll, scroll + height):
            top = self._layout.top_of(index) - scroll
            geometry = self._layout.geometry(index)
            if geometry.english:
                self._paint_side(painter, geometry.english, top, muted)
            if geometry.chinese:
                self._paint_side(painter, geometry.chinese, top, text_colour)
        painter.end()
        if self._layout.total_height != total_before:
            self._sync_scrollbar()

    def _paint_side(self, painter: QPainter, placed: PlacedSide, top: float, colour: QColor) -> None:
        painter.setFont(placed.measure.font)
        painter.setPen(colour)
        text = placed.side.text
        pieces = placed.layout.pieces
        for line in placed.layout.lines:
            baseline = top + placed.y + line.baseline
            for k, x in zip(line.pieces, line.xs):
                piece = pieces[k]
                painter.drawText(QPointF(placed.x + x, baseline), text[piece.start : piece.end])
