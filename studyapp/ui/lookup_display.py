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

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, QPoint, QRect, QRectF, Qt, Signal
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
        QVBoxLayout(self.popup).addWidget(self.popup_panel)
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
                  in_popup: bool, word_corner: Callable[[], QPoint | None], english: English | None = None) -> None:
        """Show a looked-up word in the dock, or in the popup under the word (``word_corner``, global)."""
        panel = self.popup_panel if in_popup else self.panel
        panel.show_result(result, reading, is_name=is_name, saved=saved, english=english)
        if in_popup:
            self._place_popup(word_corner())
            self.popup.show()
        else:
            self.dock.show()

    def _place_popup(self, corner: QPoint | None) -> None:
        """Under the word, as big as the window allows, and never off the window's screen."""
        window = self._window
        zoom = self.popup_panel.zoom
        width = max(PANEL_MIN_WIDTH + 30, min(int(460 * zoom), int(window.width() * 0.6)))
        self.popup.resize(width, self.popup.height())
        self.popup.layout().activate()
        margins = self.popup.layout().contentsMargins()
        wanted = self.popup_panel.content_height() + margins.top() + margins.bottom()
        height = max(160, min(wanted, int(window.height() * 0.7)))
        self.popup.resize(width, height)
        corner = corner if corner is not None else window.mapToGlobal(QPoint(40, 40))
        screen = window.screen().availableGeometry() if window.screen() else QRect(0, 0, 4096, 4096)
        screen = screen.adjusted(8, 8, -8, -8)  # clear of the screen's edges, frame included
        x = min(max(corner.x(), screen.left()), screen.right() - width)
        y = corner.y()
        if y + height > screen.bottom():  # no room below the word: above it
            y = max(screen.top(), corner.y() - height - 40)
        self.popup.move(x, y)

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


def corner_below(rect: QRectF | None, viewport: QWidget) -> QPoint | None:
    """The global point just under a word's rectangle in ``viewport`` (None without one)."""
    return viewport.mapToGlobal(QPoint(int(rect.left()), int(rect.bottom()) + 6)) if rect is not None else None


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
