"""Documents made from pasted text, kept in the user data directory so they reopen.

The text is checked first (it must hold English and Chinese, as any document
must); only then is it written, atomically, as a ``.txt`` file in
``pasted/`` named for the time and its first words, e.g.
``pasted/2024-05-01 093000 茶路.txt``. Nothing is written for text that
cannot be read as a document.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from studyapp.core import paths
from studyapp.core.atomic_file import write_atomically
from studyapp.core.errors import DocumentError
from studyapp.core.text.importers.textfile import MAX_BYTES

FOLDER = "pasted"
_UNSAFE_RE = re.compile(r"[^\w\u3400-\u9fff]+")


def save_pasted_text(text: str, folder: Path | None = None, now: float | None = None) -> Path:
    """Write bilingual ``text`` as a new document file and return its path.

    Raises DocumentError (nothing written) for text without English or Chinese.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\ufeff")
    if not text.strip():
        raise DocumentError("The clipboard holds no text")
    data = (text.rstrip() + "\n").encode("utf-8")
    if len(data) > MAX_BYTES:
        raise DocumentError(f"The clipboard holds more than {MAX_BYTES // (1024 * 1024)} MB of text")
    from studyapp.core.text.importers.bilingual_text import document_from_text  # the aligner: only once something is pasted

    document_from_text(text, name="the clipboard")  # raises for text that is not bilingual
    folder = folder or paths.data_dir() / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = _free_name(folder, time.strftime("%Y-%m-%d %H%M%S", time.localtime(now)), _first_words(text))
    try:
        return write_atomically(path, lambda tmp: tmp.write_bytes(data), DocumentError)
    except DocumentError as exc:
        raise DocumentError(str(exc).replace("Cannot write", "Cannot save the pasted text to", 1)) from None


def _first_words(text: str) -> str:
    line = next((line for line in text.split("\n") if line.strip()), "")
    words = _UNSAFE_RE.sub(" ", line).strip()
    return words[:24].strip()


def _free_name(folder: Path, stamp: str, words: str) -> Path:
    base = f"{stamp} {words}".strip()
    path = folder / f"{base}.txt"
    n = 2
    while path.exists():
        path = folder / f"{base} ({n}).txt"
        n += 1
    return path
