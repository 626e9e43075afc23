"""The first window: opening documents, errors, recent files, drag and drop."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from studyapp.core.study.vocabulary import VocabularyStore
from studyapp.ui.app import initial_document, sample_path
from studyapp.ui.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(make_window, settings: QSettings) -> MainWindow:
    return make_window((1000, 700), settings=settings)


def test_sample_opens_side_by_side(window: MainWindow) -> None:
    assert window.open_path(sample_path())
    layout = window.reader.reader_layout
    assert window.reader.document.title == "杭州的周末"
    geometry = layout.geometry(1)
    assert geometry.english.x < geometry.chinese.x  # English left, Chinese right
    assert geometry.english.y == geometry.chinese.y == 0  # tops aligned
    assert "杭州的周末" in window.windowTitle()


def test_stacked_mode_puts_english_above_chinese(window: MainWindow) -> None:
    window.open_path(sample_path())
    window.view.stacked_action.trigger()
    geometry = window.reader.reader_layout.geometry(1)
    assert geometry.chinese.y >= geometry.english.y + geometry.english.layout.height
    assert geometry.chinese.x == geometry.english.x


def test_bad_file_shows_a_message_and_keeps_the_document(window: MainWindow, tmp_path: Path, qtbot) -> None:
    window.open_path(sample_path())
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\x00\x01binary\x00")
    assert not window.open_path(bad)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and "binary" in boxes[0].text()
    assert boxes[0].textFormat() == Qt.TextFormat.PlainText
    assert window.reader.document.title == "杭州的周末"
    boxes[0].close()


def test_recent_files_are_remembered(window: MainWindow, settings: QSettings, tmp_path: Path) -> None:
    doc = tmp_path / "two.md"
    doc.write_text("A short test paragraph about rain.\n\n一段关于下雨的短文。\n", encoding="utf-8")
    window.open_path(sample_path())
    window.open_path(doc)
    assert window.recent_files()[:2] == [str(doc.resolve()), str(sample_path().resolve())]
    assert initial_document(None, settings) == doc.resolve()
    assert [a.text() for a in window._recent_menu.actions()][:1] == [str(doc.resolve())]


def test_dropping_a_file_opens_it(window: MainWindow, tmp_path: Path) -> None:
    doc = tmp_path / "dropped.md"
    doc.write_text("# 标题\n\nThe wind was cold.\n\n风很冷。\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(doc))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.reader.document.pairs() == [(None, "标题"), ("The wind was cold.", "风很冷。")]


def test_reader_paints_chinese_text(window: MainWindow) -> None:
    window.open_path(sample_path())
    image: QImage = window.reader.viewport().grab().toImage()
    layout = window.reader.reader_layout
    x = int(layout.geometry(1).chinese.x + 5)
    # Some pixel in the Chinese column's first line is darker than the background.
    top = int(layout.top_of(1))
    darkest = min(image.pixelColor(QPoint(x + dx, top + dy)).lightness() for dx in range(0, 60, 2) for dy in range(0, 30, 2))
    assert darkest < 128


def test_screenshot_flag_writes_a_png(tmp_path: Path, language_home: Path) -> None:
    out = tmp_path / "shot.png"
    env = dict(os.environ, STUDYAPP_HOME=str(language_home))
    result = subprocess.run(
        [sys.executable, "-m", "studyapp", str(sample_path()), "--screenshot", str(out), "--width", "900", "--height", "600"],
        capture_output=True, text=True, timeout=180, env=env,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 600)


def test_window_on_two_files_from_the_command_line(tmp_path: Path, dictionary_ready: Path) -> None:
    shapes = Path(__file__).resolve().parents[1] / "data" / "shapes"
    out = tmp_path / "two.png"
    env = dict(os.environ, STUDYAPP_HOME=str(dictionary_ready))
    english, chinese = shapes / "bus_stop_two_files.en.txt", shapes / "bus_stop_two_files.zh.txt"
    result = subprocess.run([sys.executable, "-m", "studyapp", str(english), str(chinese), "--layout-json", str(out.with_suffix(".json"))],
                            capture_output=True, text=True, timeout=180, env=env)
    assert result.returncode == 0, result.stderr
    layout = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    first = next(line for line in layout["lines"] if line["side"] == "zh")
    assert "".join(cell["text"] for cell in first["cells"]).startswith("豆豆：爷爷，公交车")  # the Chinese file beside the English
    missing = subprocess.run([sys.executable, "-m", "studyapp", str(english), str(tmp_path / "none.zh.txt"), "--screenshot", str(out)],
                             capture_output=True, text=True, timeout=120, env=env)
    assert missing.returncode == 2 and "does not exist" in missing.stderr and missing.stderr.count("\n") == 1


def test_window_on_a_bad_file_exits_2(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "studyapp", str(tmp_path / "missing.md"), "--screenshot", str(tmp_path / "x.png")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2 and "No such file" in result.stderr


class _Voice:
    """Stands in for the system's speech engine (outside the process)."""

    def __init__(self, available: bool) -> None:
        self.available = available
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)


