"""Familiarity: how well the learner knows a saved word.

Levels 1-5 (1 new, 2-4 learning, 5 known, as LingQ and Lute count) and 0 for
an ignored word (a name, a word not worth learning). The database stores the
level; the coarse *status* the vocabulary list, filters and exports speak of
is derived from it::

    >>> [status_of(level) for level in (0, 1, 2, 3, 4, 5)]
    ['ignored', 'new', 'learning', 'learning', 'learning', 'known']
    >>> level_for_status("learning"), level_for_status("known")
    (3, 5)

Setting a status keeps a level that already has that status (a word at 4 set
to "learning" stays at 4); otherwise the word gets the status's level above.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

IGNORED = 0
NEW = 1
KNOWN = 5
LEVELS = (1, 2, 3, 4, 5)
STATUSES = ("new", "learning", "known", "ignored")

#: The level a word gets when its status is set (and the level each status of
#: the first schemas became when the levels were introduced).
_STATUS_LEVEL = {"new": NEW, "learning": 3, "known": KNOWN, "ignored": IGNORED}


def status_of(level: int) -> str:
    """The coarse status of a level."""
    if level == IGNORED:
        return "ignored"
    if level == NEW:
        return "new"
    return "known" if level == KNOWN else "learning"


def level_for_status(status: str) -> int:
    """The level a word takes when the learner sets ``status``."""
    try:
        return _STATUS_LEVEL[status]
    except KeyError:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}") from None


def check_level(level: int) -> int:
    if level not in (IGNORED, *LEVELS):
        raise ValueError("familiarity must be 1-5, or 0 for ignored")
    return level


def level_label(level: int) -> str:
    """How the level is shown: ``"3 (learning)"``, ``"5 (known)"``, ``"ignored"``."""
    return "ignored" if level == IGNORED else f"{level} ({status_of(level)})"


def counts_as_known(level: int | None) -> bool:
    """Known or ignored: nothing left to learn (for coverage and "new on this page")."""
    return level in (KNOWN, IGNORED)


@dataclass(frozen=True)
class LevelChange:
    """What one familiarity action changed, so that it is undone as one."""

    created: tuple[int, ...]  # words the action saved
    previous: tuple[tuple[int, int], ...]  # (word id, level before) of words that were saved already


def levels_by_form(db: sqlite3.Connection) -> dict[str, int]:
    """Each saved form (simplified and traditional) with its level. A form saved
    with two readings takes the less known one (an ignored reading counts last)."""
    levels: dict[str, int] = {}
    rank = {IGNORED: 9}  # ignored ranks above known when two readings differ
    for simplified, traditional, level in db.execute("SELECT simplified, traditional, familiarity FROM word"):
        for form in (simplified, traditional):
            held = levels.get(form)
            if held is None or rank.get(level, level) < rank.get(held, held):
                levels[form] = level
    return levels
