"""The document model: an ordered list of blocks, each a heading, a paragraph
pair or an untranslated code block, with an English and a Chinese side.

Each side keeps its plain text (markdown rendered away) and the span of the
source text it came from. Sentences and tokens index into a side's ``text``.
Example::

    >>> doc = Document(title="t", blocks=(
    ...     Block("heading", None, Side("标题", "zh", 0, 5), level=1),
    ...     Block("paragraph", Side("Hello.", "en", 7, 13), Side("你好。", "zh", 15, 18)),
    ... ))
    >>> doc.pairs()
    [(None, '标题'), ('Hello.', '你好。')]
"""

from __future__ import annotations

from dataclasses import dataclass, field

BLOCK_KINDS = ("heading", "paragraph", "list", "code")
TOKEN_KINDS = ("word", "name", "number", "latin", "punct", "space")


@dataclass(frozen=True, slots=True)
class Token:
    """A piece of a side's text: ``text == side.text[start:start + len(text)]``.

    ``kind`` is one of TOKEN_KINDS; only "word" and "name" are Chinese words
    a learner can look up.
    """

    text: str
    start: int
    kind: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def is_chinese(self) -> bool:
        return self.kind in ("word", "name")


@dataclass(frozen=True, slots=True)
class Side:
    """One language's text of a block.

    ``start``/``end`` are offsets into the decoded source text (newlines
    normalised to ``\\n``) of the first and last character the side came from.
    """

    text: str
    lang: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """When a subtitle cue is on screen, in milliseconds from the start.

    >>> span = TimeSpan(83_450, 85_000)
    >>> str(span), span.interval
    ('00:01:23.450', '00:01:23.450 --> 00:01:25.000')
    """

    start_ms: int
    end_ms: int

    def __str__(self) -> str:
        return format_time(self.start_ms)

    @property
    def interval(self) -> str:
        return f"{format_time(self.start_ms)} --> {format_time(self.end_ms)}"


def format_time(ms: int) -> str:
    """``HH:MM:SS.mmm`` for a time in milliseconds."""
    seconds, millis = divmod(max(ms, 0), 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, a paragraph pair, a list pair, or an untranslated code block.

    Either side may be missing (an untranslated paragraph, a Chinese-only
    title). ``level`` is the markdown heading level (0 for an unmarked heading).
    ``time`` is the subtitle cue's time span, for documents made of subtitles.
    """

    kind: str
    english: Side | None
    chinese: Side | None
    level: int = 0
    time: TimeSpan | None = None

    def __post_init__(self) -> None:
        if self.kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {self.kind!r}")
        if self.english is None and self.chinese is None:
            raise ValueError("a block needs at least one side")

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"

    @property
    def main_side(self) -> Side:
        """The Chinese side, or the English one when there is none."""
        side = self.chinese or self.english
        if side is None:  # __post_init__ refuses such a block
            raise ValueError("a block needs at least one side")
        return side


@dataclass(frozen=True, slots=True)
class Chapter:
    """An entry of a book's own table of contents: its title and first block."""

    title: str
    block: int
    level: int = 1


@dataclass(frozen=True, slots=True, weakref_slot=True)  # weakly referenced by caches keyed on the open document
class Document:
    """A bilingual document: a title and its blocks in reading order.

    ``chapters`` is the table of contents the file itself declares (an EPUB's
    navigation document), empty for formats without one.
    """

    title: str
    blocks: tuple[Block, ...]
    path: str | None = None
    source_hash: str = ""
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = field(default=())
    #: False for a preview of the beginning of a big file (the rest is coming).
    complete: bool = True
    chapters: tuple[Chapter, ...] = field(default=())

    def pairs(self) -> list[tuple[str | None, str | None]]:
        """``(english, chinese)`` for every block in order, ``None`` for a missing side."""
        return [
            (b.english.text if b.english else None, b.chinese.text if b.chinese else None)
            for b in self.blocks
        ]

    @property
    def chinese_length(self) -> int:
        """Total characters on the Chinese side."""
        return sum(len(b.chinese.text) for b in self.blocks if b.chinese)
