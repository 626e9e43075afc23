"""What a familiarity key saves from the reader, with the real dictionary and segmenter,
and the levels the reader colours words by."""

from __future__ import annotations

from pathlib import Path

from studyapp.core.reading.annotation import WordRef
from studyapp.core.reading.marking import item_at, unsaved_on_page
from studyapp.core.reading.session import ReadingSession
from studyapp.core.study.familiarity import levels_by_form
from studyapp.core.study.vocabulary import VocabularyStore, WordData
from studyapp.core.text.document import Block, Document, Side


def test_the_pages_unsaved_words_each_once_with_their_sentence(language, tmp_path: Path) -> None:
    session = ReadingSession(language)
    session.open(Document("Errands", (Block("paragraph", Side("I go to the bank. The bank is big.", "en", 0, 0),
                                                     Side("我去银行。银行很大，2025年开的。", "zh", 0, 0)),)))
    session.annotate_now([0])
    session.set_marks({"银行"}, {"我"})
    items = unsaved_on_page(session, language, [0])
    assert [data.simplified for data, _ in items] == ["去", "很大", "年", "开", "的"]  # no 2025, no punctuation, 银行 and 我 marked
    data, context = items[1]
    assert (data.pinyin, context.sentence, context.document_title) == ("hen3 da4", "银行很大，2025年开的。", "Errands")
    assert item_at(session, language, WordRef(0, 3)) is None  # 。


def test_a_form_with_two_readings_shows_the_less_known(tmp_path: Path) -> None:
    store = VocabularyStore.open(tmp_path / "v.sqlite3")
    for pinyin, level in (("chang2", 5), ("zhang3", 2)):
        store.set_levels([(WordData("长", "長", pinyin, ["x"]), None)], level)
    store.set_levels([(WordData("卢特", "盧特", "lu2 te4", ["a name"]), None)], 0)
    store.set_levels([(WordData("好", "好", "hao3", ["good"]), None), (WordData("好", "好", "hao4", ["to like"]), None)], 0)
    store.set_levels([(WordData("好", "好", "hao4", ["to like"]), None)], 5)
    assert levels_by_form(store.connection) == {"长": 2, "長": 2, "卢特": 0, "盧特": 0, "好": 5}
