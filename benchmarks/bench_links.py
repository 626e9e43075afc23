"""Precision and recall of word links on the hand-made gold set.

``tests/data/links/gold.jsonl``: sentence pairs with, for each clear Chinese
word, the English word(s) that translate it (or none). A predicted link is
right when its English words are a non-empty subset of the gold ones; links
predicted for words the gold set does not cover are not counted, links for
words the gold set marks as untranslated are wrong. The baseline links every
Chinese word to the English word at the same relative position.
Run: ``python benchmarks/bench_links.py [-v]``. Target: precision >= 0.95 at recall >= 0.68.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studyapp.core.language.engine import Language
from studyapp.core.links.english_lemmas import words
from studyapp.core.links.word_links import WordLinker

GOLD = ROOT / "tests" / "data" / "links" / "gold.jsonl"


def gold_spans(item: dict) -> list[tuple[tuple[int, int], set[str]]]:
    out = []
    for link in item["links"]:
        start = -1
        for _ in range(link.get("nth", 1)):
            start = item["zh"].find(link["zh"], start + 1)
        if start >= 0:
            out.append(((start, start + len(link["zh"])), set(link["en"])))
    return out


def score(predicted: dict[tuple[int, int], set[str]], gold: list[tuple[tuple[int, int], set[str]]], counts: dict) -> None:
    for (start, end), want in gold:
        got = [words_ for (a, b), words_ in predicted.items() if a < end and start < b]
        if want:
            counts["gold"] += 1
        for words_ in got:
            counts["predicted"] += 1
            if want and words_ and words_ <= want:
                counts["right"] += 1
                counts["recalled"] += 1 if want else 0


def evaluate(linker: WordLinker, items: list[dict], verbose: bool = False) -> dict:
    counts: dict = defaultdict(int)
    results = linker.language.read_many([item["zh"] for item in items])
    for item, (tokens, readings) in zip(items, results):
        links = linker.link_tokens(tokens, readings, 0, item["en"])
        predicted = {link.zh: {item["en"][a:b] for a, b in link.en} for link in links}
        before = dict(counts)
        score(predicted, gold_spans(item), counts)
        if verbose and counts["predicted"] - before.get("predicted", 0) != counts["right"] - before.get("right", 0):
            print("  ", item["zh"], "|", item["en"], "|", {item["zh"][a:b]: w for (a, b), w in predicted.items()})
    return counts


def baseline(items: list[dict], language: Language) -> dict:
    counts: dict = defaultdict(int)
    for item, tokens in zip(items, language.segment_many([item["zh"] for item in items])):
        en = words(item["en"])
        predicted = {}
        for token in tokens:
            if token.is_chinese and en:
                position = int(token.start / max(1, len(item["zh"])) * len(en))
                predicted[(token.start, token.end)] = {en[min(position, len(en) - 1)][0]}
        score(predicted, gold_spans(item), counts)
    return counts


def report(name: str, counts: dict) -> str:
    precision = counts["right"] / counts["predicted"] if counts["predicted"] else 0.0
    recall = counts["right"] / counts["gold"] if counts["gold"] else 0.0
    return f"{name}: precision {precision:.3f} ({counts['right']}/{counts['predicted']}), recall {recall:.3f} ({counts['right']}/{counts['gold']})"


def main() -> None:
    items = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    language = Language()
    linker = WordLinker(language)
    print(f"{len(items)} sentence pairs, {sum(len(i['links']) for i in items)} gold links")
    print(report("studyapp", evaluate(linker, items, "-v" in sys.argv)))
    print(report("baseline (same relative position)", baseline(items, language)))


if __name__ == "__main__":
    main()
