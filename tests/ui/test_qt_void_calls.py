"""Regression guard: PySide6 6.12.0 on Python 3.11 aborted (none_dealloc) after a
few thousand calls of methods returning None. The pin in pyproject.toml keeps
that build away; this test makes ~20,000 such calls in a fresh process."""

from __future__ import annotations

import os
import subprocess
import sys

CODE = """
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
widget = QWidget()
for n in range(20000):
    widget.setObjectName(f"w{n % 7}")
image = QImage(8, 8, QImage.Format.Format_ARGB32)
painter = QPainter(image)
for n in range(2000):
    painter.setPen(QColor(n % 255, 0, 0))
painter.end()
print("done")
"""


def test_twenty_thousand_void_calls_exit_cleanly() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "done"
    assert "Fatal Python error" not in result.stderr
