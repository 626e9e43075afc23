"""Documents from formats with structure of their own (EPUB, web pages):
source blocks -> monolingual units -> the paragraph aligner -> a Document.

A source block is one element's text (a paragraph, a heading, a list item)
in lines. Its lines are grouped by language into the same *units* the
bilingual text importer makes (so the aligner treats every format alike); a
line holding both languages is cut where one ends and the other begins.
Unit offsets count characters in the units' text laid end to end, a blank
line between each. Example::

    >>> blocks = [HtmlBlock("heading", 1, ("Spring（春天）",)), HtmlBlock("paragraph", 0, ("It rained. 下雨了。",))]
    >>> [(u.lang, u.kind, u.text) for u in units_from_blocks(blocks)]
    [('en', 'heading', 'Spring'), ('zh', 'heading', '春天'), ('en', 'paragraph', 'It rained.'), ('zh', 'paragraph', '下雨了。')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from studyapp.core.text.align import Lexical
from studyapp.core.text.char_classes import count_han, count_latin, is_han, join_lines, language_of
from studyapp.core.text.document import Chapter, Document
from studyapp.core.text.importers.bilingual_text import Unit, aligned_blocks, heading_title
from studyapp.core.text.importers.html_blocks import HtmlBlock

_SENTENCE_END = tuple(".!?。！？…:：\"”’'」』")
_FINAL = tuple(".!?。！？…")
_BRACKETS = {"(": ")", "（": "）", "[": "]", "【": "】", "《": "》"}
_HAN_WEIGHT = 4


@dataclass(frozen=True, slots=True)
class ChapterMark:
    """A table-of-contents entry pointing at a source block."""

    title: str
    block: int
    level: int = 1


def units_from_blocks(blocks: Sequence[HtmlBlock]) -> list[Unit]:
    """Monolingual units of ``blocks`` in order; ``Unit.block`` is the source block's index."""
    units: list[Unit] = []
    offset = 0
    for index, block in enumerate(blocks):
        runs = [("", "\n".join(block.lines))] if block.kind == "code" else language_runs(block.lines)
        for lang, text in runs:
            kind = block.kind if lang or block.kind == "code" else "paragraph"
            unit = Unit(lang, kind, text, offset, offset + len(text), index, block.level)
            offset = unit.end + 2
            previous = units[-1] if units else None
            if previous and kind == "list" and previous.kind == "list" and previous.lang == lang and blocks[previous.block].group == block.group:
                units[-1] = Unit(lang, "list", previous.text + "\n" + text, previous.start, unit.end, previous.block)
            else:
                units.append(unit)
    return units


def language_runs(lines: Sequence[str]) -> list[tuple[str, str]]:
    """``(lang, text)`` runs of a block's lines (each cut at a language change), grouped by language.

    >>> language_runs(["- Where are you going?", "- Home.", "- 你去哪儿？", "- 回家。", "♪"])
    [('en', '- Where are you going? - Home.'), ('zh', '- 你去哪儿？- 回家。♪')]
    """
    pieces = [piece for line in lines for piece in split_languages(line)]
    runs: list[tuple[str, list[str]]] = []
    for lang, text in pieces:
        if runs and (not lang or not runs[-1][0] or lang == runs[-1][0]):
            runs[-1] = (runs[-1][0] or lang, runs[-1][1] + [text])
        else:
            runs.append((lang, [text]))
    return [(lang, join_lines(lines)) for lang, lines in runs if join_lines(lines)]


