"""One export: choose the words, build the cards, write the format, remember it.

Example::

    >>> export_words(store, ExportRequest("apkg", Path("words.apkg"), deck="Chinese::Reading", words=WordFilter(status="learning")))  # doctest: +SKIP
    ExportResult(path=PosixPath('words.apkg'), words=120, cards=360)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from studyapp.core.study.export import CARD_KINDS, DEFAULT_DECK, ExportError, clean_record, collect_cards, deck_name
from studyapp.core.study.export.formats import export_format
from studyapp.core.study.vocabulary import STATUSES, VocabularyStore, WordRecord
from studyapp.core.study.word_filter import WordFilter

#: The fields saying which cards a note makes.
CARD_FLAGS = ("CardRecognition", "CardRecall", "CardCloze")


@dataclass(frozen=True)
class ExportRequest:
    format: str  # a key of studyapp.core.study.export.formats.FORMATS
    output: Path
    deck: str = DEFAULT_DECK
    cards: tuple[str, ...] = CARD_KINDS
    words: WordFilter = field(default_factory=WordFilter)
    timestamp: float | None = None  # note modification time for .apkg (default: now)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    words: int
    cards: int = field(default=0)  # Anki's cards; 0 for a format without cards (Pleco, CSV)

    def summary(self) -> str:
        """``4 words (11 cards)``, or ``4 words`` for a format without cards."""
        words = f"{self.words} word" + ("" if self.words == 1 else "s")
        return f"{words} ({self.cards} card{'' if self.cards == 1 else 's'})" if self.cards else words


def select_words(store: VocabularyStore, request: ExportRequest) -> list[WordRecord]:
    if request.words.status is not None and request.words.status not in STATUSES:
        raise ExportError(f"status must be one of {', '.join(STATUSES)}")
    return store.words(request.words)


def export_words(store: VocabularyStore, request: ExportRequest) -> ExportResult:
    """Write the chosen words in the chosen format; raises ExportError with a one-line reason."""
    chosen = export_format(request.format)
    deck = deck_name(request.deck)
    records = [clean_record(r) for r in select_words(store, request)]
    if not records:
        raise ExportError("No saved words match; nothing was exported")
    cards = collect_cards(records, request.cards)
    if chosen.anki:  # a note that makes no card (no sentence for a cloze) is left out
        cards = [c for c in cards if any(c.fields[k] for k in CARD_FLAGS)]
        records = [c.record for c in cards]
        if not cards:
            raise ExportError("None of these words makes a card of the chosen types (sentence cards need a saved sentence)")
    chosen.write(cards, Path(request.output), deck, request.timestamp)
    store.mark_exported([r.id for r in records])
    made = sum(1 for kind in CARD_FLAGS for c in cards if c.fields[kind]) if chosen.anki else 0
    return ExportResult(Path(request.output), len(records), made)


def export_words_apart(store: VocabularyStore, request: ExportRequest) -> ExportResult:
    """``export_words`` through a connection of its own, for a worker thread (closed when done)."""
    own = store.for_another_thread()
    try:
        return export_words(own, request)
    finally:
        own.close()
