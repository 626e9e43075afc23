"""Importers turn files into :class:`studyapp.core.document.Document` objects.

``open_document(path)`` is the single entry point; it picks the importer.
"""

from __future__ import annotations

from pathlib import Path

from studyapp.core.document import Document
from studyapp.core.importers.bilingual_text import document_from_text
from studyapp.core.importers.textfile import read_text


def open_document(path: str | Path) -> Document:
    """Read and align the bilingual document at ``path``.

    Raises :class:`studyapp.core.errors.DocumentError` with a one-line message
    for anything the user must fix (missing file, binary data, no Chinese...).
    """
    decoded = read_text(path)
    return document_from_text(
        decoded.text, path=str(path), encoding=decoded.encoding, name=Path(path).stem
    )
