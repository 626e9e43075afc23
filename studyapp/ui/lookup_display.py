"""LookupDisplay: where a looked-up word is shown — the lookup dock, or a popup
next to the word — and its Speak and Save buttons.

The window hands it each result the WordController reports; it picks the
panel (dock or popup, as the View menu says), places the popup under the
word, marks a saved word, and asks the speech engine (probed once, after the
first paint: speech engines can be slow to start) to say a word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, QPoint, QRectF, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QVBoxLayout, QWidget

from studyapp.ui.lookup_panel import LookupPanel

if TYPE_CHECKING:
    from studyapp.core.language.lookup import LookupResult
    from studyapp.ui.speech import Speaker


class LookupDisplay(QObject):
    """Owns the lookup dock (added to ``window``) and the popup."""

    save_requested = Signal()

    def __init__(self, window: QMainWindow, speaker: Speaker | None = None) -> None:
        super().__init__(window)
        self._window = window
        self.speaker = speaker
        self.panel = LookupPanel()
        self.panel.setMinimumWidth(340)
        self.dock = QDockWidget("Lookup", window)
        self.dock.setObjectName("lookupDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.popup = QFrame(window, Qt.WindowType.Popup)
        self.popup.setFrameShape(QFrame.Shape.StyledPanel)
        self.popup_panel = LookupPanel()
        QVBoxLayout(self.popup).addWidget(self.popup_panel)
        self.popup.resize(420, 380)
        for panel in self.panels:
            panel.save_requested.connect(self.save_requested.emit)
            panel.speak_requested.connect(self._on_panel_speak_requested)

    @property
    def panels(self) -> tuple[LookupPanel, LookupPanel]:
        return self.panel, self.popup_panel

    def show_word(self, result: LookupResult, reading: list[str] | None, is_name: bool, saved: bool,
                  in_popup: bool, word_corner: Callable[[], QPoint | None]) -> None:
        """Show a looked-up word in the dock, or in the popup under the word (``word_corner``, global)."""
        panel = self.popup_panel if in_popup else self.panel
        panel.show_result(result, reading, is_name=is_name, saved=saved)
        if in_popup:
            corner = word_corner()
            self.popup.move(corner if corner is not None else self._window.mapToGlobal(QPoint(40, 40)))
            self.popup.show()
        else:
            self.dock.show()

    def show_english_word(self, result: LookupResult) -> None:
        """Dictionary words for an English word linked to nothing (a reverse lookup)."""
        self.panel.show_result(result)
        word = result.query
        self.panel.status_label.setText(f"No linked Chinese word; dictionary words meaning “{word}”:" if result.entries else f"Nothing in the dictionary for “{word}”.")
        self.panel.save_button.setEnabled(False)
        self.dock.show()

    def mark_saved(self, result: LookupResult) -> None:
        for panel in self.panels:
            if panel.result is result:
                panel.save_button.setText("Saved ✓")

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
