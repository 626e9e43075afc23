"""The reader as the learner uses it: click words, move with keys, pinyin,
saving, hidden English, traditional characters, find, and a whole book."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from studyapp.ui.main_window import MainWindow
from studyapp.ui.reader_view import WordRef

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from synthetic import synthetic_book


@pytest.fixture
def window(open_sample) -> MainWindow:
    return open_sample()


def find_word(window: MainWindow, text: str) -> list[WordRef]:
    refs = []
    for index in window.reader.visible_blocks():
        annotation = window.session.annotation(index)
        if annotation:
            refs += [WordRef(index, k) for k, t in enumerate(annotation.tokens) if t.text == text]
    return refs


def click(qtbot, window: MainWindow, ref: WordRef) -> None:
    rect = window.reader.word_rect(ref)
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())


def click_english(qtbot, window: MainWindow, block: int, word: str) -> None:
    """Click the middle of the first English piece of ``block`` that begins with ``word``."""
    english = window.reader.document.blocks[block].english.text
    placed = window.reader.reader_layout.geometry(block).english
    piece = next(k for k, p in enumerate(placed.layout.pieces) if english[p.start:p.end].startswith(word))
    x, y, w, h = placed.layout.rect_of(piece)
    top = window.reader.reader_layout.top_of(block) - window.reader.verticalScrollBar().value()
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(placed.x + x + w / 2), int(top + placed.y + y + h / 2)))


def test_clicking_a_word_shows_its_entries(qtbot, window: MainWindow) -> None:
    ref = find_word(window, "省会")[0]
    click(qtbot, window, ref)
    assert window.panel.word_label.text() == "省会"
    assert any("provincial capital" in line for line in window.panel.entry_texts())
    assert window.reader.selection == ref


def test_clicking_a_polyphone_shows_every_reading(qtbot, window: MainWindow) -> None:
    ref = next(r for r in find_word(window, "还") + find_word(window, "长") + find_word(window, "行"))
    click(qtbot, window, ref)
    readings = {" ".join(group.pinyin) for group in window.panel.groups}
    assert len(readings) >= 2
    shown = "\n".join(window.panel.entry_texts())
    assert all("".join(reading.split()) in shown for reading in readings)


def test_keyboard_moves_word_by_word_and_enter_looks_up(qtbot, window: MainWindow) -> None:
    first = find_word(window, "省会")[0]
    window.reader.select(first)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Right)
    after = window.reader.selection
    assert after.block == first.block and after.token > first.token
    assert window.session.token(after).is_chinese
    qtbot.keyClick(window.reader, Qt.Key.Key_Left)
    assert window.reader.selection == first
    qtbot.keyClick(window.reader, Qt.Key.Key_Down)
    below = window.reader.word_rect(window.reader.selection)
    assert below.top() > window.reader.word_rect(first).top()
    qtbot.keyClick(window.reader, Qt.Key.Key_Return)
    assert window.panel.word_label.text() == window.session.token(window.reader.selection).text
    qtbot.keyClick(window.reader, Qt.Key.Key_Escape)
    assert window.reader.selection is None


def test_pinyin_over_characters_changes_the_layout(qtbot, window: MainWindow) -> None:
    index = find_word(window, "省会")[0].block
    plain = window.reader.reader_layout.geometry(index).chinese.layout.height
    window.view.ruby_actions["all"].trigger()
    placed = window.reader.reader_layout.geometry(index).chinese
    assert placed.layout.height > plain
    assert placed.syllables_of_token(find_word(window, "省会")[0].token) == ["shěng", "huì"]


def test_saving_highlights_every_occurrence(qtbot, window: MainWindow) -> None:
    refs = find_word(window, "杭州")
    assert len(refs) >= 2
    in_pair = next(r for r in refs if window.reader.document.blocks[r.block].english)
    click(qtbot, window, in_pair)
    qtbot.keyClick(window.reader, Qt.Key.Key_S)
    saved = window.vocabulary.find("杭州")
    assert len(saved) == 1
    context = saved[0].contexts[0]
    assert "杭州" in context.sentence and context.sentence.endswith("。")
    english = window.reader.document.blocks[in_pair.block].english.text
    assert context.paragraph == english and context.translation in english
    window.reader.select(None)
    image = window.reader.viewport().grab().toImage()
    for ref in refs:
        rect = window.reader.word_rect(ref)
        corner = QPoint(int(rect.left()) + 2, int(rect.top()) + 2)
        colour: QColor = image.pixelColor(corner)
        assert colour.red() > colour.blue() + 30, (ref, colour.name())  # the yellow highlight


def test_hidden_english_can_be_peeked(qtbot, window: MainWindow) -> None:
    index = find_word(window, "省会")[0].block
    window.view.hide_english_action.trigger()
    geometry = window.reader.reader_layout.geometry(index)
    assert geometry.english_hidden and "hidden" in geometry.english.side.text
    top = window.reader.reader_layout.top_of(index) - window.reader.verticalScrollBar().value()
    point = QPoint(int(geometry.english.x + 10), int(top + 5))
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    geometry = window.reader.reader_layout.geometry(index)
    assert not geometry.english_hidden and geometry.english.side.text.startswith("Hangzhou")


def test_traditional_display(qtbot, window: MainWindow) -> None:
    index = find_word(window, "省会")[0].block
    window.view.script_actions["traditional"].trigger()
    texts = "".join(window.reader.reader_layout.geometry(index).chinese.texts)
    assert "省會" in texts and "浙江" in texts


def test_find_by_toneless_pinyin(qtbot, window: MainWindow) -> None:
    window.find_bar.open_bar()
    window.find_bar.field.setText("shenghui")
    assert any(side == "zh" for _, side, _, _ in window.find_bar.hits)
    window.find_bar.field.setText("Zhejiang")
    assert any(side == "en" for _, side, _, _ in window.find_bar.hits)


def test_a_large_book_opens_and_scrolls(qtbot, window: MainWindow, tmp_path: Path) -> None:
    book = tmp_path / "book.md"
    book.write_text(synthetic_book(3000), encoding="utf-8")
    window.open_path(book)
    qtbot.waitUntil(lambda: window.reader.document is not None and len(window.reader.document.blocks) > 3000, timeout=60000)
    bar = window.reader.verticalScrollBar()
    for value in (bar.maximum() // 2, bar.maximum(), 0):
        bar.setValue(value)
        window.reader.viewport().grab()
        assert window.reader.visible_blocks()
    assert window.reader.first_visible_block() == 0


def test_selected_word_highlights_its_english_and_back(qtbot, window: MainWindow) -> None:
    ref = find_word(window, "西湖")[0]
    click(qtbot, window, ref)
    link = window.session.link
    block, spans, sentence = link.block, link.spans, link.sentence
    english = window.reader.document.blocks[ref.block].english.text
    assert block == ref.block and [english[a:b] for a, b in spans] == ["West", "Lake"]
    assert sentence is not None and "West Lake" in english[sentence[0]:sentence[1]]
    window.reader.select(None)
    click_english(qtbot, window, ref.block, "Lake")
    assert window.reader.selection == ref


def test_clicking_an_unlinked_english_word_looks_it_up_in_reverse(qtbot, window: MainWindow) -> None:
    index = find_word(window, "西湖")[0].block
    window.words.english_clicked(index, window.reader.document.blocks[index].english.text.index("calm"))
    assert window.panel.word_label.text() == "calm"
    assert any("calm" in line for line in window.panel.entry_texts())


def test_clicking_an_unlinked_english_word_in_the_text_looks_it_up_in_reverse(qtbot, window: MainWindow) -> None:
    index = find_word(window, "西湖")[0].block
    click_english(qtbot, window, index, "calm")
    assert window.panel.word_label.text() == "calm"
    assert any("calm" in line for line in window.panel.entry_texts())
