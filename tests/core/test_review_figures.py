"""What cards show, the statistics of a known review history, study days and document coverage."""

from __future__ import annotations

import doctest
from datetime import UTC, date, timedelta, timezone
from pathlib import Path

import pytest

from studyapp.core.study.review import cards, coverage, scheduling, study_day
from studyapp.core.study.review.cards import card_face, ruby
from studyapp.core.study.review.coverage import document_coverage
from studyapp.core.study.review.scheduling import AGAIN, GOOD, format_interval
from studyapp.core.study.review.statistics import review_statistics
from studyapp.core.study.review.store import ReviewStore
from studyapp.core.study.review.study_day import StudyDay
from studyapp.core.study.vocabulary import Context, VocabularyStore, WordData, WordRecord

T0 = 1_800_000_000  # 2027-01-15 08:00 UTC
DAY = 86400


@pytest.mark.parametrize("module", [cards, coverage, scheduling, study_day])
def test_worked_examples_in_docstrings_hold(module) -> None:
    assert doctest.testmod(module).failed == 0


def test_cloze_card_blanks_the_word_and_hints_with_the_english() -> None:
    contexts = (Context("旧句子。", "An old paragraph."), Context("我去銀行取钱。", "I went to the bank. Then home.", sentence_pinyin="wo3 qu4 yin2 hang2 qu3 qian2"))
    record = WordRecord(1, "u", "银行", "銀行", "yin2 hang2", ("bank",), "", 3, "new", (), T0, T0, None, contexts)
    face = card_face(record, "cloze")
    assert (face.cloze, face.english, face.traditional) == ("我去＿＿取钱。", "I went to the bank. Then home.", "銀行")
    assert face.sentence[slice(*face.word_span)] == "銀行"
    assert "".join(f"{c}{s}" for c, s in ruby(face.sentence, face.sentence_pinyin)) == "我wo3去qu4銀yin2行hang2取qu3钱qian2。"


def test_cloze_hint_is_the_aligned_sentence_not_the_paragraph() -> None:
    context = Context("我去银行取钱。", "I went to the bank.", paragraph="It rained. I went to the bank. Then home.")
    record = WordRecord(1, "u", "银行", "銀行", "yin2 hang2", ("bank",), "", 3, "new", (), T0, T0, None, (context,))
    assert card_face(record, "cloze").english == "I went to the bank."


def test_ruby_leaves_out_a_reading_that_does_not_fit() -> None:
    assert ruby("他2025年走了。", "ta1 nian2 zou3 le5")[1:3] == [("2", ""), ("0", "")]
    assert all(s == "" for _, s in ruby("他走了。", "ta1 zou3"))


def test_intervals_are_short_labels() -> None:
    assert [format_interval(s) for s in (30, 330, 7200, DAY, 20 * DAY, 90 * DAY, 730 * DAY)] == ["1m", "6m", "2h", "1d", "20d", "3mo", "2y"]


def test_study_days_roll_over_at_four_in_the_learners_zone() -> None:
    shanghai = StudyDay(timezone(timedelta(hours=8)))
    four_am = 1_767_225_600 - 4 * 3600  # 2026-01-01 04:00 in UTC+8
    assert (shanghai.date_of(four_am - 1), shanghai.date_of(four_am)) == (date(2025, 12, 31), date(2026, 1, 1))
    assert shanghai.start(shanghai.number(four_am)) == four_am
    assert shanghai.iso(four_am) == "2026-01-01T04:00:00+08:00"


def test_statistics_of_a_known_history(tmp_path: Path) -> None:
    now = [T0 - 40 * DAY]
    vocabulary = VocabularyStore.open(tmp_path / "v.sqlite3", clock=lambda: now[0])
    reviews = ReviewStore(vocabulary, lambda: now[0], UTC)
    bank = vocabulary.save(WordData("银行", "銀行", "yin2 hang2", ["bank"]), Context("我去银行。")).id
    vocabulary.save(WordData("长", "長", "zhang3", ["grow"]))
    card = reviews.queue().new[0].id
    reviews.answer(card, GOOD, fuzz=False)  # 40 days ago: a learning answer
    now[0] += 600
    reviews.answer(card, GOOD, fuzz=False)  # graduates: due in 2 days
    now[0] = T0 - 2 * DAY  # overdue by then; a review answer: passed
    reviews.answer(card, GOOD, fuzz=False)
    vocabulary.set_familiarity([bank], 4)
    now[0] = T0 - DAY
    reviews.answer(card, AGAIN, fuzz=False)  # a review answer: forgotten
    now[0] = T0
    figures = review_statistics(vocabulary.connection, reviews.day, T0)
    assert figures.familiarity == {1: 1, 2: 0, 3: 0, 4: 1, 5: 0, 0: 0}
    by_day = [(d.day, d.count, d.again) for d in figures.reviews_by_day if d.count]
    assert by_day == [(date(2027, 1, 13), 1, 0), (date(2027, 1, 14), 1, 1)]
    assert len(figures.reviews_by_day) == 30 and figures.reviews_by_day[-1].day == date(2027, 1, 15)
    assert (figures.retention.recent, figures.retention.recent_answers, figures.retention.overall_answers) == (0.5, 2, 2)
    relearning_due = reviews.card(card).due  # 10 minutes after the last answer: yesterday, so overdue today
    assert relearning_due < reviews.day.start(reviews.day.number(T0))
    assert [(d.day, d.count) for d in figures.due_forecast if d.count] == [(date(2027, 1, 15), 1)]
    history = dict(figures.familiarity_history)
    assert history[date(2027, 1, 12)][1] == 2  # both words new
    assert (history[date(2027, 1, 13)][1], history[date(2027, 1, 13)][4]) == (1, 1)
    json = figures.as_json()
    assert json["familiarity"] == {"1": 1, "2": 0, "3": 0, "4": 1, "5": 0, "ignored": 0}
    assert json["reviews_by_day"][-2] == {"day": "2027-01-14", "reviews": 1, "again": 1}


def test_coverage_counts_running_words_and_words_to_learn() -> None:
    words = ["的"] * 50 + ["是"] * 30 + ["银行"] * 10 + ["长"] * 5 + ["觉得"] * 3 + ["会"] * 2
    found = document_coverage(words, {"的", "是"}.__contains__)
    assert (found.tokens, found.known, found.share, found.distinct_unknown) == (100, 80, 0.8, 4)
    assert found.to_reach == {0.95: 2, 0.98: 3}
    assert document_coverage([], lambda w: False).share is None
