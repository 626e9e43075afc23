"""Import + align a synthetic book of ~8,000 paragraph pairs (~500k hanzi).

Prints the median wall time and processor time of repeated imports, the peak
memory of the process, and beside them a baseline measured in the same run:
reading the same file and pairing every two blocks (the naive method), which
shows how fast the machine is at the moment (a busy machine slows both).
Run: ``python benchmarks/bench_import.py [--pairs 8000] [--repeat 5]``.
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
from synthetic import synthetic_book

from studyapp.core.text.char_classes import count_han
from studyapp.core.text.importers import open_document
from studyapp.core.text.importers.textfile import read_text


def naive_pairs(path: Path) -> list[tuple[str, str]]:
    """Read the file and pair every two blocks: the baseline."""
    blocks = [b.strip() for b in read_text(path).text.split("\n\n") if b.strip()]
    return list(zip(blocks[::2], blocks[1::2]))


def timed(action, repeat: int) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


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
        document = open_document(path)
        walls, cpus = timed(lambda: open_document(path), args.repeat)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        base_walls, base_cpus = timed(lambda: naive_pairs(path), args.repeat)
    print(f"file: {len(text.encode()) / 1e6:.2f} MB, {count_han(text):,} hanzi, {len(document.blocks):,} blocks")
    print(f"import+align: median {statistics.median(walls):.3f} s wall, {statistics.median(cpus):.3f} s processor "
          f"(wall min {min(walls):.3f}, max {max(walls):.3f}, n={len(walls)})")
    print(f"baseline, read + pair every two blocks: median {statistics.median(base_walls):.3f} s wall, "
          f"{statistics.median(base_cpus):.3f} s processor")
    print(f"peak RSS: {peak:.0f} MB (interpreter + book text before import: {rss_before:.0f} MB)")


if __name__ == "__main__":
    main()
