"""Regression guard for readings of polyphonic characters on our hand-marked sets.

dev.txt helped fit the reading model; test.txt was held out. The figures,
beside pypinyin's and g2pM's, are printed by benchmarks/bench_polyphones.py.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_polyphones", ROOT / "benchmarks" / "bench_polyphones.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("name", "floor"), [("dev", 0.97), ("test", 0.92)])
def test_polyphone_accuracy(language, name: str, floor: float) -> None:
    bench = _bench()
    sentences = bench.own_set(name)
    right, total, _ = bench.score(sentences, bench.ours(language, sentences), strict=False)
    assert total > 700
    assert right / total >= floor


def test_marked_sentences_parse() -> None:
    text, gold = _bench().parse("他还[hai2]没还[huan2]钱，绿[lv4]色")
    assert text == "他还没还钱，绿色" and gold == {1: "hai2", 3: "huan2", 6: "lü4"}
