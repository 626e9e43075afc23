"""LookupDisplay: where a looked-up word is shown — the lookup dock, or a popup
next to the word — and its Speak and Save buttons.

The window hands it each result the WordController reports; it picks the
panel (the popup when the View menu asks for it, or by itself when the
window is too narrow to give the text and a dock room), places the popup
under the word and keeps it on the screen, marks a saved word, follows a
measure word or cross-reference clicked in the panel, and asks the speech
engine (probed once, after the first paint: speech engines can be slow to
start) to say a word.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QVBoxLayout, QWidget

from studyapp.ui.lookup_panel import LookupPanel

if TYPE_CHECKING:
    from studyapp.core.language.lookup import LookupResult
    from studyapp.core.reading.session import ReadingSession
    from studyapp.ui.speech import Speaker

#: Below this window width the lookup leaves the dock for a popup.
NARROW_WIDTH = 1000
PANEL_MIN_WIDTH = 280

English = tuple[str, tuple[tuple[int, int], ...]]


class LookupDisplay(QObject):
    """Owns the lookup dock (added to ``window``) and the popup."""

    save_requested = Signal()

    def __init__(self, window: QMainWindow, speaker: Speaker | None = None,
                 look_up: Callable[[str], LookupResult] | None = None) -> None:
        super().__init__(window)
        self._window = window
        self.speaker = speaker
        self._look_up = look_up
        self.narrow = False
        self._hidden_docks: list[QDockWidget] = []
        self.panel = LookupPanel()
        self.panel.setMinimumWidth(PANEL_MIN_WIDTH)
        self.dock = QDockWidget("Lookup", window)
        self.dock.setObjectName("lookupDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.popup = QFrame(window, Qt.WindowType.Popup)
        self.popup.setObjectName("lookupPopup")
        self.popup.setFrameShape(QFrame.Shape.StyledPanel)
        self.popup_panel = LookupPanel()
        self._popup_layout = QVBoxLayout(self.popup)
        self._popup_layout.addWidget(self.popup_panel)
        self.popup.resize(420, 380)
        for panel in self.panels:
            panel.save_requested.connect(self.save_requested.emit)
            panel.speak_requested.connect(self._on_panel_speak_requested)
            panel.word_requested.connect(lambda word, p=panel: self._follow(p, word))

    @property
    def panels(self) -> tuple[LookupPanel, LookupPanel]:
        return self.panel, self.popup_panel

    def fit_to_width(self, width: int) -> None:
        """Below NARROW_WIDTH the dock gives its room to the text and lookups pop up."""
        narrow = width < NARROW_WIDTH
        if narrow == self.narrow:
            return
        self.narrow = narrow
        if narrow:  # the lookup dock and the docks tabbed with it (else hiding one shows the next)
            docks = [self.dock, *self._window.tabifiedDockWidgets(self.dock)]
            self._hidden_docks = [d for d in docks if not d.isHidden()]
            for dock in docks:
                dock.hide()
        else:
            for dock in self._hidden_docks:
                dock.show()
            self.dock.raise_()
            self._hidden_docks = []

    def in_popup(self, preferred: bool) -> bool:
        """Whether a lookup goes to the popup: asked for, or the window is narrow."""
        return preferred or self.narrow

    def show_word(self, result: LookupResult, reading: list[str] | None, is_name: bool, saved: bool,
                  in_popup: bool, word_rect: Callable[[], QRect | None], english: English | None = None) -> None:
        """Show a looked-up word in the dock, or in the popup next to the word (``word_rect``, global)."""
        panel = self.popup_panel if in_popup else self.panel
        panel.show_result(result, reading, is_name=is_name, saved=saved, english=english)
        if in_popup:
            self._place_popup(word_rect())
            self.popup.show()
            panel.body.verticalScrollBar().setValue(0)
        else:
            self.dock.show()

    def _place_popup(self, word: QRect | None) -> None:
        """Under the word if it fits there, else above it, else where there is more room;
        as big as its content (within the window's size) and never off the screen."""
        window = self._window
        width = max(PANEL_MIN_WIDTH + 30, min(int(460 * self.popup_panel.zoom), int(window.width() * 0.6)))
        self.popup.resize(width, self.popup.height())
        self._popup_layout.activate()
        margins = self._popup_layout.contentsMargins()
        wanted = max(160, min(self.popup_panel.content_height() + margins.top() + margins.bottom(), int(window.height() * 0.7)))
        screen = window.screen().availableGeometry() if window.screen() else QRect(0, 0, 4096, 4096)
        screen = screen.adjusted(8, 8, -8, -8)  # clear of the screen's edges, frame included
        if word is None:
            word = QRect(window.mapToGlobal(QPoint(40, 40)), QSize(0, 0))
        below, above = screen.bottom() - word.bottom() - 6, word.top() - 6 - screen.top()
        height = wanted if wanted <= below or wanted <= above else max(below, above)
        y = word.bottom() + 6 if height <= below else word.top() - 6 - height
        x = min(max(word.left(), screen.left()), screen.right() - width)
        self.popup.setGeometry(x, y, width, height)

    def show_english_word(self, result: LookupResult) -> None:
        """Dictionary words for an English word linked to nothing (a reverse lookup)."""
        panel = self.popup_panel if self.narrow else self.panel
        panel.show_result(result)
        word = result.query
        panel.status_label.setText(f"No linked Chinese word; dictionary words meaning “{word}”:" if result.entries else f"Nothing in the dictionary for “{word}”.")
        panel.status_label.setVisible(True)
        panel.save_button.setEnabled(False)
        if self.narrow:
            self._place_popup(None)
            self.popup.show()
        else:
            self.dock.show()

    def _follow(self, panel: LookupPanel, word: str) -> None:
        if self._look_up is not None and word:
            panel.show_followed(self._look_up(word))

    def mark_saved(self, result: LookupResult) -> None:
        for panel in self.panels:
            if panel.result is result:
                panel.save_button.setText("Saved ✓")

    def set_zoom(self, zoom: float) -> None:
        """Text in the panels scales with the reader's; so does the dock's least width."""
        for panel in self.panels:
            panel.set_zoom(zoom)
        self.panel.setMinimumWidth(int(min(PANEL_MIN_WIDTH * max(zoom, 1.0), self._window.width() * 0.4)))

    def hide_popup(self) -> None:
        self.popup.hide()

    def probe_speech(self) -> None:
        """Show the Speak buttons if a Chinese voice exists (asked once)."""
        if self.speaker is None:
            from studyapp.ui.speech import Speaker

            self.speaker = Speaker()
        for panel in self.panels:
            panel.speak_button.setVisible(self.speaker.available)

    def _on_panel_speak_requested(self, text: str) -> None:
        if self.speaker is not None:
            self.speaker.say(text)


def global_rect(rect: QRectF | None, viewport: QWidget) -> QRect | None:
    """A word's rectangle in ``viewport``, in screen coordinates (None without one)."""
    if rect is None:
        return None
    return QRect(viewport.mapToGlobal(rect.topLeft().toPoint()), rect.size().toSize())


def sentence_english(session: ReadingSession) -> English | None:
    """The English sentence of the selected word's pair and, in it, the spans of the words linked to the word."""
    link, document = session.link, session.document
    side = document.blocks[link.block].english if link is not None and document is not None else None
    if link is None or side is None or link.sentence is None:
        return None
    start, end = link.sentence
    spans = tuple((max(a, start) - start, min(b, end) - start) for a, b in link.spans if a < end and b > start)
    text = side.text[start:end]
    return (text, spans) if text.strip() else None
