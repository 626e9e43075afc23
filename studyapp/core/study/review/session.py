"""ReviewSession: one sitting of review, as the window (or a test) drives it.

Show a card, reveal its answer, rate it 1-4, undo the last rating, bury or
suspend the card, edit its word. The session holds only what is on screen
and the undo stack; every rating is in the database the moment ``rate``
returns. The intervals on the rating buttons come from the scheduler without
fuzz (the answer itself is fuzzed, as in Anki, so it may differ by a day or
so on long intervals). Example::

    >>> session = ReviewSession(reviews)           # doctest: +SKIP
    >>> session.current.word, session.revealed     # doctest: +SKIP
    ('银行', False)
    >>> session.reveal(); session.rate(GOOD)       # doctest: +SKIP
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from studyapp.core.study.review.cards import CardFace, card_face
from studyapp.core.study.review.queue import QueueEntry, TodayQueue
from studyapp.core.study.review.scheduling import AGAIN, EASY, format_interval, intervals, make_scheduler
from studyapp.core.study.review.store import Answered, ReviewStore


@dataclass
class _Done:
    """A rating that can be undone."""

    log_id: int
    entry: QueueEntry
    raised_to_known: bool


@dataclass
class ReviewSession:
    reviews: ReviewStore
    fuzz: bool = True
    current: QueueEntry | None = None
    revealed: bool = False
    queue: TodayQueue = field(default_factory=TodayQueue)
    _undo: list[_Done] = field(default_factory=list)
    _shown_at: float = 0.0
    _face: CardFace | None = None

    def __post_init__(self) -> None:
        self.advance()

    # --- what is shown -------------------------------------------------------------

    def advance(self, just_answered: int | None = None, sync: bool = True) -> QueueEntry | None:
        """Rebuild today's queue and show its next card (None when the day is done).

        ``sync`` first makes the cards of words saved since (not needed between two answers).
        """
        self.queue = self.reviews.queue(sync=sync)
        self._show(self.queue.next(skip=just_answered))
        return self.current

    def _show(self, entry: QueueEntry | None) -> None:
        self.current, self.revealed, self._face = entry, False, None
        self._shown_at = time.monotonic()

    @property
    def face(self) -> CardFace | None:
        """The current card's content (read again after an edit)."""
        if self.current is not None and self._face is None:
            self._face = card_face(self.reviews.vocabulary.get(self.current.word_id), self.current.type)
        return self._face

    def counts(self) -> tuple[int, int, int]:
        """(new, learning, review) left today, the current card included."""
        return self.queue.counts()

    def interval_labels(self) -> dict[int, str]:
        """Rating -> the interval it would give, e.g. ``{1: '1m', 2: '6m', 3: '10m', 4: '8d'}``."""
        if self.current is None:
            return {}
        scheduler = make_scheduler(self.reviews.settings, fuzz=False)
        card = self.reviews.card(self.current.id)
        return {rating: format_interval(seconds) for rating, seconds in intervals(scheduler, card, self.reviews.now()).items()}

    # --- actions ------------------------------------------------------------------

    def reveal(self) -> None:
        if self.current is not None:
            self.revealed = True

    def rate(self, rating: int) -> Answered | None:
        """Rate the current card (its answer must be showing) and move on."""
        if self.current is None or not self.revealed or not AGAIN <= rating <= EASY:
            return None
        duration = int((time.monotonic() - self._shown_at) * 1000)
        done = self.reviews.answer(self.current.id, rating, duration_ms=duration, fuzz=self.fuzz)
        self._undo.append(_Done(done.log_id, self.current, done.raised_to_known))
        self.advance(just_answered=self.current.id, sync=False)
        return done

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> QueueEntry | None:
        """Take back the last rating and show that card again (its answer hidden)."""
        while self._undo:
            done = self._undo.pop()
            if self.reviews.undo(done.log_id) is not None:
                self.queue = self.reviews.queue(sync=False)
                self._show(done.entry)
                return done.entry
        return None

    def bury(self) -> None:
        """Hide the current word's cards until tomorrow."""
        if self.current is not None:
            self.reviews.bury([card for card, _, _, _ in self.reviews.cards_of_word(self.current.word_id)])
            self.advance(sync=False)

    def suspend(self) -> None:
        """Take the current card out of review until it is unsuspended."""
        if self.current is not None:
            self.reviews.suspend([self.current.id])
            self.advance(sync=False)

    def word_edited(self) -> None:
        """The current word was edited: show it again as it now is."""
        self._face = None
