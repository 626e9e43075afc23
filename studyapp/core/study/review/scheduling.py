"""FSRS scheduling through the ``fsrs`` package (py-fsrs 6, FSRS-6 default parameters).

A stored card (``CardState``: state, step, stability, difficulty, due, last
review as UTC epoch seconds) becomes an ``fsrs.Card``, the package's
``Scheduler.review_card`` answers it, and the result comes back as a
CardState. State 0 is ours: a card never answered (FSRS starts it as
Learning, step 0). Review times are whole seconds, so a stored card
reproduces the package's own result exactly. Example::

    >>> scheduler = make_scheduler(ReviewSettings(), fuzz=False)
    >>> after = answer(scheduler, CardState.new(1, due=0), GOOD, when=1_800_000_000)
    >>> after.state, after.step, after.due - 1_800_000_000      # the second learning step: 10 minutes
    (1, 1, 600)
    >>> [format_interval(s) for s in (60, 600, 86400 * 3, 86400 * 45, 86400 * 400)]
    ['1m', '10m', '3d', '1.5mo', '1.1y']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import fsrs

from studyapp.core.study.review.settings import ReviewSettings

NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3
STATE_NAMES = {NEW: "new", LEARNING: "learning", REVIEW: "review", RELEARNING: "relearning"}
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATINGS = {"again": AGAIN, "hard": HARD, "good": GOOD, "easy": EASY}


@dataclass(frozen=True)
class CardState:
    """A card's memory state as stored (times in UTC epoch seconds)."""

    id: int
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: int
    last_review: int | None

    @classmethod
    def new(cls, card_id: int, due: int) -> CardState:
        return cls(card_id, NEW, None, None, None, due, None)


def make_scheduler(settings: ReviewSettings, fuzz: bool = True) -> fsrs.Scheduler:
    return fsrs.Scheduler(
        desired_retention=settings.desired_retention,
        learning_steps=tuple(timedelta(seconds=s) for s in settings.learning_steps),
        relearning_steps=tuple(timedelta(seconds=s) for s in settings.relearning_steps),
        maximum_interval=settings.maximum_interval,
        enable_fuzzing=fuzz,
    )


def _utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(int(seconds), UTC)


def to_fsrs(card: CardState) -> fsrs.Card:
    if card.state == NEW:
        return fsrs.Card(card_id=card.id, state=fsrs.State.Learning, step=0, due=_utc(card.due))
    return fsrs.Card(
        card_id=card.id, state=fsrs.State(card.state), step=card.step, stability=card.stability, difficulty=card.difficulty,
        due=_utc(card.due), last_review=_utc(card.last_review) if card.last_review is not None else None,
    )


def from_fsrs(card: fsrs.Card) -> CardState:
    return CardState(
        card.card_id, int(card.state), card.step, card.stability, card.difficulty, int(card.due.timestamp()),
        int(card.last_review.timestamp()) if card.last_review is not None else None,
    )


def answer(scheduler: fsrs.Scheduler, card: CardState, rating: int, when: int) -> CardState:
    """The card after answering ``rating`` (1 again .. 4 easy) at ``when``."""
    if rating not in (AGAIN, HARD, GOOD, EASY):
        raise ValueError("rating must be 1 (again), 2 (hard), 3 (good) or 4 (easy)")
    after, _log = scheduler.review_card(to_fsrs(card), fsrs.Rating(rating), _utc(when))
    return from_fsrs(after)


def intervals(scheduler: fsrs.Scheduler, card: CardState, when: int) -> dict[int, int]:
    """Seconds until the card would be due again, for each rating (shown on the buttons)."""
    return {rating: answer(scheduler, card, rating, when).due - int(when) for rating in (AGAIN, HARD, GOOD, EASY)}


def retrievability(scheduler: fsrs.Scheduler, card: CardState, when: int) -> float:
    """The chance of remembering the card at ``when`` (0 for a card never answered)."""
    return float(scheduler.get_card_retrievability(to_fsrs(card), _utc(when))) if card.state != NEW else 0.0


def format_interval(seconds: float) -> str:
    """A short interval for a button: 1m, 10m, 5h, 3d, 1.5mo, 1.1y."""
    minutes = seconds / 60
    if minutes < 60:
        return f"{max(1, round(minutes))}m"
    if minutes < 24 * 60:
        return f"{round(minutes / 60)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")
