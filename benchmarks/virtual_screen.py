"""A real X server in memory (Xvfb) and what a screen grab of it shows.

Shared by the xcb smoke test (tests/ui/test_xcb_window.py), the standalone
build's smoke test (packaging/build_standalone.py) and the start-up benchmark
(benchmarks/bench_desktop.py)::

    with VirtualScreen() as screen:            # Xvfb on a free display, black root
        env = screen.environment()             # DISPLAY=:N, QT_QPA_PLATFORM=xcb
        ... start studyapp with env ...
        image = screen.grab(out_png)           # the X server's pixels, grabbed over xcb
        assert read_screen(image).shows_document

``read_screen`` counts lines of text in the two columns of the reader
(English left, Chinese right) of the window found on the screen. Example: the
bundled sample in a fresh 1280x820 window shows about 22 English and 18
Chinese lines; an empty window, a window that never painted, or one showing
an error box instead of the document shows (next to) none, and a machine with
no font at all shows boxes where the English letters should be.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

SCREEN_SIZE = (1280, 900)
INK_CONTRAST = 90  # grey levels between text and its background
MIN_LINES = 8  # the sample fills ~22 English and 18 Chinese lines of a fresh window
MAX_BAR_INK = 0.25

GRAB = (
    "import sys\n"
    "from PySide6.QtGui import QGuiApplication\n"
    "app = QGuiApplication(sys.argv[:1])\n"
    "sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1], 'PNG') else 1)\n"
)


class XServerUnavailable(RuntimeError):
    """No X server could be started here (Xvfb missing or failing)."""


class VirtualScreen:
    """An Xvfb server on a display it picks itself (``-displayfd``), stopped on exit."""

    def __init__(self, size: tuple[int, int] = SCREEN_SIZE, start_timeout: float = 20.0) -> None:
        self.size = size
        self._timeout = start_timeout
        self._process: subprocess.Popen | None = None
        self.display = ""

    def __enter__(self) -> VirtualScreen:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        binary = shutil.which("Xvfb")
        if binary is None:
            raise XServerUnavailable("Xvfb is not installed (Debian: apt-get install xvfb)")
        read_end, write_end = os.pipe()
        width, height = self.size
        self._process = subprocess.Popen(
            [binary, "-displayfd", str(write_end), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp", "-br", "-nocursor", "-noreset"],
            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        os.close(write_end)
        try:
            number = _read_line(read_end, self._timeout)
        finally:
            os.close(read_end)
        if not number.isdigit():
            self.stop()
            raise XServerUnavailable(f"Xvfb did not start: {self._stderr_tail()}")
        self.display = f":{number}"

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def _stderr_tail(self) -> str:
        """The last line Xvfb wrote (it has stopped by now)."""
        err = self._process.stderr.read() if self._process is not None and self._process.stderr else b""
        lines = err.decode(errors="replace").strip().splitlines()
        return lines[-1] if lines else "(no message)"

    def environment(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """``base`` (default: this process's) with this display and Qt's xcb platform."""
        env = dict(os.environ if base is None else base)
        env.pop("WAYLAND_DISPLAY", None)
        env.pop("XAUTHORITY", None)
        env.update(DISPLAY=self.display, QT_QPA_PLATFORM="xcb")
        return env

    def grab(self, out: Path, python: str = sys.executable) -> QImage:
        """The whole screen as the X server holds it, saved to ``out``; returns a QImage."""
        from PySide6.QtGui import QImage

        done = subprocess.run([python, "-c", GRAB, str(out)], env=self.environment(), capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise RuntimeError(f"grabbing the screen failed: {done.stderr.strip()[-2000:]}")
        return QImage(str(out))


def _read_line(fd: int, timeout: float) -> str:
    """Read up to a newline. Xvfb writes the display number and the newline
    separately and dies if the pipe is closed in between."""
    deadline = time.monotonic() + timeout
    data = b""
    while not data.endswith(b"\n"):
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(fd, 32) if ready else b""
        if not chunk:
            break
        data += chunk
    return data.decode(errors="replace").strip()


def window_rect(image: QImage) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of what is not the black root window; zeros if nothing."""
    gray = _grey_rows(image)
    rows = [y for y, row in enumerate(gray) if row.strip(b"\x00")]
    if not rows:
        return (0, 0, 0, 0)
    left = min(len(gray[y]) - len(gray[y].lstrip(b"\x00")) for y in rows)
    right = max(len(gray[y].rstrip(b"\x00")) for y in rows)
    return (left, rows[0], right, rows[-1] + 1)


@dataclass(frozen=True)
class ReaderOnScreen:
    """What a screen grab shows of the reader; zeros when no window is on the screen."""

    english_lines: int = 0
    chinese_lines: int = 0
    english_bar_ink: float = 1.0  # share of the English column's ink in horizontal runs of 6+ px

    @property
    def shows_document(self) -> bool:
        """Both columns hold lines of text, and the English is letters, not missing-glyph boxes."""
        return min(self.english_lines, self.chinese_lines) >= MIN_LINES and self.english_bar_ink < MAX_BAR_INK


def read_screen(image: QImage) -> ReaderOnScreen:
    """The reader's columns in a screen grab of its window.

    The reader fills the window's left ~75% beside the lookup dock, its two
    columns centred in it: English from about 2% to 37% of the window's
    width, Chinese from 40% to 74% (read from 3% to 34% and 41% to 72%);
    menu bar and status bar (40 px each) are left out. A line is a run of
    rows holding ink. Latin letters keep ~5-10% of their ink in horizontal
    runs of 6 px or more (the bars of e, t, T); the hollow boxes Qt draws
    when no font at all is installed keep ~50% there (their top and bottom).
    """
    left, top, right, bottom = window_rect(image)
    width = right - left
    if width < 200 or bottom - top < 200:
        return ReaderOnScreen()
    grey = _grey_rows(image)[top + 40: bottom - 40]
    english = _ink_rows(grey, left + int(0.03 * width), left + int(0.34 * width))
    chinese = _ink_rows(grey, left + int(0.41 * width), left + int(0.72 * width))
    return ReaderOnScreen(_lines(english), _lines(chinese), _bar_share(english))


def _ink_rows(grey: list[bytes], left: int, right: int) -> list[bytes]:
    """The rectangle's rows as bytes, 1 where there is ink (far from the commonest grey), else 0."""
    rows = [row[left:right] for row in grey]
    background = Counter(b"".join(rows)).most_common(1)[0][0] if rows else 0
    ink = bytes(1 if abs(level - background) > INK_CONTRAST else 0 for level in range(256))
    return [row.translate(ink) for row in rows]


def _lines(rows: list[bytes]) -> int:
    lines, inside = 0, False
    for row in rows:
        has_ink = row.count(1) >= 2
        lines += has_ink and not inside
        inside = has_ink
    return lines


def _bar_share(rows: list[bytes]) -> float:
    runs = [len(run) for row in rows for run in re.findall(b"\x01+", row)]
    return sum(n for n in runs if n >= 6) / sum(runs) if runs else 1.0


def _grey_rows(image: QImage) -> list[bytes]:
    from PySide6.QtGui import QImage

    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data, stride, width = bytes(grey.constBits()), grey.bytesPerLine(), grey.width()
    return [data[y * stride: y * stride + width] for y in range(grey.height())]
