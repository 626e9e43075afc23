"""Render resources/icons/studyapp.svg to the PNG sizes beside it.

Run after editing the SVG: ``python packaging/render_icons.py``.
tests/ui/test_app_icon.py fails while the PNGs and the SVG disagree.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication

from studyapp.desktop_entry import ICON_SIZES, icon_png
from studyapp.ui.app_icon import render_icon


def main() -> int:
    application = QGuiApplication(sys.argv[:1])  # QPainter needs one
    for size in ICON_SIZES:
        path = icon_png(size)
        if not render_icon(size).save(str(path), "PNG"):
            print(f"cannot write {path}", file=sys.stderr)
            return 1
        print(f"{path.name}: {path.stat().st_size:,} bytes")
    application.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
