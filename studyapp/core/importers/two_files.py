"""Two monolingual files (an English text and its Chinese translation) -> Document.

Each file is cut into units as a bilingual file would be; the two sequences
are aligned by paragraph (not interleaved: no closeness in the file to go
by), with the dictionary-overlap score when a ``lexical`` scorer is given —
it matters most here. Units in the "wrong" language (an English title inside
the Chinese file) stay on the side of the file they came from.
"""

from __future__ import annotations

from pathlib import Path

from studyapp.core.align import Item, Lexical, align
from studyapp.core.document import Block, Document, Side
from studyapp.core.errors import DocumentError
from studyapp.core.importers.bilingual_text import Unit, parse_units
from studyapp.core.importers.textfile import read_text
from studyapp.core.script import join_lines


def open_two_files(english_path: str | Path, chinese_path: str | Path, lexical: Lexical | None = None) -> Document:
    english = [u for u in parse_units(read_text(english_path).text) if u.kind != "code" and u.text]
    chinese = [u for u in parse_units(read_text(chinese_path).text) if u.kind != "code" and u.text]
    if not any(u.lang == "en" for u in english):
        raise DocumentError(f"No English text found in {english_path}")
    if not any(u.lang == "zh" for u in chinese):
        raise DocumentError(f"No Chinese text found in {chinese_path}")
    beads = align(
        [Item(u.text, "en", u.heading_like, listing=u.kind == "list") for u in english],
        [Item(u.text, "zh", u.heading_like, listing=u.kind == "list") for u in chinese],
        lexical=lexical,
    )
    blocks = tuple(_block([english[i] for i in es], [chinese[j] for j in zs]) for es, zs in beads)
    title = next((b.chinese.text if b.chinese else b.english.text for b in blocks if b.is_heading), Path(chinese_path).stem)
    return Document(title, blocks, path=str(chinese_path))


def _block(english: list[Unit], chinese: list[Unit]) -> Block:
    def side(units: list[Unit], lang: str) -> Side | None:
        if not units:
            return None
        text = "\n".join(u.text for u in units) if all(u.kind == "list" for u in units) else join_lines([u.text for u in units])
        return Side(text, lang, units[0].start, units[-1].end)

    members = english + chinese
    heading = all(u.heading_like for u in members) and (len(members) > 1 or members[0].kind == "heading")
    levels = [u.level for u in members if u.level]
    kind = "heading" if heading else "list" if all(u.kind == "list" for u in members) else "paragraph"
    return Block(kind, side(english, "en"), side(chinese, "zh"), level=min(levels) if heading and levels else 0)
