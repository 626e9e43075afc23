"""Saved text in the vocabulary table's tooltip is shown as text, never rendered as HTML."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent, Qt, QTextDocument
from PySide6.QtWidgets import QApplication

from studyapp.core.study.vocabulary import Context, VocabularyStore, WordData
from studyapp.ui.vocabulary_panel import VocabularyPanel

SENTENCE = '<h1>银行</h1><img src="/tmp/studyapp-tooltip.png"> 我去<b>银行</b>。'
TRANSLATION = "I go to the <i>bank</i> & back."


def shown_tooltip(qtbot, panel: VocabularyPanel, row: int) -> str:
    """Hover over a row's first cell and read the tooltip as Qt draws it."""
    viewport = panel.table.viewport()
    point = panel.table.visualRect(panel.model.index(row, 0)).center()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point)))
    label = None

    def tooltip_shown() -> bool:
        nonlocal label
        label = next((w for w in QApplication.topLevelWidgets() if w.metaObject().className() == "QTipLabel" and w.isVisible()), None)
        return label is not None

    qtbot.waitUntil(tooltip_shown, timeout=5000)
    source = label.text()
    if not Qt.mightBeRichText(source):
        return source
    document = QTextDocument()
    document.setHtml(source)
    return document.toPlainText()


def test_a_sentence_with_markup_shows_as_written_in_the_tooltip(qtbot, tmp_path: Path) -> None:
    store = VocabularyStore.open(tmp_path / "v.sqlite3")
    store.save(WordData("银行", "銀行", "yin2 hang2", ["bank"]), Context(SENTENCE, TRANSLATION))
    panel = VocabularyPanel(store)
    qtbot.addWidget(panel)
    panel.resize(800, 400)
    panel.show()
    qtbot.waitExposed(panel)
    assert shown_tooltip(qtbot, panel, 0) == f"{SENTENCE}\n{TRANSLATION}"
