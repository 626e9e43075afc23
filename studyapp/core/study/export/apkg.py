"""Anki package (.apkg) export with genanki.

One note type with a fixed id and frozen fields (changing fields under the
same id makes Anki refuse to update existing notes), three card templates
(recognition, recall, sentence cloze) whose fronts only render when the
note's Card* flag field is set, so the learner picks card types without a
second note type. Note GUIDs come from the vocabulary entry's immutable uid,
so exporting again after edits updates the notes in Anki instead of adding
duplicates. Anki matches decks by name: keep the deck name stable.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import genanki

from studyapp.core.study.export import FIELDS, Card, write_atomically

#: Chosen once at random in [2**30, 2**31); never reuse for another note type.
MODEL_ID = 1842176519
MODEL_NAME = "studyapp Chinese (zh-en)"
GUID_NAMESPACE = "studyapp"

CSS = """
.card { font-family: "Noto Sans", Arial, sans-serif; font-size: 20px; text-align: center; color: #222; background: #fff; }
.hanzi { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 56px; }
.trad { font-family: "Noto Sans CJK TC", "PingFang TC", sans-serif; font-size: 28px; color: #666; }
.pinyin { font-size: 26px; margin: 6px 0; }
.meaning { font-size: 20px; margin: 8px auto; max-width: 36em; }
.sentence { font-family: "Noto Sans CJK SC", "PingFang SC", sans-serif; font-size: 26px; margin-top: 16px; }
.sentence .hl { color: #c0392b; }
.blank { color: #c0392b; }
.spinyin { font-size: 16px; color: #444; }
.translation { font-size: 17px; color: #555; font-style: italic; margin-top: 6px; }
.meta, .notes { font-size: 14px; color: #777; margin-top: 10px; }
.tone1 { color: #d7191c; } .tone2 { color: #1a9641; } .tone3 { color: #2b50d6; } .tone4 { color: #8e2ab8; } .tone5 { color: #6b6b6b; }
.nightMode .card, .night_mode .card { color: #eee; background: #222; }
.nightMode .tone1, .night_mode .tone1 { color: #ff6b6b; } .nightMode .tone2, .night_mode .tone2 { color: #5fd37a; }
.nightMode .tone3, .night_mode .tone3 { color: #7fa2ff; } .nightMode .tone4, .night_mode .tone4 { color: #d08bff; }
.nightMode .tone5, .night_mode .tone5 { color: #a8a8a8; }
"""

_DETAILS = (
    '<div class="pinyin">{{Pinyin}}</div><div class="meaning">{{Meaning}}</div>'
    '{{#Sentence}}<div class="sentence">{{Sentence}}</div><div class="spinyin">{{SentencePinyin}}</div>'
    '<div class="translation">{{Translation}}</div>{{/Sentence}}'
    '<div class="meta">{{HSK}} {{Source}}</div>{{#Notes}}<div class="notes">{{Notes}}</div>{{/Notes}}'
)
_HANZI = '<div class="hanzi">{{Hanzi}}</div>{{#Traditional}}<div class="trad">{{Traditional}}</div>{{/Traditional}}'

TEMPLATES = [
    {
        "name": "Recognition",
        "qfmt": "{{#CardRecognition}}" + _HANZI + "{{/CardRecognition}}",
        "afmt": _HANZI + '<hr id="answer">' + _DETAILS,
    },
    {
        "name": "Recall",
        "qfmt": '{{#CardRecall}}<div class="meaning">{{Meaning}}</div>{{/CardRecall}}',
        "afmt": '<div class="meaning">{{Meaning}}</div><hr id="answer">' + _HANZI + _DETAILS,
    },
    {
        "name": "Sentence",
        "qfmt": '{{#CardCloze}}<div class="sentence">{{SentenceCloze}}</div><div class="translation">{{Translation}}</div>{{/CardCloze}}',
        "afmt": '<div class="sentence">{{Sentence}}</div><hr id="answer">' + _HANZI + _DETAILS,
    },
]


def model() -> genanki.Model:
    return genanki.Model(MODEL_ID, MODEL_NAME, fields=[{"name": f} for f in FIELDS], templates=TEMPLATES, css=CSS)


def deck_id(name: str) -> int:
    """A stable id per deck name (Anki matches decks by name; genanki needs an id)."""
    return (1 << 30) + int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:8], 16) % (1 << 30)


def note_guid(uid: str) -> str:
    return str(genanki.guid_for(GUID_NAMESPACE, uid))


def write_apkg(cards: Sequence[Card], path: Path, deck: str, timestamp: float | None = None) -> Path:
    """Write the cards as an Anki package; ``timestamp`` stamps the notes (default: now)."""
    the_model = model()
    the_deck = genanki.Deck(deck_id(deck), deck)
    for card in cards:
        the_deck.add_note(genanki.Note(model=the_model, fields=[card.fields[f] for f in FIELDS], tags=list(card.tags), guid=note_guid(card.record.uid)))
    package = genanki.Package(the_deck)
    return write_atomically(path, lambda tmp: package.write_to_file(str(tmp), timestamp=timestamp))
