"""The records a ReadingSession hands out: what changed, the English of a word,
coverage figures, and a pair's words to link in the background (find results
are in find.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from studyapp.core.reading.annotation import Reading, WordRef
from studyapp.core.text.document import Document, Token

if TYPE_CHECKING:
    from studyapp.core.links.word_links import PairLinks, WordLinker


@dataclass(frozen=True)
class Changes:
    """What a change to the session touched, so that views redraw only that."""

    document: bool = False  # a new document: everything
    blocks: frozenset[int] = frozenset()  # words, readings or displayed forms of these blocks
    selection: tuple[WordRef | None, WordRef | None] | None = None  # (before, after)
    link_blocks: frozenset[int] = frozenset()  # blocks whose highlighted English changed
    marks: bool = False  # saved or known words


@dataclass(frozen=True)
class EnglishOfWord:
    """The English that translates a word: the linked words (maybe none) and the English sentence."""

    block: int
    spans: tuple[tuple[int, int], ...]
    sentence: tuple[int, int] | None
    words: tuple[str, ...]
    linked: bool


@dataclass(frozen=True)
class Coverage:
    """Known share of the words read so far, and new words on the page."""

    words: int
    known: int
    new_on_page: int


@dataclass(frozen=True)
class LinkJob:
    """The words of a pair as they are now, to be linked away from the GUI thread (``run``)
    and handed back to ``ReadingSession.accept_links``."""

    document: Document
    index: int
    tokens: list[Token]
    readings: list[Reading]

    def run(self, linker: WordLinker) -> PairLinks:
        return linker.link_pair(self.document.blocks[self.index], self.tokens, self.readings)
