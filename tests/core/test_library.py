"""The library: documents opened with their progress and coverage, bookmarks, contents,
pasted documents, and the time code saved with a word met in subtitles."""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from studyapp.core.errors import DocumentError
from studyapp.core.library.contents import block_label, contents_of, entry_at, reading_progress
from studyapp.core.library.pasted import save_pasted_text
from studyapp.core.library.store import LibraryStore
from studyapp.core.study.database import DatabaseError
from studyapp.core.study.vocabulary import Context, VocabularyStore, WordData
from studyapp.core.text.importers import open_document

sys.path.insert(0, str(Path(__file__).parents[1] / "formats"))
from builders import SRT_BILINGUAL, interleaved_book

DATA = Path(__file__).parents[1] / "data" / "vocab"
SAMPLE = Path(__file__).parents[2] / "resources" / "sample.md"


class Clock:
    def __init__(self, now: float = 1_700_000_000) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def library(tmp_path: Path):
    clock = Clock()
    store = LibraryStore.open(tmp_path / "v.sqlite3", clock=clock)
    yield store, clock
    store.close()


def test_opened_documents_are_listed_most_recent_first(library, tmp_path: Path) -> None:
    store, clock = library
    book = open_document(interleaved_book(tmp_path / "book.epub"))
    sample = open_document(SAMPLE)
    store.record_opened(book, size=4096)
    clock.now += 60
    store.record_opened(sample, size=SAMPLE.stat().st_size)
    clock.now += 60
    store.record_position(book.path, position=5, progress=0.5)
    store.record_coverage(sample.path, 0.8)
    entries = store.entries()
    assert [(e.title, e.format, e.position, e.progress, e.coverage) for e in entries] == [
        ("A Bilingual Book", "epub", 5, 0.5, None),
        (sample.title, "md", 0, 0.0, 0.8),
    ]
    assert entries[0].last_read == 1_700_000_120 and entries[0].first_opened == 1_700_000_000
    assert entries[0].blocks == len(book.blocks) and entries[0].chinese_chars == book.chinese_length


def test_reopening_keeps_progress_and_bookmarks(library, tmp_path: Path) -> None:
    store, clock = library
    book = open_document(interleaved_book(tmp_path / "book.epub"))
    store.record_opened(book, size=1)
    store.record_position(book.path, 3, 0.3)
    store.add_bookmark(book.path, 7, block_label(book.blocks[7]))
    store.add_bookmark(book.path, 2, block_label(book.blocks[2]))
    clock.now += 10
    again = store.record_opened(book, size=2)
    assert (again.position, again.progress, again.size) == (3, 0.3, 2)
    assert [(b.block, b.label) for b in store.bookmarks(book.path)] == [(2, "市场"), (7, "第二章")]
    store.remove_bookmark(store.bookmarks(book.path)[0].id)
    assert [b.block for b in store.bookmarks(tmp_path / "book.epub")] == [7]


def test_forgetting_a_document_drops_its_bookmarks_not_its_file(library, tmp_path: Path) -> None:
    store, _ = library
    path = interleaved_book(tmp_path / "book.epub")
    store.record_opened(open_document(path), size=1)
    store.add_bookmark(path, 1, "x")
    store.forget(path)
    assert store.entries() == [] and store.bookmarks(path) == [] and path.exists()


def test_a_second_window_sees_the_first_ones_bookmarks(tmp_path: Path) -> None:
    path = interleaved_book(tmp_path / "book.epub")
    first, second = LibraryStore.open(tmp_path / "v.sqlite3"), LibraryStore.open(tmp_path / "v.sqlite3")
    first.record_opened(open_document(path), size=1)
    first.add_bookmark(path, 1, "one")
    second.add_bookmark(path, 4, "four")
    assert [b.label for b in first.bookmarks(path)] == ["one", "four"]
    first.close()
    second.close()


def test_a_refused_bookmark_leaves_the_database_free_for_other_writers(library, tmp_path: Path) -> None:
    store, _ = library
    path = interleaved_book(tmp_path / "book.epub")
    with pytest.raises(DatabaseError, match="not in the library"):
        store.add_bookmark(path, 1, "before opening")
    other = sqlite3.connect(tmp_path / "v.sqlite3", timeout=0.5)  # another window: it must not find the file locked
    other.execute("UPDATE document SET title = title")
    other.commit()
    other.close()
    store.record_opened(open_document(path), size=1)
    assert store.add_bookmark(path, 1, "after opening").label == "after opening"


def test_contents_come_from_the_books_navigation(tmp_path: Path) -> None:
    book = open_document(interleaved_book(tmp_path / "book.epub"))
    assert [(e.title, e.block, e.depth) for e in contents_of(book)] == [
        ("Chapter One 第一章", 0, 1), ("The Market 市场", 2, 2), ("Chapter Two 第二章", 7, 1),
    ]


