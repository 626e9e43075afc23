"""From a word in the reader to what the learner saves: its entry, its sentence,
and the English of that sentence's pair."""

from __future__ import annotations

from studyapp.core.text.document import Document
from typing import TYPE_CHECKING
from studyapp.core.text.sentences import sentence_span
from studyapp.core.study.vocabulary import Context, WordData

if TYPE_CHECKING:
    from studyapp.core.language.lookup import LookupResult


def word_data(result: LookupResult, reading: list[str] | None, converter=None) -> WordData:
    """The entry matching the reading in context (else the first) as WordData."""
    wanted = " ".join(reading or []).lower()
    entries = list(result.entries)
    chosen = next((e for e in entries if e.pinyin.lower() == wanted), entries[0] if entries else None)
    if chosen is not None:
        return WordData(chosen.simplified, chosen.traditional, chosen.pinyin, chosen.definitions, chosen.hsk)
    definitions = [f"{p.text}: {p.entries[0].definitions[0]}" for p in result.pieces if p.entries and p.entries[0].definitions]
    traditional = converter.word_to_traditional(result.query) if converter else result.query
    return WordData(result.query, traditional, " ".join(reading or []), definitions, result.hsk)


def word_context(document: Document, block_index: int, start: int, annotation=None) -> Context:
    """The Chinese sentence around ``start`` in a block, its reading, and the block's English."""
    block = document.blocks[block_index]
    text = block.chinese.text if block.chinese else ""
    a, b = sentence_span(text, start, "zh")
    reading = ""
    if annotation is not None:
        reading = " ".join(s for t, r in zip(annotation.tokens, annotation.readings) if r and a <= t.start < b for s in r)
    return Context(
        sentence_pinyin=reading,
        sentence=text[a:b],
        translation=block.english.text if block.english else "",
        document_title=document.title,
        document_path=document.path or "",
        position=block_index,
        time_code=str(block.time) if block.time else "",
    )
