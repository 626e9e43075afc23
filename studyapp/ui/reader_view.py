"""ReaderView: the painted, virtualised view of a document's aligned pairs.

Only the blocks in view are laid out and painted (ReaderLayout), so a book
opens as fast as a page. Chinese is drawn word by word: hovering shows a
word's extent, clicking (or the arrow keys and Enter) selects it and emits
``word_activated``. Text is drawn as plain text, never as HTML.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from studyapp.core.text.document import Document
from studyapp.ui.reader_layout import Annotation, LayoutOptions, ReaderLayout
from studyapp.ui.reader_painting import ReaderPainting, WordRef


class ReaderView(ReaderPainting, QAbstractScrollArea):
    """Shows a Document as aligned English/Chinese pairs."""

    word_activated = Signal(object)  # WordRef: clicked, or Enter on the selection
    selection_changed = Signal(object)  # WordRef | None
    escape_pressed = Signal()
    layout_changed = Signal()
    position_changed = Signal(int)  # first visible block
    painted = Signal()  # a page of the document was painted
    english_clicked = Signal(int, int)  # block, offset in its English text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.verticalScrollBar().setSingleStep(40)
        self.verticalScrollBar().valueChanged.connect(self._on_scrollbar_value_changed)
        self._document: Document | None = None
        self._layout: ReaderLayout | None = None
        self.options = LayoutOptions()
        self.tone_colours = True
        self._annotations: dict[int, Annotation] = {}
        self._display: dict[int, list[str]] = {}
        self._highlighted: frozenset[str] = frozenset()
        self._known: frozenset[str] = frozenset()
        self._peeked: set[int] = set()
        self._find_hits: list[tuple[int, str, int, int]] = []
        self._hover: WordRef | None = None
        # (block, English spans of the selected word's translation, English sentence span)
        self._link: tuple[int, list[tuple[int, int]], tuple[int, int] | None] | None = None
        self.selection: WordRef | None = None

    # --- public API -----------------------------------------------------------

    @property
    def document(self) -> Document | None:
        return self._document

    @property
    def reader_layout(self) -> ReaderLayout | None:
        return self._layout

    def set_document(self, document: Document | None) -> None:
        self._document = document
        self._annotations.clear()
        self._display.clear()
        self._peeked.clear()
        self._find_hits = []
        self._link = None
        self._hover = self.selection = None
        self._rebuild_layout()
        self.verticalScrollBar().setValue(0)

    def set_annotations(self, annotations: dict[int, Annotation]) -> None:
        """Tokens and readings for some blocks (from the background annotator)."""
        self._annotations.update(annotations)
        if self._layout is not None:
            self._layout.invalidate(annotations.keys())
            if not set(annotations).isdisjoint(self.visible_blocks()):
                self._refresh()  # blocks out of view are laid out again when they come into view

    @property
    def annotations(self) -> dict[int, Annotation]:
        """Every block's words read so far (do not change the dict)."""
        return self._annotations

    def annotation(self, index: int) -> Annotation | None:
        return self._annotations.get(index)

    def set_options(self, **changes) -> None:
        """Change layout options (mode, ruby, point_size, hide_english), keeping the place."""
        for name, value in changes.items():
            setattr(self.options, name, value)
        self._rebuild_layout(keep_position=True)

    def set_display_forms(self, forms: dict[int, list[str]] | None) -> None:
        """Per block, the text to show for each token (traditional forms), or None for the original."""
        self._display = dict(forms or {})
        for index, annotation in self._annotations.items():
            annotation.display = self._display.get(index)
        if self._layout is not None:
            self._layout.invalidate()
            self._refresh()

    def set_highlighted_words(self, words: set[str] | frozenset[str]) -> None:
        """Words drawn with a highlight wherever they occur (saved words)."""
        self._highlighted = frozenset(words)
        self.viewport().update()

    def set_known_words(self, words: set[str] | frozenset[str]) -> None:
        """Known words: underlined, and without pinyin in the "unknown words only" ruby mode."""
        self._known = frozenset(words)
        if self.options.ruby == "unknown":
            self._rebuild_layout(keep_position=True)
        else:
            self.viewport().update()

    def set_tone_colours(self, on: bool) -> None:
        self.tone_colours = on
        self.viewport().update()

    def set_find_hits(self, hits: list[tuple[int, str, int, int]]) -> None:
        """Find results as ``(block, "en"|"zh", start, end)`` to highlight."""
        self._find_hits = hits
        self.viewport().update()

    def set_link(self, block: int | None, english_spans: list[tuple[int, int]] | None = None, sentence: tuple[int, int] | None = None) -> None:
        """Highlight the English that translates the selected word, and its sentence."""
        previous = self._link[0] if self._link else None
        self._link = (block, list(english_spans or []), sentence) if block is not None else None
        for index in {previous, block} - {None}:  # repaint just those pairs' English
            self._update_english(index)

    def _update_english(self, index: int) -> None:
        if self._layout is None or not 0 <= index < len(self._layout.document.blocks):
            return
        placed = self._layout.geometry(index).english
        if placed is None:
            return
        top = self._layout.top_of(index) - self.verticalScrollBar().value() + placed.y
        width = max((line.xs[-1] + line.widths[-1] for line in placed.layout.lines if line.xs), default=0.0)
        self.viewport().update(QRectF(placed.x - 2, top - 2, width + placed.measure.space + 4, placed.layout.height + 4).toAlignedRect())

    def toggle_english(self, block: int | None = None) -> None:
        """Peek at (or hide again) the English of ``block`` (default: the current pair)."""
        if block is None:
            block = self.selection.block if self.selection else self.first_visible_block()
        self._peeked ^= {block}
        if self._layout is not None:
            self._layout.invalidate([block])
            self._refresh()

    def scroll_to_block(self, index: int) -> None:
        if self._layout is not None:
            self.verticalScrollBar().setValue(int(self._layout.top_of(index) - ReaderLayout.MARGIN))

    def first_visible_block(self) -> int:
        return self._layout.block_at(self.verticalScrollBar().value()) if self._layout else 0

    def visible_blocks(self) -> list[int]:
        if self._layout is None:
            return []
        top = self.verticalScrollBar().value()
        return self._layout.visible(top, top + self.viewport().height())

    def token_of(self, ref: WordRef):
        annotation = self._annotations.get(ref.block)
        return annotation.tokens[ref.token] if annotation else None

    def word_rect(self, ref: WordRef) -> QRectF | None:
        """Where ``ref`` is drawn, in viewport coordinates (laying it out if needed)."""
        if self._layout is None:
            return None
        placed = self._layout.geometry(ref.block).chinese
        piece = placed.piece_of_token(ref.token) if placed else None
        if piece is None:
            return None
        x, y, w, h = placed.layout.rect_of(piece)
        top = self._layout.top_of(ref.block) - self.verticalScrollBar().value()
        return QRectF(placed.x + x, top + placed.y + y, w, h)

    def select(self, ref: WordRef | None, ensure_visible: bool = True) -> None:
        previous, self.selection = self.selection, ref
        scrolled = False
        if ref is not None and ensure_visible:
            scrolled = self._ensure_visible(ref)
        if scrolled:
            self.viewport().update()
        else:
            self._update_words(previous, ref)
        self.selection_changed.emit(ref)

    def _update_words(self, *refs: WordRef | None) -> None:
        """Repaint only where these words are drawn (a click must not repaint the page)."""
        for ref in refs:
            rect = self.word_rect(ref) if ref is not None else None
            if rect is not None:
                self.viewport().update(rect.adjusted(-2, -2, 2, 2).toAlignedRect())

    # --- hit testing ------------------------------------------------------------

    def word_at(self, point: QPointF) -> WordRef | None:
        hit = self._hit(point)
        if hit and hit[1] == "zh":
            return hit[2]
        return None

    def _hit(self, point: QPointF):
        """``(block, "en"|"zh", WordRef|None)`` under a viewport point, or None."""
        if self._layout is None:
            return None
        y = point.y() + self.verticalScrollBar().value()
        index = self._layout.block_at(y)
        geometry = self._layout.geometry(index)
        local_y = y - self._layout.top_of(index)
        for name, placed in (("zh", geometry.chinese), ("en", geometry.english)):
            if placed is None:
                continue
            px, py = point.x() - placed.x, local_y - placed.y
            if name == "en" and 0 <= py < placed.layout.height and 0 <= px:
                if px <= max((l.xs[-1] + l.widths[-1] for l in placed.layout.lines if l.xs), default=0):
                    piece = placed.layout.piece_at(px, py)
                    offset = placed.layout.pieces[piece].start if piece is not None and not geometry.english_hidden else -1
                    return (index, "en", offset)
            if name == "zh":
                piece = placed.layout.piece_at(px, py)
                if piece is not None and placed.token_of_piece[piece] >= 0:
                    token = placed.token_of_piece[piece]
                    annotation = self._annotations.get(index)
                    if annotation and annotation.tokens[token].is_chinese:
                        return (index, "zh", WordRef(index, token))
        return None

    # --- layout -----------------------------------------------------------------

    def _rebuild_layout(self, keep_position: bool = False) -> None:
        anchor = self.first_visible_block() if keep_position else 0
        if self._document is None:
            self._layout = None
        else:
            self._layout = ReaderLayout(
                self._document,
                self.viewport().width(),
                self.options,
                annotation=self._annotations.get,
                show_ruby=lambda word: self.options.ruby == "all" or word not in self._known,
                english_shown=lambda index: index in self._peeked,
            )
        self._sync_scrollbar()
        if keep_position and self._layout is not None:
            self.scroll_to_block(anchor)
        self.viewport().update()
        self.layout_changed.emit()

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

    def _word_refs(self, block: int) -> list[WordRef]:
        annotation = self._annotations.get(block)
        if annotation is None:
            return []
        return [WordRef(block, k) for k, t in enumerate(annotation.tokens) if t.is_chinese]

    def _step_word(self, step: int) -> WordRef | None:
        if self._document is None:
            return None
        if self.selection is None:
            block = self.first_visible_block()
            refs = self._word_refs(block)
            return refs[0] if refs else None
        refs = self._word_refs(self.selection.block)
        position = refs.index(self.selection) if self.selection in refs else 0
        if 0 <= position + step < len(refs):
            return refs[position + step]
        block = self.selection.block + step
        while 0 <= block < len(self._document.blocks):
            refs = self._word_refs(block)
            if refs:
                return refs[0] if step > 0 else refs[-1]
            block += step
        return self.selection

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
        for ref in (r for b in self.visible_blocks() for r in self._word_refs(b)):
            rect = self.word_rect(ref)
            if rect is not None and rect.top() <= y < rect.bottom():
                distance = abs(rect.center().x() - x)
                if distance < best_distance:
                    best, best_distance = ref, distance
        return best

    # --- Qt overrides -----------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        moves = {Qt.Key.Key_Right: lambda: self._step_word(1), Qt.Key.Key_Left: lambda: self._step_word(-1),
                 Qt.Key.Key_Down: lambda: self._step_line(1), Qt.Key.Key_Up: lambda: self._step_line(-1)}
        if key in moves and self._document is not None and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.select(moves[key]())
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selection is not None:
            self.word_activated.emit(self.selection)
        elif key == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
        elif key == Qt.Key.Key_E and event.modifiers() == Qt.KeyboardModifier.NoModifier and self.options.hide_english:
            self.toggle_english()
        else:
            super().keyPressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hover = self.word_at(event.position())
        if hover != self._hover:
            previous, self._hover = self._hover, hover
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if hover else Qt.CursorShape.ArrowCursor)
            self._update_words(previous, hover)

    def leaveEvent(self, event) -> None:
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
            return
        index, side, ref = hit
        if side == "zh" and ref is not None:
            self.select(ref, ensure_visible=False)
            self.word_activated.emit(ref)
        elif side == "en" and self.options.hide_english and index not in self._peeked:
            self.toggle_english(index)
        elif side == "en" and isinstance(ref, int) and ref >= 0:
            self.english_clicked.emit(index, ref)

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
        scroll = self.verticalScrollBar().value()
        total_before = self._layout.total_height
        text_colour = palette.color(QPalette.ColorRole.Text)
        muted = QColor(text_colour)
        muted.setAlphaF(0.75)
        for index in self._layout.visible(scroll + clip.top(), scroll + clip.bottom()):
            top = self._layout.top_of(index) - scroll
            geometry = self._layout.geometry(index)
            self._paint_find_hits(painter, index, geometry, top)
            self._paint_link(painter, index, geometry, top, clip)
            if geometry.english:
                colour = palette.color(QPalette.ColorRole.PlaceholderText) if geometry.english_hidden else muted
                self._paint_english(painter, geometry.english, top, colour, clip)
            if geometry.chinese:
                self._paint_chinese(painter, index, geometry.chinese, top, text_colour, clip)
        painter.end()
        if self._layout.total_height != total_before:
            self._sync_scrollbar()
        self.painted.emit()
