"""Familiarity in the reader: keys 1-5 and I on the selected word, colours by
level, marking the page known as one undoable step, and the Words menu's
review entries with the due count."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QApplication

from studyapp.core.study.vocabulary import Context, VocabularyStore, WordData
from studyapp.ui.familiarity_colours import familiarity_colour
from studyapp.ui.main_window import MainWindow
from studyapp.ui.reader_view import WordRef

sys.path.insert(0, str(Path(__file__).parent))
from test_reader import click, find_word


@pytest.fixture
def window(open_sample) -> MainWindow:
    return open_sample()


def background(window: MainWindow, ref: WordRef) -> QColor:
    """The colour behind a word's first character, as painted."""
    window.reader.select(None)
    image = window.reader.viewport().grab().toImage()
    rect = window.reader.word_rect(ref)
    return image.pixelColor(QPoint(int(rect.left()) + 2, int(rect.top()) + 2))


def distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def test_keys_set_the_level_of_the_selected_word_and_its_colour_follows(qtbot, window: MainWindow) -> None:
    ref = next(r for r in find_word(window, "杭州") if window.reader.document.blocks[r.block].english)
    plain = background(window, ref)
    click(qtbot, window, ref)
    qtbot.keyClick(window.reader, Qt.Key.Key_2)
    record = window.vocabulary.find("杭州")[0]
    assert (record.familiarity, record.status) == (2, "learning")
    assert "杭州" in record.contexts[0].sentence
    two = background(window, ref)
    click(qtbot, window, ref)
    qtbot.keyClick(window.reader, Qt.Key.Key_4)
    four = background(window, ref)
    target2, target4 = familiarity_colour(2, window.palette()), familiarity_colour(4, window.palette())
    assert distance(two, target2) < distance(two, target4) and distance(four, target4) < distance(four, target2)
    assert distance(two, plain) > 40 and distance(two, four) > 20  # level 2 is stronger than 4
    click(qtbot, window, ref)
    qtbot.keyClick(window.reader, Qt.Key.Key_I)
    assert window.vocabulary.find("杭州")[0].status == "ignored"
    assert distance(background(window, ref), plain) < 10  # ignored: not marked
    assert "杭州" in window.session.known  # and counted as known


def test_mark_page_known_is_one_step_and_ctrl_z_takes_it_back(qtbot, window: MainWindow) -> None:
    ref = find_word(window, "省会")[0]
    click(qtbot, window, ref)
    qtbot.keyClick(window.reader, Qt.Key.Key_1)  # one word being learnt stays as it is
    page = {window.session.token(WordRef(b, k)).text for b in window.reader.visible_blocks()
            for k, t in enumerate(window.session.annotation(b).tokens) if t.kind == "word"}
    before = window.coverage_label.text()
    qtbot.keyClick(window.reader, Qt.Key.Key_K, Qt.KeyboardModifier.ShiftModifier)
    levels = {r.simplified: r.familiarity for r in window.vocabulary.words()}
    assert levels.pop("省会") == 1
    assert set(levels.values()) == {5} and set(levels) == page - {"省会"}
    assert "marked known" in window.statusBar().currentMessage()
    assert window.coverage_label.text() != before and "· 1 new on this page" not in before
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [(r.simplified, r.familiarity) for r in window.vocabulary.words()] == [("省会", 1)]
    assert window.coverage_label.text() == before


def test_review_from_the_words_menu_with_the_due_count(qtbot, window: MainWindow) -> None:
    for word in ("省会", "杭州"):
        click(qtbot, window, find_word(window, word)[0])
        qtbot.keyClick(window.reader, Qt.Key.Key_S)
    assert window.review_menu.due_label.text() == "2 due"
    assert window.review_menu.review_action.text() == "&Review (2 due)"
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    review = window.review_menu.review_window
    qtbot.waitUntil(lambda: review.isVisible())
    review.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is review, timeout=5000)
    assert review.prompt.text().startswith("省会")
    qtbot.keyClick(review, Qt.Key.Key_Space)
    qtbot.keyClick(review, Qt.Key.Key_4)  # easy: due in days
    assert window.review_menu.due_label.text() == "1 due"
    stats = window.review_menu.show_statistics()
    assert stats.reviews_chart.sets[0].at(29) == 1.0  # today's answer, remembered
    assert stats.coverage_label.text().startswith(f"{window.session.document.title}: you know")


def test_no_two_window_shortcuts_are_the_same(window: MainWindow) -> None:
    keys = [s.toString() for a in window.findChildren(QAction) if a.shortcutContext() == Qt.ShortcutContext.WindowShortcut
            for s in a.shortcuts() if not s.isEmpty()]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert {"1", "5", "I", "Shift+K", "Ctrl+R", "Ctrl+Shift+T"} <= set(keys)


def test_review_opens_from_a_window_just_made_and_the_due_count_follows(qtbot, language, tmp_path: Path) -> None:
    vocabulary = VocabularyStore.open(tmp_path / "vocabulary.sqlite3")
    vocabulary.save(WordData("省会", "省會", "sheng3 hui4", ["provincial capital"]), Context("杭州是浙江的省会。", "Hangzhou is the capital of Zhejiang."))
    win = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), language, vocabulary)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    win.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5000)
    qtbot.keyClick(win, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # before the first due count
    review = win.review_menu.review_window
    assert review is not None and review.isVisible() and review.prompt.text().startswith("省会")
    qtbot.waitUntil(lambda: win.review_menu.due_label.text() == "1 due")
