"""The export dialog: counts, preview of the first card, export, and a clear error."""

from __future__ import annotations

from pathlib import Path

from anki.collection import Collection
from anki_packages import import_apkg
from PySide6.QtCore import QSettings, Qt

from studyapp.core.study.vocabulary import Context, VocabularyStore, WordData
from studyapp.ui.export_dialog import ExportDialog


def make(qtbot, tmp_path: Path, selected=None) -> tuple[ExportDialog, VocabularyStore]:
    store = VocabularyStore.open(tmp_path / "v.sqlite3")
    store.save(WordData("银行", "銀行", "yin2 hang2", ["bank"], 3), Context("我去<b>银行</b>。", "I go to the bank."))
    store.save(WordData("长", "長", "zhang3", ["to grow"], 2, status="known"))
    dialog = ExportDialog(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), selected)
    qtbot.addWidget(dialog)
    return dialog, store


def test_preview_shows_the_first_card_with_text_escaped(qtbot, tmp_path: Path) -> None:
    dialog, _ = make(qtbot, tmp_path)
    assert dialog.count_label.text() == "2 words will be exported"
    text = dialog.preview.toPlainText()
    assert "银行" in text and "bank" in text and "I go to the bank." in text
    assert "<b>" in text  # the sentence's own markup is shown as text, not applied
    dialog.status.setCurrentText("known")
    assert dialog.count_label.text() == "1 word will be exported"


def test_export_writes_the_file(qtbot, tmp_path: Path) -> None:
    dialog, store = make(qtbot, tmp_path)
    dialog.output.setText(str(tmp_path / "out.apkg"))
    with qtbot.waitSignal(dialog.exported, timeout=30000) as signal:
        dialog.start_export()
    assert signal.args[0].words == 2 and (tmp_path / "out.apkg").stat().st_size > 1000
    assert all(r.exported for r in store.words())


def test_unwritable_path_shows_an_error(qtbot, tmp_path: Path) -> None:
    dialog, _ = make(qtbot, tmp_path)
    dialog.output.setText(str(tmp_path / "missing-folder" / "out.apkg"))
    dialog.start_export()
    qtbot.waitUntil(lambda: bool(dialog.error_label.text()), timeout=30000)
    assert "does not exist" in dialog.error_label.text()
    assert not (tmp_path / "missing-folder").exists()


def test_selected_rows_only(qtbot, tmp_path: Path) -> None:
    dialog, _ = make(qtbot, tmp_path, selected=[1])
    assert dialog.scope.currentData() == "selected"
    assert dialog.count_label.text() == "1 word will be exported"


def test_the_export_worker_does_not_use_the_window_s_connection(qtbot, tmp_path: Path) -> None:
    import threading

    dialog, store = make(qtbot, tmp_path)
    used_from: set[str] = set()
    store._db.set_trace_callback(lambda statement: used_from.add(threading.current_thread().name))
    dialog.output.setText(str(tmp_path / "out.csv"))
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        dialog.start_export()
    store._db.set_trace_callback(None)
    assert used_from <= {threading.main_thread().name}
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").count("\n") == 3


def test_clicking_export_makes_a_package_anki_imports_as_chosen(qtbot, tmp_path: Path) -> None:
    dialog, store = make(qtbot, tmp_path)
    dialog.output.setText(str(tmp_path / "chosen.apkg"))
    dialog.deck.setText("Chinese::From the dialog")
    dialog.card_boxes["recall"].setChecked(False)
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    collection = Collection(str(tmp_path / "c.anki2"))
    try:
        import_apkg(collection, tmp_path / "chosen.apkg")
        hanzi = {collection.get_note(nid)["Hanzi"] for nid in collection.find_notes("")}
        decks = [d.name for d in collection.decks.all_names_and_ids()]
        assert hanzi == {"银行", "长"} and "Chinese::From the dialog" in decks
        assert collection.card_count() == 3  # recognition for both, a sentence card for 银行 alone; no recall cards
    finally:
        collection.close()
    assert dialog.result() == dialog.DialogCode.Accepted and all(r.exported for r in store.words())


def test_typing_a_filter_counts_the_words_once_it_pauses(qtbot, tmp_path: Path) -> None:
    dialog, store = make(qtbot, tmp_path)
    statements: list[str] = []
    store._db.set_trace_callback(statements.append)
    dialog.refresh()
    one_count = len(statements)
    statements.clear()
    qtbot.keyClicks(dialog.document, "no such book")
    typed = len(statements)
    qtbot.waitUntil(lambda: dialog.count_label.text() == "0 words will be exported", timeout=5000)
    store._db.set_trace_callback(None)
    assert one_count > 0 and typed == 0  # no query while the keys come
    assert 0 < len(statements) <= one_count  # one count for the twelve keystrokes
    dialog.document.clear()
    qtbot.waitUntil(lambda: dialog.count_label.text() == "2 words will be exported", timeout=5000)