@pytest.mark.parametrize("available", [True, False])
def test_speak_button_only_with_a_chinese_voice(qtbot, settings: QSettings, language, tmp_path: Path, available: bool) -> None:
    voice = _Voice(available)
    win = MainWindow(settings, language, VocabularyStore.open(tmp_path / "v.sqlite3"), speaker=voice)
    qtbot.addWidget(win)
    win.show()
    win.lookup.probe_speech()
    assert win.panel.speak_button.isVisible() == available
    if available:
        win.panel.word_label.setText("你好")
        win.panel.speak_button.click()
        assert voice.said == ["你好"]


def test_reading_position_is_remembered_per_document(qtbot, settings: QSettings, language, tmp_path: Path) -> None:
    import sys as _sys

    _sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    from synthetic import synthetic_book

    book = tmp_path / "book.md"
    book.write_text(synthetic_book(200), encoding="utf-8")
    first = MainWindow(settings, language, VocabularyStore.open(tmp_path / "v.sqlite3"))
    qtbot.addWidget(first)
    first.resize(1000, 700)
    first.show()
    first.open_path(book)
    first.reader.scroll_to_block(120)
    first.close()  # stores the position
    second = MainWindow(settings, language, VocabularyStore.open(tmp_path / "v.sqlite3"))
    qtbot.addWidget(second)
    second.resize(1000, 700)
    second.show()
    second.open_path(book)
    assert second.reader.first_visible_block() == 120
    second.open_path(sample_path())
    assert second.reader.first_visible_block() == 0


def test_first_start_says_the_dictionary_is_being_prepared(qtbot, settings: QSettings, tmp_path: Path, monkeypatch) -> None:
    from studyapp.core.language.engine import Language

    monkeypatch.setenv("STUDYAPP_HOME", str(tmp_path / "fresh"))
    win = MainWindow(settings, Language(), VocabularyStore.open(tmp_path / "v.sqlite3"))
    qtbot.addWidget(win)
    win.show()
    win.open_path(sample_path())
    win._start_annotation()
    assert "Preparing the dictionary" in win.statusBar().currentMessage() and win.progress.isVisible()
    qtbot.waitUntil(lambda: win.session.annotation(1) is not None, timeout=120000)
    assert not win.progress.isVisible()


def test_a_book_seen_before_reopens_aligned_at_once(qtbot, window: MainWindow, tmp_path: Path) -> None:
    import sys as _sys

    _sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    from synthetic import synthetic_book

    from studyapp.core.reading.document_cache import HEAD_BLOCKS

    book = tmp_path / "book.md"
    book.write_text(synthetic_book(4000), encoding="utf-8")
    assert book.stat().st_size > 1_000_000  # opened in the background
    shown: list[tuple[int, bool]] = []
    window.session.subscribe(lambda changes: shown.append((len(window.session.document.blocks), window.session.document.complete))
                             if changes.document and window.session.document else None)
    window.open_path(book)
    qtbot.waitUntil(lambda: window.session.document is not None and window.session.document.complete, timeout=60000)
    first = window.session.document
    aligned_preview = shown[0]
    assert not aligned_preview[1] and aligned_preview[0] != HEAD_BLOCKS
    window.open_path(sample_path())
    shown.clear()
    window.open_path(book)
    qtbot.waitUntil(lambda: window.session.document.complete and window.session.document.path == str(book), timeout=10000)
    assert shown == [(HEAD_BLOCKS, False), (len(first.blocks), True)]  # the cached beginning, then the cached whole
    assert window.session.document == first


