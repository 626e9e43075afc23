"""EPUB books -> Document: the spine's documents in reading order, aligned.

Each content document is cut into blocks (:mod:`html_blocks`: headings,
paragraphs, list items; ruby without its annotation; images skipped), and
its footnotes and endnotes are moved after its text, so they neither split a
paragraph from its translation nor pair with it. The blocks become the units
every importer gives the paragraph aligner; the book's navigation document
(or NCX) becomes the document's chapters. Both shapes of bilingual book
open: one book whose paragraphs alternate between the languages
(:func:`open_file`), and an English book with its Chinese translation
(:func:`file_units` feeds the two-file import). Example::

    >>> open_file("book.epub").pairs()[:2]                   # doctest: +SKIP
    [('Chapter One', '第一章'), ('It was late.', '天色已晚。')]
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from studyapp.core.errors import DocumentError
from studyapp.core.text.align import Lexical
from studyapp.core.text.document import Document
from studyapp.core.text.importers.bilingual_text import Unit
from studyapp.core.text.importers.epub_package import Package
from studyapp.core.text.importers.html_blocks import HtmlBlock, parse_html
from studyapp.core.text.importers.structured import ChapterMark, document_from_units, units_from_blocks
from studyapp.core.text.importers.textfile import decode_bytes, file_size


@dataclass
class EpubText:
    """The blocks of a book (or of its beginning) and where its chapters start."""

    title: str
    blocks: list[HtmlBlock]
    chapters: list[ChapterMark]
    sha1: str
    complete: bool = True


def read_epub(path: str | Path, max_chars: int | None = None) -> EpubText:
    """The book's blocks in spine order; with ``max_chars``, stop after the document that passes it."""
    with Package.open(path) as package:
        return read_package(package, max_chars)


def read_package(package: Package, max_chars: int | None = None) -> EpubText:
    """The blocks of an opened book (see :func:`read_epub`)."""
    blocks: list[HtmlBlock] = []
    starts: dict[str, int] = {}
    anchors: dict[tuple[str, str], int] = {}
    digest = hashlib.sha1()
    chars = 0
    complete = True
    for number, member in enumerate(package.spine):
        data = package.read(member)
        digest.update(data)
        parsed = parse_html(_decode(data, f"{package.name}: {member}"), name=f"{package.name}: {member}")
        ordered, moved = _notes_last(parsed.blocks)
        starts[member] = len(blocks)
        anchors.update({(member, key): len(blocks) + moved(index) for key, index in parsed.anchors.items()})
        blocks.extend(ordered)
        chars += sum(len(line) for block in ordered for line in block.lines)
        if max_chars is not None and chars >= max_chars and number < len(package.spine) - 1:
            complete = False
            break
    chapters = [
        ChapterMark(entry.title, anchors.get((entry.path, entry.fragment), starts[entry.path]), entry.level)
        for entry in package.toc if entry.path in starts
    ]
    return EpubText(package.title, blocks, chapters, digest.hexdigest(), complete)


def _decode(data: bytes, name: str) -> str:
    """A content document's text: UTF-8 as EPUB asks, else whatever its bytes are
    (GB18030, UTF-16), else UTF-8 with the odd broken byte replaced."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    try:
        return decode_bytes(data, name)[1]
    except DocumentError:
        return data.decode("utf-8", "replace")


def _notes_last(blocks: list[HtmlBlock]) -> tuple[list[HtmlBlock], Callable[[int], int]]:
    """The blocks with notes moved after the text, and a map from old index to new."""
    text = [k for k, b in enumerate(blocks) if not b.note]
    notes = [k for k, b in enumerate(blocks) if b.note]
    order = text + notes
    new_index = {old: new for new, old in enumerate(order)}
    return [blocks[k] for k in order], lambda old: new_index.get(old, len(order))


def open_file(path: str | Path, lexical: Lexical | None = None) -> Document:
    """Read and align a bilingual EPUB (one book, the languages interleaved)."""
    return _document(read_epub(path), path, lexical)


#: A book's preview is a third of a text file's: parsing XHTML costs more than
#: reading text, and the preview only has to fill the first pages.
PREVIEW_SHARE = 3


def open_preview(path: str | Path, chars: int) -> Document | None:
    """The book's first documents (about ``chars / PREVIEW_SHARE`` characters) aligned, or None if the book is small."""
    with Package.open(path) as package:
        if package.text_bytes <= chars * 3:
            return None
        package.check_contents()
        text = read_package(package, max_chars=chars // PREVIEW_SHARE)
    if text.complete:
        return None
    try:
        return replace(_document(text, path, None), complete=False)
    except DocumentError:  # the beginning is in one language only: the whole book decides
        return None


def file_units(path: str | Path) -> list[Unit]:
    """The units of a monolingual book, for aligning it with its translation in another file."""
    return units_from_blocks(read_epub(path).blocks)


def text_size(path: str | Path) -> int:
    """The uncompressed size of the book's web documents (from the zip's directory), or its file size."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(i.file_size for i in archive.infolist() if i.filename.lower().endswith((".xhtml", ".html", ".htm")))
    except (OSError, zipfile.BadZipFile):
        return file_size(path)


def _document(text: EpubText, path: str | Path, lexical: Lexical | None) -> Document:
    units = units_from_blocks(text.blocks)
    return document_from_units(
        units, where=str(path), path=str(path), title=text.title, chapters=text.chapters, source_hash=text.sha1, lexical=lexical
    )
