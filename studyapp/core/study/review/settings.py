"""Review preferences, stored in the vocabulary database (table ``review_setting``)
so that the window and the command line schedule alike.

Defaults: desired retention 0.9, Anki's learning steps (1 and 10 minutes) and
relearning step (10 minutes), 20 new cards a day, recognition and sentence
cards, and a word becomes known when one of its cards is remembered for 21
days (its FSRS stability passes 21). Example::

    >>> ReviewSettings().replace(desired_retention=0.85).desired_retention
    0.85
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from studyapp.core.errors import StudyappError

CARD_TYPES = ("recognition", "recall", "cloze")


class ReviewSettingsError(StudyappError):
    """A review preference out of range."""


@dataclass(frozen=True)
class ReviewSettings:
    desired_retention: float = 0.9
    learning_steps: tuple[int, ...] = (60, 600)  # seconds
    relearning_steps: tuple[int, ...] = (600,)
    maximum_interval: int = 36500  # days
    new_per_day: int = 20
    card_types: tuple[str, ...] = ("recognition", "cloze")
    known_stability: float = 21.0  # days; a card this stable raises its word to known
    learn_ahead: int = 20 * 60  # seconds: a learning card due this soon is shown when nothing else is left

    def replace(self, **changes: Any) -> ReviewSettings:
        return check(dataclasses.replace(self, **changes))


def check(settings: ReviewSettings) -> ReviewSettings:
    """The settings, or ReviewSettingsError saying which one is out of range."""
    if not 0.7 <= settings.desired_retention <= 0.99:
        raise ReviewSettingsError("desired retention must be between 0.70 and 0.99")
    if settings.new_per_day < 0 or settings.new_per_day > 9999:
        raise ReviewSettingsError("new cards a day must be between 0 and 9999")
    if not settings.card_types or set(settings.card_types) - set(CARD_TYPES):
        raise ReviewSettingsError(f"card types must be among {', '.join(CARD_TYPES)}")
    if any(step <= 0 for step in settings.learning_steps + settings.relearning_steps):
        raise ReviewSettingsError("learning steps must be positive")
    if settings.known_stability <= 0 or settings.maximum_interval < 1:
        raise ReviewSettingsError("the known threshold and the maximum interval must be positive")
    return settings


def load(db: sqlite3.Connection) -> ReviewSettings:
    """The stored settings; missing or unreadable values take their defaults."""
    stored = {}
    for key, value in db.execute("SELECT key, value FROM review_setting"):
        try:
            stored[key] = json.loads(value)
        except ValueError:
            continue
    defaults = ReviewSettings()
    values: dict[str, Any] = {}
    for name, default in dataclasses.asdict(defaults).items():
        value = stored.get(name, default)
        values[name] = tuple(value) if isinstance(default, tuple) and isinstance(value, list) else value
    try:
        return check(ReviewSettings(**values))
    except (ReviewSettingsError, TypeError):
        return defaults


def write(db: sqlite3.Connection, settings: ReviewSettings) -> None:
    """Store every setting (inside the caller's transaction)."""
    check(settings)
    rows = [(name, json.dumps(value)) for name, value in dataclasses.asdict(settings).items()]
    db.executemany("INSERT INTO review_setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", rows)


def parse_steps(text: str) -> tuple[int, ...]:
    """Learning steps as the learner writes them, in seconds (a bare number is minutes)::

        >>> parse_steps("1m 10m"), parse_steps("30s, 1h"), parse_steps("1 10")
        ((60, 600), (30, 3600), (60, 600))
    """
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    steps = []
    for part in text.replace(",", " ").split():
        unit = part[-1] if part[-1] in units else "m"
        try:
            steps.append(round(float(part.rstrip("smhd")) * units[unit]))
        except ValueError:
            raise ReviewSettingsError(f"{part!r} is not a step (write steps like 1m 10m)") from None
    return tuple(steps)


def format_steps(seconds: tuple[int, ...]) -> str:
    """``(60, 600, 3600)`` -> ``"1m 10m 1h"``."""
    return " ".join(f"{s // 3600}h" if s % 3600 == 0 else f"{s // 60}m" if s % 60 == 0 else f"{s}s" for s in seconds)
