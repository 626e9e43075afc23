"""What a review card shows, from a saved word and the sentence it came from.

The same three card types as the flashcard export:

- recognition: the word -> its pinyin, meaning and sentence;
- recall: the meaning -> the word;
- cloze: the sentence with the word blanked, with its aligned English
  sentence as the hint -> the word, its pinyin and meaning.

Every answer shows the sentence with its pinyin (one syllable over each
character) and the word marked in it. The sentence is the latest saved one
that contains the word (as the export chooses). The hint is the English
saved with that sentence: its aligned English sentence where the context
keeps one, else its pair's English (``english_of``).
Example::

    >>> parts = cloze_parts("我去银行取钱。", ("银行", "銀行"))
    >>> parts
    ('我去', '银行', '取钱。')
    >>> [(c, s) for c, s in ruby("我去银行。", "wo3 qu4 yin2 hang2")][:3]
    [('我', 'wo3'), ('去', 'qu4'), ('银', 'yin2')]
"""

from __future__ import annotations

from dataclasses import dataclass

from studyapp.core.study.vocabulary import Context, WordRecord
from studyapp.core.text.char_classes import count_han, is_han

BLANK = "＿"


@dataclass(frozen=True)
class CardFace:
    """Everything one card shows; the window decides how it looks."""

    type: str
    word: str
    traditional: str  # empty when the same as ``word``
    pinyin: str  # numbered syllables of the saved reading
    meaning: tuple[str, ...]
    note: str
    sentence: str
    sentence_pinyin: str  # numbered syllables of the sentence, one per character (may be empty)
    word_span: tuple[int, int] | None  # where the word is in the sentence
    english: str  # the hint: the aligned English sentence, else the stored English
    source: str  # the document's title

    @property
    def senses(self) -> tuple[str, ...]:
        """The meanings without measure-word lines (``CL:家[jia1]``), for a recall card's front."""
        return tuple(m for m in self.meaning if not m.startswith("CL:")) or self.meaning

    @property
    def cloze(self) -> str:
        """The sentence with the word blanked out (empty when the word is not in it)."""
        if self.word_span is None:
            return ""
        a, b = self.word_span
        return self.sentence[:a] + BLANK * (b - a) + self.sentence[b:]


def context_for(record: WordRecord) -> Context | None:
    """The latest saved sentence containing the word, else the latest sentence."""
    with_sentence = [c for c in record.contexts if c.sentence]
    for context in reversed(with_sentence):
        if cloze_parts(context.sentence, (record.simplified, record.traditional)):
            return context
    return with_sentence[-1] if with_sentence else None


def english_of(context: Context) -> str:
    """The hint: the English sentence aligned with the saved sentence.

    Contexts store that sentence as ``translation`` (and the whole English
    paragraph as ``paragraph``); contexts saved before sentences were aligned
    hold the paragraph there, which is then the hint."""
    return context.translation.strip()


def card_face(record: WordRecord, card_type: str) -> CardFace:
    context = context_for(record)
    sentence = context.sentence if context else ""
    parts = cloze_parts(sentence, (record.simplified, record.traditional)) if sentence else None
    span = (len(parts[0]), len(parts[0]) + len(parts[1])) if parts else None
    source = ""
    if context is not None:
        source = context.document_title or context.document_path.rsplit("/", 1)[-1]
    return CardFace(
        card_type, record.simplified, record.traditional if record.traditional != record.simplified else "", record.pinyin,
        tuple(record.definitions), record.note, sentence, context.sentence_pinyin if context else "", span,
        english_of(context) if context else "", source,
    )


def cloze_parts(sentence: str, forms: tuple[str, ...]) -> tuple[str, str, str] | None:
    """``(before, word, after)`` at the word's first occurrence in any of its forms."""
    for form in forms:
        if form and form in sentence:
            before, _, after = sentence.partition(form)
            return before, form, after
    return None


def ruby(sentence: str, sentence_pinyin: str) -> list[tuple[str, str]]:
    """Each character with its syllable (``""`` over punctuation, digits, Latin).

    Syllables go to the Chinese characters in order; when their numbers differ
    the reading cannot be placed and every syllable is left out.
    """
    syllables = sentence_pinyin.split()
    if len(syllables) != count_han(sentence):
        syllables = []
    out, k = [], 0
    for char in sentence:
        if syllables and is_han(char):
            out.append((char, syllables[k]))
            k += 1
        else:
            out.append((char, ""))
    return out
