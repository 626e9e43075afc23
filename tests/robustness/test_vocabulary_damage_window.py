"""A damaged row in the vocabulary table: shown as stored, with a warning, the rest unaffected."""

from __future__ import annotations

from test_vocabulary_damage import spoil_definitions

from studyapp.core.study.vocabulary import VocabularyStore
from studyapp.ui.vocabulary_model import COLUMNS
from studyapp.ui.vocabulary_panel import VocabularyPanel


def test_the_table_shows_a_damaged_row_as_stored_with_a_warning(qtbot, store: VocabularyStore) -> None:
    spoil_definitions(store.path, "银行", "bank; {not json")
    panel = VocabularyPanel(store)
    qtbot.addWidget(panel)
    panel.show()
    model = panel.model
    meanings = {model.index(r, 0).data(): model.index(r, COLUMNS.index("Meaning")).data() for r in range(model.rowCount())}
    assert meanings == {"银行 (銀行)": "bank; {not json", "长 (長)": "to grow"}
    assert panel.warning.isVisible() and "银行" in panel.warning.text()
