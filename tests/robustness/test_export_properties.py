"""Export: every field of any saved word arrives in Anki as the learner wrote it (HTML-escaped,
control characters as spaces), through the real Anki import of both the .apkg and the text file;
CSV and Pleco files parse back to the same text."""

from __future__ import annotations

import csv
import html
import io
import time
import unicodedata

import pytest
from anki.collection import Collection
from anki_packages import import_apkg, import_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.core.study.export import clean_text
from studyapp.core.study.export.job import ExportRequest, export_words
from studyapp.core.study.export.pleco import PLECO_NEWLINE
from studyapp.core.study.vocabulary import Context, VocabularyStore, WordData

SPECIAL = ["<b>", "&amp;", '"', "'", "#", "\t", "\n", "\x1f", "\x00", "\x7f", "\u0085", "::", "{{Hanzi}}", "[sound:x.mp3]", "<img src=x>", " ", "；"]
TEXT = st.lists(st.sampled_from(SPECIAL) | st.text(st.characters(blacklist_categories=("Cs",)), max_size=5), min_size=1, max_size=6).map("".join)
WORD = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=4)


@st.composite
def saved_words(draw) -> list[tuple[WordData, Context]]:
    words = draw(st.lists(WORD, min_size=1, max_size=4, unique=True))
    out = []
    for n, word in enumerate(words):
        data = WordData(word, draw(WORD), "ni3 hao3", draw(st.lists(TEXT, min_size=1, max_size=3)), note=draw(TEXT), tags=[f"t{n}"])
        out.append((data, Context(draw(TEXT) + word + draw(TEXT), draw(TEXT), document_title=draw(TEXT))))
    return out


def shown(text: str) -> str:
    """A text as the note holds it: cleaned, escaped, NFC (Anki normalises what it imports)."""
    return unicodedata.normalize("NFC", html.escape(clean_text(text)))


def check_notes(col: Collection, saved: list[tuple[WordData, Context]]) -> None:
    notes = {col.get_note(nid)["Hanzi"]: col.get_note(nid) for nid in col.find_notes("")}
    assert len(notes) == len(saved)
    for data, context in saved:
        note = notes[shown(data.simplified)]
        assert note["Meaning"] == "<br>".join(shown(d) for d in data.definitions)
        assert note["Notes"] == shown(data.note).replace("\n", "<br>")
        assert note["Translation"] == shown(context.translation)
        assert note["Source"] == shown(context.document_title).strip() or note["Source"] == shown(context.document_title)
        assert html.unescape(note["Sentence"].replace('<b class="hl">', "").replace("</b>", "")) == unicodedata.normalize("NFC", clean_text(context.sentence))


@pytest.fixture
def tmp(tmp_path_factory: pytest.TempPathFactory):
    return lambda: tmp_path_factory.mktemp("export")


@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(saved_words())
def test_every_field_arrives_in_anki_from_the_package_and_the_text_file(tmp, saved) -> None:
    folder = tmp()
    store = VocabularyStore.open(folder / "v.sqlite3")
    for data, context in saved:
        store.save(data, context)
    export_words(store, ExportRequest("apkg", folder / "words.apkg", deck="Deck", timestamp=time.time() - 600))
    export_words(store, ExportRequest("anki-txt", folder / "words.txt", deck="Deck"))
    col = Collection(str(folder / "c.anki2"))
    try:
        import_apkg(col, folder / "words.apkg")
        check_notes(col, saved)
        log = import_text(col, folder / "words.txt")
        assert len(log.new) == 0 and len(log.conflicting) == 0  # matched by GUID, nothing new
        check_notes(col, saved)
    finally:
        col.close()
        store.close()


@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(saved_words())
def test_csv_and_pleco_files_parse_back(tmp, saved) -> None:
    folder = tmp()
    store = VocabularyStore.open(folder / "v.sqlite3")
    for data, context in saved:
        store.save(data, context)
    export_words(store, ExportRequest("csv", folder / "words.csv"))
    export_words(store, ExportRequest("pleco", folder / "words.txt", deck="Deck"))
    store.close()
    rows = {r["simplified"]: r for r in csv.DictReader(io.StringIO((folder / "words.csv").read_text(encoding="utf-8"), newline=""))}
    pleco = [line.split("\t") for line in (folder / "words.txt").read_text(encoding="utf-8").split("\n")[1:] if line]
    assert len(rows) == len(pleco) == len(saved) and all(len(fields) == 3 for fields in pleco)
    for data, context in saved:
        row = rows[clean_text(data.simplified)]
        assert row["note"] == csv_cell(data.note)
        assert row["sentence"] == csv_cell(context.sentence)
        assert row["translation"] == csv_cell(context.translation)
        assert row["meaning"] == csv_cell("; ".join(clean_text(d) for d in data.definitions))
        line = next(fields for fields in pleco if fields[0] == clean_text(data.simplified) or fields[0].startswith(clean_text(data.simplified) + "["))
        assert line[2].split(PLECO_NEWLINE)[0] == " ".join("; ".join(clean_text(d) for d in data.definitions).split())


def csv_cell(text: str) -> str:
    """A cell as the CSV holds it: cleaned, and with an apostrophe before what a spreadsheet would run."""
    cell = clean_text(text)
    return "'" + cell if cell.startswith(("=", "+", "-", "@", "\t", "\r")) else cell
