"""Books, subtitles and pasted text in the window: contents, bookmarks, progress,
the Library, bad files, and a word saved from a subtitle with its time."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QTreeWidget

from studyapp.core import paths
from studyapp.core.study.vocabulary import VocabularyStore
from studyapp.ui.app import sample_path
from studyapp.ui.main_window import MainWindow
from studyapp.ui.reader_view import WordRef

sys.path.insert(0, str(Path(__file__).parents[1] / "formats"))
from builders import SRT_BILINGUAL, Chapter, build_epub, paragraphs

PAIR = ("The rain fell on the roofs of the old town all through the night.", "整夜，雨落在老城的屋顶上。")


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window((1200, 760), active=True)


def long_book(folder: Path) -> Path:
    """Six chapters of twenty pairs each, with a navigation document."""
    chapters = [
        Chapter(f"c{n}.xhtml", f"<h1>Chapter {n + 1}</h1><h1>第{n + 1}章</h1>" + paragraphs(*[PAIR] * 20), title=f"Chapter {n + 1}")
        for n in range(6)
    ]
    return build_epub(folder / "long.epub", chapters)


def error_box(win: MainWindow) -> QMessageBox | None:
    return next((b for b in win.findChildren(QMessageBox) if b.objectName() == "errorBox" and b.isVisible()), None)


def test_contents_panel_lists_the_books_chapters_and_goes_there(qtbot, window: MainWindow, tmp_path: Path) -> None:
    assert window.open_path(long_book(tmp_path))
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    tree = window.library.contents.tree
    assert window.library.dock.isVisible()
    assert [tree.topLevelItem(k).text(0) for k in range(tree.topLevelItemCount())] == [f"Chapter {n}" for n in range(1, 7)]
    fourth = tree.topLevelItem(3)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(fourth).center())
    assert 3 * 21 in window.reader.visible_blocks() and abs(window.reader.first_visible_block() - 3 * 21) <= 2
    assert window.reader.document.pairs()[3 * 21] == ("Chapter 4", "第4章")


def test_contents_dock_opened_after_reading_shows_the_book_at_the_chapter_read(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.open_path(long_book(tmp_path))
    window.reader.scroll_to_block(3 * 21 + 5)
    window.library.dock.toggleViewAction().trigger()  # the dock's own toggle, not View > Contents
    assert window.library.dock.isVisible()
    tree = window.library.dock.widget().findChild(QTreeWidget, "contentsTree")
    assert [tree.topLevelItem(k).text(0) for k in range(tree.topLevelItemCount())] == [f"Chapter {n}" for n in range(1, 7)]
    assert tree.currentItem() is tree.topLevelItem(3)


def test_contents_dock_left_open_lists_the_book_opened_at_start(qtbot, language, tmp_path: Path) -> None:
    book = long_book(tmp_path)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("view/contents", "true")
    win = MainWindow(settings, language, VocabularyStore.open(tmp_path / "vocabulary.sqlite3"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.open_path(book)
    tree = win.findChild(QTreeWidget, "contentsTree")
    assert win.library.dock.isVisible() and tree is not None and tree.isVisible()
    assert tree.topLevelItemCount() == 6 and tree.topLevelItem(0).text(0) == "Chapter 1"


def test_bookmarks_are_added_with_ctrl_d_and_jumped_to(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.open_path(long_book(tmp_path))
    window.reader.scroll_to_block(50)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    window.reader.scroll_to_block(0)
    window.library.show_tab(window.library.bookmarks)
    listing = window.library.bookmarks.list
    assert listing.count() == 1 and listing.item(0).text() == PAIR[1]
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=listing.visualItemRect(listing.item(0)).center())
    assert 50 in window.reader.visible_blocks() and abs(window.reader.first_visible_block() - 50) <= 2


def test_progress_shows_in_the_status_bar_and_the_recent_files(qtbot, window: MainWindow, tmp_path: Path) -> None:
    book = long_book(tmp_path)
    window.open_path(book)
    label = window.library.progress_label
    start = label.text()
    window.reader.scroll_to_block(len(window.reader.document.blocks) - 1)
    qtbot.waitUntil(lambda: label.text() == "100% read")
    assert start.endswith("% read") and start != "100% read"
    window.open_path(sample_path())  # leaving the book records where it was left
    recent = window._recent_menu
    recent.aboutToShow.emit()
    texts = [a.text() for a in recent.actions()]
    assert f"{book.resolve()}  (100% read)" in texts


def test_a_bad_book_is_one_message_and_the_open_document_stays(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.open_path(sample_path())
    before = window.reader.document
    drm = build_epub(tmp_path / "drm.epub", [Chapter("c.xhtml", paragraphs(PAIR))], extra_files={"META-INF/rights.xml": b"<rights/>"})
    assert not window.open_path(drm)
    box = error_box(window)
    assert box is not None and box.text() == f"{drm} is protected by DRM; studyapp can only read books without DRM"
    assert window.reader.document is before
    assert [e.path for e in window.library.library.entries()] == [str(sample_path().resolve())]


def test_paste_as_new_document_opens_and_keeps_the_text(qtbot, window: MainWindow) -> None:
    QGuiApplication.clipboard().setText("Tea came to Europe in the 17th century.\n\n茶在17世纪传到了欧洲。\n")
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    document = window.reader.document
    assert document.pairs() == [("Tea came to Europe in the 17th century.", "茶在17世纪传到了欧洲。")]
    saved = Path(document.path)
    assert saved.parent == paths.data_dir() / "pasted" and saved.read_text(encoding="utf-8").startswith("Tea came")
    entry = window.library.library.entry(saved)
    assert entry is not None and entry.pasted and str(saved.resolve()) in window.recent_files()


def test_pasting_text_without_chinese_saves_nothing(qtbot, window: MainWindow) -> None:
    window.open_path(sample_path())
    QGuiApplication.clipboard().setText("Only English on the clipboard.")
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    box = error_box(window)
    assert box is not None and "No Chinese text found in the clipboard" in box.text()
    assert not (paths.data_dir() / "pasted").exists() or not any((paths.data_dir() / "pasted").iterdir())
    assert window.reader.document.path == str(sample_path())


def test_library_window_lists_documents_and_opens_one(qtbot, window: MainWindow, tmp_path: Path) -> None:
    book = long_book(tmp_path)
    window.open_path(book)
    window.open_path(sample_path())
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    library = window.library.library_window
    assert library is not None and library.isVisible()
    table = library.table
    titles = [table.model().index(r, 0).data() for r in range(table.model().rowCount())]
    assert titles == [window.reader.document.title, "A Bilingual Book"]
    rect = table.visualRect(table.model().index(1, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.reader.document.path == str(book)


def test_a_word_saved_from_a_subtitle_keeps_its_time(qtbot, window: MainWindow, tmp_path: Path) -> None:
    film = tmp_path / "film.srt"
    film.write_text(SRT_BILINGUAL, encoding="utf-8")
    window.open_path(film)
    qtbot.waitUntil(lambda: window.session.annotation(1) is not None, timeout=60000)
    annotation = window.session.annotation(1)
    ref = WordRef(1, next(k for k, t in enumerate(annotation.tokens) if t.text == "回家"))
    rect = window.reader.word_rect(ref)
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert window.statusBar().currentMessage() == "On screen 00:00:03.500 --> 00:00:05.000"
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_S)
    record = window.vocabulary.find("回家")[0]
    assert [(c.sentence, c.translation, c.paragraph, c.time_code) for c in record.contexts] == [
        ("回家。", "Home.", "Home. It's late.", "00:00:03.500")]  # the sentence's English, the cue's as context
    assert window.library.progress_label.text().startswith("00:00:01.000 · ")
