"""A word saved in the window carries its English sentence to the flashcard."""

from __future__ import annotations

from pathlib import Path

from anki.collection import Collection
from anki_packages import import_apkg
from PySide6.QtCore import Qt

from studyapp.core.study.export.job import ExportRequest, export_words
from studyapp.ui.reader_view import WordRef

CAPITAL_SENTENCE = "Hangzhou is the capital of Zhejiang Province and is home to more than 12 million people."


def test_saved_word_exports_its_english_sentence_as_the_translation(qtbot, open_sample, tmp_path: Path) -> None:
    window = open_sample()
    ref = next(WordRef(i, k) for i in window.reader.visible_blocks() if (a := window.session.annotation(i))
               for k, t in enumerate(a.tokens) if t.text == "省会")
    rect = window.reader.word_rect(ref)
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    qtbot.keyClick(window.reader, Qt.Key.Key_S)

    context = window.vocabulary.find("省会")[0].contexts[0]
    paragraph = window.reader.document.blocks[ref.block].english.text
    assert context.sentence == "杭州是浙江省的省会，有1200多万人口。"
    assert context.translation == CAPITAL_SENTENCE
    assert context.paragraph == paragraph and len(paragraph) > len(CAPITAL_SENTENCE)

    package = tmp_path / "words.apkg"
    export_words(window.vocabulary, ExportRequest("apkg", package))
    collection = Collection(str(tmp_path / "collection.anki2"))
    try:
        import_apkg(collection, package)
        note = collection.get_note(collection.find_notes("Hanzi:省会")[0])
        assert note["Translation"] == CAPITAL_SENTENCE
    finally:
        collection.close()


def test_reverse_lookup_puts_the_words_of_the_aligned_sentence_first(qtbot, open_sample, seed_path: Path) -> None:
    window = open_sample()
    assert window.open_path(seed_path)
    index = next(i for i, b in enumerate(window.reader.document.blocks) if b.english and "security threats" in b.english.text)
    window.reader.scroll_to_block(index)
    qtbot.waitUntil(lambda: window.session.annotation(index) is not None, timeout=60000)
    english = window.reader.document.blocks[index].english.text
    with qtbot.waitSignal(window.words.reverse_looked_up) as shown:
        window.words.english_clicked(index, english.index("threats"))
    result = shown.args[0]
    assert result.query == "threats" and result.entries[0].simplified == "威胁"
    assert window.panel.word_label.text() == "threats"
