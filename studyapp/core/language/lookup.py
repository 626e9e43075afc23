"""What a learner sees for a word: every entry, readings, classifiers, HSK,
resolved cross-references, and a breakdown for words the dictionary lacks.

Example::

    >>> result = look_up(Dictionary.open(), "亿美元")       # doctest: +SKIP
    >>> result.breakdown, [p.entries[0].pinyin_marks for p in result.pieces]  # doctest: +SKIP
    (['亿', '美元'], ['yì', 'Měi yuán'])
"""

from __future__ import annotations

from dataclasses import dataclass, field

from studyapp.core.language.cedict import Entry, Ref
from studyapp.core.language.dictionary import Dictionary
from studyapp.core.language.hsk import character_level, word_level
from studyapp.core.language.pinyin_spelling import marks_from_numbered, normalise_numbered
from studyapp.core.text.char_classes import count_han


@dataclass(frozen=True)
class Reference:
    """A cross-reference followed to its target's definitions."""

    kind: str
    simplified: str
    traditional: str
    pinyin: str
    definitions: tuple[str, ...]


@dataclass(frozen=True)
class EntryView:
    simplified: str
    traditional: str
    pinyin: str
    pinyin_marks: str
    definitions: tuple[str, ...]
    classifiers: tuple[str, ...]
    hsk: int | None
    references: tuple[Reference, ...] = ()
    proper_noun: bool = False

    def as_json(self) -> dict:
        return {
            "simplified": self.simplified,
            "traditional": self.traditional,
            "pinyin": self.pinyin,
            "pinyin_marks": self.pinyin_marks,
            "definitions": list(self.definitions),
            "classifiers": list(self.classifiers),
            "hsk": self.hsk,
            "references": [vars(r) | {"definitions": list(r.definitions)} for r in self.references],
        }


@dataclass(frozen=True)
class Piece:
    """One part of a breakdown with its entries."""

    text: str
    entries: tuple[EntryView, ...]


@dataclass(frozen=True)
class LookupResult:
    query: str
    entries: tuple[EntryView, ...]
    breakdown: tuple[str, ...] = ()
    pieces: tuple[Piece, ...] = field(default=())
    hsk: int | None = None

    @property
    def found(self) -> bool:
        return bool(self.entries)

    def as_json(self) -> dict:
        return {
            "query": self.query,
            "entries": [e.as_json() for e in self.entries],
            "breakdown": list(self.breakdown),
            "breakdown_entries": [{"text": p.text, "entries": [e.as_json() for e in p.entries]} for p in self.pieces],
            "hsk": self.hsk,
        }


def entry_view(dictionary: Dictionary, entry: Entry, follow: bool = True) -> EntryView:
    pinyin = " ".join(normalise_numbered(s) for s in entry.pinyin.split())
    references = tuple(_follow(dictionary, r) for r in entry.references) if follow else ()
    return EntryView(
        entry.simplified,
        entry.traditional,
        pinyin,
        marks_from_numbered(pinyin),
        entry.definitions,
        tuple(f"{c.simplified}[{normalise_numbered(c.pinyin)}]" for c in entry.classifiers),
        _level(entry.simplified),
        references,
        entry.is_proper_noun,
    )


def _follow(dictionary: Dictionary, ref: Ref) -> Reference:
    wanted = " ".join(ref.pinyin.lower().split())
    targets = [e for e in dictionary.lookup(ref.simplified) if e.traditional == ref.traditional or e.simplified == ref.simplified]
    matching = [e for e in targets if " ".join(e.pinyin.lower().split()) == wanted] or targets
    definitions = tuple(d for e in matching if not e.reference_only for d in e.definitions)
    return Reference(ref.kind, ref.simplified, ref.traditional, normalise_numbered(ref.pinyin), definitions)


def _level(word: str) -> int | None:
    return word_level(word) if len(word) > 1 else (word_level(word) or character_level(word))


def look_up(dictionary: Dictionary, word: str) -> LookupResult:
    """Everything the dictionary knows about ``word``, or its breakdown."""
    word = word.strip()
    entries = tuple(entry_view(dictionary, e) for e in dictionary.lookup(word)) if word else ()
    if entries or not word:
        return LookupResult(word, entries, hsk=_level(word) if word else None)
    if not count_han(word):  # Latin letters, digits, punctuation: nothing to break down
        return LookupResult(word, ())
    parts = dictionary.breakdown(word)
    pieces = tuple(Piece(p, tuple(entry_view(dictionary, e, follow=False) for e in dictionary.lookup(p))) for p in parts)
    return LookupResult(word, (), tuple(parts), pieces, _level(word))
