"""Review on a real database with a fixed clock: answers as the fsrs package
schedules them, today's queue, undo, familiarity raised by review, and a
process killed mid-review."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs
import pytest

from studyapp.core.study.review.queue import TodayQueue
from studyapp.core.study.review.scheduling import AGAIN, EASY, GOOD, HARD, REVIEW
from studyapp.core.study.review.settings import ReviewSettings, ReviewSettingsError
from studyapp.core.study.review.store import ReviewStore, UnknownCard
from studyapp.core.study.vocabulary import Context, VocabularyStore, WordData

T0 = 1_800_000_000  # 2027-01-15 08:00 UTC
DAY = 86400


class Clock:
    def __init__(self, now: int = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def vocabulary(tmp_path: Path, clock: Clock) -> VocabularyStore:
    return VocabularyStore.open(tmp_path / "v.sqlite3", clock=clock)


@pytest.fixture
def reviews(vocabulary: VocabularyStore, clock: Clock) -> ReviewStore:
    return ReviewStore(vocabulary, clock, UTC)


def save(vocabulary: VocabularyStore, word: str, sentence: str = "", status: str = "new") -> int:
    context = Context(sentence, "The English.") if sentence else None
    return vocabulary.save(WordData(word, word, "zi4 " * (len(word) - 1) + "zi4", [f"meaning of {word}"], status=status), context).id


def queue_words(queue: TodayQueue) -> str:
    return " ".join(f"{e.word}:{e.type[:3]}" for e in queue.entries())


def test_answers_match_the_fsrs_schedulers_own(vocabulary: VocabularyStore, reviews: ReviewStore, clock: Clock) -> None:
    save(vocabulary, "银行")
    card_id = reviews.queue().new[0].id
    scheduler = fsrs.Scheduler(enable_fuzzing=False)  # its defaults: retention 0.9, steps 1 and 10 minutes, relearning 10
    theirs = fsrs.Card(card_id=card_id)
    steps = [(GOOD, 0), (GOOD, 600), (GOOD, 3 * DAY), (AGAIN, 9 * DAY), (HARD, 600), (GOOD, DAY), (EASY, 5 * DAY), (GOOD, 40 * DAY)]
    for rating, wait in steps:
        clock.now += wait
        ours = reviews.answer(card_id, rating, fuzz=False).card
        theirs, _ = scheduler.review_card(theirs, fsrs.Rating(rating), datetime.fromtimestamp(clock.now, UTC))
        assert (ours.state, ours.step, ours.due, ours.last_review) == (int(theirs.state), theirs.step, int(theirs.due.timestamp()), clock.now)
        assert ours.stability == pytest.approx(theirs.stability, rel=1e-12)
        assert ours.difficulty == pytest.approx(theirs.difficulty, rel=1e-12)
        assert reviews.card(card_id) == ours  # what was stored is what was returned
    assert reviews.card(card_id).state == REVIEW


def test_desired_retention_and_steps_reach_the_scheduler(vocabulary: VocabularyStore, reviews: ReviewStore, clock: Clock) -> None:
    save(vocabulary, "银行")
    reviews.save_settings(ReviewSettings(desired_retention=0.8, learning_steps=(300,)))
    card_id = reviews.queue().new[0].id
    first = reviews.answer(card_id, HARD, fuzz=False).card
    assert first.due - clock.now == 450  # one step of 5 minutes: hard is 1.5 steps
    clock.now += 450
    ours = reviews.answer(card_id, GOOD, fuzz=False).card
    scheduler = fsrs.Scheduler(desired_retention=0.8, learning_steps=(timedelta(minutes=5),), enable_fuzzing=False)
    theirs, _ = scheduler.review_card(fsrs.Card(card_id=1), fsrs.Rating.Hard, datetime.fromtimestamp(T0, UTC))
    theirs, _ = scheduler.review_card(theirs, fsrs.Rating.Good, datetime.fromtimestamp(clock.now, UTC))
    assert ours.due == int(theirs.due.timestamp()) and ours.state == REVIEW


def test_settings_are_kept_in_the_database_and_checked(vocabulary: VocabularyStore, reviews: ReviewStore, clock: Clock) -> None:
    reviews.save_settings(ReviewSettings(new_per_day=5, card_types=("recall",)))
    again = ReviewStore(vocabulary, clock, UTC)
    assert (again.settings.new_per_day, again.settings.card_types) == (5, ("recall",))
    with pytest.raises(ReviewSettingsError):
        ReviewSettings().replace(desired_retention=1.5)
    with pytest.raises(ReviewSettingsError):
        ReviewSettings().replace(card_types=("bogus",))


def test_queue_new_limit_one_card_a_word_a_day_and_sentence_cards_need_the_word(vocabulary: VocabularyStore, reviews: ReviewStore) -> None:
    save(vocabulary, "银行", "我去银行取钱。")
    save(vocabulary, "长", "他长大了。")
    save(vocabulary, "好", "")  # no sentence: no sentence card
    save(vocabulary, "觉得", "我认为不错。")  # the sentence lacks the word
    save(vocabulary, "会", "", status="known")  # known: nothing new to learn
    reviews.save_settings(ReviewSettings(new_per_day=3, card_types=("recognition", "recall", "cloze")))
    queue = reviews.queue()
    assert queue_words(queue) == "银行:rec 长:rec 好:rec"
    assert sorted(t for _, t, _, _ in reviews.cards_of_word(1)) == ["cloze", "recall", "recognition"]
    assert sorted(t for _, t, _, _ in reviews.cards_of_word(3)) == ["recall", "recognition"]
    assert sorted(t for _, t, _, _ in reviews.cards_of_word(4)) == ["recall", "recognition"]
    assert reviews.cards_of_word(5) == []


def test_a_word_studied_today_gives_no_second_new_card_and_the_limit_counts_started_cards(vocabulary: VocabularyStore, reviews: ReviewStore, clock: Clock) -> None:
    for word in ("银行", "长", "好"):
        save(vocabulary, word, f"{word}。")
    reviews.save_settings(ReviewSettings(new_per_day=2, card_types=("recognition", "cloze")))
    first = reviews.queue().new[0]
    reviews.answer(first.id, GOOD, fuzz=False)
    queue = reviews.queue()
    assert [e.word for e in queue.new] == ["长"] and [e.word for e in queue.ahead] == ["银行"]
    clock.now += DAY  # the next study day: the cloze card of 银行 may come
    assert queue_words(reviews.queue()) == "银行:rec 银行:clo 长:rec"


def test_due_reviews_then_new_then_learning_ahead(vocabulary: VocabularyStore, reviews: ReviewStore, clock: Clock) -> None:
    save(vocabulary, "银行")
    save(vocabulary, "长")
    bank = reviews.queue().new[0].id
    reviews.answer(bank, EASY, fuzz=False)  # review state, due in days
    clock.now = reviews.card(bank).due - 3600  # due later today (study days start 04:00 UTC here)
    assert reviews.day.number(clock.now) == reviews.day.number(reviews.card(bank).due)
    queue = reviews.queue()
    assert [e.word for e in queue.review] == ["银行"] and [e.word for e in queue.new] == ["长"]
    assert queue.counts() == (1, 0, 1)


def test_suspended_buried_and_ignored_cards_stay_out(vocabulary: VocabularyStore, reviews: ReviewStore, clock: Clock) -> None:
    ids = [save(vocabulary, w) for w in ("银行", "长", "好")]
    cards = {e.word: e.id for e in reviews.queue().new}
    reviews.suspend([cards["银行"]])
    reviews.bury([cards["长"]])
    vocabulary.set_familiarity([ids[2]], 0)
    assert reviews.queue().entries() == []
    clock.now = reviews.day.next_start(clock.now)  # buried cards come back the next day
    assert [e.word for e in reviews.queue().entries()] == ["长"]
    reviews.suspend([cards["银行"]], suspended=False)
    assert [e.word for e in reviews.queue().entries()] == ["银行", "长"]


def test_undo_puts_the_card_back_and_only_the_latest_answer(vocabulary: VocabularyStore, reviews: ReviewStore, clock: Clock) -> None:
    save(vocabulary, "银行")
    card_id = reviews.queue().new[0].id
    fresh = reviews.card(card_id)
    one = reviews.answer(card_id, GOOD, fuzz=False)
    clock.now += 600
    two = reviews.answer(card_id, GOOD, fuzz=False)
    assert reviews.undo(one.log_id) is None  # not the latest: kept
    assert reviews.undo(two.log_id) == one.card == reviews.card(card_id)
    assert reviews.undo(one.log_id) == fresh == reviews.card(card_id)
    assert reviews.vocabulary.connection.execute("SELECT count(*) FROM review_log").fetchone()[0] == 0


def test_a_stable_card_raises_its_word_to_known_and_undo_lowers_it(vocabulary: VocabularyStore, reviews: ReviewStore, clock: Clock) -> None:
    word = save(vocabulary, "银行")
    vocabulary.set_familiarity([word], 3)
    card_id = reviews.queue().new[0].id
    done = reviews.answer(card_id, EASY, fuzz=False)
    while not done.raised_to_known:
        assert vocabulary.get(word).familiarity == 3 and done.card.stability < 21
        clock.now = done.card.due
        done = reviews.answer(card_id, EASY, fuzz=False)
    assert done.card.stability >= 21 and vocabulary.get(word).status == "known"
    reviews.undo(done.log_id)
    assert vocabulary.get(word).familiarity == 3


def test_answering_a_missing_card_changes_nothing(vocabulary: VocabularyStore, reviews: ReviewStore) -> None:
    save(vocabulary, "银行")
    reviews.queue()
    with pytest.raises(UnknownCard):
        reviews.answer(999, GOOD)
    assert not vocabulary.connection.in_transaction
    assert reviews.answer(reviews.queue().new[0].id, GOOD).card.state == 1


def test_deleting_a_word_deletes_its_cards_and_their_log(vocabulary: VocabularyStore, reviews: ReviewStore) -> None:
    word = save(vocabulary, "银行")
    reviews.answer(reviews.queue().new[0].id, GOOD)
    vocabulary.remove(word)
    db = vocabulary.connection
    assert db.execute("SELECT count(*) FROM card").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM review_log").fetchone()[0] == 0


REVIEWER = textwrap.dedent(
    """
    import sys
    from datetime import timezone
    from pathlib import Path
    from studyapp.core.study.vocabulary import VocabularyStore
    from studyapp.core.study.review.store import ReviewStore
    store = VocabularyStore.open(Path(sys.argv[1]))
    reviews = ReviewStore(store, zone=timezone.utc)
    cards = [e.id for e in reviews.queue().new]
    n = 0
    while True:
        card = cards[n % len(cards)]
        done = reviews.answer(card, 1 + n % 4)
        print(done.log_id, card, done.card.due, flush=True)
        n += 1
    """
)


def test_a_process_killed_mid_review_loses_no_rating(tmp_path: Path) -> None:
    path = tmp_path / "killed.sqlite3"
    store = VocabularyStore.open(path)
    for n in range(50):
        store.save(WordData(f"丁{n}", f"丁{n}", "zi4", ["w"]))
    ReviewStore(store, zone=UTC).save_settings(ReviewSettings(new_per_day=50))
    store.close()
    proc = subprocess.Popen([sys.executable, "-c", REVIEWER, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    answered = []
    deadline = time.time() + 120
    while len(answered) < 200 and time.time() < deadline:
        line = proc.stdout.readline()
        assert line, proc.stderr.read()
        answered.append(tuple(int(x) for x in line.split()))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        logged = {row[0]: row[1:] for row in db.execute("SELECT id, card_id, due FROM review_log")}
        assert all(logged[log_id] == (card, due) for log_id, card, due in answered)
        # every card is as its latest log row left it: no answer half written
        for card, due, latest in db.execute("SELECT c.id, c.due, r.due FROM card c JOIN review_log r ON r.id = (SELECT max(id) FROM review_log WHERE card_id = c.id)"):
            assert due == latest, card
    assert len(answered) == 200
