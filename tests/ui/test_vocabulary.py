"""The vocabulary in the window: saving shows in the table, search, edits,
delete and undo, bulk status, jumping back to the sentence, known words."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from studyapp.core.study.vocabulary import Context, VocabularyStore, WordData
from studyapp.ui.main_window import MainWindow
from studyapp.ui.reader_view import WordRef
from studyapp.ui.vocabulary_model import COLUMNS


@pytest.fixture
def window(open_sample, tmp_path: Path) -> MainWindow:
    store = VocabularyStore.open(tmp_path / "vocabulary.sqlite3")
    store.save(WordData("中国", "中國", "Zhong1 guo2", ["China"], 1), Context("我爱中国。", "I love China."))
    store.save(WordData("银行", "銀行", "yin2 hang2", ["bank"], 3, tags=["money"]))
    return open_sample(store)


def shown(window: MainWindow) -> list[str]:
    model = window.vocabulary_panel.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def word(window: MainWindow, text: str) -> WordRef:
    for index in window.reader.visible_blocks():
        annotation = window.session.annotation(index)
        if annotation and window.reader.document.blocks[index].english:
            for k, token in enumerate(annotation.tokens):
                if token.text == text:
                    return WordRef(index, k)
    raise LookupError(text)


@pytest.mark.parametrize("query", ["zhongguo", "zhong1guo2", "zhōngguó", "China", "中国"])
def test_search_by_hanzi_english_and_any_pinyin(window: MainWindow, query: str) -> None:
    window.vocabulary_panel.search.setText(query)
    assert shown(window) == ["中国 (中國)"]


def test_saving_from_the_lookup_panel_adds_a_row(qtbot, window: MainWindow) -> None:
    ref = word(window, "省会")
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=window.reader.word_rect(ref).center().toPoint())
    qtbot.mouseClick(window.panel.save_button, Qt.MouseButton.LeftButton)
    assert "省会 (省會)" in shown(window)
    assert window.panel.save_button.text() == "Saved ✓"


def test_inline_edit_goes_to_the_store(window: MainWindow) -> None:
    model = window.vocabulary_panel.model
    row = next(r for r, rec in enumerate(model.records) if rec.simplified == "银行")
    assert model.setData(model.index(row, COLUMNS.index("Note")), "where money lives")
    assert model.setData(model.index(row, COLUMNS.index("Tags")), "money places")
    assert not model.setData(model.index(row, COLUMNS.index("Status")), "forgotten")
    stored = window.vocabulary.find("银行")[0]
    assert stored.note == "where money lives" and stored.tags == ("money", "places")


def test_delete_with_undo_and_bulk_status(window: MainWindow) -> None:
    panel = window.vocabulary_panel
    panel.table.selectAll()
    panel.bulk_status.activated.emit(3)  # "known"
    assert {r.status for r in window.vocabulary.words()} == {"known"}
    panel.table.selectRow(0)
    panel.delete_selected()
    assert window.vocabulary.count() == 1
    panel.undo_delete()
    assert window.vocabulary.count() == 2
    assert {r.simplified for r in window.vocabulary.words()} == {"中国", "银行"}


def test_filters_by_status_and_tag(window: MainWindow) -> None:
    window.vocabulary_panel.tag_filter.setText("money")
    assert shown(window) == ["银行 (銀行)"]
    window.vocabulary_panel.tag_filter.setText("")
    window.vocabulary_panel.status_filter.setCurrentText("known")
    assert shown(window) == []


def test_double_click_jumps_to_the_sentence(qtbot, window: MainWindow) -> None:
    ref = word(window, "省会")
    window.reader.select(ref)
    window.words.activate(ref)
    window.save_current_word()
    window.reader.select(None)
    window.reader.scroll_to_block(len(window.reader.document.blocks) - 1)
    record = window.vocabulary.find("省会")[0]
    window.words.show_context(record, window.open_path)
    assert window.reader.selection == ref
    assert ref.block in window.reader.visible_blocks()


def test_known_words_are_marked_and_counted(qtbot, window: MainWindow) -> None:
    ref = word(window, "省会")
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=window.reader.word_rect(ref).center().toPoint())
    before = window.coverage_label.text()
    qtbot.keyClick(window.reader, Qt.Key.Key_K)
    assert window.vocabulary.find("省会")[0].status == "known"
    assert "省会" in window.session.known and "省会" not in window.session.saved
    assert window.coverage_label.text() != before and "new on this page" in window.coverage_label.text()
