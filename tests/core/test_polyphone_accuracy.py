"""Regression guard for readings of polyphonic characters in running text.

dev.txt was used to write the context rules; test.txt was held out. The
figures are printed by benchmarks/bench_polyphones.py.
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


@pytest.mark.parametrize(("name", "floor"), [("dev", 0.98), ("test", 0.96)])
def test_polyphone_accuracy(language, name: str, floor: float) -> None:
    bench = _bench()
    right, total, _ = bench.evaluate(language, ROOT / "tests" / "data" / "polyphones" / f"{name}.txt")
    assert total > 600
    assert right / total >= floor


def test_marked_sentences_parse() -> None:
    text, gold = _bench().parse("他还[hai2]没还[huan2]钱，绿[lv4]色")
    assert text == "他还没还钱，绿色" and gold == {1: "hai2", 3: "huan2", 6: "lü4"}
