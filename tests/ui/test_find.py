"""Find in the window: pinyin finds every occurrence in the whole document from
the moment it is open, and the count follows as paragraphs are segmented."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPalette

from studyapp.ui.app import sample_path
from studyapp.ui.main_window import MainWindow


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window((1000, 700))


def chinese_of(window: MainWindow, hit: tuple[int, str, int, int]) -> str:
    block, side, start, end = hit
    assert side == "zh"
    return window.session.document.blocks[block].chinese.text[start:end]


def test_pinyin_finds_every_occurrence_right_after_opening(qtbot, window: MainWindow) -> None:
    window.open_path(sample_path())
    assert not window.session.annotations or len(window.session.annotations) < 24  # not all segmented yet
    window.find_bar.open_bar()
    window.find_bar.field.setText("xihu")
    assert len(window.find_bar.hits) == 5 and {chinese_of(window, h) for h in window.find_bar.hits} == {"西湖"}
    assert window.find_bar.count_label.text() == "1 of 5"


def test_the_count_follows_as_paragraphs_are_segmented(qtbot, window: MainWindow) -> None:
    window.open_path(sample_path())
    window.find_bar.open_bar()
    window.find_bar.field.setText("shi")
    candidates = len(window.find_bar.hits)
    qtbot.waitUntil(lambda: len(window.session.annotations) == len(window.session.chinese_blocks()), timeout=60000)
    exact = window.session.find("shi").hits
    assert len(exact) < candidates  # 时 of 时间 could be a "shi" before 时间 was known as a word
    qtbot.waitUntil(lambda: window.find_bar.hits == exact, timeout=5000)
    assert window.find_bar.count_label.text().endswith(f"of {len(exact)}")
    assert window.reader._find_hits == exact


def test_pinyin_find_reads_the_paragraphs_it_needs_in_a_long_book(qtbot, window: MainWindow, tmp_path: Path) -> None:
    book = tmp_path / "long.md"
    book.write_text("\n\n".join([sample_path().read_text(encoding="utf-8")] * 40), encoding="utf-8")
    window.open_path(book)
    blocks = window.session.document.blocks
    expected = sum(b.chinese.text.count("西湖") for b in blocks if b.chinese)
    assert expected == 200
    window.find_bar.open_bar()
    window.find_bar.field.setText("xihu")
    assert len(window.find_bar.hits) == expected
    last = max(block for block, _, _, _ in window.find_bar.hits)
    assert last > 600  # far beyond the paragraphs read around the page
    qtbot.waitUntil(lambda: window.session.annotation(last) is not None, timeout=60000)
    qtbot.waitUntil(lambda: not window.session.find("xihu").pending, timeout=60000)
    assert len(window.session.find("xihu").hits) == expected


def find_colour_pixels(window: MainWindow) -> int:
    """Pixels of the page in the find highlight's colour (orange at 45 % over the page)."""
    image = window.reader.viewport().grab().toImage()
    base = window.reader.palette().color(QPalette.ColorRole.Base)
    want = [round(0.45 * c + 0.55 * b) for c, b in zip((0xFF, 0x96, 0x32), (base.red(), base.green(), base.blue()))]
    step = 2
    return sum(1 for x in range(0, image.width(), step) for y in range(0, image.height(), step)
               if all(abs(a - b) <= 6 for a, b in zip(image.pixelColor(x, y).getRgb()[:3], want)))


def test_the_hits_on_the_page_are_highlighted_and_cleared(qtbot, window: MainWindow) -> None:
    window.open_path(sample_path())
    assert find_colour_pixels(window) == 0
    window.find_bar.open_bar()
    window.find_bar.field.setText("West Lake")
    assert any(block in window.reader.visible_blocks() for block, _, _, _ in window.find_bar.hits)
    assert find_colour_pixels(window) > 100
    window.find_bar.field.setText("")
    assert find_colour_pixels(window) == 0
