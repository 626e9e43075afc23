"""Speaker labels of dialogue lines: the strongest evidence that two lines translate each other.

``Lin: Are you coming?`` answers ``林晓：你来吗？``; a line labelled with another
speaker does not. Which English label is which Chinese one is learnt from the
text itself (the pairs that stand next to each other) or from the dictionary
and pinyin (the bitext aligner's glossary). Example::

    >>> speaker_label("Lin: Are you coming?"), speaker_label("林晓：你来吗？"), speaker_label("Note: none")
    ('Lin', '林晓', 'Note')
    >>> speaker_map([("Lin", "林晓"), ("Zhang", "张伟"), ("Lin", "林晓"), ("Lin", "张伟"), ("Zhang", "张伟")])
    {'Lin': '林晓', 'Zhang': '张伟'}
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from studyapp.core.text.char_classes import HAN_PATTERN

# "Lin: ...", "Mrs Fang: ..." and "林晓：..." at the start of a line.
EN_LABEL_RE = re.compile(r"^\s*([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2})\s*:\s")
ZH_LABEL_RE = re.compile(r"^\s*(" + HAN_PATTERN + r"(?:" + HAN_PATTERN + r"|·){0,5})\s*[：:]")


def speaker_label(text: str) -> str:
    """The speaker label a line starts with (English or Chinese), or ""."""
    match = EN_LABEL_RE.match(text) or ZH_LABEL_RE.match(text)
    return match.group(1) if match else ""


def speaker_map(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """English label -> the Chinese label it stands with in most of ``pairs``
    (and in at least two of them, more often than with any other)."""
    counts: dict[str, Counter[str]] = {}
    for english, chinese in pairs:
        counts.setdefault(english, Counter())[chinese] += 1
    out = {}
    for english, partners in counts.items():
        (best, n), *others = partners.most_common(2) + [("", 0)]
        if n >= 2 and n > others[0][1]:
            out[english] = best
    return out


def neighbour_speakers(english: Sequence, chinese: Sequence) -> dict[str, str]:
    """English speaker label -> Chinese label, from labelled lines (objects with ``speaker``
    and ``position``) next to each other in the file."""
    labelled = {z.position: z.speaker for z in chinese if z.speaker}
    if not labelled:
        return {}
    pairs = [(e.speaker, labelled[p]) for e in english if e.speaker for p in (e.position - 1, e.position + 1) if p in labelled]
    return speaker_map(pairs)
