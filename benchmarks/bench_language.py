"""Language engine figures: index build, index open, exact lookup, annotate.

Run: ``python benchmarks/bench_language.py [--compare NAME=DIR ...]``. Prints
medians. Targets: first index build under 3 s, opening under 20 ms, exact
lookup under 50 µs, and annotate with the segmentation (and readings) cached
at least 100,000 Chinese characters/s. New text — a page the cache has not
seen, jieba already loaded — is measured page by page (median of five pages
of the sample, ~1,500 characters each) and, with ``--compare``, beside another
studyapp source tree annotating the same pages in a child process (e.g. the
rules before the reading model: ``git archive 56cc768 | tar -x -C DIR``).
The baseline line is an empty-loop figure measured in the same run, to judge
this machine's speed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from other_tree import parse_trees, run_in_tree

from studyapp.core.language.dictionary import Dictionary
from studyapp.core.language.engine import Language
from studyapp.core.text.char_classes import count_han
from studyapp.core.text.importers import open_document

PAGES = 5


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def lines_of_text(copies: int, first: int = 0) -> list[str]:
    document = open_document(ROOT / "resources" / "sample.md")
    paragraphs = [b.chinese.text for b in document.blocks if b.chinese]
    # Numbered copies so that every line is new text for the cache.
    return [f"{p}（{n}）" for n in range(first, first + copies) for p in paragraphs]


def annotate_rates(language: Callable[[], Language], lines: list[str], pages: list[list[str]]) -> dict[str, float]:
    """Hanzi/s: cold, warm (a new engine on the same caches, median of 3), new pages (median)."""
    chars = sum(count_han(line) for line in lines)
    engine = language()
    cold = timed(lambda: engine.annotate(lines), 1)[0]
    warm = statistics.median(timed(lambda: language().annotate(lines), 3))
    fresh = [sum(count_han(line) for line in page) / timed(lambda page=page: engine.annotate(page), 1)[0] for page in pages]
    return {"cold": chars / cold, "warm": chars / warm, "new": statistics.median(fresh)}


#: The same measurement in another studyapp source tree.
_RATES = """
import json, statistics, tempfile, time
from studyapp.core.language.engine import Language
from studyapp.core.text.char_classes import count_han
lines, pages = json.load(sys.stdin)
def seconds(fn):
    start = time.perf_counter(); fn(); return time.perf_counter() - start
with tempfile.TemporaryDirectory() as tmp:
    chars = sum(count_han(line) for line in lines)
    engine = Language(Path(tmp))
    cold = seconds(lambda: engine.annotate(lines))
    warm = statistics.median(seconds(lambda: Language(Path(tmp)).annotate(lines)) for _ in range(3))
    fresh = [sum(count_han(line) for line in page) / seconds(lambda: engine.annotate(page)) for page in pages]
json.dump({"cold": chars / cold, "warm": chars / warm, "new": statistics.median(fresh)}, sys.stdout)
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Language engine figures")
    parser.add_argument("--compare", action="append", default=[], metavar="NAME=DIR", help="another studyapp source tree to measure")
    args = parser.parse_args(argv)
    trees = parse_trees(args.compare)
    baseline = statistics.median(timed(lambda: sum(range(1_000_000)), 5))
    print(f"baseline: sum(range(1e6)) median {baseline * 1000:.1f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        builds = []
        for n in range(3):
            cache = Path(tmp, f"c{n}")
            builds += timed(lambda cache=cache: Dictionary.open(cache).close(), 1)
        print(f"index build (first use): median {statistics.median(builds):.2f} s over {len(builds)}")
        cache = Path(tmp, "c0")
        opens = timed(lambda: Dictionary.open(cache).close(), 21)
        print(f"index open: median {statistics.median(opens) * 1000:.1f} ms")
        dictionary = Dictionary.open(cache)
        words = ["银行", "长", "了", "中华人民共和国", "喋喋不休", "銀行", "不存在的词"] * 300
        per = timed(lambda: [dictionary.lookup(w) for w in words], 5)
        print(f"exact lookup: median {statistics.median(per) / len(words) * 1e6:.1f} µs")

        lines = lines_of_text(40)
        pages = [lines_of_text(1, 100 + n) for n in range(PAGES)]
        print(f"annotate {len(lines):,} lines, {sum(count_han(line) for line in lines):,} hanzi; new text: {PAGES} pages of ~{sum(count_han(line) for line in pages[0]):,} hanzi")
        rates = {"this tree": annotate_rates(lambda: Language(cache), lines, pages)}
    for name, root in trees:
        rates[name] = run_in_tree(root, _RATES, [lines, pages])
    for name, found in rates.items():
        print(f"  {name:10s} cold (jieba start-up, nothing cached) {found['cold']:,.0f} hanzi/s; "
              f"warm caches (segmentation cached) median {found['warm']:,.0f} hanzi/s; new text median {found['new']:,.0f} hanzi/s")


if __name__ == "__main__":
    main()
