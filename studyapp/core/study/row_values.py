"""Reading values out of vocabulary rows without trusting them.

A row written by another program, a damaged backup or a disk error may hold
meanings that are not JSON, a level that is not a number or bytes where text
belongs. Each reader returns a usable value and says whether it had to guess,
so one bad row shows its raw text with a warning instead of stopping the
list, the export or the window. Example::

    >>> read_definitions('["bank", "shore"]'), read_definitions("bank; {oops")
    ((('bank', 'shore'), False), (('bank; {oops',), True))
"""

from __future__ import annotations

import json
import sqlite3


def read_text(value: object) -> tuple[str, bool]:
    """A text column: ``(text, damaged)``; NULL is empty, bytes are decoded leniently."""
    if isinstance(value, str):
        return value, False
    if value is None:
        return "", True
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace"), True
    return str(value), True


def read_int(value: object) -> tuple[int | None, bool]:
    """An integer column that may be NULL: ``(number or None, damaged)``."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value, False
    try:
        return int(str(value).strip()), True
    except ValueError:
        return None, True


def read_definitions(value: object) -> tuple[tuple[str, ...], bool]:
    """The JSON list of senses: ``(senses, damaged)``; anything else is one sense holding the raw text."""
    text, damaged = read_text(value)
    try:
        senses = json.loads(text)
    except ValueError:
        return ((text,) if text else ()), True
    if isinstance(senses, list) and all(isinstance(s, str) for s in senses):
        return tuple(senses), damaged
    return (text,), True


class LenientRow:
    """One row's values read with the functions above; ``damaged`` is set once any needed a guess."""

    def __init__(self, row: sqlite3.Row) -> None:
        self._row = row
        self.damaged = False

    def text(self, name: str) -> str:
        value, bad = read_text(self._row[name])
        self.damaged |= bad
        return value

    def number(self, name: str) -> int | None:
        value, bad = read_int(self._row[name])
        self.damaged |= bad
        return value

    def definitions(self, name: str) -> tuple[str, ...]:
        value, bad = read_definitions(self._row[name])
        self.damaged |= bad
        return value
