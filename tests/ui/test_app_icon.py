"""The icon: PNGs that are renderings of the SVG, carried by the window and its dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from studyapp.desktop_entry import ICON_SIZES, icon_png, icon_svg
from studyapp.ui.app import prepare_application
from studyapp.ui.app_icon import app_icon, render_icon


def mean_difference(a: QImage, b: QImage) -> float:
    """Mean absolute difference per channel (0-255) of two images of one size."""
    a = a.convertToFormat(QImage.Format.Format_RGBA8888)
    b = b.convertToFormat(QImage.Format.Format_RGBA8888)
    assert (a.width(), a.height()) == (b.width(), b.height())
    left, right = bytes(a.constBits()), bytes(b.constBits())
    return sum(abs(x - y) for x, y in zip(left, right)) / len(left)


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_png_is_the_svg_rendered_at_its_size(qapp, size: int) -> None:
    png = QImage(str(icon_png(size)))
    assert (png.width(), png.height()) == (size, size)
    assert mean_difference(png, render_icon(size)) < 1.0, "run packaging/render_icons.py after editing the SVG"


def test_icon_fills_its_square_and_is_red_around_a_white_book(qapp) -> None:
    image = render_icon(64)
    opaque = sum(image.pixelColor(x, y).alpha() > 200 for x in range(64) for y in range(64))
    assert opaque > 0.75 * 64 * 64  # a rounded square with a small margin, not a stray glyph
    ground, page = image.pixelColor(5, 32), image.pixelColor(20, 32)
    assert ground.red() > 150 and ground.green() < 100  # the red ground
    assert min(page.red(), page.green(), page.blue()) > 200  # the light left page
    assert "<title>studyapp</title>" in icon_svg().read_text(encoding="utf-8")


def test_window_and_dialogs_carry_the_icon(qapp, open_sample) -> None:
    prepare_application(qapp)
    window = open_sample()
    expected = app_icon().pixmap(32, 32).toImage()
    about = window.show_about()
    export = window.show_export_dialog()
    window.show_error("A title", "A message")
    error = window.findChild(QMessageBox, "errorBox")
    for widget in (window, about, export, error):
        assert not widget.windowIcon().isNull()
        assert mean_difference(widget.windowIcon().pixmap(32, 32).toImage(), expected) < 1.0, widget
    for widget in (about, export, error):
        widget.close()
    assert QApplication.desktopFileName() == "studyapp"