def test_going_from_a_long_document_to_a_short_one_and_back_keeps_the_place(qtbot, window: MainWindow, tmp_path: Path) -> None:
    import sys as _sys

    _sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    from synthetic import synthetic_book

    book, note = tmp_path / "book.md", tmp_path / "note.md"
    book.write_text(synthetic_book(400), encoding="utf-8")
    note.write_text("It rained.\n\n下雨了。\n", encoding="utf-8")
    window.open_path(book)
    window.reader.scroll_to_block(300)
    window.open_path(note)  # the book's place is recorded as it is left
    assert window.session.document.pairs() == [("It rained.", "下雨了。")]
    window.open_path(book)  # its place, and the library's figures for it
    assert window.reader.first_visible_block() == 300
    assert window.library.document is window.session.document and window.library.progress_label.text().endswith("% read")


def test_a_text_in_two_files_opens_and_reopens_from_recent_files(window: MainWindow, dictionary_ready: Path, tmp_path: Path, qtbot) -> None:
    shapes = Path(__file__).resolve().parents[1] / "data" / "shapes"
    english, chinese = tmp_path / "bus_stop.en.txt", tmp_path / "bus_stop.zh.txt"
    english.write_bytes((shapes / "bus_stop_two_files.en.txt").read_bytes())
    chinese.write_bytes((shapes / "bus_stop_two_files.zh.txt").read_bytes())
    assert window.open_pair(english, chinese)
    qtbot.waitUntil(lambda: window.session.document is not None and window.session.document.path.endswith(".studyapp-pair"), timeout=60000)
    pairs = window.session.document.pairs()
    assert pairs[0] == ("Pip: Grandad, why is the bus so late?", "豆豆：爷爷，公交车怎么还不来？")
    pair_file = window.recent_files()[0]
    assert pair_file.endswith(".studyapp-pair") and Path(pair_file).parent == dictionary_ready / "data" / "pairs"
    window.open_path(sample_path())
    assert window.open_path(pair_file)  # from the recent files, as the English and Chinese files they name
    qtbot.waitUntil(lambda: window.session.document.path == pair_file, timeout=60000)
    assert window.session.document.pairs() == pairs


def test_two_files_that_cannot_be_a_pair_show_why(window: MainWindow, tmp_path: Path) -> None:
    window.open_path(sample_path())
    english = tmp_path / "only.en.txt"
    english.write_text("Just English.\n", encoding="utf-8")
    assert not window.open_pair(english, tmp_path / "missing.zh.txt")
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and "does not exist" in boxes[0].text()
    assert window.reader.document.title == "杭州的周末"
    boxes[0].close()


def test_file_menu_opens_two_files_one_dialog_after_the_other(window: MainWindow, dictionary_ready: Path, qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    shapes = Path(__file__).resolve().parents[1] / "data" / "shapes"
    english, chinese = shapes / "bus_stop_two_files.en.txt", shapes / "bus_stop_two_files.zh.txt"
    answers = iter([(str(english), ""), (str(chinese), "")])
    asked: list[str] = []

    def choose(parent, title, start, filters):  # (the system's file dialog, answered as a learner would)
        asked.append(title)
        return next(answers)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "Open &Two Files…")
    action.trigger()
    assert [title.split(": ")[-1] for title in asked] == ["the English file", "its Chinese translation"]
    qtbot.waitUntil(lambda: window.session.document is not None and window.session.document.path.endswith(".studyapp-pair"), timeout=60000)
    assert window.session.document.pairs()[0][1] == "豆豆：爷爷，公交车怎么还不来？"
