"""The Library window, the contents panel and the bookmarks panel, clicked as a learner does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from studyapp.core.library.store import LibraryStore
from studyapp.core.text.importers import open_document
from studyapp.ui.bookmarks_panel import BookmarksPanel
from studyapp.ui.contents_panel import ContentsPanel
from studyapp.ui.library_model import COLUMNS
from studyapp.ui.library_window import LibraryWindow

sys.path.insert(0, str(Path(__file__).parents[1] / "formats"))
from builders import interleaved_book


@pytest.fixture
def library(tmp_path: Path):
    store = LibraryStore.open(tmp_path / "v.sqlite3")
    yield store
    store.close()


def _click_row(qtbot, table, row: int, double: bool = False) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    click = qtbot.mouseDClick if double else qtbot.mouseClick
    if double:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    click(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_library_lists_documents_and_opens_one_on_double_click(qtbot, library, tmp_path: Path) -> None:
    book = open_document(interleaved_book(tmp_path / "book.epub"))
    library.record_opened(book, size=2_100_000)
    library.record_position(book.path, 4, 0.37)
    library.record_coverage(book.path, 0.82)
    window = LibraryWindow(library)
    qtbot.addWidget(window)
    window.show()
    model = window.table.model()
    row = [model.index(0, c).data() for c in range(len(COLUMNS))]
    assert row[:5] == ["A Bilingual Book", "37%", f"{book.chinese_length:,}", "2.1 MB", "82%"] and row[6] == "epub"
    with qtbot.waitSignal(window.document_chosen) as chosen:
        _click_row(qtbot, window.table, 0, double=True)
    assert chosen.args == [str((tmp_path / "book.epub").resolve())]


def test_forget_takes_a_document_out_but_leaves_its_file(qtbot, library, tmp_path: Path) -> None:
    path = interleaved_book(tmp_path / "book.epub")
    library.record_opened(open_document(path), size=1)
    window = LibraryWindow(library)
    qtbot.addWidget(window)
    window.show()
    _click_row(qtbot, window.table, 0)
    qtbot.mouseClick(window.forget_button, Qt.MouseButton.LeftButton)
    assert window.table.model().rowCount() == 0 and library.entries() == [] and path.exists()


def test_search_filters_titles(qtbot, library, tmp_path: Path) -> None:
    library.record_opened(open_document(interleaved_book(tmp_path / "book.epub")), size=1)
    window = LibraryWindow(library)
    qtbot.addWidget(window)
    qtbot.keyClicks(window.search, "bilingual")
    assert window.table.model().rowCount() == 1
    qtbot.keyClicks(window.search, "x")
    assert window.table.model().rowCount() == 0


def test_clicking_a_contents_entry_names_its_block(qtbot, tmp_path: Path) -> None:
    panel = ContentsPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_document(open_document(interleaved_book(tmp_path / "book.epub")))
    tree = panel.tree
    market = tree.topLevelItem(0).child(0)
    assert (tree.topLevelItem(0).text(0), market.text(0), tree.topLevelItem(1).text(0)) == ("Chapter One 第一章", "The Market 市场", "Chapter Two 第二章")
    with qtbot.waitSignal(panel.entry_chosen) as chosen:
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(market).center())
    assert chosen.args == [2]
    panel.follow(8)
    assert tree.currentItem() is tree.topLevelItem(1)


def test_bookmarks_are_added_listed_and_jumped_to(qtbot, library, tmp_path: Path) -> None:
    document = open_document(interleaved_book(tmp_path / "book.epub"))
    library.record_opened(document, size=1)
    panel = BookmarksPanel(library)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_document(document)
    panel.add(7)
    panel.add(3)
    assert [panel.list.item(k).text() for k in range(panel.list.count())] == ["她走到市场。", "第二章"]
    with qtbot.waitSignal(panel.bookmark_chosen) as chosen:
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=panel.list.visualItemRect(panel.list.item(1)).center())
    assert chosen.args == [7]
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert [b.block for b in library.bookmarks(document.path)] == [3]


def test_a_text_in_two_files_is_listed_as_two_files(qtbot, library, dictionary_ready: Path, tmp_path: Path) -> None:
    from studyapp.core.text.importers.pair_file import write_pair

    shapes = Path(__file__).resolve().parents[1] / "data" / "shapes"
    pair = write_pair(shapes / "bus_stop_two_files.en.txt", shapes / "bus_stop_two_files.zh.txt", tmp_path)
    library.record_opened(open_document(pair), size=4096)
    window = LibraryWindow(library)
    qtbot.addWidget(window)
    window.show()
    model = window.table.model()
    assert model.index(0, COLUMNS.index("Format")).data() == "two files"


def test_a_text_in_two_files_is_as_big_as_its_two_files(dictionary_ready: Path, make_window, qtbot) -> None:
    shapes = Path(__file__).resolve().parents[1] / "data" / "shapes"
    english, chinese = shapes / "bus_stop_two_files.en.txt", shapes / "bus_stop_two_files.zh.txt"
    window = make_window()
    assert window.open_pair(english, chinese)
    qtbot.waitUntil(lambda: window.session.document is not None and window.session.document.path.endswith(".studyapp-pair"), timeout=60000)
    entry = window._library_store.entry(window.session.document.path)
    assert entry is not None and entry.size == english.stat().st_size + chinese.stat().st_size
