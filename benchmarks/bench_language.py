"""Language engine figures: index build, index open, exact lookup, annotate.

Run: ``python benchmarks/bench_language.py``. Prints medians. Targets: first
index build under 3 s, opening under 20 ms, exact lookup under 50 µs, and
annotate on warm caches at least 100,000 Chinese characters/s. The baseline
line is an empty-loop figure measured in the same run, to judge this
machine's speed.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studyapp.core.language.dictionary import Dictionary  # noqa: E402
from studyapp.core.text.importers import open_document  # noqa: E402
from studyapp.core.language.engine import Language  # noqa: E402
from studyapp.core.text.char_classes import count_han  # noqa: E402


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def lines_of_text(copies: int) -> list[str]:
    document = open_document(ROOT / "resources" / "sample.md")
    paragraphs = [b.chinese.text for b in document.blocks if b.chinese]
    # Numbered copies so that every line is new text for the cache.
    return [f"{p}（{n}）" for n in range(copies) for p in paragraphs]


def main() -> None:
    baseline = statistics.median(timed(lambda: sum(range(1_000_000)), 5))
    print(f"baseline: sum(range(1e6)) median {baseline * 1000:.1f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        builds = []
        for n in range(3):
            cache = Path(tmp, f"c{n}")
            builds += timed(lambda: Dictionary.open(cache).close(), 1)
        print(f"index build (first use): median {statistics.median(builds):.2f} s over {len(builds)}")
        cache = Path(tmp, "c0")
        opens = timed(lambda: Dictionary.open(cache).close(), 21)
        print(f"index open: median {statistics.median(opens) * 1000:.1f} ms")
        dictionary = Dictionary.open(cache)
        words = ["银行", "长", "了", "中华人民共和国", "喋喋不休", "銀行", "不存在的词"] * 300
        per = timed(lambda: [dictionary.lookup(w) for w in words], 5)
        print(f"exact lookup: median {statistics.median(per) / len(words) * 1e6:.1f} µs")

        language = Language(cache)
        lines = lines_of_text(40)
        chars = sum(count_han(line) for line in lines)
        cold = timed(lambda: language.annotate(lines), 1)[0]
        warm = timed(lambda: Language(cache).annotate(lines), 3)
        jieba_only = lines_of_text(41)[-len(lines) // 40 :]
        print(f"annotate {len(lines):,} lines, {chars:,} hanzi")
        print(f"  cold (jieba start-up, nothing cached): {chars / cold:,.0f} hanzi/s ({cold:.2f} s)")
        print(f"  warm caches (segmentation cached): median {chars / statistics.median(warm):,.0f} hanzi/s")
        fresh_chars = sum(count_han(line) for line in jieba_only)
        fresh = timed(lambda: language.annotate(jieba_only), 1)[0]
        print(f"  jieba warm, new text: {fresh_chars / fresh:,.0f} hanzi/s")


if __name__ == "__main__":
    main()
