"""Hostile input: time to import 1 MB of pathological markup, memory to read a 5 MB paragraph.

* import: a bilingual document holding one 1 MB paragraph of backticks, ``**a ``,
  ``[``, ``![``, ``[a](``, ``_a ``, ``~~a `` or ``<http:a`` (each once took
  minutes), median of 3 imports, and the inline markup of that paragraph
  rendered in one piece (the importer reads it as 1,000-character paragraphs);
  baseline: a 1 MB synthetic bilingual book of ordinary paragraphs, in the same
  run. Target: each under 2 s. Also the sentence ends of one 1 MB English
  paragraph (once quadratic: 62 KB took 3.7 s), against the same text in
  1,000-character pieces.
* ``studyapp annotate --json`` of one 5 MB line, and the window (screenshot
  mode) on a document whose Chinese is one 5 MB paragraph: wall time and peak
  memory (VmHWM of the process); baseline: the same commands on the bundled
  sample. Target: at most 300 MB.

Run: ``python benchmarks/bench_adversarial.py [--megabytes 5] [--skip-window]``
(a few minutes; the dictionary index is built in a temporary folder first).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import synthetic_book

from studyapp.core.text.importers import open_document
from studyapp.core.text.markup import plain_text
from studyapp.core.text.sentences import sentence_spans

PATHOLOGICAL = ("`", "**a ", "[", "![", "[a](", "_a ", "~~a ", "<http:a")
SAMPLE = ROOT / "resources" / "sample.md"
SENTENCES = "杭州是浙江省的省会，有1200多万人口。湖面又宽又平静，四周是绿色的小山。我从上海坐高铁去了杭州！你去过西湖吗？"

#: Runs a studyapp command line and prints its peak memory (kB) last on stderr.
MEASURED = textwrap.dedent(
    """
    import sys
    from studyapp.cli import main
    status = main(sys.argv[1:])
    with open("/proc/self/status") as status_file:
        print(next(line.split()[1] for line in status_file if line.startswith("VmHWM:")), file=sys.stderr)
    sys.exit(status)
    """
)


def median_import(path: Path, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        open_document(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def imports(folder: Path) -> None:
    book = folder / "book.md"
    book.write_text(synthetic_book(2800), encoding="utf-8")
    baseline = median_import(book)
    print(f"import, 1 MB ordinary book ({book.stat().st_size / 1e6:.1f} MB): {baseline:.2f} s  (baseline)")
    for piece in PATHOLOGICAL:
        path = folder / "hostile.md"
        path.write_text("An English paragraph.\n\n" + piece * (1_000_000 // len(piece)) + "\n\n中文段落。\n", encoding="utf-8")
        took = median_import(path)
        start = time.perf_counter()
        plain_text(piece * (1_000_000 // len(piece)))  # the markup alone, on the paragraph in one piece
        alone = time.perf_counter() - start
        print(f"import, 1 MB paragraph of {piece!r:10}: {took:.2f} s  ({took / baseline:.1f}x baseline); its markup alone {alone:.2f} s")
    sentences()


def sentences() -> None:
    """Sentence ends in one 1 MB English paragraph (abbreviations in every sentence),
    against the same text cut into 1,000-character paragraphs first."""
    text = "He said it was fine. Dr. Smith went home at 5 p.m. and slept. " * 16_000
    start = time.perf_counter()
    pieces = [sentence_spans(text[k : k + 1000], "en") for k in range(0, len(text), 1000)]
    baseline = time.perf_counter() - start
    start = time.perf_counter()
    whole = sentence_spans(text, "en")
    took = time.perf_counter() - start
    print(f"sentences of a 1 MB English paragraph: {took:.2f} s, {len(whole):,} sentences  "
          f"(baseline, in 1,000-character pieces: {baseline:.2f} s, {sum(map(len, pieces)):,})")


def measured(home: Path, argv: list[str], stdin: Path | None = None) -> tuple[float, int]:
    """Wall time and peak memory (MB) of ``studyapp ARGV``."""
    env = dict(os.environ, STUDYAPP_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    with open(stdin or os.devnull, "rb") as feed:
        result = subprocess.run([sys.executable, "-c", MEASURED, *argv], stdin=feed, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    took = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"{' '.join(argv)} failed: {result.stderr.decode()[-500:]}")
    return took, int(result.stderr.split()[-1]) // 1024


def long_text(megabytes: int) -> str:
    text = SENTENCES * (megabytes * 1_000_000 // len(SENTENCES.encode()) + 1)
    return text[: megabytes * 1_000_000 // 3]


def memory(folder: Path, megabytes: int, window: bool) -> None:
    home = folder / "home"
    measured(home, ["lookup", "中"])  # builds the dictionary index once
    sample_lines = folder / "sample.txt"
    sample_lines.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    line = folder / "line.txt"
    line.write_text(long_text(megabytes) + "\n", encoding="utf-8")
    took, peak = measured(home, ["annotate", "--json"], sample_lines)
    print(f"annotate --json, the sample: {took:.1f} s, {peak} MB  (baseline)")
    took, peak = measured(home, ["annotate", "--json"], line)
    print(f"annotate --json, one {megabytes} MB line: {took:.1f} s, {peak} MB")
    if not window:
        return
    document = folder / "paragraph.md"
    document.write_text("An English paragraph about the lake and the boats.\n\n" + long_text(megabytes) + "\n", encoding="utf-8")
    took, peak = measured(home, [str(SAMPLE), "--screenshot", str(folder / "sample.png")])
    print(f"window (screenshot), the sample: {took:.1f} s, {peak} MB  (baseline)")
    took, peak = measured(home, [str(document), "--screenshot", str(folder / "paragraph.png")])
    print(f"window (screenshot), a {megabytes} MB paragraph: {took:.1f} s, {peak} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=int, default=5)
    parser.add_argument("--skip-window", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        imports(Path(tmp))
        memory(Path(tmp), args.megabytes, not args.skip_window)


if __name__ == "__main__":
    main()
