"""Benchmarks that write the vocabulary's tables themselves keep up with its schema
(a migration once made `status` a generated column and bench_vocab stopped running)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from studyapp.core.study.vocabulary import VocabularyStore

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def bench(name: str):
    sys.path.insert(0, str(BENCHMARKS))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_bench_vocab_fills_the_current_schema(language, tmp_path: Path) -> None:
    store = VocabularyStore.open(tmp_path / "vocabulary.sqlite3")
    bench("bench_vocab").fill(store, language.dictionary, 50)
    counts = dict(store._db.execute("SELECT status, COUNT(*) FROM word GROUP BY status").fetchall())
    assert sum(counts.values()) == 50 and set(counts) <= {"new", "learning", "known"}
