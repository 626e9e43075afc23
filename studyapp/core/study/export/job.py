"""One export: choose the words, build the cards, write the format, remember it.

Example::

    >>> export_words(store, ExportRequest("apkg", Path("words.apkg"), deck="Chinese::Reading"))  # doctest: +SKIP
    ExportResult(path=PosixPath('words.apkg'), words=120, cards=360)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from studyapp.core.study.export import CARD_KINDS, DEFAULT_DECK, ExportError, clean_record, collect_cards, deck_name
from studyapp.core.study.vocabulary import STATUSES, VocabularyStore, WordRecord

FORMATS = ("apkg", "anki-txt", "pleco", "csv")
SUFFIXES = {"apkg": ".apkg", "anki-txt": ".txt", "pleco": ".txt", "csv": ".csv"}


@dataclass(frozen=True)
class ExportRequest:
    format: str
    output: Path
    deck: str = DEFAULT_DECK
    cards: tuple[str, ...] = CARD_KINDS
    status: str | None = None
    tag: str | None = None
    hsk: int | None = None
    document: str | None = None
    since: int | None = None  # created at or after (UTC epoch seconds)
    until: int | None = None
    only_not_exported: bool = False  # only words new or changed since their last export
    word_ids: tuple[int, ...] | None = None  # e.g. the rows selected in the table
    timestamp: float | None = None  # note modification time for .apkg (default: now)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    words: int
    cards: int = field(default=0)


def select_words(store: VocabularyStore, request: ExportRequest) -> list[WordRecord]:
    if request.status is not None and request.status not in STATUSES:
        raise ExportError(f"status must be one of {', '.join(STATUSES)}")
    records = store.words(status=request.status, tag=request.tag, hsk=request.hsk, document=request.document,
                          since=request.since, until=request.until, not_exported_since=request.only_not_exported)
    if request.word_ids is not None:
        wanted = set(request.word_ids)
        records = [r for r in records if r.id in wanted]
    return records


def export_words(store: VocabularyStore, request: ExportRequest) -> ExportResult:
    """Write the chosen words in the chosen format; raises ExportError with a one-line reason."""
    if request.format not in FORMATS:
        raise ExportError(f"format must be one of {', '.join(FORMATS)}")
    deck = deck_name(request.deck)
    records = [clean_record(r) for r in select_words(store, request)]
    if not records:
        raise ExportError("No saved words match; nothing was exported")
    cards = collect_cards(records, request.cards)
    if request.format in ("apkg", "anki-txt"):  # a note that makes no card (no sentence for a cloze) is left out
        cards = [c for c in cards if any(c.fields[k] for k in ("CardRecognition", "CardRecall", "CardCloze"))]
        records = [c.record for c in cards]
        if not cards:
            raise ExportError("None of these words makes a card of the chosen types (sentence cards need a saved sentence)")
    path = Path(request.output)
    if request.format == "apkg":
        from studyapp.core.study.export.apkg import write_apkg

        write_apkg(cards, path, deck, request.timestamp)
    elif request.format == "anki-txt":
        from studyapp.core.study.export.anki_text import write_anki_text

        write_anki_text(cards, path, deck)
    elif request.format == "pleco":
        from studyapp.core.study.export.pleco import write_pleco

        write_pleco(cards, path, deck)
    else:
        from studyapp.core.study.export.csvfile import write_csv

        write_csv(cards, path)
    store.mark_exported([r.id for r in records])
    per_note = sum(1 for kind in ("CardRecognition", "CardRecall", "CardCloze") for c in cards if c.fields[kind])
    return ExportResult(path, len(records), per_note)
