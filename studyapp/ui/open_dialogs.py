"""The file dialogs of File > Open… and File > Open Two Files…: which files the learner chose."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

#: The file types the window opens (the desktop entry declares the same; see tests/test_desktop_entry.py).
FILE_FILTER = "Bilingual documents (*.md *.markdown *.txt *.epub *.html *.htm *.xhtml *.srt *.vtt *.ass *.ssa);;All files (*)"


def ask_document(parent: QWidget, folder: str) -> str | None:
    """A bilingual document chosen in ``folder`` or elsewhere, or None."""
    path, _ = QFileDialog.getOpenFileName(parent, "Open a bilingual document", folder, FILE_FILTER)
    return path or None


def ask_two_files(parent: QWidget, folder: str) -> tuple[str, str] | None:
    """An English file, then its Chinese translation (looked for beside it), or None."""
    english, _ = QFileDialog.getOpenFileName(parent, "Open a text in two files: the English file", folder, FILE_FILTER)
    if not english:
        return None
    chinese, _ = QFileDialog.getOpenFileName(parent, "Open a text in two files: its Chinese translation", str(Path(english).parent), FILE_FILTER)
    return (english, chinese) if chinese else None
