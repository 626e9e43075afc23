"""The reading session: words and readings per paragraph, names learnt from the
English, word links, script, coverage, find over the whole document, moving
from word to word, and what a saved word records."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from studyapp.core.reading.annotation import Annotation, WordRef
from studyapp.core.reading.saving import word_context, word_data
from studyapp.core.reading.session import Changes, ReadingSession
from studyapp.core.text.document import Block, Document, Side
from studyapp.core.text.importers import open_document

SAMPLE = Path(__file__).parents[2] / "resources" / "sample.md"


@pytest.fixture(scope="module")
def sample() -> Document:
    return open_document(SAMPLE)


@pytest.fixture
def session(language, sample: Document) -> ReadingSession:
    session = ReadingSession(language)
    session.open(sample)
    return session


def ref_of(session: ReadingSession, block: int, word: str, nth: int = 0) -> WordRef:
    offset = -1
    for _ in range(nth + 1):
        offset = session.document.blocks[block].chinese.text.index(word, offset + 1)
    session.annotate_now([block])
    ref = session.word_at(block, "zh", offset)
    assert ref is not None and session.token(ref).text == word
    return ref


def pair(english: str, chinese: str) -> Block:
    return Block("paragraph", Side(english, "en", 0, 0), Side(chinese, "zh", 0, 0))


def test_a_word_comes_with_its_reading_in_context(session: ReadingSession) -> None:
    ref = ref_of(session, 2, "省会")
    assert session.reading(ref) == ["sheng3", "hui4"]
    annotation = session.annotation(2)
    text = session.document.blocks[2].chinese.text
    per_char = annotation.char_readings()
    assert len(per_char) == len(text)
    start = text.index("省会")
    assert per_char[start : start + 2] == ["sheng3", "hui4"]
    assert per_char[text.index("，")] is None


def test_word_at_a_punctuation_mark_is_none(session: ReadingSession) -> None:
    session.annotate_now([2])
    assert session.word_at(2, "zh", session.document.blocks[2].chinese.text.index("，")) is None
    assert session.word_at(0, "zh", 0) is None  # not segmented yet


def test_find_by_pinyin_covers_the_whole_document_right_after_opening(session: ReadingSession) -> None:
    chinese = [b.chinese.text if b.chinese else "" for b in session.document.blocks]
    expected = sum(text.count("西湖") for text in chinese)
    assert expected == 5 and not session.annotations
    found = session.find("xihu")
    assert len(found.hits) == expected
    assert all(chinese[b][s:e] == "西湖" for b, side, s, e in found.hits)
    assert found.pending  # candidates from the raw text, to be segmented
    session.annotate_now(found.pending)
    exact = session.find("xihu")
    assert exact.hits == found.hits and exact.pending == []


def test_pinyin_candidates_become_whole_words_once_segmented(session: ReadingSession) -> None:
    before = session.find("shi")
    session.annotate_now(session.chinese_blocks())
    after = session.find("shi")
    assert 0 < len(after.hits) < len(before.hits)  # 时 in 时间 was a candidate, not a word
    for block, _, start, end in after.hits:
        ref = session.word_at(block, "zh", start)
        assert session.token(ref).end == end and session.reading(ref)[0][:-1] == "shi"


def test_find_english_any_case_and_chinese(session: ReadingSession) -> None:
    english = session.find("zhejiang province")
    assert [(b, side) for b, side, _, _ in english.hits] == [(2, "en")]
    chinese = session.find("杭州")
    assert len(chinese.hits) == sum(b.chinese.text.count("杭州") for b in session.document.blocks if b.chinese)


def test_names_the_english_reveals_become_single_words(language) -> None:
    session = ReadingSession(language)
    session.open(Document("t", (
        pair("Mr. Lutnick declined to comment.", "卢特尼克拒绝置评。"),
        pair("Nobody asked Lutnick again.", "没人再问卢特尼克。"),
    )))
    session.annotate_now([0, 1])
    split = [t.text for t in session.annotation(1).tokens]
    assert "卢特尼克" not in split  # jieba cuts the name
    refused = session.word_at(0, "zh", 4)
    session.select(refused)
    seen: list[Changes] = []
    session.subscribe(seen.append)
    found = session.pair_links(0)
    assert any(link.zh_text == "卢特尼克" for link in found.links)
    joined = session.annotation(0).tokens[0]
    assert (joined.text, joined.kind) == ("卢特尼克", "name")
    assert session.token(session.selection).text == "拒绝" and session.selection.token == refused.token - 1
    assert "卢特尼克" in [t.text for t in session.annotation(1).tokens]  # in the other pair too
    assert seen[0].blocks == {0, 1} and seen[0].selection == (refused, session.selection)


def test_links_worked_out_elsewhere_are_kept_unless_the_words_changed(language) -> None:
    session = ReadingSession(language)
    session.open(Document("t", (
        pair("Mr. Lutnick declined to comment.", "卢特尼克拒绝置评。"),
        pair("Nobody asked Lutnick again.", "没人再问卢特尼克。"),
        Block("paragraph", None, Side("没人说话。", "zh", 0, 0)),
    )))
    session.annotate_now([0, 1, 2])
    jobs = session.link_jobs([0, 1, 2])
    assert [job.index for job in jobs] == [0, 1]  # block 2 has no English
    first, second = (job.run(session.linker) for job in jobs)
    assert not session.accept_links(jobs[0], first)  # it revealed 卢特尼克: both pairs change
    assert not session.accept_links(jobs[1], second)  # worked out on the words before the name was joined
    assert not session.has_links(0) and not session.has_links(1)
    again = session.link_jobs([0, 1])
    assert "卢特尼克" in [t.text for t in again[0].tokens]
    assert all(session.accept_links(job, job.run(session.linker)) for job in again)
    assert session.has_links(0) and session.has_links(1) and session.link_jobs([0, 1]) == []


def test_link_document_joins_names_found_anywhere(language) -> None:
    session = ReadingSession(language)
    session.open(Document("t", (
        pair("Nobody asked him again.", "没人再问卢特尼克。"),
        pair("Mr. Lutnick declined to comment.", "卢特尼克拒绝置评。"),
        Block("paragraph", None, Side("卢特尼克走了。", "zh", 0, 0)),
    )))
    links = session.link_document()
    assert links[2] is None and links[1] is not None
    assert "卢特尼克" in [t.text for t in session.annotation(0).tokens]
    assert session.annotation(2).tokens[0].text == "卢特尼克"


def test_english_of_a_word_and_back(session: ReadingSession) -> None:
    block = next(k for k, b in enumerate(session.document.blocks) if b.chinese and "西湖" in b.chinese.text and b.english)
    ref = ref_of(session, block, "西湖")
    english = session.english_of(ref)
    text = session.document.blocks[block].english.text
    assert english.words == ("West", "Lake") and english.linked
    assert "West Lake" in text[english.sentence[0] : english.sentence[1]]
    assert "West Lake" in session.english_sentence_of(ref)
    assert session.word_at(block, "en", text.index("Lake")) == ref
    assert session.english_word_at(block, text.index("calm") + 1) == "calm"
    sentence = session.sentence_of(ref)
    assert session.document.blocks[block].chinese.text[sentence[0] : sentence[1]] == "原因很简单：城市的中间就是西湖。"


def test_the_highlighted_english_is_announced_for_its_pair(session: ReadingSession) -> None:
    ref = ref_of(session, 2, "西湖")
    seen: list[Changes] = []
    session.subscribe(seen.append)
    assert session.show_english_of(ref).words == ("West", "Lake")
    assert session.link is not None and seen[-1].link_blocks == {2}
    session.show_english_of(None)
    assert session.link is None and seen[-1].link_blocks == {2}


def test_traditional_display_applies_to_words_read_later(session: ReadingSession) -> None:
    session.annotate_now([2])
    seen: list[Changes] = []
    session.subscribe(seen.append)
    session.set_script("traditional")
    assert seen[-1].blocks == {2}
    annotation = session.annotation(2)
    assert "省會" in annotation.display and annotation.shown(annotation.tokens.index(next(t for t in annotation.tokens if t.text == "省会"))) == "省會"
    session.annotate_now([5])
    assert "自行車" in session.annotation(5).display
    session.set_script("original")
    assert session.annotation(5).display is None


def test_coverage_counts_known_words_and_new_ones_on_the_page(session: ReadingSession) -> None:
    session.annotate_now([1, 2])
    words = [t.text for k in (1, 2) for t in session.annotation(k).tokens if t.kind == "word"]
    session.set_marks(saved={"省会"}, known={"杭州", "城市"})
    coverage = session.coverage(page=[2])
    assert coverage.words == len(words)
    assert coverage.known == sum(w in {"杭州", "城市"} for w in words)
    on_page = {t.text for t in session.annotation(2).tokens if t.kind == "word"}
    assert coverage.new_on_page == len(on_page - {"杭州", "城市", "省会"})


def test_next_unknown_word_skips_known_words_and_crosses_blocks(session: ReadingSession) -> None:
    session.annotate_now([1, 2])
    words_of_1 = [session.token(r).text for r in session.words_in(1)]
    session.set_marks(saved=(), known=set(words_of_1))
    first = session.next_unknown_word(None, 1, start_block=1)
    expected = next(t.text for t in session.annotation(2).tokens if t.kind == "word" and t.text not in words_of_1)
    assert first is not None and first.block == 2 and session.token(first).text == expected
    assert session.next_unknown_word(first, -1) is None  # block 1 is all known, block 0 not read
    last_of_1 = session.words_in(1)[-1]
    assert session.next_word(last_of_1, 1) == session.words_in(2)[0]
    assert session.next_word(session.words_in(2)[0], -1) == last_of_1


def test_a_preview_s_words_are_kept_when_the_whole_document_follows(language, sample: Document) -> None:
    session = ReadingSession(language)
    session.open(replace(sample, blocks=sample.blocks[:6], complete=False))
    session.annotate_now([1, 2, 5])
    kept = session.annotation(2)
    assert session.continues_preview(sample)
    session.open(sample)
    assert session.annotation(2) is not None and session.annotation(2).tokens == kept.tokens
    assert session.annotation(3) is None


def test_words_of_another_text_are_refused(session: ReadingSession, language) -> None:
    tokens, readings = language.read_many(["别的段落。"])[0]
    with pytest.raises(ValueError):
        session.add_annotations({2: Annotation(tokens, readings)})
    assert session.annotation(2) is None


def test_a_saved_word_takes_the_reading_of_its_sentence(session: ReadingSession, language) -> None:
    ref = ref_of(session, 2, "省会")
    data = word_data(language.lookup("省会"), session.reading(ref), language.converter)
    assert (data.simplified, data.traditional, data.pinyin.lower()) == ("省会", "省會", "sheng3 hui4")
    context = word_context(session.document, 2, session.token(ref).start, session.annotation(2))
    assert context.sentence == "杭州是浙江省的省会，有1200多万人口。" or context.sentence.startswith("杭州是浙江省的省会")
    assert context.translation == session.document.blocks[2].english.text and context.position == 2
    assert context.sentence_pinyin.startswith("hang2 zhou1 shi4")
