"""Importers turn files into :class:`studyapp.core.text.document.Document` objects.

``open_document(path)`` is the single entry point; it picks the importer by
the file's suffix (:data:`FORMATS`), else reads the file as bilingual text.
A format module offers ``open_file(path)``, ``open_preview(path, chars)``
and ``file_units(path)`` (a monolingual file's units, for two-file import).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from studyapp.core.text.document import Document
from studyapp.core.text.importers.textfile import file_size, read_text

if TYPE_CHECKING:  # the aligner is imported only when a text is aligned
    from studyapp.core.text.align import Lexical
    from studyapp.core.text.bitext_units import Glossary
    from studyapp.core.text.importers.bilingual_text import Unit

#: Files with more text than this get a preview of their beginning first.
PREVIEW_CHARS = 120_000

#: Importer modules by file suffix (loaded when first needed).
FORMATS = {
    ".epub": "studyapp.core.text.importers.epub",
    ".html": "studyapp.core.text.importers.html",
    ".htm": "studyapp.core.text.importers.html",
    ".xhtml": "studyapp.core.text.importers.html",
    ".srt": "studyapp.core.text.importers.subtitles",
    ".vtt": "studyapp.core.text.importers.subtitles",
    ".ass": "studyapp.core.text.importers.subtitles",
    ".ssa": "studyapp.core.text.importers.subtitles",
    ".studyapp-pair": "studyapp.core.text.importers.pair_file",
}


class FormatModule(Protocol):
    """What every module in :data:`FORMATS` offers; ``text_size`` and ``open_two`` are optional."""

    def open_file(self, path: str | Path, lexical: Lexical | None = None) -> Document: ...

    def open_preview(self, path: str | Path, chars: int) -> Document | None: ...

    def file_units(self, path: str | Path) -> list[Unit]: ...


if TYPE_CHECKING:  # mypy checks here that every module in FORMATS is a FormatModule
    from studyapp.core.text.importers import epub, html, pair_file, subtitles

    _FORMAT_MODULES: tuple[FormatModule, ...] = (epub, html, pair_file, subtitles)


def format_module(path: str | Path) -> FormatModule | None:
    """The importer module for ``path``'s format, or None for bilingual text."""
    name = FORMATS.get(Path(path).suffix.lower())
    return cast(FormatModule, importlib.import_module(name)) if name else None


def text_size(path: str | Path) -> int:
    """About how many bytes of text opening ``path`` reads (a book's text is compressed in its file), -1 if unknown."""
    size_of: Callable[[str | Path], int] | None = getattr(format_module(path), "text_size", None)
    return size_of(path) if size_of is not None else file_size(path)


def source_size(path: str | Path) -> int:
    """How many bytes the document at ``path`` is read from, as the library shows it:
    the file's, or a pair file's two files' together; -1 if it cannot be read."""
    size_of: Callable[[str | Path], int] | None = getattr(format_module(path), "source_size", None)
    return size_of(path) if size_of is not None else file_size(path)


def source_bytes(path: str | Path) -> bytes:
    """What the document at ``path`` is read from (the document cache's key): the file,
    or, for a pair file, it and the two files it names. Raises OSError or DocumentError."""
    read: Callable[[str | Path], bytes] | None = getattr(format_module(path), "source_bytes", None)
    return read(path) if read is not None else Path(path).read_bytes()


def open_preview(path: str | Path, chars: int = PREVIEW_CHARS) -> Document | None:
    """The first part of a big document, aligned on its own, or None for a small one.

    The reader shows it at once while the whole file is aligned in the
    background; the blocks of the preview are those of the full document
    except, possibly, the last few.
    """
    module = format_module(path)
    if module is not None:
        return module.open_preview(path, chars)
    decoded = read_text(path)
    if len(decoded.text) <= chars * 1.5:
        return None
    cut = decoded.text.find("\n\n", chars)
    if cut < 0:
        return None
    head = decoded.text[:cut]
    if head.count("```") % 2:  # never cut inside a fenced block
        return None
    from studyapp.core.text.importers.bilingual_text import document_from_text

    document = document_from_text(head, path=str(path), encoding=decoded.encoding, name=Path(path).stem, source_hash=decoded.sha1)
    return replace(document, complete=False)


def open_document(path: str | Path) -> Document:
    """Read and align the bilingual document at ``path``.

    Raises :class:`studyapp.core.errors.DocumentError` with a one-line message
    for anything the user must fix (missing file, binary data, no Chinese...).
    """
    module = format_module(path)
    if module is not None:
        return module.open_file(path)
    decoded = read_text(path)
    from studyapp.core.text.importers.bilingual_text import document_from_text  # the aligner: not needed for text_size

    return document_from_text(
        decoded.text, path=str(path), encoding=decoded.encoding, name=Path(path).stem, source_hash=decoded.sha1
    )


def open_two_documents(
    english_path: str | Path, chinese_path: str | Path, lexical: Lexical | None = None, glossary: Glossary | None = None,
) -> Document:
    """An English file and its Chinese translation in another file, aligned.

    Two subtitle files are paired by time (``lexical`` scores the pieces
    whose times disagree); anything else as a bitext, by paragraph or line,
    with the dictionary evidence of ``glossary``
    (:class:`studyapp.core.text.bitext_units.Glossary`).
    """
    english_module, chinese_module = format_module(english_path), format_module(chinese_path)
    open_two: Callable[[str | Path, str | Path, Lexical | None], Document] | None = (
        getattr(english_module, "open_two", None) if english_module is chinese_module else None
    )
    if open_two is not None:
        return open_two(english_path, chinese_path, lexical)
    from studyapp.core.text.importers.two_files import open_two_files

    return open_two_files(english_path, chinese_path, glossary)
