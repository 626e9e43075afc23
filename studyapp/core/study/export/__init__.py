"""Flashcard export: which words, what goes on a card, and writing files safely.

``collect_cards`` turns vocabulary records into Card rows (the fields of the
one studyapp note type); the format modules write them: ``apkg`` (Anki
package, genanki), ``anki_text`` (Anki's text import with header
directives), ``pleco`` and ``csvfile``. Files are written to a temporary
file beside the target and moved into place.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from studyapp.core import atomic_file
from studyapp.core.errors import StudyappError
from studyapp.core.language.definition_text import readable_definition
from studyapp.core.language.hsk import level_label
from studyapp.core.language.pinyin_spelling import marks_from_numbered, tone_of
from studyapp.core.study.vocabulary import WordRecord

CARD_KINDS = ("recognition", "recall", "cloze")
DEFAULT_DECK = "studyapp::Vocabulary"
FIELDS = (
    "Hanzi", "Traditional", "Pinyin", "Meaning", "HSK", "Sentence", "SentenceCloze", "SentencePinyin", "Translation", "Source", "Notes",
    "CardRecognition", "CardRecall", "CardCloze",
)


class ExportError(StudyappError):
    """An export could not be written (bad path, no words, bad options)."""


@dataclass(frozen=True)
class Card:
    """One note: the record it came from and its field values (HTML for Anki)."""

    record: WordRecord
    fields: dict[str, str]
    tags: tuple[str, ...] = field(default=())


def pinyin_html(numbered: str) -> str:
    """Tone-marked syllables in ``<span class="toneN">`` (coloured by the note type's CSS)."""
    return " ".join(f'<span class="tone{tone_of(s)}">{html.escape(marks_from_numbered(s))}</span>' for s in numbered.split())


def highlighted_sentence(sentence: str, word: str, alternative: str = "") -> str:
    """The sentence, escaped, with the word in ``<b class="hl">``."""
    for form in (word, alternative):
        if form and form in sentence:
            before, _, after = sentence.partition(form)
            return f'{html.escape(before)}<b class="hl">{html.escape(form)}</b>{html.escape(after)}'
    return html.escape(sentence)


def cloze_sentence(sentence: str, word: str, alternative: str = "") -> str:
    """The sentence, escaped, with the word blanked out."""
    for form in (word, alternative):
        if form and form in sentence:
            blank = '<span class="blank">' + "＿" * len(form) + "</span>"
            return blank.join(html.escape(part) for part in sentence.split(form))
    return html.escape(sentence)


#: Control characters (but tab and newline): U+001F is Anki's field separator,
#: and none of them belongs in a flashcard.
_CONTROLS_RE = re.compile(r" *[\x00-\x08\x0b-\x1f\x7f-\x9f][\x00-\x08\x0b-\x1f\x7f-\x9f ]*")


def clean_text(text: str) -> str:
    """``text`` with each run of control characters made one space: ``"to\\x1fstudy"`` -> ``"to study"``."""
    if not _CONTROLS_RE.search(text):
        return text
    return _CONTROLS_RE.sub(" ", text).strip(" ")


def clean_record(record: WordRecord) -> WordRecord:
    """The record with control characters out of every text it holds, and its
    definitions' CC-CEDICT references written out (``個|个[ge4]`` -> ``个 (gè)``):
    what every export writes."""
    contexts = tuple(
        replace(c, sentence=clean_text(c.sentence), translation=clean_text(c.translation), document_title=clean_text(c.document_title),
                document_path=clean_text(c.document_path), sentence_pinyin=clean_text(c.sentence_pinyin))
        for c in record.contexts
    )
    return replace(
        record, simplified=clean_text(record.simplified), traditional=clean_text(record.traditional), pinyin=clean_text(record.pinyin),
        definitions=tuple(readable_definition(clean_text(d)) for d in record.definitions), note=clean_text(record.note),
        tags=tuple(t for t in (clean_text(t) for t in record.tags) if t), contexts=contexts,
    )


def deck_name(text: str) -> str:
    """A deck (Anki, ``A::B`` nests) or category (Pleco) name: one line, no control characters, no empty part."""
    if any(ch < " " or "\x7f" <= ch <= "\x9f" for ch in text):
        raise ExportError("A deck name is one line without tabs or control characters")
    deck = "::".join(part.strip() for part in text.split("::"))
    if not deck or any(not part for part in deck.split("::")):
        raise ExportError(f"{text!r} is not a deck name (use names like 'Chinese' or 'Chinese::Reading')")
    return deck


def _has_word(sentence: str, record: WordRecord) -> bool:
    """A cloze card needs the word in its sentence to blank out."""
    return bool(sentence) and (record.simplified in sentence or record.traditional in sentence)


def collect_cards(records: Iterable[WordRecord], kinds: Sequence[str] = CARD_KINDS) -> list[Card]:
    """Cards for the records; ``kinds`` chooses which card templates get a card."""
    unknown = set(kinds) - set(CARD_KINDS)
    if unknown or not kinds:
        raise ExportError(f"card types must be among {', '.join(CARD_KINDS)} (got {', '.join(sorted(unknown)) or 'none'})")
    cards = []
    for record in records:
        context = next((c for c in reversed(record.contexts) if c.sentence), None)
        sentence = context.sentence if context else ""
        source = ""
        if context is not None:
            if context.document_title or context.document_path:
                source = context.document_title or Path(context.document_path).stem
            if source and context.time_code:
                source += f" {context.time_code}"
        values = {
            "Hanzi": html.escape(record.simplified),
            "Traditional": html.escape(record.traditional if record.traditional != record.simplified else ""),
            "Pinyin": pinyin_html(record.pinyin),
            "Meaning": "<br>".join(html.escape(d) for d in record.definitions),
            "HSK": html.escape(level_label(record.hsk)),
            "Sentence": highlighted_sentence(sentence, record.simplified, record.traditional),
            "SentenceCloze": cloze_sentence(sentence, record.simplified, record.traditional),
            "SentencePinyin": pinyin_html(context.sentence_pinyin) if context and context.sentence_pinyin else "",
            "Translation": html.escape(context.translation if context else ""),
            "Source": html.escape(source),
            "Notes": html.escape(record.note).replace("\n", "<br>"),
            "CardRecognition": "y" if "recognition" in kinds else "",
            "CardRecall": "y" if "recall" in kinds else "",
            "CardCloze": "y" if "cloze" in kinds and _has_word(sentence, record) else "",
        }
        tags = tuple(t.replace(" ", "_") for t in record.tags) + (f"status::{record.status}",)
        cards.append(Card(record, values, tags))
    return cards


def write_atomically(path: Path, write: Callable[[Path], object]) -> Path:
    """Write ``path`` through ``write(tmp)`` and move it into place (see studyapp.core.atomic_file)."""
    return atomic_file.write_atomically(path, write, ExportError)
