"""Regression guard for readings of polyphonic characters on our hand-marked sets.

dev.txt helped fit the reading model; test.txt was held out. The figures,
beside pypinyin's and g2pM's, are printed by benchmarks/bench_polyphones.py.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_polyphones", ROOT / "benchmarks" / "bench_polyphones.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("name", "floor"), [("dev", 0.99), ("test", 0.965)])
def test_polyphone_accuracy(language, name: str, floor: float) -> None:
    bench = _bench()
    sentences = bench.own_set(name)
    right, total, _ = bench.score(sentences, bench.ours(language, sentences), strict=False)
    assert total > 700
    assert right / total >= floor


def test_marked_sentences_parse() -> None:
    text, gold = _bench().parse("他还[hai2]没还[huan2]钱，绿[lv4]色")
    assert text == "他还没还钱，绿色" and gold == {1: "hai2", 3: "huan2", 6: "lü4"}


def _transcripts():
    sys.path.insert(0, str(ROOT / "tools"))
    import speech_transcripts

    return speech_transcripts


def test_an_erhua_syllable_covers_its_er() -> None:
    found = _transcripts().parse_transcript("000029", "遛弯儿#2都得#2躲远点#4。", "liu4 wanr1 dou1 dei3 duo2 yuan2 dian3")
    assert found.text == "遛弯儿都得躲远点。"
    assert found.syllables == {0: "liu4", 1: "wan1", 3: "dou1", 4: "dei3", 5: "duo2", 6: "yuan2", 7: "dian3"}


def test_a_transcript_that_does_not_line_up_is_left_out() -> None:
    assert _transcripts().parse_transcript("000001", "卡尔普#2陪外孙#4。", "ka2 er2 pu3 pei2 wai4") is None


def test_every_fifth_transcript_is_held_out() -> None:
    parse = _transcripts().parse_transcript
    numbers = [f"{n:06d}" for n in range(1, 11)]
    held = [n for n in numbers if _transcripts().is_heldout(parse(n, "好", "hao3"))]
    assert held == ["000005", "000010"]


def test_spoken_text_is_scored_on_segmentals() -> None:
    bench = _bench()
    gold = [("你好好说", {0: "ni2", 1: "hao2", 2: "hao3", 3: "shuo1"})]
    chosen = [{0: "ni3", 1: "hao3", 2: "hao3", 3: "shuo1"}]
    assert bench.score(gold, chosen, segmental=True)[:2] == (4, 4)
    assert bench.score(gold, chosen, strict=True, segmental=True)[:2] == (2, 4)
