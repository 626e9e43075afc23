"""Two monolingual files (an English text and its Chinese translation) -> Document.

Each file is cut into units as a bilingual file would be; the two sequences
are aligned by paragraph (not interleaved: no closeness in the file to go
by), with the dictionary-overlap score when a ``lexical`` scorer is given —
it matters most here. Units in the "wrong" language (an English title inside
the Chinese file) stay on the side of the file they came from.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from studyapp.core.text.align import AlignedBead, Item, Lexical, align
from studyapp.core.text.document import Document
from studyapp.core.errors import DocumentError
from studyapp.core.text.importers import format_module
from studyapp.core.text.importers.bilingual_text import block_from_bead, parse_units
from studyapp.core.text.importers.textfile import read_text
from studyapp.core.text.char_classes import count_han, count_latin


def open_two_files(english_path: str | Path, chinese_path: str | Path, lexical: Lexical | None = None) -> Document:
    # Each file's text counts as its language (a date line, a Chinese name in the English).
    english = [replace(u, lang="en") for u in _file_units(english_path) if u.kind != "code" and u.text]
    chinese = [replace(u, lang="zh") for u in _file_units(chinese_path) if u.kind != "code" and u.text]
    if not any(count_latin(u.text) for u in english):
        raise DocumentError(f"No English text found in {english_path}")
    if not any(count_han(u.text) for u in chinese):
        raise DocumentError(f"No Chinese text found in {chinese_path}")
    beads = align(
        [Item(u.text, "en", u.heading_like, listing=u.kind == "list") for u in english],
        [Item(u.text, "zh", u.heading_like, listing=u.kind == "list") for u in chinese],
        lexical=lexical,
    )
    units = english + chinese  # one list, as the bilingual importer builds blocks from
    blocks = tuple(block_from_bead(units, AlignedBead(es, tuple(len(english) + j for j in zs))) for es, zs in beads)
    title = next((b.chinese.text if b.chinese else b.english.text for b in blocks if b.is_heading), Path(chinese_path).stem)
    return Document(title, blocks, path=str(chinese_path))



def _file_units(path: str | Path) -> list:
    """A text file's units, or those of a book or page (their importer cuts them)."""
    module = format_module(path)
    return module.file_units(path) if module is not None else parse_units(read_text(path).text)
