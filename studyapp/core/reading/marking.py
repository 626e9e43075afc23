"""What a familiarity key saves: the selected word, or every word on the page
not saved yet, each as the entry and sentence that ``S`` would save.

Words are the segmenter's dictionary words (not names, numbers or Latin);
a word met twice on the page is taken once, where it is first met. Example,
with 银行 saved and the page reading 我去银行取钱::

    >>> [data.simplified for data, _ in unsaved_on_page(session, language, [0])]   # doctest: +SKIP
    ['我', '去', '取', '钱']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from studyapp.core.reading.annotation import WordRef
from studyapp.core.reading.saving import word_context, word_data
from studyapp.core.reading.session import ReadingSession
from studyapp.core.study.vocabulary import Context, WordData

if TYPE_CHECKING:
    from studyapp.core.language.engine import Language

Item = tuple[WordData, Context]


def item_at(session: ReadingSession, language: Language, ref: WordRef) -> Item | None:
    """The word at ``ref`` as it would be saved (None for punctuation, numbers, Latin)."""
    token, annotation = session.token(ref), session.annotation(ref.block)
    if token is None or annotation is None or session.document is None or token.kind not in ("word", "name"):
        return None
    data = word_data(language.lookup(token.text), annotation.readings[ref.token], language.converter)
    return data, word_context(session.document, ref.block, token.start, annotation)


def selected_item(session: ReadingSession, language: Language) -> Item | None:
    return item_at(session, language, session.selection) if session.selection is not None else None


def unsaved_on_page(session: ReadingSession, language: Language, blocks: Iterable[int]) -> list[Item]:
    """The words of these blocks that are neither saved nor known, each once."""
    marked = session.saved | session.known
    seen: set[str] = set()
    items = []
    for block in blocks:
        annotation = session.annotation(block)
        for k, token in enumerate(annotation.tokens if annotation else ()):
            if token.kind != "word" or token.text in marked or token.text in seen:
                continue
            seen.add(token.text)
            item = item_at(session, language, WordRef(block, k))
            if item is not None:
                items.append(item)
    return items
