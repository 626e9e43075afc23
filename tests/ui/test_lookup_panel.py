"""The lookup panel as a dictionary: readings as groups, numbered senses with
parts of speech, measure words and cross-references as words to click (never
CC-CEDICT's notation), the sentence's English, and balanced type."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QFont, QTextCursor

from studyapp.ui.entry_presentation import labels_of, reading_groups, runs_of
from studyapp.ui.lookup_panel import LookupPanel, ToneLabel

RAW_NOTATION = re.compile(r"\[[a-zA-Z]+[0-5]|\|")


@pytest.fixture
def panel(qtbot, language) -> LookupPanel:
    widget = LookupPanel()
    qtbot.addWidget(widget)
    widget.resize(380, 600)
    widget.show()
    widget.word_requested.connect(lambda word: widget.show_followed(language.lookup(word)))
    return widget


@pytest.mark.parametrize("word", ["什么", "个", "行", "了", "长", "东西", "还"])
def test_no_cc_cedict_notation_is_shown(panel: LookupPanel, language, word: str) -> None:
    panel.show_result(language.lookup(word))
    lines = panel.entry_texts()
    assert lines and not [line for line in lines if RAW_NOTATION.search(line)]


def test_each_reading_is_a_group_with_numbered_senses(panel: LookupPanel, language) -> None:
    panel.show_result(language.lookup("行"))
    assert [" ".join(g.pinyin) for g in panel.groups][:2] == ["xíng", "háng"]
    lines = panel.entry_texts()
    assert lines[0].startswith("xíng") and any(line.startswith("1") and "to walk" in line for line in lines)
    assert any(line.startswith("háng") for line in lines)
    first = panel.groups[0].senses[0]
    assert first.labels == ("verb",) and first.number == 1


def test_measure_words_and_references_are_words_with_pinyin(panel: LookupPanel, language) -> None:
    panel.show_result(language.lookup("东西"))
    assert any(line.startswith("MW") and "个 gè" in line and "件 jiàn" in line for line in panel.entry_texts())
    panel.show_result(language.lookup("个"))
    lines = panel.entry_texts()
    assert any("variant of 个 gè" in line for line in lines)
    assert any("used in 自个儿 zìgěr" in line and "oneself" in line for line in lines)
    assert any(line.split("\t")[-1].startswith("measure word") for line in lines)


def test_a_reference_can_be_followed_and_left(panel: LookupPanel, language) -> None:
    panel.show_result(language.lookup("个"), ["ge4"])
    panel.body.anchorClicked.emit(QUrl("word:%E8%87%AA%E4%B8%AA%E5%84%BF"))  # 自个儿
    assert panel.word_label.text() == "自个儿" and panel.back_button.isVisible()
    assert not panel.save_button.isEnabled()  # only words from the text are saved
    panel.go_back()
    assert panel.word_label.text() == "个" and not panel.back_button.isVisible() and panel.save_button.isEnabled()


def anchor_point(panel: LookupPanel, href: str) -> QPoint:
    """Where the body draws the link to ``href`` (its first character), in viewport coordinates."""
    document = panel.body.document()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                panel.body.setTextCursor(cursor)
                panel.body.ensureCursorVisible()
                left = panel.body.cursorRect(cursor)
                cursor.setPosition(fragment.position() + 1)
                right = panel.body.cursorRect(cursor)
                return QPoint((left.left() + right.left()) // 2, left.center().y())
            iterator += 1
        block = block.next()
    raise AssertionError(f"no link to {href}")


def test_a_reference_is_followed_with_the_mouse_and_back_returns(qtbot, panel: LookupPanel, language) -> None:
    panel.show_result(language.lookup("个"), ["ge4"])
    qtbot.mouseClick(panel.body.viewport(), Qt.MouseButton.LeftButton, pos=anchor_point(panel, "word:%E8%87%AA%E4%B8%AA%E5%84%BF"))
    assert panel.word_label.text() == "自个儿" and panel.back_button.isVisible()
    qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    assert panel.word_label.text() == "个" and not panel.back_button.isVisible() and panel.save_button.isEnabled()


def test_the_links_in_the_body_are_the_referenced_words(panel: LookupPanel, language) -> None:
    panel.show_result(language.lookup("东西"))
    document = panel.body.document()
    targets = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().isAnchor():
                targets.append((fragment.text(), fragment.charFormat().anchorHref()))
            iterator += 1
        block = block.next()
    assert ("个", "word:%E4%B8%AA") in targets and ("件", "word:%E4%BB%B6") in targets


def test_the_sentences_english_marks_the_linked_words(panel: LookupPanel, language) -> None:
    sentence = "Right in the middle of it lies West Lake, a wide, calm lake."
    spans = ((31, 35), (36, 40))
    panel.show_result(language.lookup("西湖"), ["xi1", "hu2"], english=(sentence, spans))
    lines = panel.entry_texts()
    assert lines[0] == "IN THIS SENTENCE" and lines[1] == sentence
    found = panel.body.document().find("West")
    assert found.charFormat().fontWeight() >= QFont.Weight.DemiBold
    plain = panel.body.document().find("middle")
    assert plain.charFormat().fontWeight() < QFont.Weight.DemiBold and plain.charFormat().fontItalic()


def test_the_type_is_balanced(panel: LookupPanel, language) -> None:
    panel.show_result(language.lookup("什么"), ["shen2", "me5"])
    cursor = panel.body.document().find("what?")
    body_size = cursor.charFormat().fontPointSize()
    head_size = panel.word_label.font().pointSizeF()
    assert 9 <= body_size <= 12 and head_size <= 2.5 * body_size
    panel.set_zoom(2.0)
    assert panel.body.document().find("what?").charFormat().fontPointSize() == pytest.approx(2 * body_size)
    assert panel.word_label.font().pointSizeF() == pytest.approx(2 * head_size)


def test_the_context_reading_is_written_as_one_word() -> None:
    panel = LookupPanel()
    panel.context_reading.set_syllables(["Xī", "ān"])
    assert panel.context_reading.text() == "Xī'ān"
    assert ToneLabel(["yín", "háng"]).text() == "yín háng"  # spaced unless asked to join


def test_definitions_become_labels_and_word_runs() -> None:
    assert labels_of("(coll.) (bound form) buddy") == (("colloquial", "bound form"), "buddy")
    assert labels_of("classifier for books") == (("measure word",), "for books")
    assert [(r.kind, r.text) for r in runs_of("Taiwan pr. [xing4] for the behavior-conduct sense")] == [
        ("text", "Taiwan pr. "), ("pinyin", "xìng"), ("text", " for the behavior-conduct sense")]
    assert [(r.kind, r.text, r.pinyin) for r in runs_of("old variant of 衄[nu:4]")] == [
        ("text", "old variant of ", ()), ("word", "衄", ("nǜ",))]  # (CC-CEDICT's u: for ü)


def test_entries_of_one_reading_and_form_are_one_group(language) -> None:
    groups = reading_groups(language.lookup("了"))
    keys = [(" ".join(g.pinyin), g.traditional) for g in groups]
    assert len(keys) == len(set(keys)) and ("le", "") in keys and ("liǎo", "瞭") in keys


def test_the_traditional_form_shown_is_the_one_of_the_reading_in_context(panel: LookupPanel, language) -> None:
    panel.show_result(language.lookup("了"), ["le5"])
    assert "traditional" not in panel.facts_label.text()  # 了 le is 了 in both scripts; 瞭 is liǎo
    panel.show_result(language.lookup("了"), ["liao4"])
    assert "traditional 瞭" in panel.facts_label.text()  # 了 liào (to watch) is written 瞭
    panel.show_result(language.lookup("长"), ["zhang3"])
    assert "traditional 長" in panel.facts_label.text()
    panel.show_result(language.lookup("這個"), ["zhe4", "ge5"])
    assert "simplified 这个" in panel.facts_label.text()
