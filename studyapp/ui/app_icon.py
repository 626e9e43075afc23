"""The application icon as Qt sees it.

``resources/icons/studyapp.svg`` is the drawing; ``studyapp-N.png`` are its
renderings at the sizes desktops and window managers ask for, made by
``render_icon`` (``packaging/render_icons.py`` writes them; a test keeps them
equal to the SVG). ``app_icon`` is set once on the QApplication, so the
window, its dialogs and message boxes all carry it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter

from studyapp.desktop_entry import ICON_SIZES, icon_png, icon_svg


def app_icon() -> QIcon:
    """The icon from its PNG renderings (no SVG plugin needed at run time)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icon_png(size)), QSize(size, size))
    return icon


def render_icon(size: int) -> QImage:
    """The SVG drawn into a transparent ``size`` x ``size`` image."""
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(icon_svg()))
    if not renderer.isValid():
        raise ValueError(f"{icon_svg()} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)
