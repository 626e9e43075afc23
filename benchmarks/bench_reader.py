"""Reader figures, each against a baseline measured in the same run.

* start-up: process start to the first painted page (``--quit-after-paint``)
  for a document seen before, against a bare window (a process that imports
  PySide6, shows an empty QMainWindow and exits); target within 2.5x; the
  same for the ~500,000-character book once it has been opened;
* first open of a new ~3,000-character document: target within the
  baseline + 1.2 s;
* a ~500,000-character book: file chosen -> first page painted (target
  0.5 s), peak RSS of the process (target 300 MB), mean scroll repaint of
  40 px (target 8 ms);
* click -> lookup panel painted, 95th percentile (target 16 ms), idle and
  while the whole book is being segmented (clicks 150 ms apart, so that the
  segmenting, which pauses while a click is answered, goes on between them).

The processes may write Python's bytecode cache (``PYTHONDONTWRITEBYTECODE``
is dropped for them), as an installed copy has it: pip compiles at install
time, so a learner's start never compiles ~400 KB of source; the warm-up runs
write it before anything is timed.

Run: ``python benchmarks/bench_reader.py [--runs 5] [--pinyin all]``. Prints
medians. ``--pinyin all`` (or ``unknown``) measures the book with pinyin over
the characters.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

BARE = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "from PySide6.QtCore import QTimer\n"
    "app = QApplication([]); w = QMainWindow(); w.show(); QTimer.singleShot(0, app.quit); app.exec()\n"
)


def run_timed(args: list[str], env: dict) -> float:
    """Seconds from starting the process to its first painted page (or to its exit)."""
    start = time.time()
    done = subprocess.run(args, env=env, check=True, capture_output=True, text=True)
    end = time.time()
    for line in done.stdout.splitlines():
        if line.startswith("first-paint "):
            return float(line.split()[1]) - start
    return end - start


def new_document(folder: Path, n: int) -> Path:
    """~3,000 hanzi of new text (the sample's paragraphs shuffled and numbered)."""
    from studyapp.core.text.importers import open_document

    blocks = [b for b in open_document(ROOT / "resources" / "sample.md").blocks if b.english and b.chinese]
    rng = random.Random(n)
    parts = []
    for k in range(2):
        for b in rng.sample(blocks, len(blocks)):
            parts += [f"{b.english.text} ({n}-{k})", f"{b.chinese.text}（{n}-{k}）"]
    path = folder / f"new-{n}.md"
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return path


def in_process_book(book: Path, pinyin: str = "off") -> None:
    """Runs in a child process: open the book in a window, scroll, click words."""
    import resource

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from studyapp.core.language.engine import Language
    from studyapp.core.reading.annotation import WordRef
    from studyapp.core.study.vocabulary import VocabularyStore
    from studyapp.ui.app import sample_path
    from studyapp.ui.background import prefer_gui_thread
    from studyapp.ui.main_window import MainWindow

    app = QApplication([])
    prefer_gui_thread()  # as the app does at start-up
    home = Path(os.environ["STUDYAPP_HOME"])
    window = MainWindow(QSettings(str(home / "bench.ini"), QSettings.Format.IniFormat), Language(), VocabularyStore.open(home / "bench.sqlite3"))
    window.resize(1280, 820)
    window.reader.set_options(ruby=pinyin)
    window.show()
    app.processEvents()
    painted = []
    window.reader.painted.connect(lambda: painted.append(time.perf_counter()))
    start = time.perf_counter()
    window.open_path(book)
    while not painted:
        app.processEvents()
    print(f"book: file chosen -> first page painted {painted[0] - start:.3f} s")
    while window.reader.document is None or not window.reader.document.complete:
        app.processEvents()
    print(f"book: whole book aligned and shown after {time.perf_counter() - start:.2f} s ({len(window.reader.document.blocks):,} blocks)")
    deadline = time.time() + 30
    while not window.session.annotation(window.reader.first_visible_block() + 1) and time.time() < deadline:
        app.processEvents()
    bar = window.reader.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    window.reader.viewport().repaint()
    repaints = []
    for _ in range(150):
        bar.setValue(bar.value() + 40)
        begin = time.perf_counter()
        window.reader.viewport().repaint()
        repaints.append(time.perf_counter() - begin)
    print(f"book: 40 px scroll repaint mean {statistics.mean(repaints) * 1000:.1f} ms, median {statistics.median(repaints) * 1000:.1f} ms, max {max(repaints) * 1000:.1f} ms")
    while not all(window.session.annotation(i) for i in window.reader.visible_blocks()) and time.time() < deadline + 30:
        app.processEvents()

    def click_series(label: str, pause: float = 0.0) -> None:
        refs = []
        for index in window.reader.visible_blocks():
            annotation = window.session.annotation(index)
            if annotation:
                refs += [WordRef(index, k) for k, t in enumerate(annotation.tokens) if t.is_chinese]
        clicks = []
        import cProfile
        profile = cProfile.Profile() if os.environ.get("BENCH_PROFILE") == label[:4] else None
        if profile:
            profile.enable()
        for ref in random.Random(1).sample(refs, min(100, len(refs))):
            rect = window.reader.word_rect(ref)
            if rect is None or rect.top() < 0 or rect.bottom() > window.reader.viewport().height():
                continue
            begin = time.perf_counter()
            QTest.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
            app.processEvents()  # the panel's and the two words' repaints
            clicks.append(time.perf_counter() - begin)
            while time.perf_counter() - begin < pause:
                app.processEvents()
        if profile:
            import pstats
            profile.disable()
            pstats.Stats(profile).sort_stats("tottime").print_stats(14)
        clicks.sort()
        print(f"click -> lookup panel painted ({label}): median {statistics.median(clicks) * 1000:.1f} ms, "
              f"p95 {clicks[int(len(clicks) * 0.95) - 1] * 1000:.1f} ms over {len(clicks)} clicks")

    print(f"book: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (the book open, its page read)")
    far = [k for k in window.session.chinese_blocks() if not window.session.annotation(k)][:3000]
    window.annotator.request(far)  # work for the whole series, as a find by pinyin may ask
    before = len(window.session.annotations)
    click_series("while the book is segmented in the background", pause=0.15)
    print(f"book: {len(window.session.annotations) - before:,} paragraphs segmented and read during those clicks")
    window.annotator.start(window.session.document, window.reader.first_visible_block())  # back to the page's window only
    start = time.perf_counter()
    while window.annotator.busy and time.perf_counter() - start < 300:
        app.processEvents()
    print(f"book: the {len(window.annotator.done):,} paragraphs around the page segmented and read {time.perf_counter() - start:.1f} s later")
    click_series("idle")
    print(f"book: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (and {len(window.session.annotations):,} paragraphs read)")
    start = time.perf_counter()
    window.open_path(sample_path())
    window.open_path(book)
    while window.reader.document is None or window.reader.document.path != str(book) or not window.reader.document.complete:
        app.processEvents()
    print(f"book seen before: file chosen -> whole book shown {time.perf_counter() - start:.3f} s (the sample opened first)")
    window.stop_work()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pinyin", choices=("off", "all", "unknown"), default="off", help="pinyin over the characters of the book")
    parser.add_argument("--child-book", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_book:
        return in_process_book(Path(args.child_book), args.pinyin)
    from synthetic import synthetic_book

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STUDYAPP_HOME=str(folder / "home"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode compiled once, not at every start
        sample = str(ROOT / "resources" / "sample.md")
        app = [sys.executable, "-m", "studyapp"]
        run_timed(app + [sample, "--quit-after-paint"], env)  # builds the index
        run_timed(app + [sample, "--screenshot", str(folder / "warm.png")], env)  # caches the sample's words
        bare, reopen, fresh = [], [], []
        for n in range(args.runs):
            bare.append(run_timed([sys.executable, "-c", BARE], env))
            reopen.append(run_timed(app + [sample, "--quit-after-paint"], env))
            fresh.append(run_timed(app + [str(new_document(folder, n)), "--quit-after-paint"], env))
        b, r, f = (statistics.median(x) for x in (bare, reopen, fresh))
        print(f"baseline bare window: median {b:.3f} s over {args.runs}")
        print(f"reopen a document seen before -> first page: median {r:.3f} s = {r / b:.2f}x baseline (target 2.5x)")
        print(f"first open of a new 3,000-hanzi document -> first page: median {f:.3f} s = baseline + {f - b:.2f} s (target + 1.2 s)")
        book = folder / "book.md"
        book.write_text(synthetic_book(8000), encoding="utf-8")
        subprocess.run([sys.executable, __file__, "--child-book", str(book), "--pinyin", args.pinyin], env=env, check=True)
        bare, reopen_book = [], []
        for _ in range(args.runs):
            bare.append(run_timed([sys.executable, "-c", BARE], env))
            reopen_book.append(run_timed(app + [str(book), "--quit-after-paint"], env))
        b, r = statistics.median(bare), statistics.median(reopen_book)
        print(f"reopen the book seen before -> first page: median {r:.3f} s = {r / b:.2f}x baseline {b:.3f} s (target 2.5x)")


if __name__ == "__main__":
    main()
