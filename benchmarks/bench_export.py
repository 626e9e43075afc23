"""10,000 words to an Anki package (target under 3 s), with a 100-word baseline in the same run.

Run: ``python benchmarks/bench_export.py``. Prints medians of 3 runs per size.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studyapp.core.study.export.job import ExportRequest, export_words
from studyapp.core.study.vocabulary import Context, VocabularyStore, WordData


def fill(store: VocabularyStore, count: int) -> None:
    for n in range(count):
        store.save(WordData(f"词{n}", f"詞{n}", "ci2 hui4", [f"word number {n}", "another sense"], n % 7 + 1, tags=["bench"]),
                   Context(f"这是第{n}个例句，里面有词{n}。", f"This is example sentence {n}.", "Bench", "/bench.md", n, sentence_pinyin="zhe4 shi4"))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for count in (100, 10_000):
            store = VocabularyStore.open(Path(tmp, f"v{count}.sqlite3"))
            store._db.execute("PRAGMA synchronous = OFF")  # filling only; exports run as usual
            fill(store, count)
            times = []
            for run in range(3):
                start = time.perf_counter()
                result = export_words(store, ExportRequest("apkg", Path(tmp, f"out{count}-{run}.apkg")))
                times.append(time.perf_counter() - start)
            print(f"{result.words:,} words -> .apkg ({result.cards:,} cards): median {statistics.median(times):.2f} s over {len(times)}")
            store.close()


if __name__ == "__main__":
    main()
