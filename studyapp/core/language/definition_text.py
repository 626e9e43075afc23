"""CC-CEDICT's notation inside a definition, read: ``個|个[ge4]`` is the word 个, gè.

The lookup panel shows such a reference as a word to click with its pinyin
(:mod:`studyapp.ui.entry_presentation`); a flashcard gets it written out.
Example::

    >>> runs_of("variant of 個|个[ge4]")
    [Run(text='variant of ', kind='text', target='', pinyin=()), Run(text='个', kind='word', target='个', pinyin=('gè',))]
    >>> readable_definition("see 苗栗縣|苗栗县[Miao2 li4 xian4]"), readable_definition("surname Xing [xing2]")
    ('see 苗栗县 (Miáo lì xiàn)', 'surname Xing xíng')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studyapp.core.language.pinyin_spelling import marks_from_numbered
from studyapp.core.text.char_classes import HAN_RE

#: ``個|个[ge4]``, ``个人[ge4 ren2]`` or a bare ``[xing4]`` (CC-CEDICT writes ü as ``u:``: ``女[nu:3]``).
REFERENCE_RE = re.compile(r"(?:([^\s\[\]|/,;:()]+)\|)?([^\s\[\]|/,;:()]+)?\[((?:u:|[A-Za-z])+[0-5]?(?: (?:u:|[A-Za-z])+[0-5]?)*)\]")


@dataclass(frozen=True)
class Run:
    """A piece of a definition: plain text, a Chinese word to look up (with its
    pinyin, ``kind`` "word"), or pinyin alone (``kind`` "pinyin")."""

    text: str
    kind: str = "text"
    target: str = ""
    pinyin: tuple[str, ...] = ()


def runs_of(text: str) -> list[Run]:
    """``text`` cut into plain runs, words with their pinyin, and bare pinyin."""
    runs: list[Run] = []
    position = 0
    for match in REFERENCE_RE.finditer(text):
        traditional, simplified, numbered = match.groups()
        word = simplified or traditional or ""
        if word and not HAN_RE.search(word):
            continue
        if match.start() > position:
            runs.append(Run(text[position : match.start()]))
        syllables = tuple(marks_from_numbered(s) for s in numbered.split())
        runs.append(Run(word, "word", word, syllables) if word else Run(" ".join(syllables), "pinyin", "", syllables))
        position = match.end()
    if position < len(text):
        runs.append(Run(text[position:]))
    return runs


def readable_definition(text: str) -> str:
    """``text`` with each reference written as its simplified word and pinyin
    (``个 (gè)``) and bare pinyin with tone marks: for flashcards, which show text as it is."""
    if "[" not in text:
        return text
    return "".join(f"{run.text} ({' '.join(run.pinyin)})" if run.kind == "word" else run.text for run in runs_of(text))