def test_contents_of_a_text_come_from_its_headings(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text("## Tea\n\n### 茶\n\nTea came.\n\n茶来了。\n\n### Coffee\n\n#### 咖啡\n\nLater.\n\n后来。\n\nCups\n\n杯子\n", encoding="utf-8")
    entries = contents_of(open_document(path))
    assert [(e.title, e.depth) for e in entries] == [("茶 Tea", 1), ("咖啡 Coffee", 2), ("杯子 Cups", 3)]
    assert [entry_at(entries, k) for k in range(6)] == [0, 0, 1, 1, 2, 2]


def test_contents_of_subtitles_are_marks_in_time(tmp_path: Path) -> None:
    lines = [f"{n + 1}\n00:{n:02d}:00,000 --> 00:{n:02d}:02,000\nLine {n}.\n第{n}行。\n" for n in range(12)]
    (tmp_path / "film.srt").write_text("\n".join(lines), encoding="utf-8")
    entries = contents_of(open_document(tmp_path / "film.srt"))
    assert [e.title for e in entries] == ["00:00:00  第0行。", "00:05:00  第5行。", "00:10:00  第10行。"]


def test_reading_progress_counts_text_not_blocks(tmp_path: Path) -> None:
    book = open_document(interleaved_book(tmp_path / "book.epub"))
    shares = [reading_progress(book, k) for k in range(len(book.blocks))]
    assert shares == sorted(shares) and shares[-1] == 1.0 and 0 < shares[0] < 0.1


def test_reading_progress_follows_the_document_asked_about(tmp_path: Path) -> None:
    book = open_document(interleaved_book(tmp_path / "book.epub"))
    film_path = tmp_path / "film.srt"
    film_path.write_text(SRT_BILINGUAL, encoding="utf-8")
    film = open_document(film_path)
    middle = len(book.blocks) // 2
    first = reading_progress(book, middle)
    assert reading_progress(film, 0) < reading_progress(film, 1) < reading_progress(film, len(film.blocks) - 1) == 1.0
    assert reading_progress(book, middle) == first < 1.0


def test_bookmark_label_of_a_subtitle_shows_its_time(tmp_path: Path) -> None:
    (tmp_path / "film.srt").write_text(SRT_BILINGUAL, encoding="utf-8")
    block = open_document(tmp_path / "film.srt").blocks[2]
    assert block_label(block) == "00:01:02.250 - 等等我！"


def test_pasted_text_becomes_a_document_that_reopens(tmp_path: Path) -> None:
    path = save_pasted_text("Tea came to Europe.\r\n\r\n茶传到了欧洲。\r\n", now=1_700_000_000)
    assert path.parent.name == "pasted" and path.suffix == ".txt" and "Tea came to Europe" in path.name
    assert open_document(path).pairs() == [("Tea came to Europe.", "茶传到了欧洲。")]
    second = save_pasted_text("Tea came to Europe.\n\n茶传到了欧洲。\n", now=1_700_000_000)
    assert second != path and path.exists()


@pytest.mark.parametrize(("text", "message"), [("   \n", "no text"), ("Only English.", "No Chinese text found in the clipboard")])
def test_pasted_text_that_is_no_document_is_not_saved(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        save_pasted_text(text, folder=tmp_path / "pasted")
    assert not (tmp_path / "pasted").exists() or not any((tmp_path / "pasted").iterdir())


def test_a_word_met_in_subtitles_keeps_its_time_code(tmp_path: Path) -> None:
    store = VocabularyStore.open(tmp_path / "v.sqlite3")
    record = store.save(WordData("等", "等", "deng3", ["to wait"]), Context("等等我！", "Wait for me!", "film", "/f/film.srt", 2, time_code="00:01:02.250"))
    assert store.get(record.id).contexts[0].time_code == "00:01:02.250"
    store.close()


def test_schema_2_database_gains_the_library_and_empty_time_codes(tmp_path: Path) -> None:
    copy = tmp_path / "old.sqlite3"
    shutil.copy(DATA / "schema-0002.sqlite3", copy)
    store = VocabularyStore.open(copy)
    assert all(c.time_code == "" for r in store.words() for c in r.contexts) and store.count() > 0
    store.close()
    library = LibraryStore.open(copy)
    assert library.entries() == []
    library.close()


def test_reading_progress_does_not_keep_a_closed_document_alive() -> None:
    import gc
    import weakref

    from studyapp.core.library.contents import reading_progress
    from studyapp.core.text.document import Block, Document, Side

    document = Document("a", (Block("paragraph", Side("One two three.", "en", 0, 14), Side("一二三。", "zh", 15, 19)),))
    assert reading_progress(document, 0) == 1.0
    gone = weakref.ref(document)
    del document
    gc.collect()
    assert gone() is None
