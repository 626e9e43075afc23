"""Finding one's way around a document: its contents, how far one has read,
and how a paragraph is named in a list of bookmarks.

The contents are the book's own table of contents when it has one (an
EPUB's navigation), else its headings, else (subtitles) a mark every
:data:`TIME_STEP_MS` of film. Heading levels are ranked so a document whose
headings are ``##`` and ``###`` lists them at depths 1 and 2; an unmarked
heading ranks below the marked ones. Example::

    >>> from studyapp.core.text.document import Side
    >>> doc = Document("t", (Block("heading", Side("Tea", "en", 0, 3), Side("茶", "zh", 5, 6), level=2),
    ...                      Block("paragraph", Side("Tea came.", "en", 8, 17), Side("茶来了。", "zh", 19, 23))))
    >>> [(e.title, e.block, e.depth) for e in contents_of(doc)]
    [('茶 Tea', 0, 1)]
    >>> round(reading_progress(doc, 1), 2), round(reading_progress(doc, 0), 2)
    (1.0, 0.14)
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from studyapp.core.text.document import Block, Document, format_time

#: Subtitles without headings get a contents entry every five minutes.
TIME_STEP_MS = 5 * 60 * 1000
LABEL_CHARS = 40

@dataclass(frozen=True, slots=True)
class ContentsEntry:
    """A line of the contents panel: its title, the block it opens at, its depth (1 = top)."""

    title: str
    block: int
    depth: int = 1


def contents_of(document: Document) -> list[ContentsEntry]:
    """The document's table of contents."""
    if document.chapters:
        return [ContentsEntry(c.title, c.block, max(c.level, 1)) for c in document.chapters]
    headings = [(k, b) for k, b in enumerate(document.blocks) if b.is_heading]
    if headings:
        ranks = sorted({b.level for _, b in headings if b.level})
        rank = {level: n + 1 for n, level in enumerate(ranks)}
        unmarked = len(ranks) + 1
        return [ContentsEntry(_both(block), k, rank.get(block.level, unmarked)) for k, block in headings]
    return _time_marks(document)


def _both(block: Block) -> str:
    """A heading's Chinese and English, Chinese first."""
    return " ".join(side.text.replace("\n", " ") for side in (block.chinese, block.english) if side)


def _time_marks(document: Document) -> list[ContentsEntry]:
    entries: list[ContentsEntry] = []
    next_mark = 0
    for k, block in enumerate(document.blocks):
        if block.time is not None and block.time.start_ms >= next_mark:
            entries.append(ContentsEntry(f"{format_time(block.time.start_ms)[:8]}  {block_label(block, with_time=False)}", k))
            next_mark = (block.time.start_ms // TIME_STEP_MS + 1) * TIME_STEP_MS
    return entries


def entry_at(entries: list[ContentsEntry], block: int) -> int | None:
    """Index of the entry whose part of the document holds ``block`` (the last one starting at or before it)."""
    k = bisect_right([e.block for e in entries], block) - 1
    return k if k >= 0 else None


def reading_progress(document: Document, last_visible: int) -> float:
    """Share of the document's text up to and including block ``last_visible``, 0..1.

    Asked on every scroll: the running totals of the last document asked about are kept.
    """
    totals = _running_sizes(document)
    if totals[-1] == 0 or last_visible < 0:
        return 0.0
    return totals[min(last_visible + 1, len(totals) - 1)] / totals[-1]


_running: list[tuple[weakref.ref[Document], list[int]]] = []  # the last document asked about (not kept alive by this)


def _running_sizes(document: Document) -> list[int]:
    """``[0, size of block 0, size of blocks 0-1, ...]`` for ``document``."""
    if not _running or _running[0][0]() is not document:
        _running[:] = [(weakref.ref(document), list(accumulate((_size(b) for b in document.blocks), initial=0)))]
    return _running[0][1]


def _size(block: Block) -> int:
    return (len(block.chinese.text) if block.chinese else 0) + (len(block.english.text) // 4 if block.english else 0)


def block_label(block: Block, with_time: bool = True) -> str:
    """A paragraph named by its first words (Chinese if it has any), after its time for subtitles."""
    side = block.chinese or block.english
    text = " ".join(side.text.split()) if side else ""
    if len(text) > LABEL_CHARS:
        text = text[: LABEL_CHARS - 1] + "…"
    return f"{block.time} {text}" if with_time and block.time else text
