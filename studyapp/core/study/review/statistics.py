"""Review statistics: the figures behind the statistics view and ``studyapp stats``.

- words by familiarity now, and at the end of each of the last 30 days
  (from the familiarity log: words saved before it existed count from the
  day they were saved, at the level they had then);
- reviews per day (and how many were "again") for the last 30 days;
- the forecast of due cards for the next 30 days (overdue ones count today);
- true retention: of the answers to cards in the review state (not learning),
  the share not rated "again", over the last 30 days and overall.

Days are study days (see ``study_day``). Every figure is one SQL query over
indexed columns, so 10,000 cards take milliseconds. Example: two review
answers in the last 30 days, one of them "again"::

    >>> review_statistics(db, day, now).retention.recent     # doctest: +SKIP
    0.5
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from studyapp.core.study.familiarity import IGNORED, LEVELS
from studyapp.core.study.review.scheduling import REVIEW
from studyapp.core.study.review.study_day import StudyDay

DAYS = 30
_LEVEL_KEYS = (*LEVELS, IGNORED)


def level_key(level: int) -> str:
    return "ignored" if level == IGNORED else str(level)


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int
    again: int = 0


@dataclass(frozen=True)
class Retention:
    recent: float | None  # last 30 days; None without review answers
    recent_answers: int
    overall: float | None
    overall_answers: int


@dataclass(frozen=True)
class ReviewStatistics:
    familiarity: dict[int, int]  # level (0 ignored) -> words
    familiarity_history: list[tuple[date, dict[int, int]]]
    reviews_by_day: list[DayCount]
    due_forecast: list[DayCount]
    retention: Retention

    def as_json(self) -> dict:
        """The shape ``studyapp stats --json`` prints."""
        return {
            "familiarity": {level_key(k): self.familiarity[k] for k in _LEVEL_KEYS},
            "familiarity_by_day": [{"day": d.isoformat(), **{level_key(k): counts[k] for k in _LEVEL_KEYS}} for d, counts in self.familiarity_history],
            "reviews_by_day": [{"day": d.day.isoformat(), "reviews": d.count, "again": d.again} for d in self.reviews_by_day],
            "due_forecast": [{"day": d.day.isoformat(), "due": d.count} for d in self.due_forecast],
            "retention": {
                "last_30_days": self.retention.recent, "last_30_days_answers": self.retention.recent_answers,
                "overall": self.retention.overall, "overall_answers": self.retention.overall_answers,
            },
        }


def review_statistics(db: sqlite3.Connection, day: StudyDay, now: int, days: int = DAYS) -> ReviewStatistics:
    today = day.number(now)
    first = today - days + 1
    return ReviewStatistics(
        _familiarity_now(db), _familiarity_history(db, day, first, today), _reviews_by_day(db, day, first, today),
        _due_forecast(db, day, today, days), _retention(db, day.start(first)),
    )


def _familiarity_now(db: sqlite3.Connection) -> dict[int, int]:
    counts = dict.fromkeys(_LEVEL_KEYS, 0)
    for level, count in db.execute("SELECT familiarity, count(*) FROM word GROUP BY familiarity"):
        counts[level] = count
    return counts


def _days(day: StudyDay, first: int, last: int) -> list[date]:
    return [day.date_of(day.start(n)) for n in range(first, last + 1)]


def _reviews_by_day(db: sqlite3.Connection, day: StudyDay, first: int, today: int) -> list[DayCount]:
    found = {
        number: (count, again)
        for number, count, again in db.execute(
            f"SELECT {day.sql_number('reviewed')} AS n, count(*), sum(rating = 1) FROM review_log WHERE reviewed >= ? GROUP BY n",
            (day.start(first),),
        )
    }
    return [DayCount(d, *found.get(first + k, (0, 0))) for k, d in enumerate(_days(day, first, today))]


def _due_forecast(db: sqlite3.Connection, day: StudyDay, today: int, days: int) -> list[DayCount]:
    found = dict(
        db.execute(
            f"SELECT max({day.sql_number('due')}, ?) AS n, count(*) FROM card WHERE state > 0 AND suspended = 0 AND due < ? "
            "AND word_id NOT IN (SELECT id FROM word WHERE familiarity = 0) GROUP BY n",
            (today, day.start(today + days)),
        ).fetchall()
    )
    return [DayCount(d, found.get(today + k, 0)) for k, d in enumerate(_days(day, today, today + days - 1))]


def _retention(db: sqlite3.Connection, since: int) -> Retention:
    # "+state_before" keeps the recent count on the (reviewed, state_before, rating) index, which covers it
    recent = db.execute("SELECT count(*), sum(rating > 1) FROM review_log WHERE reviewed >= ? AND +state_before = ?", (since, REVIEW)).fetchone()
    overall = db.execute("SELECT count(*), sum(rating > 1) FROM review_log WHERE state_before = ?", (REVIEW,)).fetchone()
    return Retention(_share(*recent), recent[0], _share(*overall), overall[0])


def _share(total: int, passed: int | None) -> float | None:
    return (passed or 0) / total if total else None


def _familiarity_history(db: sqlite3.Connection, day: StudyDay, first: int, today: int) -> list[tuple[date, dict[int, int]]]:
    """Words by level at the end of each day: each word's latest level before the
    first day, then one sweep over the changes since, in time order."""
    start = day.start(first)
    level_of = dict(db.execute("SELECT word_id, familiarity FROM (SELECT word_id, familiarity, max(id) FROM familiarity_log WHERE at < ? GROUP BY word_id)", (start,)).fetchall())
    counts = dict.fromkeys(_LEVEL_KEYS, 0)
    for level in level_of.values():
        counts[level] += 1
    cursor = db.cursor()
    cursor.row_factory = None  # plain tuples: a third of the time of sqlite3.Row for thousands of rows
    changes = cursor.execute("SELECT at, word_id, familiarity FROM familiarity_log WHERE at >= ? ORDER BY at, id", (start,)).fetchall()
    history, k = [], 0
    for number, when in zip(range(first, today + 1), _days(day, first, today)):
        end = day.start(number + 1)
        while k < len(changes) and changes[k][0] < end:
            _, word, level = changes[k]
            previous = level_of.get(word)
            if previous is not None:
                counts[previous] -= 1
            level_of[word] = level
            counts[level] += 1
            k += 1
        history.append((when, dict(counts)))
    return history
