"""Import + align a synthetic book of ~8,000 paragraph pairs (~500k hanzi).

Prints the median wall time of repeated imports and the peak memory of the
process. Run: ``python benchmarks/bench_import.py [--pairs 8000] [--repeat 5]``.
Targets: under 1 s and under 150 MB.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import synthetic_book  # noqa: E402

from studyapp.core.text.importers import open_document  # noqa: E402
from studyapp.core.text.char_classes import count_han  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=8000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    text = synthetic_book(args.pairs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "book.md")
        path.write_text(text, encoding="utf-8")
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            document = open_document(path)
            times.append(time.perf_counter() - start)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"file: {len(text.encode()) / 1e6:.2f} MB, {count_han(text):,} hanzi, {len(document.blocks):,} blocks")
    print(f"import+align: median {statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f}, n={len(times)})")
    print(f"peak RSS: {peak:.0f} MB (interpreter + book text before import: {rss_before:.0f} MB)")


if __name__ == "__main__":
    main()
