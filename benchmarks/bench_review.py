"""Review figures with 10,000 cards (target: each under 100 ms).

A vocabulary of 5,000 words, each with a sentence, gets a recognition and a
sentence card (10,000 cards) and a year of simulated study: 14 new words a
day, every due card answered, the learner remembering with the probability
FSRS predicts (rated again / hard / good / easy), learning steps done the same
day. Measured, as medians of repeated runs:

* today's queue: making missing cards and building the queue (what opening
  the review window and ``studyapp review due`` do), and the queue alone;
* the statistics: the figures (one call), and the statistics view refilled
  (figures + charts) and built from scratch.

Baseline: the same figures for 100 cards (50 words), in the same run.
Run: ``python benchmarks/bench_review.py`` (offscreen Qt; about a minute).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import fsrs
from PySide6.QtWidgets import QApplication

from benchmarks.synthetic import _HANZI
from studyapp.core.study.review.statistics import review_statistics
from studyapp.core.study.review.store import ReviewStore
from studyapp.core.study.vocabulary import VocabularyStore
from studyapp.ui.statistics_view import StatisticsView

DAY = 86400
START = 1_767_225_600  # 2026-01-01 00:00 UTC
DAYS = 365
TYPES = ("recognition", "cloze")


def fill_words(store: VocabularyStore, count: int) -> None:
    db = store.connection
    rng = random.Random(1)
    words = set()
    while len(words) < count:
        words.add(rng.choice(_HANZI) + rng.choice(_HANZI))
    per_day = max(1, count // (DAYS - 10))
    db.execute("BEGIN")
    for n, word in enumerate(sorted(words)):
        created = START + (n // per_day) * DAY + 3600
        cursor = db.execute(
            "INSERT INTO word (uid, simplified, traditional, pinyin, definitions, created, updated) VALUES (?, ?, ?, 'zi4 zi4', '[\"w\"]', ?, ?)",
            (f"u{n}", word, word, created, created),
        )
        db.execute("INSERT INTO context (word_id, sentence, created) VALUES (?, ?, ?)", (cursor.lastrowid, f"我们的{word}很好。", created))
    db.execute("COMMIT")


def simulate(store: VocabularyStore, until: int) -> int:
    """A year of study with FSRS's own scheduler; returns the number of answers logged."""
    db = store.connection
    reviews = ReviewStore(store, lambda: until, UTC)
    reviews.sync_cards()
    rng = random.Random(2)
    scheduler = fsrs.Scheduler(enable_fuzzing=False)  # the same history every run
    cards = {cid: (fsrs.Card(card_id=cid, due=datetime.fromtimestamp(created, UTC)), created)
             for cid, created in db.execute("SELECT c.id, w.created FROM card c JOIN word w ON w.id = c.word_id")}
    logs = []
    for cid, (card, created) in cards.items():
        when, state_before = created + 1800, 0
        while when < until:
            r = scheduler.get_card_retrievability(card, datetime.fromtimestamp(when, UTC)) if card.last_review else 0.6
            rating = fsrs.Rating.Again if rng.random() > r else rng.choice((fsrs.Rating.Hard, fsrs.Rating.Good, fsrs.Rating.Good, fsrs.Rating.Easy))
            before = card
            card, _ = scheduler.review_card(card, rating, datetime.fromtimestamp(when, UTC))
            logs.append((cid, int(rating), when, state_before, before.due.timestamp(), card.state, card.stability, card.difficulty, card.due.timestamp()))
            state_before = int(card.state)
            when = int(card.due.timestamp()) + rng.randrange(0, 4 * 3600)
        cards[cid] = (card, created)
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO review_log (card_id, rating, reviewed, state_before, due_before, state, stability, difficulty, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(c, r, w, s0, int(d0), int(s), st, df, int(d)) for c, r, w, s0, d0, s, st, df, d in logs],
    )
    db.executemany(
        "UPDATE card SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, last_review = ? WHERE id = ?",
        [(int(c.state), c.step, c.stability, c.difficulty, int(c.due.timestamp()), int(c.last_review.timestamp()) if c.last_review else None, cid)
         for cid, (c, _) in cards.items() if c.last_review],
    )
    known = {}  # word -> when a card of it first became stable: the word is known from then
    word_of = dict(db.execute("SELECT id, word_id FROM card"))
    for c, _, w, _, _, _, stability, _, _ in sorted(logs, key=lambda log: log[2]):
        if stability >= 21 and word_of[c] not in known:
            known[word_of[c]] = w
    for word, when in sorted(known.items(), key=lambda item: item[1]):
        db.execute("UPDATE word SET familiarity = 5, updated = ? WHERE id = ?", (when, word))
    db.execute("COMMIT")
    return len(logs)


def median_ms(action, runs: int = 21) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds (CPU time is what this process did, whatever else the machine runs)."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def measure(folder: Path, words: int, app: QApplication) -> dict:
    path = folder / f"v{words}.sqlite3"
    store = VocabularyStore.open(path)
    store.connection.execute("INSERT INTO review_setting (key, value) VALUES ('card_types', ?)", (json.dumps(TYPES),))
    fill_words(store, words)
    now = START + DAYS * DAY + 9 * 3600
    answers = simulate(store, now)
    reviews = ReviewStore(store, lambda: now, UTC)
    queue = reviews.queue()
    figures = {
        "cards": store.connection.execute("SELECT count(*) FROM card").fetchone()[0], "answers": answers,
        "today": sum(queue.counts()), "queue_with_sync": median_ms(reviews.queue), "queue": median_ms(lambda: reviews.queue(sync=False)),
        "statistics": median_ms(lambda: review_statistics(store.connection, reviews.day, now)),
    }
    view = StatisticsView(reviews, lambda: ("doc", ["我们"] * 1000))
    view.show()
    app.processEvents()
    figures["view_refresh"] = median_ms(lambda: (view.refresh(), app.processEvents()))
    view.close()

    def build() -> None:
        fresh = StatisticsView(reviews)
        fresh.show()
        app.processEvents()
        fresh.close()
        fresh.deleteLater()

    figures["view_build"] = median_ms(build, 9)
    store.close()
    return figures


def main() -> None:
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        baseline = measure(Path(tmp), 50, app)
        full = measure(Path(tmp), 5000, app)
    rows = (("today's queue (cards made + queue)", "queue_with_sync"), ("today's queue alone", "queue"), ("statistics figures", "statistics"),
            ("statistics view refilled", "view_refresh"), ("statistics view built and shown", "view_build"))
    print(f"{'median ms, wall (cpu)':40} {baseline['cards']:>7,} cards {full['cards']:>11,} cards")
    print(f"{'answers logged / cards in today’s queue':40} {baseline['answers']:>7,}/{baseline['today']:<5} {full['answers']:>9,}/{full['today']}")
    for label, key in rows:
        (wall, cpu), (full_wall, full_cpu) = baseline[key], full[key]
        print(f"{label:40} {wall:>6.1f} ({cpu:5.1f}) {full_wall:>8.1f} ({full_cpu:5.1f})")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
