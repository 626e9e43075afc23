"""Two monolingual files (an English text and its Chinese translation) -> Document.

Each file is cut into units as a bilingual file would be (a book or a page
by its own importer) — paragraphs, or lines when a text file has no blank
lines at all, or when its lines are sentences and blank lines only separate
sections (the one-sentence-per-line format of parallel corpora). The two sequences are aligned with
:func:`studyapp.core.text.bitext.align_bitext`: lengths, numbers, question
and exclamation marks, headings, and the dictionary and the names of the
text when a ``glossary`` is given (it matters most here). Units in the
"wrong" language (an English title inside the Chinese file) stay on the side
of the file they came from. Example::

    >>> document = open_two_files("chapter.en", "chapter.zh", DictionaryGlossary(dictionary))  # doctest: +SKIP
    >>> document.pairs()[0]                                                                  # doctest: +SKIP
    ('At twenty-one, I was placed in a production team.', '我二十一岁时，正在云南插队。')
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from studyapp.core.errors import DocumentError
from studyapp.core.text.align import AlignedBead
from studyapp.core.text.apparatus import is_caption, is_translators_note
from studyapp.core.text.bitext import align_bitext, collection_paused
from studyapp.core.text.bitext_units import BitextUnits, Glossary
from studyapp.core.text.char_classes import count_han, count_latin
from studyapp.core.text.document import Document
from studyapp.core.text.importers import format_module
from studyapp.core.text.importers.bilingual_text import Unit, block_from_bead, has_blank_lines, heading_title, parse_units
from studyapp.core.text.importers.textfile import read_text
from studyapp.core.text.reading_order import with_untranslated


def open_two_files(english_path: str | Path, chinese_path: str | Path, glossary: Glossary | None = None) -> Document:
    with collection_paused():  # (a long text: hundreds of thousands of objects, no cycles)
        return _open_two_files(english_path, chinese_path, glossary)


def _open_two_files(english_path: str | Path, chinese_path: str | Path, glossary: Glossary | None) -> Document:
    english, en_headings = _file_units(english_path, "en")
    chinese, zh_headings = _file_units(chinese_path, "zh")
    if not any(count_latin(u.text) for u in english):
        # (the hint only when the other file reads as English: not for two Chinese files, one with a Latin name)
        swapped = any(count_han(u.text) for u in english) and sum(count_latin(u.text) for u in chinese) > sum(count_han(u.text) for u in chinese)
        hint = " (it reads as Chinese: give the English file first, then the Chinese one)" if swapped else ""
        raise DocumentError(f"No English text found in {english_path}{hint}")
    if not any(count_han(u.text) for u in chinese):
        raise DocumentError(f"No Chinese text found in {chinese_path}")
    en_idx, en_notes = _apart_from_notes(english)
    zh_idx, zh_notes = _apart_from_notes(chinese)
    builder = BitextUnits(glossary)
    zh_units, en_units = builder.build(
        [chinese[k].text for k in zh_idx], [english[k].text for k in en_idx],
        [zh_headings[k] for k in zh_idx], [en_headings[k] for k in en_idx],
    )
    beads = align_bitext(zh_units, en_units, builder.translations)
    offset = len(english)  # one list of units, as the bilingual importer builds blocks from
    chain = [AlignedBead(tuple(en_idx[j] for j in es), tuple(offset + zh_idx[i] for i in zs)) for zs, es in beads]
    chain = with_untranslated(chain, en_notes, [offset + k for k in zh_notes])
    units = english + chinese
    blocks = tuple(block_from_bead(units, bead) for bead in chain)
    return Document(heading_title(blocks, Path(chinese_path).stem), blocks, path=str(chinese_path))


def _apart_from_notes(units: list[Unit]) -> tuple[list[int], list[int]]:
    """The indices of ``units`` to align, and of the translator's notes among
    them: a note has no original, so it stands alone, out of the alignment."""
    notes = [is_translators_note(u.text) for u in units]
    return [k for k, note in enumerate(notes) if not note], [k for k, note in enumerate(notes) if note]


def _file_units(path: str | Path, lang: str) -> tuple[list[Unit], list[bool]]:
    """A text file's units, or those of a book or page (their importer cuts them)."""
    module = format_module(path)
    if module is None:
        return file_units(read_text(path).text, lang)
    units = [_as_lang(u, lang) for u in module.file_units(path) if u.kind != "code" and u.text]
    return units, [u.heading_like or is_caption(u.text, lang) for u in units]


def file_units(text: str, lang: str) -> tuple[list[Unit], list[bool]]:
    """The units of one monolingual text, each counted as the file's language (a
    date line, a Chinese name in the English), and which are headings. In a file
    of lines only marked headings (``#``) count: a short line is a short sentence."""
    by_line = lines_are_units(text)
    units = [_as_lang(u, lang) for u in parse_units(text, lines_are_blocks=by_line) if u.kind != "code" and u.text]
    return units, [u.kind == "heading" or (u.heading_like and not by_line) or is_caption(u.text, lang) for u in units]


def _as_lang(unit: Unit, lang: str) -> Unit:
    """``unit`` counted as ``lang`` (most already are: no copy for them)."""
    return unit if unit.lang == lang else replace(unit, lang=lang)


_SENTENCE_END_RE = re.compile(r"[.!?。！？…:：;；\"'”’」』)）]\s*$")


def lines_are_units(text: str) -> bool:
    """True for a file without blank lines, or one whose lines are sentences with
    blank lines only between sections (several lines a block, nearly all of them
    ending a sentence), as opposed to paragraphs wrapped over several lines."""
    if not has_blank_lines(text):
        return True
    lines = [line for line in text.split("\n") if line.strip()]
    blocks = len(re.findall(r"\n[ \t]*\n(?=[ \t]*\S)", text)) + 1
    ended = sum(1 for line in lines if _SENTENCE_END_RE.search(line))
    return len(lines) >= 4 * blocks and ended >= 0.8 * len(lines)
