"""Desktop figures: cold start to first paint on a real X server, and sizes.

Start-up, all on one Xvfb server with Qt's xcb platform, from starting the
process to its first painted frame (the app's ``--quit-after-paint``, a
``paintEvent`` in the baseline), runs interleaved, medians:

* baseline: a bare PySide6 process showing an empty 1280x820 window;
* studyapp on the sample, a data folder seen before (index and caches there);
* studyapp on the sample, first start ever (no dictionary index yet: it is
  built after the first paint);
* the standalone build, if one exists (``--standalone DIR``; default
  ``build/standalone/dist/studyapp``), first start.

The processes may write Python's bytecode cache, as an installed copy has it
(see bench_reader.py); the first run, which builds the index, writes it.

Sizes: a fresh virtualenv with ``pip install .`` (what a user installs)
against one with PySide6 alone, and the standalone folder.

Run: ``python benchmarks/bench_desktop.py [--runs 7] [--no-sizes]``.
Needs Xvfb and the README's system libraries.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from virtual_screen import VirtualScreen

SAMPLE = ROOT / "resources" / "sample.md"
BARE = (
    "import sys, time\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow, QWidget\n"
    "app = QApplication(sys.argv[:1])\n"
    "class Canvas(QWidget):\n"
    "    painted = False\n"
    "    def paintEvent(self, event):\n"
    "        if not self.painted:\n"
    "            self.painted = True\n"
    "            print(f'first-paint {time.time():.6f}', flush=True)\n"
    "            QTimer.singleShot(0, app.quit)\n"
    "window = QMainWindow(); window.setCentralWidget(Canvas()); window.resize(1280, 820); window.show()\n"
    "app.exec()\n"
)


def first_paint(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting ``command`` to the first-paint line it prints; then it is
    left to quit (studyapp cleans up its lock and socket)."""
    start = time.time()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        for line in process.stdout:
            if line.startswith("first-paint "):
                return float(line.split()[1]) - start
        raise RuntimeError(f"{command[0]} exited with {process.wait()} before painting")
    finally:
        try:
            process.wait(300)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def start_up(runs: int, standalone: Path | None) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {"bare PySide6 window": [], "studyapp, data folder seen before": [],
                                       "studyapp, first start": []}
    app = [sys.executable, "-m", "studyapp", str(SAMPLE), "--quit-after-paint"]
    if standalone is not None:
        results["standalone build, first start"] = []
    with VirtualScreen() as screen, tempfile.TemporaryDirectory(prefix="bench-desktop-") as folder:
        seen = screen.environment()
        seen.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: pip compiles at install, no start compiles
        seen["STUDYAPP_HOME"] = str(Path(folder) / "seen")
        subprocess.run(app, env=seen, check=True, capture_output=True, timeout=600)  # builds the index and caches
        for run in range(runs):
            fresh = dict(seen, STUDYAPP_HOME=str(Path(folder) / f"fresh-{run}"))
            results["bare PySide6 window"].append(first_paint([sys.executable, "-c", BARE], seen))
            results["studyapp, data folder seen before"].append(first_paint(app, seen))
            results["studyapp, first start"].append(first_paint(app, fresh))
            if standalone is not None:
                frozen = dict(fresh, STUDYAPP_HOME=str(Path(folder) / f"frozen-{run}"))
                results["standalone build, first start"].append(first_paint([str(standalone / "studyapp"), "--quit-after-paint"], frozen))
    return results


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def environment_sizes() -> dict[str, int]:
    """Bytes of a fresh venv with studyapp, and of one with PySide6 alone (same PySide6 pin)."""
    sizes = {}
    with tempfile.TemporaryDirectory(prefix="bench-env-") as folder:
        for name, requirement in (("PySide6 alone", None), ("pip install . (studyapp)", str(ROOT))):
            venv = Path(folder) / name.split()[0]
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            if requirement is None:
                from importlib.metadata import version

                requirement = f"PySide6=={version('PySide6')}"
            subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", requirement], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            sizes[name] = folder_size(venv)
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--standalone", type=Path, default=ROOT / "build" / "standalone" / "dist" / "studyapp")
    parser.add_argument("--no-sizes", action="store_true", help="skip building the two virtualenvs")
    args = parser.parse_args()
    standalone = args.standalone if (args.standalone / "studyapp").is_file() else None
    print(f"cold start to first paint, Xvfb + xcb, {args.runs} runs interleaved (median, min-max):")
    results = start_up(args.runs, standalone)
    baseline = statistics.median(results["bare PySide6 window"])
    for name, times in results.items():
        median = statistics.median(times)
        print(f"  {name:36} {median:6.3f} s  ({min(times):.3f}-{max(times):.3f})  {median / baseline:4.1f}x the bare window")
    if not args.no_sizes:
        print("installed size:")
        for name, size in environment_sizes().items():
            print(f"  {'virtualenv, ' + name:36} {size / 1e6:6.0f} MB")
    if standalone is not None:
        print(f"  {'standalone folder':36} {folder_size(standalone) / 1e6:6.0f} MB  ({standalone})")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # this process only grabs nothing; children get xcb
    sys.exit(main())
