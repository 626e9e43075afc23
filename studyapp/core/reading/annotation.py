"""The words of one paragraph's Chinese side, and how to point at one of them.

An ``Annotation`` is what segmentation and the reading model made of a
Chinese side: its tokens (covering the text exactly), one reading per token
(one numbered syllable per character, None for non-Chinese tokens), and,
when the learner reads in the other script, the form shown for each token.
A ``WordRef`` names a token of a block. Example::

    >>> a = Annotation([Token("银行", 0, "word"), Token("。", 2, "punct")], [["yin2", "hang2"], None])
    >>> a.char_readings()
    ['yin2', 'hang2', None]
    >>> a.token_at(1), a.token_at(5)
    (0, None)
"""

from __future__ import annotations

from dataclasses import dataclass

from studyapp.core.text.document import Token

Reading = list[str] | None


@dataclass(frozen=True, slots=True)
class WordRef:
    """A Chinese token of the document: block index and token index."""

    block: int
    token: int


@dataclass(frozen=True, slots=True)
class Annotation:
    """A Chinese side's tokens, their readings, and the text to display for each."""

    tokens: list[Token]
    readings: list[Reading]
    display: list[str] | None = None  # e.g. traditional forms; same length as tokens

    def token_at(self, offset: int) -> int | None:
        """Index of the token covering character ``offset`` of the side's text."""
        for index, token in enumerate(self.tokens):
            if token.start <= offset < token.end:
                return index
        return None

    def token_starting_at(self, offset: int) -> int | None:
        return next((k for k, t in enumerate(self.tokens) if t.start == offset), None)

    def word_indices(self) -> list[int]:
        """The tokens a learner can look up (Chinese words and names), in order."""
        return [k for k, t in enumerate(self.tokens) if t.is_chinese]

    def shown(self, index: int) -> str:
        """The token as displayed (its converted form if that keeps its length)."""
        text = self.tokens[index].text
        if self.display is not None and len(self.display[index]) == len(text):
            return self.display[index]
        return text

    def char_readings(self) -> list[str | None]:
        """One numbered syllable per character of the side's text (None where there is none).

        A token whose reading does not have one syllable per character gets
        None for each of its characters rather than a misplaced syllable.
        """
        out: list[str | None] = []
        for token, reading in zip(self.tokens, self.readings):
            if reading is not None and len(reading) == len(token.text):
                out.extend(reading)
            else:
                out.extend([None] * len(token.text))
        return out
