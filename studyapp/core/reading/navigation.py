"""Moving from word to word over the paragraphs read so far (the arrow keys, the next unknown word).

Paragraphs not segmented yet have no words to stop at and are passed over.
Example, with paragraph 1 read and paragraph 2 not::

    >>> words = {1: Annotation([Token("你", 0, "word"), Token("好", 1, "word")], [["ni3"], ["hao3"]])}
    >>> next_word(words, 3, WordRef(1, 0), 1), next_word(words, 3, WordRef(1, 1), 1)
    (WordRef(block=1, token=1), None)
    >>> next_word(words, 3, None, 1, start_block=0)
    WordRef(block=1, token=0)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from studyapp.core.reading.annotation import Annotation, WordRef
from studyapp.core.text.document import Token


def next_word(annotations: Mapping[int, Annotation], blocks: int, ref: WordRef | None, step: int, start_block: int = 0,
              accept: Callable[[Token], bool] = lambda token: True) -> WordRef | None:
    """The next (step 1) or previous (-1) word after ``ref`` that ``accept``s, in blocks
    ``0..blocks-1``; from ``start_block`` when ``ref`` is None. None if there is none."""
    block, after = (start_block, None) if ref is None else (ref.block, ref.token)
    while 0 <= block < blocks:
        annotation = annotations.get(block)
        indices = annotation.word_indices() if annotation is not None else []
        if after is not None:
            indices = [k for k in indices if (k - after) * step > 0]
        for k in indices if step > 0 else reversed(indices):
            if annotation is not None and accept(annotation.tokens[k]):
                return WordRef(block, k)
        block, after = block + step, None
    return None
