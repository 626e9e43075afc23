"""ViewMenu: how the reader looks, each choice kept in QSettings.

Side by side or English above Chinese, hidden English, pinyin over the
words (off / all / unknown, Ctrl+P cycles), tone colours, the characters
shown (as written / simplified / traditional), 一 and 不 with their tone
sandhi as spoken, lookup in a popup, zoom.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QWidget

from studyapp.core.reading.session import ReadingSession
from studyapp.ui import settings as typed_settings
from studyapp.ui.lookup_panel import LookupPanel
from studyapp.ui.reader_view import ReaderView

DEFAULT_POINT_SIZE = 12.0
POINT_SIZES = (7.0, 36.0)  # zoom range


def add_action(menu: QMenu, owner: QObject, text: str, slot: Callable[..., Any] | None = None,
               shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None, checkable: bool = False) -> QAction:
    """A menu action; ``slot`` gets ``toggled`` for checkable actions, ``triggered`` otherwise."""
    action = QAction(text, owner, checkable=checkable)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if slot is not None:
        (action.toggled if checkable else action.triggered).connect(slot)
    menu.addAction(action)
    return action


class ViewMenu(QObject):
    def __init__(self, window: QWidget, menu: QMenu, settings: QSettings, reader: ReaderView, session: ReadingSession,
                 panels: tuple[LookupPanel, ...], dock: QDockWidget) -> None:
        super().__init__(window)
        self._window = window  # owns the actions: their shortcuts work only in its window
        self._settings, self._reader, self._session, self._panels, self._dock = settings, reader, session, panels, dock
        self.stacked_action = add_action(menu, self._window, "English &Above Chinese", lambda on: self._set("mode", "stacked" if on else "side"), "Ctrl+L", True)
        self.hide_english_action = add_action(menu, self._window, "&Hide English (click or E to peek)", lambda on: self._set("hide_english", on), "Ctrl+H", True)
        self.ruby_actions = self._radio(menu.addMenu("&Pinyin over Characters"), [("Off", "off"), ("All Words", "all"), ("Only Words Not Known", "unknown")],
                                        lambda value: self._set("ruby", value), "Ctrl+P")
        self.tone_action = add_action(menu, self._window, "&Tone Colours", self._on_tone_action_toggled, None, True)
        self.script_actions = self._radio(menu.addMenu("&Characters"), [("As Written", "original"), ("Simplified", "simplified"), ("Traditional", "traditional")],
                                          self._set_script)
        self.sandhi_action = add_action(menu, self._window, "一 and 不 as &Spoken (Tone Sandhi)", self._on_sandhi_action_toggled, None, True)
        self.popup_action = add_action(menu, self._window, "Lookup in a &Popup", self._on_popup_action_toggled, None, True)
        menu.addSeparator()
        add_action(menu, self._window, "Zoom &In", lambda: self.zoom(1), QKeySequence.StandardKey.ZoomIn).setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        add_action(menu, self._window, "Zoom &Out", lambda: self.zoom(-1), QKeySequence.StandardKey.ZoomOut)
        add_action(menu, self._window, "&Reset Zoom", lambda: self.zoom(0), "Ctrl+0")
        self._restore()

    @property
    def popup(self) -> bool:
        return self.popup_action.isChecked()

    def _radio(self, menu: QMenu, options: list[tuple[str, str]], slot: Callable[[str], None], cycle_shortcut: str | None = None) -> dict[str, QAction]:
        group = QActionGroup(self)
        actions: dict[str, QAction] = {}
        for text, value in options:
            action = add_action(menu, self._window, text, None, None, True)
            action.triggered.connect(lambda checked=False, v=value: slot(v))
            group.addAction(action)
            actions[value] = action
        if cycle_shortcut:
            values = [v for _, v in options]

            def cycle() -> None:
                current = next((v for v, a in actions.items() if a.isChecked()), values[0])
                following = values[(values.index(current) + 1) % len(values)]
                actions[following].setChecked(True)
                slot(following)

            add_action(menu, self._window, "Next Pinyin Mode", cycle, cycle_shortcut)
        return actions

    def _restore(self) -> None:
        s = self._settings
        options = self._reader.options
        options.mode = typed_settings.choice(s, "view/mode", "side", ("side", "stacked"))
        options.ruby = typed_settings.choice(s, "view/ruby", "off", tuple(self.ruby_actions))
        options.hide_english = typed_settings.flag(s, "view/hide_english", False)
        options.point_size = typed_settings.number(s, "view/point_size", DEFAULT_POINT_SIZE, *POINT_SIZES)
        self.stacked_action.setChecked(options.mode == "stacked")
        self.hide_english_action.setChecked(options.hide_english)
        self.ruby_actions[options.ruby].setChecked(True)
        self.tone_action.setChecked(typed_settings.flag(s, "view/tone_colours", True))
        self.script = typed_settings.choice(s, "view/script", "original", tuple(self.script_actions))
        self.script_actions[self.script].setChecked(True)
        self._session.set_script(self.script)
        self.popup_action.setChecked(typed_settings.flag(s, "view/lookup_popup", False))
        self.sandhi_action.setChecked(typed_settings.flag(s, "view/sandhi", False))
        self._session.set_sandhi(self.sandhi_action.isChecked())
        self._on_tone_action_toggled(self.tone_action.isChecked())
        self._dock.setVisible(not self.popup)

    def _set(self, name: str, value: object) -> None:
        self._settings.setValue(f"view/{name}", value)
        self._reader.set_options(**{name: value})

    def _on_tone_action_toggled(self, on: bool) -> None:
        self._settings.setValue("view/tone_colours", on)
        self._reader.set_tone_colours(on)
        for panel in self._panels:
            panel.tone_colours = on

    def _on_popup_action_toggled(self, on: bool) -> None:
        self._settings.setValue("view/lookup_popup", on)
        self._dock.setVisible(not on)

    def _on_sandhi_action_toggled(self, on: bool) -> None:
        self._settings.setValue("view/sandhi", on)
        self._session.set_sandhi(on)

    def zoom(self, step: int) -> None:
        """One point bigger (1), smaller (-1), or back to the default (0)."""
        low, high = POINT_SIZES
        size = DEFAULT_POINT_SIZE if step == 0 else min(high, max(low, self._reader.options.point_size + step))
        self._set("point_size", size)

    def _set_script(self, script: str) -> None:
        self.script = script
        self._settings.setValue("view/script", script)
        self._session.set_script(script)
