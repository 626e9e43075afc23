"""A 2 MB EPUB book against the same book as a text file, measured in the same run.

The book is the synthetic bilingual book (``synthetic.py``) in both forms:
a ``.md`` file (the baseline) and an EPUB 3 of at least ``--megabytes`` MB,
one chapter per XHTML file, built with the test builders (stdlib zipfile).
Each figure is the median of ``--runs`` runs, text and EPUB alternating:

* in the window (a fresh process per run, the book never opened before: the
  caches of aligned documents and segmentations are emptied, the dictionary
  index is kept): file chosen -> first page painted
  (target: 0.5 s, as for a text book), and -> the whole book aligned and shown;
* in-process import: the preview of the beginning (what the first page waits
  for), and the whole book read and aligned.

Run: ``python benchmarks/bench_epub.py [--runs 5] [--megabytes 2.0]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests" / "formats"))

from builders import Chapter, build_epub
from synthetic import synthetic_book

_HEADING_RE = re.compile(r"(#+) (.*)")


def epub_of(text: str, path: Path) -> Path:
    """The markdown book as an EPUB: a chapter per ``##`` heading, paragraphs as <p>."""
    chapters: list[Chapter] = []
    body: list[str] = []
    for block in (b.strip() for b in text.split("\n\n") if b.strip()):
        heading = _HEADING_RE.match(block)
        if heading and len(heading.group(1)) == 2 and body:
            chapters.append(Chapter(f"c{len(chapters):04d}.xhtml", "\n".join(body), title=f"Chapter {len(chapters) + 1}"))
            body = []
        if heading:
            level = len(heading.group(1))
            body.append(f"<h{level}>{escape(heading.group(2))}</h{level}>")
        else:
            body.append(f"<p>{escape(block)}</p>")
    chapters.append(Chapter(f"c{len(chapters):04d}.xhtml", "\n".join(body), title=f"Chapter {len(chapters) + 1}"))
    return build_epub(path, chapters, title="合成的书")


def books(folder: Path, megabytes: float) -> tuple[Path, Path]:
    """The text book and an EPUB of it of at least ``megabytes`` MB."""
    pairs = 8000
    for _ in range(3):
        text = synthetic_book(pairs)
        epub = epub_of(text, folder / "book.epub")
        size = epub.stat().st_size
        if size >= megabytes * 1e6:
            break
        pairs = int(pairs * megabytes * 1e6 / size * 1.02) + 1
    markdown = folder / "book.md"
    markdown.write_text(text, encoding="utf-8")
    return markdown, epub


def child(book: str) -> None:
    """In a fresh process: open ``book`` in a window; print the seconds to the first paint and to the whole book."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from studyapp.core.language.engine import Language
    from studyapp.core.study.vocabulary import VocabularyStore
    from studyapp.ui.main_window import MainWindow

    app = QApplication([])
    home = Path(os.environ["STUDYAPP_HOME"])
    window = MainWindow(QSettings(str(home / "bench.ini"), QSettings.Format.IniFormat), Language(), VocabularyStore.open(home / "bench.sqlite3"))
    window.resize(1280, 820)
    window.show()
    app.processEvents()
    painted: list[float] = []
    window.reader.painted.connect(lambda: painted.append(time.perf_counter()))
    start = time.perf_counter()
    window.open_path(book)
    while not painted:
        app.processEvents()
    first = painted[0] - start
    while window.reader.document is None or not window.reader.document.complete:
        app.processEvents()
    whole = time.perf_counter() - start
    print(json.dumps({"first": first, "whole": whole, "blocks": len(window.reader.document.blocks)}))
    window.close()


def window_runs(markdown: Path, epub: Path, runs: int) -> dict[str, list[dict]]:
    results: dict[str, list[dict]] = {"text": [], "epub": []}
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, STUDYAPP_HOME=home, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        subprocess.run([sys.executable, __file__, "--child", str(markdown)], env=env, check=True, capture_output=True)  # dictionary, caches
        for _ in range(runs):
            for name, book in (("text", markdown), ("epub", epub)):
                for cached in ("documents.sqlite3", "segments.sqlite3"):  # every run opens the book for the first time
                    for leftover in Path(home, "cache").glob(cached + "*"):
                        leftover.unlink()
                done = subprocess.run([sys.executable, __file__, "--child", str(book)], env=env, check=True, capture_output=True, text=True)
                results[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
    return results


def import_runs(markdown: Path, epub: Path, runs: int) -> dict[str, dict[str, list[float]]]:
    from studyapp.core.text.importers import open_document, open_preview

    out: dict[str, dict[str, list[float]]] = {"text": {"preview": [], "whole": []}, "epub": {"preview": [], "whole": []}}
    for _ in range(runs):
        for name, book in (("text", markdown), ("epub", epub)):
            start = time.perf_counter()
            open_preview(book)
            out[name]["preview"].append(time.perf_counter() - start)
            start = time.perf_counter()
            open_document(book)
            out[name]["whole"].append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--megabytes", type=float, default=2.0)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        markdown, epub = books(Path(tmp), args.megabytes)
        from studyapp.core.text.importers import open_document

        document = open_document(epub)
        print(f"books: {epub.stat().st_size / 1e6:.2f} MB EPUB ({len(document.blocks):,} blocks, {document.chinese_length:,} Chinese characters); "
              f"the same text as {markdown.stat().st_size / 1e6:.2f} MB of markdown")
        imports = import_runs(markdown, epub, args.runs)
        for name in ("text", "epub"):
            figures = imports[name]
            print(f"import {name:>4}: preview median {statistics.median(figures['preview']):.3f} s, "
                  f"whole book median {statistics.median(figures['whole']):.3f} s (n={args.runs})")
        windows = window_runs(markdown, epub, args.runs)
        for name in ("text", "epub"):
            runs = windows[name]
            print(f"window {name:>4}: file chosen -> first page painted median {statistics.median(r['first'] for r in runs):.3f} s "
                  f"(max {max(r['first'] for r in runs):.3f}), whole book shown median {statistics.median(r['whole'] for r in runs):.2f} s")
        print("target: the EPUB's first page within 0.5 s, as the text book's")


if __name__ == "__main__":
    main()
