"""Importers turn files into :class:`studyapp.core.text.document.Document` objects.

``open_document(path)`` is the single entry point; it picks the importer.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from studyapp.core.text.document import Document
from studyapp.core.text.importers.bilingual_text import document_from_text
from studyapp.core.text.importers.textfile import read_text


#: Files with more text than this get a preview of their beginning first.
PREVIEW_CHARS = 120_000


def open_preview(path: str | Path, chars: int = PREVIEW_CHARS) -> Document | None:
    """The first part of a big document, aligned on its own, or None for a small one.

    The reader shows it at once while the whole file is aligned in the
    background; the blocks of the preview are those of the full document
    except, possibly, the last few.
    """
    decoded = read_text(path)
    if len(decoded.text) <= chars * 1.5:
        return None
    cut = decoded.text.find("\n\n", chars)
    if cut < 0:
        return None
    head = decoded.text[:cut]
    if head.count("```") % 2:  # never cut inside a fenced block
        return None
    document = document_from_text(head, path=str(path), encoding=decoded.encoding, name=Path(path).stem, source_hash=decoded.sha1)
    return replace(document, complete=False)


def open_document(path: str | Path) -> Document:
    """Read and align the bilingual document at ``path``.

    Raises :class:`studyapp.core.errors.DocumentError` with a one-line message
    for anything the user must fix (missing file, binary data, no Chinese...).
    """
    decoded = read_text(path)
    return document_from_text(
        decoded.text, path=str(path), encoding=decoded.encoding, name=Path(path).stem, source_hash=decoded.sha1
    )
