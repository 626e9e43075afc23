"""The page in the window: narrow windows, big zoomed screens, the status bar,
the remembered dock size, jumps to a paragraph, list bullets, traditional
documents, and the English highlight of a linked word."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from studyapp.ui.lookup_display import global_rect
from studyapp.ui.main_window import MainWindow
from studyapp.ui.page_geometry import page_geometry
from studyapp.ui.reader_view import WordRef

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from synthetic import synthetic_book

PAGE = Path(__file__).parents[1] / "data" / "page"


def first_ref(window: MainWindow, text: str) -> WordRef:
    for index in window.reader.visible_blocks():
        annotation = window.session.annotation(index)
        for k, token in enumerate(annotation.tokens if annotation else ()):
            if token.text == text:
                return WordRef(index, k)
    raise AssertionError(f"{text} is not on the page")


def click(qtbot, window: MainWindow, ref: WordRef) -> None:
    rect = window.reader.word_rect(ref)
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())


def wait_for_words(qtbot, window: MainWindow) -> None:
    blocks = window.reader.document.blocks
    qtbot.waitUntil(lambda: all(window.session.annotation(i) for i in window.reader.visible_blocks() if blocks[i].chinese), timeout=60000)


def test_a_narrow_window_looks_words_up_in_a_popup_by_itself(qtbot, open_sample) -> None:
    window = open_sample()
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.lookup.narrow)
    assert not window.dock.isVisible() and not window.vocabulary_dock.isVisible()
    qtbot.waitUntil(lambda: window.reader.viewport().width() > 700)  # the text has the whole width
    wait_for_words(qtbot, window)
    ref = first_ref(window, "省会")
    click(qtbot, window, ref)
    assert window.popup.isVisible() and window.popup_panel.word_label.text() == "省会"
    screen = window.screen().availableGeometry()
    assert screen.contains(window.popup.geometry())
    word = global_rect(window.reader.word_rect(ref), window.reader.viewport())
    assert not window.popup.geometry().intersects(word)  # next to the word, not over it
    window.popup.hide()
    window.resize(1300, 800)
    qtbot.waitUntil(lambda: not window.lookup.narrow)
    assert window.dock.isVisible()


@pytest.mark.parametrize("size,zoom", [((800, 600), 100), ((2560, 1440), 200), ((640, 460), 100)])
def test_every_line_stays_inside_the_view(qtbot, open_sample, size: tuple[int, int], zoom: int) -> None:
    window = open_sample()
    window.resize(*size)
    window.reader.set_options(ruby="all", point_size=12.0 * zoom / 100)
    wait_for_words(qtbot, window)
    reader = window.reader
    page = page_geometry(reader.reader_layout, reader.verticalScrollBar().value(), reader.viewport().height())
    width = reader.viewport().width()
    assert page["lines"]
    for line in page["lines"]:
        assert 0 <= line["x0"] <= line["x1"] <= width, line
        for cell in line["cells"]:
            pinyin = cell["pinyin"]
            assert cell["x"] >= 0 and cell["x"] + cell["w"] <= width
            assert pinyin is None or (pinyin["x"] >= 0 and pinyin["x"] + pinyin["w"] <= width)
        if line["side"] == "zh":
            assert line["x1"] <= page["measure"]["zh"][1] + 1


def test_nothing_overlaps_in_the_status_bar_at_the_smallest_size(qtbot, open_sample) -> None:
    window = open_sample()
    window.resize(window.minimumSize())
    qtbot.waitUntil(lambda: window.width() <= window.minimumWidth() + 1)
    window.words.update_coverage()
    window.statusBar().clearMessage()
    QApplication.processEvents()
    bar = window.statusBar()
    shown = [w for w in bar.findChildren(type(window.coverage_label).__mro__[1]) if w.isVisible() and w.parent() is bar]
    assert window.coverage_label in shown and len(shown) >= 2
    rects = sorted((w.geometry() for w in shown), key=lambda r: r.left())
    assert all(a.right() < b.left() for a, b in zip(rects, rects[1:]))
    assert all(bar.rect().contains(r) for r in rects)
    label = window.coverage_label
    assert label.fontMetrics().horizontalAdvance(label.shown_text()) <= label.width()  # elided if it must be
    label.setText(label.text() * 3)
    assert label.shown_text().endswith("…")


def test_the_dock_width_is_remembered(make_window) -> None:
    first = make_window((1400, 850))
    first.resizeDocks([first.dock], [460], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    width = first.dock.width()
    assert abs(width - 460) <= 8
    first.close()
    second = make_window((1400, 850))  # the test screen is smaller than the window was
    QApplication.processEvents()
    assert abs(second.dock.width() - width) <= 2


def test_jumping_to_a_paragraph_puts_its_first_line_at_the_top(qtbot, open_sample, tmp_path: Path) -> None:
    window = open_sample()
    book = tmp_path / "book.md"
    book.write_text(synthetic_book(300), encoding="utf-8")
    window.open_path(book)
    for index in (17, 150, 93, 240):
        window.reader.scroll_to_block(index)
        window.reader.viewport().repaint()  # the blocks in view are laid out for real
        top = window.reader.reader_layout.top_of(index) - window.reader.verticalScrollBar().value()
        assert 0 <= top <= 10, (index, top)
        assert window.reader.first_visible_block() == index == window.reader.visible_blocks()[0]
    qtbot.waitUntil(lambda: window.session.annotation(240) is not None, timeout=60000)
    window.reader.viewport().repaint()
    top = window.reader.reader_layout.top_of(240) - window.reader.verticalScrollBar().value()
    assert 0 <= top <= 10 and window.reader.first_visible_block() == 240  # still there once its words are read


def test_lists_keep_their_bullets(qtbot, open_sample) -> None:
    window = open_sample()
    window.open_path(PAGE / "punctuation.md")
    blocks = window.reader.document.blocks
    index = next(k for k, b in enumerate(blocks) if b.kind == "list")
    geometry = window.reader.reader_layout.geometry(index)
    for placed in (geometry.english, geometry.chinese):
        assert len(placed.bullets) == 3  # one per item, not per line
    window.reader.scroll_to_block(index)
    image = window.reader.viewport().grab().toImage()
    placed = geometry.chinese
    top = window.reader.reader_layout.top_of(index) - window.reader.verticalScrollBar().value()
    for row in placed.bullets:
        line = placed.layout.lines[row]
        y = int(top + placed.y + line.baseline - placed.style.em * 0.35)
        darkest = min(image.pixelColor(QPoint(x, y + dy)).lightness() for x in range(int(placed.x - 20), int(placed.x - 2)) for dy in (-2, 0, 2))
        assert darkest < 140, row  # a dot in the hanging indent


def test_a_traditional_document_asks_for_a_traditional_font_first(qtbot, open_sample) -> None:
    window = open_sample()
    assert "TC" not in window.reader.reader_layout.zh.han.font.families()[0]
    window.open_path(PAGE / "traditional.md")
    assert window.reader.reader_layout.zh.han.font.families()[0] == "Noto Sans CJK TC"
    window.open_path(PAGE / "punctuation.md")
    window.view.script_actions["traditional"].trigger()
    assert window.reader.reader_layout.zh.han.font.families()[0] == "Noto Sans CJK TC"


def test_the_english_of_a_linked_word_is_marked_without_its_punctuation(qtbot, open_sample) -> None:
    window = open_sample()
    click(qtbot, window, first_ref(window, "西湖"))
    link = window.session.link
    index = link.block
    english = window.reader.document.blocks[index].english.text
    lake = next(span for span in link.spans if english[span[0]:span[1]] == "Lake")
    assert english[lake[1]] == ","  # the word is followed by punctuation in the text
    window.reader.select(None, ensure_visible=False)
    placed = window.reader.reader_layout.geometry(index).english
    piece = next(k for k, p in enumerate(placed.layout.pieces) if p.start == lake[0])
    x, y, _w, _h = placed.layout.rect_of(piece)
    top = window.reader.reader_layout.top_of(index) - window.reader.verticalScrollBar().value()
    image = window.reader.viewport().grab().toImage()
    comma_x = int(placed.x + x + placed.measure.width("Lake") + placed.measure.width(",") / 2)
    word_x = int(placed.x + x + placed.measure.width("Lake") / 2)
    row = int(top + placed.y + y + 2)  # above the letters
    word, comma = image.pixelColor(QPoint(word_x, row)), image.pixelColor(QPoint(comma_x, row))
    assert word.blue() - word.red() > 30  # the link's blue behind "Lake"
    assert abs(comma.blue() - comma.red()) < 20  # but not behind its comma
