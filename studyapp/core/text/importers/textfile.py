"""Reading a text file of unknown encoding, with one-line errors for bad input.

Decoding order: a byte-order mark (UTF-8, UTF-16, UTF-32) wins; then strict
UTF-8; then UTF-16 without a BOM (recognised by its zero bytes); then
GB18030 (a superset of GBK and GB2312). Anything else, or data with zero bytes
or many control characters, is reported as not a text file. Line endings
(CRLF, CR) become ``\\n``; a paragraph longer than MAX_PARAGRAPH_CHARS is cut
into paragraphs at sentence ends.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from studyapp.core.errors import DocumentError
from studyapp.core.text.pieces import split_long_paragraphs

#: The largest file opened: 32 MiB holds several long novels of bilingual text.
MAX_BYTES = 32 * 1024 * 1024
#: A paragraph longer than this (a whole book on one line) is read as paragraphs of up
#: to PIECE_CHARS cut at sentence ends: the reader then holds the words of a few
#: hundred paragraphs around the page, as for any book, not of the whole file.
MAX_PARAGRAPH_CHARS = 10_000
PIECE_CHARS = 1_000

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    sha1: str


def read_text(path: str | Path) -> DecodedText:
    """Read ``path`` as text, guessing its encoding; raise DocumentError if it is not text."""
    data = _read_bytes(Path(path))
    encoding, text = decode_bytes(data, str(path))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(f"{path} contains no text")
    return DecodedText(split_long_paragraphs(text, MAX_PARAGRAPH_CHARS, PIECE_CHARS), encoding, hashlib.sha1(data).hexdigest())


def _read_bytes(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise DocumentError(f"{path} is a folder, not a text file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(
                f"{path} is too large ({size / 1e6:.1f} MB); "
                f"studyapp opens texts of up to {MAX_BYTES // (1024 * 1024)} MB"
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise DocumentError(f"No such file: {path}") from None
    except PermissionError:
        raise DocumentError(f"Cannot read {path}: permission denied") from None
    except OSError as exc:
        raise DocumentError(f"Cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise DocumentError(f"{path} is too large; studyapp opens texts of up to 32 MB")
    if not data:
        raise DocumentError(f"{path} is empty")
    return data


def decode_bytes(data: bytes, name: str = "the file") -> tuple[str, str]:
    """Return ``(encoding, text)`` for ``data`` or raise DocumentError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, _strict(data, encoding, name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16, _strict(data, utf16, name)
    if b"\x00" in data:
        raise DocumentError(f"{name} looks like a binary file, not text")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return encoding, text
        break
    raise DocumentError(
        f"{name} is not a text file studyapp can read (tried UTF-8, UTF-16 and GB18030)"
    )


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise DocumentError(f"{name} is not valid {encoding.upper()} text") from None
    return text.lstrip("\ufeff")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when zero bytes sit in every other position."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_zeros > 0.2 * half and even_zeros < 0.02 * half:
        return "utf-16-le"
    if even_zeros > 0.2 * half and odd_zeros < 0.02 * half:
        return "utf-16-be"
    return None


def _looks_like_text(text: str) -> bool:
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls <= max(2, len(text[:65536]) // 200)


def file_size(path: str | Path) -> int:
    """Size of ``path`` in bytes, or -1 if it cannot be read."""
    try:
        return os.stat(path).st_size
    except OSError:
        return -1
