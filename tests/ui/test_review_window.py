"""The review window driven with the keyboard alone, on a real database with a fixed clock."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from studyapp.core.study.review.settings import ReviewSettings
from studyapp.core.study.review.store import ReviewStore
from studyapp.core.study.vocabulary import Context, VocabularyStore, WordData
from studyapp.ui.review_window import ReviewWindow
from studyapp.ui.word_edit_dialog import WordEditDialog

T0 = 1_800_000_000


class Clock:
    now = T0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def window(qtbot, tmp_path: Path):
    clock = Clock()
    vocabulary = VocabularyStore.open(tmp_path / "v.sqlite3", clock=clock)
    vocabulary.save(WordData("银行", "銀行", "yin2 hang2", ["bank"]),
                    Context("我去银行取钱。", "I went to the bank to take out money.", "Errands", sentence_pinyin="wo3 qu4 yin2 hang2 qu3 qian2"))
    vocabulary.save(WordData("关税", "關稅", "guan1 shui4", ["customs duty", "tariff"]), Context("美国提高了关税。", "The US raised tariffs."))
    reviews = ReviewStore(vocabulary, clock, UTC)
    reviews.save_settings(ReviewSettings(card_types=("recognition", "cloze")))
    win = ReviewWindow(reviews, fuzz=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.windowHandle().requestActivate()  # shortcuts go to the active window only
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5000)
    return win, reviews, clock


def log(reviews: ReviewStore) -> list[tuple[int, int]]:
    return [tuple(r) for r in reviews.vocabulary.connection.execute("SELECT card_id, rating FROM review_log ORDER BY id")]


def test_a_review_session_by_keyboard(qtbot, window) -> None:
    win, reviews, clock = window
    assert win.prompt.text() == "银行  (銀行)" and win.counts.text() == "New 2   ·   Learning 0   ·   Review 0"
    assert win.show_button.isVisible() and not win.rating_buttons[0].isVisible() and not win.meaning.isVisible()
    qtbot.keyClick(win, Qt.Key.Key_Space)
    assert win.meaning.text() == "bank" and win.pinyin.text() == "yín háng"
    assert win.sentence.text() == "我去银行取钱。" and win.sentence.pinyin() == "wǒ qù yín háng qǔ qián"
    assert win.english.text() == "I went to the bank to take out money."
    assert [b.text() for b in win.rating_buttons] == ["Again  1m\n(1)", "Hard  6m\n(2)", "Good  10m\n(3)", "Easy  8d\n(4)"]
    bank = reviews.queue(sync=False).new[0].id
    qtbot.keyClick(win, Qt.Key.Key_3)
    assert log(reviews) == [(bank, 3)]
    assert win.prompt.text() == "关税  (關稅)" and not win.meaning.isVisible()
    assert win.counts.text() == "New 1   ·   Learning 1   ·   Review 0"
    qtbot.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo: the rating is gone, 银行 is back, unanswered
    assert log(reviews) == [] and win.prompt.text() == "银行  (銀行)" and win.show_button.isVisible()
    qtbot.keyClick(win, Qt.Key.Key_Return)
    qtbot.keyClick(win, Qt.Key.Key_1)  # again
    qtbot.keyClick(win, Qt.Key.Key_Enter)
    qtbot.keyClick(win, Qt.Key.Key_4)  # 关税: easy
    tariff = next(card for card, kind, _, _ in reviews.cards_of_word(2) if kind == "recognition")
    assert log(reviews) == [(bank, 1), (tariff, 4)]
    assert win.prompt.text() == "银行  (銀行)"  # the learning card, due within the learn-ahead time
    clock.now += 2 * 86400  # the next days: the learning card first, then the sentence cards
    win.session.advance()
    win.show_current()
    qtbot.keyClick(win, Qt.Key.Key_Space)
    qtbot.keyClick(win, Qt.Key.Key_3)
    # 银行 was studied today: its sentence card waits for another day; 关税's comes
    assert win.prompt_title.text() == "Which word fits?" and win.prompt.text() == "美国提高了＿＿。"
    assert win.hint.text() == "The US raised tariffs." and not win.word.isVisible()
    qtbot.keyClick(win, Qt.Key.Key_Space)
    assert win.word.text() == "关税  (關稅)" and win.word.isVisible()


def test_rating_needs_the_answer_shown_and_keys_bury_and_suspend(qtbot, window) -> None:
    win, reviews, _ = window
    qtbot.keyClick(win, Qt.Key.Key_3)  # answer not shown: nothing happens
    assert log(reviews) == [] and win.prompt.text() == "银行  (銀行)"
    qtbot.keyClick(win, Qt.Key.Key_Minus)  # bury 银行 (its sentence card too) until tomorrow
    assert win.prompt.text() == "关税  (關稅)"
    qtbot.keyClick(win, "@")  # suspend 关税's recognition card
    assert win.prompt.text() == "美国提高了＿＿。"
    qtbot.keyClick(win, "@")
    assert win.done.isVisible()
    assert win.done.text() == "Nothing more to review today. 2 new cards are waiting for the next days (Options sets how many a day)."  # 银行's, buried
    assert not win.show_button.isVisible() and not win.prompt.isVisible()
    assert [suspended for _, _, _, suspended in reviews.cards_of_word(2)] == [True, True]


def test_edit_the_word_from_its_card(qtbot, window) -> None:
    win, reviews, _ = window
    qtbot.keyClick(win, Qt.Key.Key_E)
    dialog = win.findChild(WordEditDialog)
    qtbot.waitUntil(dialog.isVisible)
    dialog.note.setPlainText("my bank on Main Street")
    dialog.meaning.setPlainText("bank\nbanking house")
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    record = reviews.vocabulary.find("银行")[0]
    assert (record.note, record.definitions) == ("my bank on Main Street", ("bank", "banking house"))
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5000)
    qtbot.keyClick(win, Qt.Key.Key_Space)
    assert win.meaning.text() == "bank; banking house" and win.note.text().startswith("my bank on Main Street")


def test_options_change_the_queue_and_unsuspend(qtbot, window) -> None:
    win, reviews, _ = window
    qtbot.keyClick(win, "@")  # suspend 银行's recognition card
    dialog = win.show_options()
    assert dialog.unsuspend.text() == "&Unsuspend all (1)"
    dialog.new_per_day.setValue(1)
    dialog.retention.setValue(0.85)
    dialog.learning.setText("2m 15m")
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    settings = reviews.settings
    assert (settings.new_per_day, settings.desired_retention, settings.learning_steps) == (1, 0.85, (120, 900))
    assert win.counts.text() == "New 1   ·   Learning 0   ·   Review 0" and win.prompt.text() == "我去＿＿取钱。"  # 银行's other card
    dialog = win.show_options()
    dialog.learning.setText("soon")
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.findChild(QMessageBox, "errorBox").isVisible()  # refused, kept open
    assert reviews.settings.learning_steps == (120, 900)
    qtbot.mouseClick(dialog.unsuspend, Qt.MouseButton.LeftButton)
    assert reviews.suspended_count() == 0 and win.prompt.text() == "银行  (銀行)"
