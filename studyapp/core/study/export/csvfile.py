"""CSV (RFC 4180, header row, UTF-8) for spreadsheets and other apps: plain text, no HTML."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Sequence

from studyapp.core.study.export import Card, write_atomically
from studyapp.core.language.hsk import level_label
from studyapp.core.language.pinyin_spelling import marks_from_numbered

HEADER = ("simplified", "traditional", "pinyin", "pinyin_numbers", "meaning", "hsk", "status", "tags", "note",
          "sentence", "sentence_pinyin", "translation", "source")


def render(cards: Sequence[Card]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for card in cards:
        r = card.record
        context = next((c for c in reversed(r.contexts) if c.sentence), None)
        writer.writerow([
            r.simplified, r.traditional, marks_from_numbered(r.pinyin), r.pinyin, "; ".join(r.definitions), level_label(r.hsk),
            r.status, " ".join(r.tags), r.note,
            context.sentence if context else "", marks_from_numbered(context.sentence_pinyin) if context and context.sentence_pinyin else "",
            context.translation if context else "", (context.document_title or context.document_path) if context else "",
        ])
    return out.getvalue()


def write_csv(cards: Sequence[Card], path: Path) -> Path:
    text = render(cards)
    return write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8", newline=""))
