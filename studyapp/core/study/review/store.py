"""ReviewStore: the only module that writes cards and the review log.

Cards and the log live in the vocabulary database beside the words (a word
deleted takes its cards and their log with it). Every answer is one
transaction: the card's new FSRS state, its log row (with the state before,
for undo and true retention) and, when the card has become stable enough, the
word raised to known. A process killed after ``answer`` returns has lost
nothing; one killed before has changed nothing. Example::

    >>> reviews = ReviewStore(vocabulary, clock=lambda: 1_800_000_000)      # doctest: +SKIP
    >>> card = reviews.queue().next()                                        # doctest: +SKIP
    >>> reviews.answer(card.id, GOOD).card.state                             # doctest: +SKIP
    1
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo

from studyapp.core.study.familiarity import KNOWN
from studyapp.core.study.review import settings as settings_table
from studyapp.core.study.review.queue import TodayQueue, build_queue
from studyapp.core.study.review.scheduling import NEW, CardState, answer, make_scheduler
from studyapp.core.study.review.settings import CARD_TYPES, ReviewSettings
from studyapp.core.study.review.study_day import StudyDay, local_zone
from studyapp.core.study.vocabulary import VocabularyStore

_CARD_COLUMNS = "id, state, step, stability, difficulty, due, last_review"


class UnknownCard(KeyError):
    """No card has this id."""


@dataclass(frozen=True)
class Answered:
    """The result of one answer: the card after it, and the log row that undoes it."""

    card: CardState
    log_id: int
    raised_to_known: bool


class ReviewStore:
    """Cards, their FSRS state and the review log of one vocabulary database."""

    def __init__(self, vocabulary: VocabularyStore, clock: Callable[[], float] = time.time, zone: tzinfo | None = None) -> None:
        self.vocabulary = vocabulary
        self._db = vocabulary.connection
        self._clock = clock
        self._zone = zone
        self._settings: ReviewSettings | None = None

    def now(self) -> int:
        return int(self._clock())

    @property
    def day(self) -> StudyDay:
        """Study days in the given zone, else the machine's zone now."""
        return StudyDay(self._zone or local_zone())

    # --- settings -------------------------------------------------------------

    @property
    def settings(self) -> ReviewSettings:
        if self._settings is None:
            self._settings = settings_table.load(self._db)
        return self._settings

    def save_settings(self, settings: ReviewSettings) -> None:
        self.vocabulary.transaction(lambda db: settings_table.write(db, settings))
        self._settings = settings

    # --- cards ------------------------------------------------------------------

    def sync_cards(self) -> int:
        """Make the missing cards of the enabled types for words being learnt (levels 1-4).

        A sentence card needs a saved sentence containing the word. Returns how many were made.
        """
        types = [t for t in CARD_TYPES if t in self.settings.card_types]
        chosen = " UNION ALL ".join("SELECT ? AS type" for _ in types)
        sql = (
            "INSERT INTO card (word_id, type, due, created) "
            f"SELECT w.id, t.type, w.created, ? FROM word w CROSS JOIN ({chosen}) t "
            "WHERE w.familiarity BETWEEN 1 AND 4 "
            "AND NOT EXISTS (SELECT 1 FROM card c WHERE c.word_id = w.id AND c.type = t.type) "
            "AND (t.type != 'cloze' OR EXISTS (SELECT 1 FROM context x WHERE x.word_id = w.id "
            "AND (instr(x.sentence, w.simplified) > 0 OR instr(x.sentence, w.traditional) > 0)))"
        )
        now = self.now()
        return self.vocabulary.transaction(lambda db: db.execute(sql, (now, *types)).rowcount)

    def queue(self, sync: bool = True) -> TodayQueue:
        """Today's queue at the store's clock (making missing cards first)."""
        if sync:
            self.sync_cards()
        return build_queue(self._db, self.settings, self.day, self.now())

    def card(self, card_id: int) -> CardState:
        row = self._db.execute(f"SELECT {_CARD_COLUMNS} FROM card WHERE id = ?", (card_id,)).fetchone()
        if row is None:
            raise UnknownCard(card_id)
        return CardState(*row)

    def card_word(self, card_id: int) -> tuple[int, str]:
        """``(word id, card type)`` of a card."""
        row = self._db.execute("SELECT word_id, type FROM card WHERE id = ?", (card_id,)).fetchone()
        if row is None:
            raise UnknownCard(card_id)
        return row[0], row[1]

    # --- answering -------------------------------------------------------------------

    def answer(self, card_id: int, rating: int, duration_ms: int | None = None, fuzz: bool = True) -> Answered:
        """Answer a card at the store's clock; one transaction."""
        when = self.now()
        scheduler = make_scheduler(self.settings, fuzz=fuzz)
        threshold = self.settings.known_stability

        def action(db: sqlite3.Connection) -> Answered:
            row = db.execute(f"SELECT {_CARD_COLUMNS}, word_id FROM card WHERE id = ?", (card_id,)).fetchone()
            if row is None:
                raise UnknownCard(card_id)
            before = CardState(*tuple(row)[:7])
            after = answer(scheduler, before, rating, when)
            db.execute(
                "UPDATE card SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, last_review = ?, buried_until = NULL WHERE id = ?",
                (after.state, after.step, after.stability, after.difficulty, after.due, after.last_review, card_id),
            )
            level = db.execute("SELECT familiarity FROM word WHERE id = ?", (row["word_id"],)).fetchone()[0]
            raised = (after.stability or 0.0) >= threshold and 1 <= level < KNOWN
            if raised:
                db.execute("UPDATE word SET familiarity = ?, updated = ? WHERE id = ?", (KNOWN, when, row["word_id"]))
            cursor = db.execute(
                "INSERT INTO review_log (card_id, rating, reviewed, duration, state_before, step_before, stability_before, difficulty_before, "
                "due_before, last_review_before, state, stability, difficulty, due, familiarity_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (card_id, rating, when, duration_ms, before.state, before.step, before.stability, before.difficulty, before.due,
                 before.last_review, after.state, after.stability, after.difficulty, after.due, level if raised else None),
            )
            return Answered(after, int(cursor.lastrowid or 0), raised)

        return self.vocabulary.transaction(action)

    def undo(self, log_id: int) -> CardState | None:
        """Take back an answer: the card as it was, the word's level as it was, the log row gone.

        Only the latest answer of a card can be taken back; None if ``log_id``
        is not that (or is gone).
        """

        def action(db: sqlite3.Connection) -> CardState | None:
            log = db.execute("SELECT * FROM review_log WHERE id = ?", (log_id,)).fetchone()
            if log is None:
                return None
            latest = db.execute("SELECT max(id) FROM review_log WHERE card_id = ?", (log["card_id"],)).fetchone()[0]
            if latest != log_id:
                return None
            before = CardState(log["card_id"], log["state_before"], log["step_before"], log["stability_before"], log["difficulty_before"],
                               log["due_before"], log["last_review_before"])
            db.execute("UPDATE card SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, last_review = ? WHERE id = ?",
                       (before.state, before.step, before.stability, before.difficulty, before.due, before.last_review, before.id))
            if log["familiarity_before"] is not None:
                db.execute("UPDATE word SET familiarity = ?, updated = ? WHERE id = (SELECT word_id FROM card WHERE id = ?) AND familiarity = ?",
                           (log["familiarity_before"], self.now(), before.id, KNOWN))
            db.execute("DELETE FROM review_log WHERE id = ?", (log_id,))
            return before

        return self.vocabulary.transaction(action)

    # --- suspending and burying --------------------------------------------------------

    def suspend(self, card_ids: list[int], suspended: bool = True) -> None:
        """Suspended cards stay out of the queue until unsuspended."""
        self.vocabulary.transaction(lambda db: db.executemany("UPDATE card SET suspended = ? WHERE id = ?", [(int(suspended), i) for i in card_ids]))

    def bury(self, card_ids: list[int]) -> None:
        """Buried cards come back at the start of the next study day."""
        until = self.day.next_start(self.now())
        self.vocabulary.transaction(lambda db: db.executemany("UPDATE card SET buried_until = ? WHERE id = ?", [(until, i) for i in card_ids]))

    def suspended_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM card WHERE suspended = 1").fetchone()[0])

    def unsuspend_all(self) -> None:
        self.vocabulary.transaction(lambda db: db.execute("UPDATE card SET suspended = 0 WHERE suspended = 1"))

    def cards_of_word(self, word_id: int) -> list[tuple[int, str, int, bool]]:
        """``(card id, type, state, suspended)`` of a word's cards."""
        return [(r[0], r[1], r[2], bool(r[3])) for r in self._db.execute("SELECT id, type, state, suspended FROM card WHERE word_id = ? ORDER BY id", (word_id,))]

    def new_cards_waiting(self) -> int:
        """New cards of the enabled types, of words being learnt, not suspended (today's limit aside)."""
        types = self.settings.card_types
        return int(self._db.execute(
            "SELECT count(*) FROM card c JOIN word w ON w.id = c.word_id WHERE c.state = ? AND c.suspended = 0 "
            f"AND w.familiarity BETWEEN 1 AND 4 AND c.type IN ({','.join('?' * len(types))})",
            (NEW, *types),
        ).fetchone()[0])
