"""What a saved word holds never breaks out of its field: Anki's field separator,
newlines in deck names, spreadsheet formulas."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from anki.collection import Collection
from anki_packages import import_apkg

from studyapp.core.study.export import ExportError
from studyapp.core.study.export.job import ExportRequest, export_words
from studyapp.core.study.vocabulary import Context, VocabularyStore, WordData


def test_anki_field_separators_in_saved_text_do_not_break_the_package(store: VocabularyStore, tmp_path: Path) -> None:
    store.save(WordData("学习", "學習", "xue2 xi2", ["to\x1fstudy", "to\x00learn"], note="a\x1fb"),
               Context("我们\x1f学习中文。", "We\x1f study\x07 Chinese.\x1e"))
    out = tmp_path / "words.apkg"
    export_words(store, ExportRequest("apkg", out))
    col = Collection(str(tmp_path / "c.anki2"))
    try:
        assert len(import_apkg(col, out).new) == 3
        note = col.get_note(col.find_notes("Hanzi:学习")[0])
        assert note["Meaning"] == "to study<br>to learn"
        assert "学习" in note["Sentence"] and note["Translation"] == "We study Chinese."
        assert not any(ch < " " for field in note.fields for ch in field if ch != "\n")
    finally:
        col.close()


@pytest.mark.parametrize("format_", ["apkg", "anki-txt", "pleco", "csv"])
@pytest.mark.parametrize("deck", ["Chinese\n#separator:comma\n#notetype:Basic", "Chinese\rReading", "Chinese\x1fReading", "Chinese::\tReading"])
def test_a_deck_name_must_be_one_line_without_control_characters(store: VocabularyStore, tmp_path: Path, format_: str, deck: str) -> None:
    out = tmp_path / f"words.{format_}"
    with pytest.raises(ExportError, match="deck") as caught:
        export_words(store, ExportRequest(format_, out, deck=deck))
    assert "\n" not in str(caught.value) and not out.exists()


@pytest.mark.parametrize("formula", ["=HYPERLINK(\"http://example.com\",\"click\")", "+1+2", "-2+3", "@SUM(A1)", "\t=1"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(store: VocabularyStore, tmp_path: Path, formula: str) -> None:
    store.save(WordData("公式", "公式", "gong1 shi4", [formula], note=formula), Context("公式在这里。", formula))
    out = tmp_path / "words.csv"
    export_words(store, ExportRequest("csv", out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    row = next(r for r in rows if r["simplified"] == "公式")
    for column in ("meaning", "note", "translation"):
        assert row[column] == "'" + formula
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r.values())
