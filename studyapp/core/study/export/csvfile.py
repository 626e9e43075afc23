"""CSV (RFC 4180, header row, UTF-8) for spreadsheets and other apps: plain text, no HTML.

A cell a spreadsheet would take for a formula (starting with ``=``, ``+``,
``-``, ``@`` or a tab) is written with a leading ``'``, as OWASP advises
against CSV injection: ``=HYPERLINK(...)`` -> ``'=HYPERLINK(...)``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from studyapp.core.language.hsk import level_label
from studyapp.core.language.pinyin_spelling import marks_from_numbered
from studyapp.core.study.export import Card, write_atomically

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = ("simplified", "traditional", "pinyin", "pinyin_numbers", "meaning", "hsk", "status", "tags", "note",
          "sentence", "sentence_pinyin", "translation", "source")


def render(cards: Sequence[Card]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for card in cards:
        r = card.record
        context = next((c for c in reversed(r.contexts) if c.sentence), None)
        writer.writerow([neutralised(cell) for cell in (
            r.simplified, r.traditional, marks_from_numbered(r.pinyin), r.pinyin, "; ".join(r.definitions), level_label(r.hsk),
            r.status, " ".join(r.tags), r.note,
            context.sentence if context else "", marks_from_numbered(context.sentence_pinyin) if context and context.sentence_pinyin else "",
            context.translation if context else "", (context.document_title or context.document_path) if context else "",
        )])
    return out.getvalue()


def neutralised(cell: str) -> str:
    """A cell no spreadsheet runs as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def write_csv(cards: Sequence[Card], path: Path) -> Path:
    text = render(cards)
    return write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8", newline=""))
