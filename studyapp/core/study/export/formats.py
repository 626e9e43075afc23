"""The export formats, in one registry: what the export dialog lists, what ``studyapp export --format``
accepts and what the export job writes.

Each format names itself (``apkg``), says how the learner sees it, which
file suffix it takes, whether it is for Anki (notes that make no card are
left out; the dialog previews the card) and how to write cards. Writers are
imported when used (genanki is only needed for .apkg). Example::

    >>> [f.key for f in FORMATS.values()]
    ['apkg', 'anki-txt', 'pleco', 'csv']
    >>> export_format("csv").suffix
    '.csv'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from studyapp.core.study.export import Card, ExportError

Writer = Callable[[Sequence[Card], Path, str, "float | None"], Path]  # cards, file, deck, note time


@dataclass(frozen=True)
class ExportFormat:
    key: str
    name: str
    suffix: str
    anki: bool
    write: Writer


def _apkg(cards: Sequence[Card], path: Path, deck: str, timestamp: float | None) -> Path:
    from studyapp.core.study.export.apkg import write_apkg

    return write_apkg(cards, path, deck, timestamp)


def _anki_text(cards: Sequence[Card], path: Path, deck: str, timestamp: float | None) -> Path:
    from studyapp.core.study.export.anki_text import write_anki_text

    return write_anki_text(cards, path, deck)


def _pleco(cards: Sequence[Card], path: Path, deck: str, timestamp: float | None) -> Path:
    from studyapp.core.study.export.pleco import write_pleco

    return write_pleco(cards, path, deck)


def _csv(cards: Sequence[Card], path: Path, deck: str, timestamp: float | None) -> Path:
    from studyapp.core.study.export.csvfile import write_csv

    return write_csv(cards, path)


FORMATS: dict[str, ExportFormat] = {
    f.key: f
    for f in (
        ExportFormat("apkg", "Anki package (.apkg)", ".apkg", True, _apkg),
        ExportFormat("anki-txt", "Anki text file (.txt)", ".txt", True, _anki_text),
        ExportFormat("pleco", "Pleco flashcards (.txt)", ".txt", False, _pleco),
        ExportFormat("csv", "CSV spreadsheet (.csv)", ".csv", False, _csv),
    )
}


def export_format(key: str) -> ExportFormat:
    """The format called ``key``, or ExportError naming the ones there are."""
    if key not in FORMATS:
        raise ExportError(f"format must be one of {', '.join(FORMATS)}")
    return FORMATS[key]