def split_languages(line: str) -> list[tuple[str, str]]:
    """A line cut in two where English gives way to Chinese (or the reverse), else whole.

    The cut is made after a sentence ends, or in a short heading-like line
    (``English（中文）`` too); each side must be in one language.

    >>> split_languages("Hello, world. 你好，世界。")
    [('en', 'Hello, world.'), ('zh', '你好，世界。')]
    >>> split_languages("The word 你好 means hello.")
    [('en', 'The word 你好 means hello.')]
    """
    lang = language_of(line)
    han, latin = count_han(line) * _HAN_WEIGHT, count_latin(line)
    if not lang or not 0.2 * han <= latin <= 5 * han:
        return [(lang, line)]  # one language, or too little of the other to be its translation
    cut = _best_cut(line)
    if cut is None:
        return [(lang, line)]
    head, tail = line[:cut].strip(), line[cut:].strip()
    if tail[:1] in _BRACKETS and _unwrap(tail) == tail:
        return [(lang, line)]  # a parenthesis inside a sentence, not a translation
    head, tail = _unwrap(head), _unwrap(tail)
    head_lang, tail_lang = language_of(head), language_of(tail)
    if not head or not tail or {head_lang, tail_lang} != {"en", "zh"}:
        return [(lang, line)]
    english, chinese = (head, tail) if head_lang == "en" else (tail, head)
    if count_han(english) * _HAN_WEIGHT * 4 > count_latin(english) or count_latin(chinese) > 3 * count_han(chinese):
        return [(lang, line)]  # not one language on each side
    heading_like = len(line) <= 120 and count_han(line) <= 30 and not line.rstrip().endswith(_FINAL)
    if not (heading_like or head.endswith(_SENTENCE_END)):
        return [(lang, line)]
    return [(head_lang, head), (tail_lang, tail)]


def _best_cut(line: str) -> int | None:
    """The position that best separates Latin letters on one side from ideographs on the other.

    Among equally good positions, one after a sentence's end wins, then one at a space.
    """
    han = [0, *accumulate(_HAN_WEIGHT if is_han(c) else 0 for c in line)]
    latin = [0, *accumulate(1 if c.isascii() and c.isalpha() else 0 for c in line)]
    total_han, total_latin = han[-1], latin[-1]
    best, best_key = None, (0, 0, 0)
    for k in range(1, len(line)):
        english_first = (latin[k] - han[k]) + ((total_han - han[k]) - (total_latin - latin[k]))
        chinese_first = (han[k] - latin[k]) + ((total_latin - latin[k]) - (total_han - han[k]))
        score = max(english_first, chinese_first)
        before = line[:k].rstrip()
        boundary = 2 if before.endswith(_SENTENCE_END) else 1 if line[k - 1].isspace() or line[k] in _BRACKETS else 0
        key = (score, boundary, k if english_first >= chinese_first else -k)
        if score > 0 and key > best_key:
            best, best_key = k, key
    return best


def _unwrap(text: str) -> str:
    """``（中文）`` -> ``中文``: brackets around a whole side go."""
    if len(text) > 2 and _BRACKETS.get(text[0]) == text[-1]:
        return text[1:-1].strip()
    return text


def document_from_units(
    units: list[Unit],
    *,
    where: str,
    path: str | None = None,
    title: str = "",
    untitled: str = "",
    chapters: Sequence[ChapterMark] = (),
    source_hash: str = "",
    lexical: Lexical | None = None,
) -> Document:
    """Align ``units`` into a Document; DocumentError if they are not bilingual.

    Its title is ``title``, else its first heading, else ``untitled``, else ``where``.
    """
    beads, blocks = aligned_blocks(units, where=where, lexical=lexical)
    firsts = [min(units[k].block for k in bead.english + bead.chinese) for bead in beads]
    return Document(title or heading_title(blocks, untitled or where), blocks, path=path, source_hash=source_hash, chapters=_chapters(chapters, firsts))


def _chapters(marks: Sequence[ChapterMark], firsts: list[int]) -> tuple[Chapter, ...]:
    """Chapter marks at source blocks -> chapters at the first document block from there on."""
    out: list[Chapter] = []
    k = 0
    for mark in sorted(marks, key=lambda m: m.block):
        while k < len(firsts) and firsts[k] < mark.block:
            k += 1
        if k < len(firsts):
            out.append(Chapter(mark.title, k, mark.level))
    return tuple(out)
