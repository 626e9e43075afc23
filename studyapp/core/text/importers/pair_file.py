"""A text in two files, opened in the reader as one document through a pair file.

The reader opens one path: its library, recent files, remembered positions
and document cache are all kept per path. A text whose English and Chinese
are two files (a chapter and its translation one sentence per line, two
EPUBs, two subtitle files) is therefore opened through a small pair file,
``NAME.studyapp-pair``, which names the two. The window writes it in the user
data folder when the learner chooses the two files (File > Open Two Files…,
or ``studyapp EN ZH``); opening it aligns them as ``studyapp pairs EN ZH``
does. The two files stay where they are: the pair file holds their paths,
and the document cache is keyed by their contents, so an edited file is
aligned again. Example::

    >>> pair = write_pair("chapter.en", "chapter.zh", folder)                # doctest: +SKIP
    >>> open_document(pair).pairs()[0]                                        # doctest: +SKIP
    ('At twenty-one, I was placed in a production team.', '我二十一岁时，正在云南插队。')
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.core import paths
from studyapp.core.atomic_file import describe, write_atomically
from studyapp.core.errors import DocumentError
from studyapp.core.text.document import Document

if TYPE_CHECKING:  # the aligner: not loaded to read a pair file's cache key at start-up
    from studyapp.core.text.align import Lexical
    from studyapp.core.text.importers.bilingual_text import Unit

SUFFIX = ".studyapp-pair"


def write_pair(english: str | Path, chinese: str | Path, folder: Path | None = None) -> Path:
    """The pair file for ``english`` and ``chinese`` (written in ``folder``, by default
    the data folder's ``pairs``; the same two files always get the same one)."""
    english, chinese = Path(english).expanduser().resolve(), Path(chinese).expanduser().resolve()
    for path, language in ((english, "English"), (chinese, "Chinese")):
        if not path.is_file():
            raise DocumentError(f"The {language} file {path} does not exist or is not a file")
        if path.suffix == SUFFIX:
            raise DocumentError(f"{path} is a pair of files already; choose the {language} file itself")
    if english == chinese:
        raise DocumentError(f"The English and the Chinese file are the same file: {english}")
    folder = folder if folder is not None else paths.data_dir() / "pairs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DocumentError(f"Cannot write the pair file in {folder}: {describe(exc)}") from None
    digest = hashlib.sha1(f"{english}\0{chinese}".encode("utf-8", "surrogatepass")).hexdigest()[:10]
    target = folder / f"{chinese.stem}-{digest}{SUFFIX}"
    # (JSON's escapes keep a file name that is not UTF-8: its bytes come back as they were)
    content = json.dumps({"english": str(english), "chinese": str(chinese)}, indent=1)
    return write_atomically(target, lambda tmp: tmp.write_text(content + "\n", encoding="utf-8"), DocumentError)


def read_pair(path: str | Path) -> tuple[Path, Path]:
    """The English and the Chinese file a pair file names."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        english, chinese = Path(data["english"]), Path(data["chinese"])
    except FileNotFoundError:
        raise DocumentError(f"No such file: {path}") from None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise DocumentError(f"{path} is not a pair of files written by studyapp ({exc})") from None
    for file, language in ((english, "English"), (chinese, "Chinese")):
        if not file.is_file():
            raise DocumentError(f"The {language} file of this text is gone: {file} (it was moved or deleted)")
    return english, chinese


def open_file(path: str | Path, lexical: Lexical | None = None) -> Document:
    """The two files the pair file names, aligned with the dictionary's help (as
    ``studyapp pairs``; ``lexical`` is not needed: the dictionary's links are used)."""
    english, chinese = read_pair(path)
    from studyapp.core.language.engine import Language  # the dictionary: only when a pair is aligned
    from studyapp.core.links.lexicon import DictionaryGlossary
    from studyapp.core.links.word_links import WordLinker
    from studyapp.core.text.importers import open_two_documents

    language = Language()
    linker = WordLinker(language)
    document = open_two_documents(english, chinese, lexical=lambda en, zh: linker.overlap(zh, en), glossary=DictionaryGlossary(language.dictionary))
    return replace(document, path=str(path))


def open_preview(path: str | Path, chars: int) -> Document | None:
    """None: two files are aligned whole (their beginnings do not make a pair on their own)."""
    return None


def file_units(path: str | Path) -> list[Unit]:
    raise DocumentError(f"{path} is a pair of files already; choose the English or the Chinese file itself")


def text_size(path: str | Path) -> int:
    """Both files' text sizes (a big pair is opened in the background), -1 if the pair cannot be read."""
    from studyapp.core.text.importers import text_size as size_of

    return _both(path, size_of)


def source_size(path: str | Path) -> int:
    """Both files' sizes on disk (the library's Size column), -1 if the pair cannot be read."""
    from studyapp.core.text.importers.textfile import file_size

    return _both(path, file_size)


def _both(path: str | Path, size_of: Callable[[Path], int]) -> int:
    try:
        english, chinese = read_pair(path)
    except DocumentError:
        return -1
    return max(size_of(english), 0) + max(size_of(chinese), 0)


def source_bytes(path: str | Path) -> bytes:
    """What the document depends on, for the document cache's key: the pair file and both files."""
    english, chinese = read_pair(path)
    return b"\0".join([Path(path).read_bytes(), english.read_bytes(), chinese.read_bytes()])
