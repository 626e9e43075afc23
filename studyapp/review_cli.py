"""``studyapp review ...`` and ``studyapp stats``: review from the command line.

    studyapp review due [--now ISO8601] [--json]
    studyapp review answer CARD again|hard|good|easy [--now ISO8601] [--json]
    studyapp stats [--now ISO8601] [--json]

``review due`` lists today's queue in study order: cards due (learning, then
review), then new cards within the day's limit. With ``--now`` the clock is
that time, study days are counted in its zone (a time without an offset is
UTC) and answers are scheduled without fuzz, so results are reproducible.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime

from studyapp.core.errors import StudyappError
from studyapp.core.study.review.scheduling import RATINGS, STATE_NAMES
from studyapp.core.study.review.statistics import review_statistics
from studyapp.core.study.review.store import ReviewStore, UnknownCard
from studyapp.core.study.vocabulary import VocabularyStore

NOW_HELP = "the time to act at, ISO 8601 (e.g. 2026-03-01T09:30:00+08:00); also turns off fuzz"


def add_parsers(sub) -> None:
    review = sub.add_parser("review", help="review saved words: list today's cards, answer one")
    actions = review.add_subparsers(dest="action", required=True)
    due = actions.add_parser("due", help="today's cards, due first")
    due.add_argument("--now", help=NOW_HELP)
    due.add_argument("--json", action="store_true")
    answer = actions.add_parser("answer", help="answer a card")
    answer.add_argument("card", type=int, help="the card's id (from `review due`)")
    answer.add_argument("rating", choices=tuple(RATINGS))
    answer.add_argument("--now", help=NOW_HELP)
    answer.add_argument("--json", action="store_true")
    stats = sub.add_parser("stats", help="review statistics: words by familiarity, reviews by day, due forecast, retention")
    stats.add_argument("--now", help=NOW_HELP)
    stats.add_argument("--json", action="store_true")


def parse_now(text: str | None) -> datetime | None:
    """``--now`` as an aware time (UTC when it has no offset); None when not given."""
    if text is None:
        return None
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise StudyappError(f"--now {text!r} is not an ISO 8601 time (e.g. 2026-03-01T09:30:00+08:00)") from None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _open(vocabulary: VocabularyStore, now: datetime | None) -> ReviewStore:
    if now is None:
        return ReviewStore(vocabulary, time.time)
    return ReviewStore(vocabulary, lambda: now.timestamp(), now.tzinfo)


def run(args: argparse.Namespace) -> int:
    now = parse_now(args.now)
    vocabulary = VocabularyStore.open()
    try:
        reviews = _open(vocabulary, now)
        if args.command == "stats":
            return _stats(reviews, args)
        return _due(reviews, args) if args.action == "due" else _answer(reviews, args, fuzz=now is None)
    finally:
        vocabulary.close()


def _print(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def _due(reviews: ReviewStore, args: argparse.Namespace) -> int:
    queue = reviews.queue()
    entries = queue.learning + queue.review + queue.new
    rows = [{"card": e.id, "word": e.word, "type": e.type, "due": reviews.day.iso(e.due)} for e in entries]
    if args.json:
        _print(rows)
    else:
        for row in rows:
            print(f"{row['card']}\t{row['word']}\t{row['type']}\t{row['due']}")
    return 0


def _answer(reviews: ReviewStore, args: argparse.Namespace, fuzz: bool) -> int:
    try:
        done = reviews.answer(args.card, RATINGS[args.rating], fuzz=fuzz)
    except UnknownCard:
        raise StudyappError(f"there is no card {args.card} (see `studyapp review due`)") from None
    card = done.card
    result = {"card": card.id, "due": reviews.day.iso(card.due), "stability": card.stability, "difficulty": card.difficulty,
              "state": STATE_NAMES[card.state]}
    if args.json:
        _print(result)
    else:
        print(f"card {card.id}: {result['state']}, due {result['due']} (stability {card.stability:.2f} days)"
              + ("; its word is now known" if done.raised_to_known else ""))
    return 0


def _stats(reviews: ReviewStore, args: argparse.Namespace) -> int:
    figures = review_statistics(reviews.vocabulary.connection, reviews.day, reviews.now())
    if args.json:
        _print(figures.as_json())
        return 0
    data = figures.as_json()
    print("words by familiarity: " + ", ".join(f"{k}: {v}" for k, v in data["familiarity"].items()))
    print(f"reviews in the last 30 days: {sum(d.count for d in figures.reviews_by_day)}")
    print(f"due in the next 7 days: {', '.join(str(d.count) for d in figures.due_forecast[:7])}")
    retention = figures.retention
    print(f"true retention: {_percent(retention.recent)} in the last 30 days ({retention.recent_answers} answers), "
          f"{_percent(retention.overall)} overall ({retention.overall_answers})")
    return 0


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"
