"""Word segmentation F1 on a public gold standard, with and without the repair.

The SIGHAN 2005 bakeoff test golds (``pku_test_gold.utf8``,
``msr_test_gold.utf8`` of the icwb2-data release: one sentence per line,
words separated by spaces) are not in this repository; pass their paths.
Each gold sentence, with its spaces removed, is segmented three ways: jieba
alone, studyapp without the repair of non-words, and studyapp as shipped.
Scores are word precision, recall and F1 over exact spans (the bakeoff's
measure), punctuation included. Run:
``python benchmarks/bench_segmentation.py PATH/pku_test_gold.utf8 [PATH/msr_test_gold.utf8]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studyapp.core.language.dictionary import Dictionary
from studyapp.core.language.segment import Segmenter

Spans = set[tuple[int, int]]


def spans(words: list[str]) -> Spans:
    out, start = set(), 0
    for word in words:
        out.add((start, start + len(word)))
        start += len(word)
    return out


def read_gold(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return [line.split() for line in lines if line.strip()]


def f1(gold: list[list[str]], found: list[list[str]]) -> tuple[float, float, float]:
    right = in_gold = in_found = 0
    for g, f in zip(gold, found):
        a, b = spans(g), spans(f)
        right += len(a & b)
        in_gold += len(a)
        in_found += len(b)
    precision, recall = right / in_found, right / in_gold
    return precision, recall, 2 * precision * recall / (precision + recall)


def segment_all(segmenter: Segmenter, texts: list[str]) -> list[list[str]]:
    return [[t.text for t in tokens if t.kind != "space"] for tokens in segmenter.segment_many(texts)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Segmentation F1 on SIGHAN 2005 test golds")
    parser.add_argument("gold", type=Path, nargs="+", help="a *_test_gold.utf8 file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        dictionary = Dictionary.open(Path(tmp))
        for path in args.gold:
            gold = read_gold(path)
            texts = ["".join(words) for words in gold]
            print(f"{path.name}: {len(gold):,} sentences, {sum(map(len, gold)):,} words")
            (Path(tmp) / "jieba").mkdir(exist_ok=True)
            shipped = Segmenter(dictionary, Path(tmp) / "jieba")
            jieba = [list(shipped._tokenizer().cut(text, HMM=True)) for text in texts]
            print("  jieba alone:          P {:.4f}  R {:.4f}  F1 {:.4f}".format(*f1(gold, jieba)))
            for name, repair in (("studyapp, no repair:", False), ("studyapp (shipped):", True)):
                folder = Path(tmp) / name.split()[-1].strip(":()")
                folder.mkdir(exist_ok=True)
                start = time.perf_counter()
                found = segment_all(Segmenter(dictionary, folder, repair=repair), texts)
                seconds = time.perf_counter() - start
                print(f"  {name:21s} P %.4f  R %.4f  F1 %.4f" % f1(gold, found) + f"  ({seconds:.1f} s)")


if __name__ == "__main__":
    main()
