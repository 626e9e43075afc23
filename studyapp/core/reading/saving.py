"""From a word in the reader to what the learner saves: its entry, its sentence,
and the English sentence aligned with it (the pair's English paragraph kept
beside it as wider context).

The entry saved is the one whose reading is the word's reading in this
sentence (长 in 长大 saves zhang3, not chang2); a word the dictionary lacks
saves the definitions of its parts. Example::

    >>> word_data(language.lookup("银行"), ["yin2", "hang2"]).pinyin     # doctest: +SKIP
    'yin2 hang2'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from studyapp.core.reading.annotation import Annotation, Reading
from studyapp.core.study.vocabulary import Context, WordData
from studyapp.core.text.document import Document
from studyapp.core.text.sentences import sentence_span

if TYPE_CHECKING:
    from studyapp.core.language.lookup import LookupResult
    from studyapp.core.language.script_conversion import ScriptConverter

Span = tuple[int, int]


def word_data(result: LookupResult, reading: Reading, converter: ScriptConverter | None = None) -> WordData:
    """The entry matching the reading in context (else the first) as WordData."""
    wanted = " ".join(reading or []).lower()
    entries = list(result.entries)
    chosen = next((e for e in entries if e.pinyin.lower() == wanted), entries[0] if entries else None)
    if chosen is not None:
        return WordData(chosen.simplified, chosen.traditional, chosen.pinyin, chosen.definitions, chosen.hsk)
    definitions = [f"{p.text}: {p.entries[0].definitions[0]}" for p in result.pieces if p.entries and p.entries[0].definitions]
    traditional = converter.word_to_traditional(result.query) if converter else result.query
    return WordData(result.query, traditional, " ".join(reading or []), definitions, result.hsk)


def word_context(
    document: Document, block_index: int, start: int, annotation: Annotation | None = None,
    sentences: Sequence[tuple[Span | None, Span | None]] | None = None,
) -> Context:
    """The Chinese sentence around ``start`` in a block, its reading, and its English:
    the English sentence(s) aligned with it (``sentences``: the pair's
    ``(english span, chinese span)`` beads), with the whole English paragraph as
    wider context. Without an alignment the paragraph is the translation."""
    block = document.blocks[block_index]
    text = block.chinese.text if block.chinese else ""
    a, b = sentence_span(text, start, "zh")
    reading = ""
    if annotation is not None:
        reading = " ".join(s for t, r in zip(annotation.tokens, annotation.readings) if r and a <= t.start < b for s in r)
    paragraph = block.english.text if block.english else ""
    return Context(
        sentence_pinyin=reading,
        sentence=text[a:b],
        translation=sentence_translation(paragraph, start, sentences),
        document_title=document.title,
        document_path=document.path or "",
        position=block_index,
        time_code=str(block.time) if block.time else "",
        paragraph=paragraph,
    )


def sentence_translation(english: str, start: int, sentences: Sequence[tuple[Span | None, Span | None]] | None) -> str:
    """The English aligned with the Chinese sentence bead containing offset ``start``:
    "" when that bead has no English, the whole paragraph when nothing was aligned."""
    for en_span, zh_span in sentences or ():
        if zh_span and zh_span[0] <= start < zh_span[1]:
            return english[en_span[0] : en_span[1]] if en_span else ""
    return english
