"""Today's queue: which cards to study now, and in what order.

As Anki does it: learning cards due now come first, then review cards due
today (before the next study day starts), then new cards up to the day's
limit (less those already started today), then learning cards due within the
learn-ahead time. Suspended and buried cards, cards of ignored words and of
card types turned off are left out; new cards only come from words still
being learnt (levels 1-4), at most one a word a day (recognition before
recall before cloze), and none from a word already studied today. Example
for 3 words saved, nothing studied, a limit of 2 new cards a day::

    >>> [e.type for e in build_queue(db, ReviewSettings(new_per_day=2), day, now).new]   # doctest: +SKIP
    ['recognition', 'recognition']
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from studyapp.core.study.review.settings import CARD_TYPES, ReviewSettings
from studyapp.core.study.review.study_day import StudyDay

_TYPE_ORDER = "CASE c.type WHEN 'recognition' THEN 0 WHEN 'recall' THEN 1 ELSE 2 END"
_SHOWN = "c.suspended = 0 AND (c.buried_until IS NULL OR c.buried_until <= ?)"


@dataclass(frozen=True)
class QueueEntry:
    id: int
    word_id: int
    word: str
    type: str
    state: int
    due: int


@dataclass(frozen=True)
class TodayQueue:
    learning: list[QueueEntry] = field(default_factory=list)  # due now
    review: list[QueueEntry] = field(default_factory=list)  # due today
    new: list[QueueEntry] = field(default_factory=list)  # within today's limit
    ahead: list[QueueEntry] = field(default_factory=list)  # learning, due within the learn-ahead time

    def entries(self) -> list[QueueEntry]:
        """Every card in the order it is studied."""
        return self.learning + self.review + self.new + self.ahead

    def next(self, skip: int | None = None) -> QueueEntry | None:
        """The card to show now; ``skip`` (the card just answered) comes last if anything else is left."""
        entries = self.entries()
        candidates = [e for e in entries if e.id != skip] or entries
        return candidates[0] if candidates else None

    def counts(self) -> tuple[int, int, int]:
        """(new, learning, review) still to do today, as the window shows them."""
        return len(self.new), len(self.learning) + len(self.ahead), len(self.review)


def _types(settings: ReviewSettings) -> tuple[str, list[str]]:
    types = [t for t in CARD_TYPES if t in settings.card_types]
    return ",".join("?" * len(types)), types


def build_queue(db: sqlite3.Connection, settings: ReviewSettings, day: StudyDay, now: int) -> TodayQueue:
    marks, types = _types(settings)
    today = day.number(now)
    rows = db.execute(
        "SELECT c.id, c.word_id, w.simplified, c.type, c.state, c.due FROM card c JOIN word w ON w.id = c.word_id "
        f"WHERE {_SHOWN} AND w.familiarity != 0 AND c.type IN ({marks}) "
        "AND ((c.state = 2 AND c.due < ?) OR (c.state IN (1, 3) AND c.due <= ?)) ORDER BY c.due, c.id",  # two ranges of (state, due)
        (now, *types, day.start(today + 1), now + settings.learn_ahead),
    ).fetchall()
    learning: list[QueueEntry] = []
    review: list[QueueEntry] = []
    ahead: list[QueueEntry] = []
    for row in rows:
        entry = QueueEntry(*row)
        if entry.state == 2:
            review.append(entry)
        else:
            (learning if entry.due <= now else ahead).append(entry)
    return TodayQueue(learning, review, _new_cards(db, settings, day.start(today), now, marks, types), ahead)


def _new_cards(db: sqlite3.Connection, settings: ReviewSettings, day_start: int, now: int, marks: str, types: list[str]) -> list[QueueEntry]:
    # "+state_before": today's answers through the reviewed index, not every first answer ever
    started = db.execute("SELECT count(DISTINCT card_id) FROM review_log WHERE reviewed >= ? AND +state_before = 0", (day_start,)).fetchone()[0]
    limit = max(0, settings.new_per_day - started)
    if limit == 0:
        return []
    rows = db.execute(
        "SELECT id, word_id, simplified, type, state, due FROM ("
        "SELECT c.id, c.word_id, w.simplified, c.type, c.state, c.due, "
        f"row_number() OVER (PARTITION BY c.word_id ORDER BY {_TYPE_ORDER}) AS sibling FROM card c JOIN word w ON w.id = c.word_id "
        f"WHERE c.state = 0 AND {_SHOWN} AND w.familiarity BETWEEN 1 AND 4 AND c.type IN ({marks}) "
        "AND c.word_id NOT IN (SELECT s.word_id FROM review_log r JOIN card s ON s.id = r.card_id WHERE r.reviewed >= ?)"
        ") WHERE sibling = 1 ORDER BY due, word_id LIMIT ?",
        (now, *types, day_start, limit),
    ).fetchall()
    return [QueueEntry(*row) for row in rows]
