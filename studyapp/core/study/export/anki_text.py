"""Anki's text import format (.txt, tab-separated) with header directives.

The header names the separator, HTML, the note type (which must exist: import
the .apkg once first), the deck, the columns by field name, the GUID and tag
columns, and how to treat matches, so nothing depends on what the learner
last chose in Anki's import dialog. Anki drops any data line that starts
with ``#`` as a comment, and genanki GUIDs may contain ``#``: such fields are
quoted, and the GUID is never the first column.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from studyapp.core.study.export import FIELDS, Card, write_atomically
from studyapp.core.study.export.apkg import MODEL_NAME, note_guid

COLUMNS = (*FIELDS, "GUID", "Tags")


def quote(value: str) -> str:
    """CSV quoting for a tab-separated field; also for a field starting with '#'."""
    if any(ch in value for ch in '\t\n\r"') or value.startswith("#"):
        return '"' + value.replace('"', '""') + '"'
    return value


def render(cards: Sequence[Card], deck: str) -> str:
    header = [
        "#separator:tab",
        "#html:true",
        f"#notetype:{MODEL_NAME}",
        f"#deck:{deck}",
        "#columns:" + "\t".join(COLUMNS),
        f"#guid column:{COLUMNS.index('GUID') + 1}",
        f"#tags column:{COLUMNS.index('Tags') + 1}",
        "#if matches:update current",
        "#match scope:notetype",
    ]
    rows = []
    for card in cards:
        values = [card.fields[f] for f in FIELDS] + [note_guid(card.record.uid), " ".join(card.tags)]
        rows.append("\t".join(quote(v) for v in values))
    return "\n".join(header + rows) + "\n"


def write_anki_text(cards: Sequence[Card], path: Path, deck: str) -> Path:
    text = render(cards, deck)
    return write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
