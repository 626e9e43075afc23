"""The View menu as the learner uses it: popup lookups, zoom, pinyin cycling,
tone colours, each remembered for the next start."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studyapp.ui.main_window import MainWindow
from studyapp.ui.reader_view import WordRef


def first_word(window: MainWindow, text: str) -> WordRef:
    for index in window.reader.visible_blocks():
        annotation = window.session.annotation(index)
        for k, token in enumerate(annotation.tokens if annotation else []):
            if token.text == text:
                return WordRef(index, k)
    raise LookupError(text)


def test_lookup_in_a_popup_next_to_the_word(qtbot, open_sample) -> None:
    window = open_sample()
    window.view.popup_action.trigger()
    assert not window.dock.isVisible()
    ref = first_word(window, "省会")
    rect = window.reader.word_rect(ref)
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert window.popup.isVisible() and window.popup_panel.word_label.text() == "省会"
    below = window.reader.viewport().mapToGlobal(rect.bottomLeft().toPoint())
    assert window.popup.pos().y() >= below.y()
    qtbot.keyClick(window.reader, Qt.Key.Key_Escape)
    assert not window.popup.isVisible()
    assert window._settings.value("view/lookup_popup", type=bool)


def test_zoom_makes_the_text_bigger_and_is_remembered(qtbot, open_sample) -> None:
    window = open_sample()
    index = first_word(window, "省会").block
    before = window.reader.reader_layout.geometry(index).chinese.layout.height
    qtbot.keyClick(window.reader, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.reader, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.options.point_size == 14.0
    assert window.reader.reader_layout.geometry(index).chinese.layout.height > before
    assert float(window._settings.value("view/point_size")) == 14.0
    qtbot.keyClick(window.reader, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.options.point_size == 12.0


def test_ctrl_p_cycles_the_pinyin_modes(qtbot, open_sample) -> None:
    window = open_sample()
    seen = []
    for _ in range(3):
        qtbot.keyClick(window.reader, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        seen.append(window.reader.options.ruby)
    assert seen == ["all", "unknown", "off"]


def test_tone_colours_off_is_remembered(qtbot, open_sample) -> None:
    window = open_sample()
    window.view.tone_action.trigger()
    assert not window.reader.tone_colours and not window.panel.tone_colours
    assert window._settings.value("view/tone_colours", type=bool) is False


def test_tone_sandhi_shows_yi_and_bu_as_spoken_and_is_remembered(qtbot, open_sample) -> None:
    window = open_sample()
    window.view.ruby_actions["all"].trigger()
    bu, yi = first_word(window, "不到"), first_word(window, "一个")

    def drawn(ref: WordRef) -> list[str]:
        placed = window.reader.reader_layout.geometry(ref.block).chinese
        return placed.syllables_of_token(ref.token)

    assert drawn(bu) == ["bù", "dào"] and drawn(yi) == ["yī", "gè"]
    window.view.sandhi_action.trigger()
    assert drawn(bu) == ["bú", "dào"] and drawn(yi) == ["yí", "gè"]
    assert window._settings.value("view/sandhi", type=bool)
    window.view.sandhi_action.trigger()
    assert drawn(bu) == ["bù", "dào"] and drawn(yi) == ["yī", "gè"]
