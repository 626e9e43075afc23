"""ReaderView: the painted, virtualised view of a ReadingSession's document.

Only the blocks in view are laid out and painted (ReaderLayout), so a book
opens as fast as a page. Chinese is drawn word by word: hovering shows a
word's extent, clicking (or the arrow keys and Enter) selects it and emits
``word_activated``. Everything it draws about the words (tokens, readings,
displayed forms, marks, the selection and its English) comes from the
session; the view keeps only how things look (options, hover, peeked
English, find hits) and redraws what each session change touched. Text is
drawn as plain text, never as HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from studyapp.core.reading.annotation import WordRef
from studyapp.core.reading.find import Hit
from studyapp.core.reading.session import Changes, ReadingSession
from studyapp.core.text.document import Document
from studyapp.ui.reader_fonts import ReaderFonts, script_of
from studyapp.ui.reader_layout import LayoutOptions, ReaderLayout
from studyapp.ui.reader_painting import PaintState, ReaderPainter

__all__ = ["ReaderView", "WordRef"]

_PointHit = tuple[int, str, Any]  # block, "en"|"zh", English offset (int) or WordRef | None


class ReaderView(QAbstractScrollArea):
    """Shows a session's document as aligned English/Chinese pairs."""

    word_activated = Signal(object)  # WordRef: clicked, or Enter on the selection
    selection_changed = Signal(object)  # WordRef | None, moved to with the keyboard or a click
    escape_pressed = Signal()
    layout_changed = Signal()
    position_changed = Signal(int)  # first visible block
    painted = Signal()  # a page of the document was painted
    english_clicked = Signal(int, int)  # block, offset in its English text

    def __init__(self, session: ReadingSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.verticalScrollBar().setSingleStep(40)
        self.verticalScrollBar().valueChanged.connect(self._on_scrollbar_value_changed)
        self._session = session
        self._layout: ReaderLayout | None = None
        self.options = LayoutOptions()
        self.tone_colours = True
        self._peeked: set[int] = set()
        self._find_hits: list[Hit] = []
        self._find_hits_by_block: dict[int, list[Hit]] = {}  # what a paint reads: not every hit for every block
        self._hover: WordRef | None = None
        self.fonts = ReaderFonts()
        self._written_script: tuple[Document | None, str] = (None, "simplified")
        self._layout_script = "simplified"
        session.subscribe(self._on_session_changed)

    # --- public API -----------------------------------------------------------

    @property
    def document(self) -> Document | None:
        return self._session.document

    @property
    def selection(self) -> WordRef | None:
        return self._session.selection

    @property
    def reader_layout(self) -> ReaderLayout | None:
        return self._layout

    def set_options(self, **changes: Any) -> None:
        """Change layout options (mode, ruby, point_size, hide_english), keeping the place."""
        for name, value in changes.items():
            setattr(self.options, name, value)
        self._rebuild_layout(keep_position=True)

    def set_tone_colours(self, on: bool) -> None:
        self.tone_colours = on
        self.viewport().update()

    def set_find_hits(self, hits: list[Hit]) -> None:
        """Find results as ``(block, "en"|"zh", start, end)`` to highlight."""
        self._find_hits = hits
        self._find_hits_by_block = {}
        for hit in hits:
            self._find_hits_by_block.setdefault(hit[0], []).append(hit)
        self.viewport().update()

    def toggle_english(self, block: int | None = None) -> None:
        """Peek at (or hide again) the English of ``block`` (default: the current pair)."""
        if block is None:
            block = self.selection.block if self.selection else self.first_visible_block()
        self._peeked ^= {block}
        if self._layout is not None:
            self._layout.invalidate([block])
            self._refresh()

    def set_fonts(self, fonts: ReaderFonts) -> None:
        """Ask for these font families (a test may put a bundled font first)."""
        self.fonts = fonts
        self._rebuild_layout(keep_position=True)

    def scroll_to_block(self, index: int) -> None:
        """Scroll so that block ``index`` begins at the top of the view (its first line fully shown)."""
        if self._layout is None or not 0 <= index < len(self._layout.document.blocks):
            return
        value = self._layout.scroll_value_for(index)
        self._sync_scrollbar()
        self.verticalScrollBar().setValue(int(value))

    def first_visible_block(self) -> int:
        """The first block whose text is in view."""
        return self._layout.first_shown(self.verticalScrollBar().value()) if self._layout else 0

    def visible_blocks(self) -> list[int]:
        """The blocks with text in view, first to last."""
        if self._layout is None:
            return []
        top = self.verticalScrollBar().value()
        first = self._layout.first_shown(top)
        return [index for index in self._layout.visible(top, top + self.viewport().height()) if index >= first]

    def word_rect(self, ref: WordRef) -> QRectF | None:
        """Where ``ref`` is drawn, in viewport coordinates (a word broken across two lines: its first part)."""
        rects = self.word_rects(ref)
        return rects[0] if rects else None

    def word_rects(self, ref: WordRef) -> list[QRectF]:
        """Where each part of ``ref`` is drawn, one per line, in viewport coordinates (laying it out if needed)."""
        if self._layout is None or not 0 <= ref.block < len(self._layout.document.blocks):
            return []
        placed = self._layout.geometry(ref.block).chinese
        top = self._layout.top_of(ref.block) - self.verticalScrollBar().value()
        return [QRectF(x, top + y, w, h) for x, y, w, h in (placed.token_rects(ref.token) if placed is not None else [])]

    def select(self, ref: WordRef | None, ensure_visible: bool = True) -> None:
        """Select ``ref`` in the session (scrolling to it unless told not to)."""
        self._session.select(ref)
        if ref is not None and ensure_visible:
            self._ensure_visible(ref)
        self.selection_changed.emit(ref)

    # --- what the session changed ---------------------------------------------

    def _on_session_changed(self, changes: Changes) -> None:
        if changes.document:
            self._peeked.clear()
            self._find_hits, self._find_hits_by_block = [], {}
            self._hover = None
            self._rebuild_layout()
            self.verticalScrollBar().setValue(0)
            return
        if changes.blocks and self._layout is not None:
            if self._script() != self._layout_script:
                self._rebuild_layout(keep_position=True)  # the other script's font
                return
            anchor = self._anchor()
            self._layout.invalidate(changes.blocks)
            if not changes.blocks.isdisjoint(self.visible_blocks()) or anchor[0] in changes.blocks:
                self._restore_anchor(anchor)  # blocks out of view are laid out again when they come into view
        if changes.selection is not None:
            self._update_words(*changes.selection)
        for index in changes.link_blocks:  # repaint just those pairs' English
            self._update_english(index)
        if changes.marks:
            if self.options.ruby == "unknown":
                self._rebuild_layout(keep_position=True)
            else:
                self.viewport().update()

    def _update_words(self, *refs: WordRef | None) -> None:
        """Repaint only where these words are drawn (a click must not repaint the page)."""
        for ref in refs:
            for rect in self.word_rects(ref) if ref is not None else []:
                self.viewport().update(rect.adjusted(-2, -2, 2, 2).toAlignedRect())

    def _update_english(self, index: int) -> None:
        if self._layout is None or not 0 <= index < len(self._layout.document.blocks):
            return
        placed = self._layout.geometry(index).english
        if placed is None:
            return
        top = self._layout.top_of(index) - self.verticalScrollBar().value() + placed.y
        width = max((line.xs[-1] + line.widths[-1] for line in placed.layout.lines if line.xs), default=0.0)
        self.viewport().update(QRectF(placed.x - 2, top - 2, width + placed.measure.space + 4, placed.layout.height + 4).toAlignedRect())

    # --- hit testing ------------------------------------------------------------

    def word_at(self, point: QPointF) -> WordRef | None:
        hit = self._hit(point)
        return hit[2] if hit is not None and hit[1] == "zh" else None

    def _hit(self, point: QPointF) -> _PointHit | None:
        """``(block, "en"|"zh", offset or WordRef)`` under a viewport point, or None."""
        if self._layout is None:
            return None
        y = point.y() + self.verticalScrollBar().value()
        index = self._layout.block_at(y)
        geometry = self._layout.geometry(index)
        local_y = y - self._layout.top_of(index)
        english, chinese = geometry.english, geometry.chinese
        if chinese is not None:
            piece = chinese.layout.piece_at(point.x() - chinese.x, local_y - chinese.y)
            token = chinese.token_of_piece[piece] if piece is not None else -1
            annotation = self._session.annotation(index)
            if token >= 0 and annotation is not None and annotation.tokens[token].is_chinese:
                return (index, "zh", WordRef(index, token))
        if english is not None:
            px, py = point.x() - english.x, local_y - english.y
            right = max((line.xs[-1] + line.widths[-1] for line in english.layout.lines if line.xs), default=0)
            if 0 <= py < english.layout.height and 0 <= px <= right:
                piece = english.layout.piece_at(px, py)
                offset = english.layout.pieces[piece].start if piece is not None and not geometry.english_hidden else -1
                return (index, "en", offset)
        return None

    # --- layout -----------------------------------------------------------------

    def _script(self) -> str:
        """The script the Chinese is shown in: the one chosen, else the one it is written in."""
        document = self._session.document
        if self._session.script != "original":
            return self._session.script
        if self._written_script[0] is not document:
            chinese = "".join(b.chinese.text for b in (document.blocks[:40] if document else ()) if b.chinese)
            self._written_script = (document, script_of(chinese))
        return self._written_script[1]

    def _rebuild_layout(self, keep_position: bool = False) -> None:
        anchor = self._anchor() if keep_position else None
        document = self._session.document
        self._layout_script = self._script()
        if document is None:
            self._layout = None
        else:
            self._layout = ReaderLayout(
                document,
                self.viewport().width(),
                self.options,
                annotation=self._session.annotation,
                show_ruby=lambda word: self.options.ruby == "all" or word not in self._session.known,
                english_shown=lambda index: index in self._peeked,
                fonts=self.fonts,
                script=self._layout_script,
            )
        if anchor is not None and self._layout is not None:
            self._restore_anchor(anchor)
        else:
            self._refresh()
        self.layout_changed.emit()

    def _anchor(self) -> tuple[int, float]:
        """The first block in view and how far into it the view begins."""
        return self._layout.anchor_at(self.verticalScrollBar().value()) if self._layout is not None else (0, 0.0)

    def _restore_anchor(self, anchor: tuple[int, float]) -> None:
        """Scroll back to an ``_anchor()`` after blocks were laid out again."""
        value = self._layout.scroll_value_at(anchor) if self._layout is not None else 0.0
        self._sync_scrollbar()
        self.verticalScrollBar().setValue(round(value))
        self.viewport().update()

    def _refresh(self) -> None:
        self._sync_scrollbar()
        self.viewport().update()

    def _sync_scrollbar(self) -> None:
        bar = self.verticalScrollBar()
        page = self.viewport().height()
        total = int(self._layout.total_height) if self._layout else 0
        bar.setPageStep(page)
        bar.setRange(0, max(0, total - page))

    def _ensure_visible(self, ref: WordRef) -> bool:
        """Scroll so that ``ref`` is in view; True if it scrolled."""
        rect = self.word_rect(ref)
        if rect is None:
            return False
        bar = self.verticalScrollBar()
        before = bar.value()
        if rect.top() < 0:
            bar.setValue(int(bar.value() + rect.top() - 20))
        elif rect.bottom() > self.viewport().height():
            bar.setValue(int(bar.value() + rect.bottom() - self.viewport().height() + 20))
        return bar.value() != before

    # --- keyboard navigation ---------------------------------------------------

    def _step_word(self, step: int) -> WordRef | None:
        """The next or previous word (the first on the page if none is selected)."""
        selection = self.selection
        if selection is None:
            refs = self._session.words_in(self.first_visible_block())
            return refs[0] if refs else None
        return self._session.next_word(selection, step) or selection

    def _step_line(self, step: int) -> WordRef | None:
        if self.selection is None:
            return self._step_word(1)
        rect = self.word_rect(self.selection)
        if rect is None:
            return self.selection
        line_height = rect.height()
        target_y = rect.center().y() + step * line_height
        for _ in range(40):  # skip blank gaps between blocks
            ref = self.word_at(QPointF(rect.center().x(), target_y))
            if ref is None:
                ref = self._nearest_on_row(target_y, rect.center().x())
            if ref is not None and ref != self.selection:
                return ref
            target_y += step * line_height / 2
        return self.selection

    def _nearest_on_row(self, y: float, x: float) -> WordRef | None:
        best, best_distance = None, float("inf")
        for ref in (r for b in self.visible_blocks() for r in self._session.words_in(b)):
            rect = self.word_rect(ref)
            if rect is not None and rect.top() <= y < rect.bottom():
                distance = abs(rect.center().x() - x)
                if distance < best_distance:
                    best, best_distance = ref, distance
        return best

    # --- Qt overrides -----------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        moves: dict[Qt.Key, Callable[[], WordRef | None]] = {
            Qt.Key.Key_Right: lambda: self._step_word(1), Qt.Key.Key_Left: lambda: self._step_word(-1),
            Qt.Key.Key_Down: lambda: self._step_line(1), Qt.Key.Key_Up: lambda: self._step_line(-1),
        }
        plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
        if key in moves and self.document is not None and plain:
            self.select(moves[Qt.Key(key)]())
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selection is not None:
            self.word_activated.emit(self.selection)
        elif key == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
        elif key == Qt.Key.Key_E and plain and self.options.hide_english:
            self.toggle_english()
        else:
            super().keyPressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hover = self.word_at(event.position())
        if hover != self._hover:
            previous, self._hover = self._hover, hover
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if hover else Qt.CursorShape.ArrowCursor)
            self._update_words(previous, hover)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover is not None:
            previous, self._hover = self._hover, None
            self._update_words(previous)
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        hit = self._hit(event.position())
        if hit is None:
            return None
        index, side, target = hit
        if side == "zh" and isinstance(target, WordRef):
            self.select(target, ensure_visible=False)
            self.word_activated.emit(target)
        elif side == "en" and self.options.hide_english and index not in self._peeked:
            self.toggle_english(index)
        elif side == "en" and isinstance(target, int) and target >= 0:
            self.english_clicked.emit(index, target)
        return None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._layout is not None and abs(self._layout.width - self.viewport().width()) > 0.5:
            self._rebuild_layout(keep_position=True)
        else:
            self._sync_scrollbar()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def _on_scrollbar_value_changed(self, value: int) -> None:
        self.position_changed.emit(self.first_visible_block())

    # --- painting ----------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        palette = self.palette()
        clip = QRectF(event.rect())
        painter.fillRect(clip, palette.color(QPalette.ColorRole.Base))
        if self._layout is None:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QRectF(self.viewport().rect()), Qt.AlignmentFlag.AlignCenter, "Open a bilingual document (Ctrl+O) or drop one here.")
            painter.end()
            return
        total_before = self._layout.total_height
        session = self._session
        state = PaintState(self._layout, palette, session.annotation, session.selection, self._hover, session.saved,
                           session.known, session.levels, session.link, self._find_hits_by_block, self.tone_colours)
        try:
            ReaderPainter(state).paint(painter, self.verticalScrollBar().value(), clip)
        finally:
            painter.end()  # a painter left open on an error takes the process down later
        if self._layout.total_height != total_before:
            self._sync_scrollbar()
        self.painted.emit()
