"""Documents seen before are reopened from the cache, exactly as aligned; a changed
file, a renamed one or a damaged cache never gives a stale document."""

from __future__ import annotations

import shutil
import sys
from dataclasses import replace
from pathlib import Path

from studyapp.core.reading.document_cache import HEAD_BLOCKS, DocumentCache, open_for_reading
from studyapp.core.text.document import Block, Chapter, Document, Side, TimeSpan
from studyapp.core.text.importers import PREVIEW_CHARS, open_document

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "resources" / "sample.md"


def test_a_document_comes_back_from_the_cache_as_it_was_aligned(tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path / "documents.sqlite3")
    for source in [SAMPLE, *sorted((ROOT / "tests" / "data" / "messy").glob("*_*.*[dt]"))[:10]]:
        path = tmp_path / source.name
        shutil.copy(source, path)
        aligned = open_for_reading(path, cache=cache)
        assert aligned == open_document(path)
        key = cache.key(path)
        assert key is not None and cache.get(key, str(path)) == aligned
        assert open_for_reading(path, cache=cache) == aligned


def test_subtitle_times_and_a_book_s_chapters_come_back_too(tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path / "documents.sqlite3")
    document = Document("film", (
        Block("heading", None, Side("第一章", "zh", 0, 3), level=1),
        Block("paragraph", Side("Run!", "en", 4, 8), Side("快跑！", "zh", 9, 12), time=TimeSpan(83_450, 85_000)),
    ), None, "abc", "utf-8", ("a warning",), chapters=(Chapter("第一章", 0), Chapter("Two", 1, 2)))
    cache.put("key", document)
    assert cache.get("key", "/books/film.srt") == replace(document, path="/books/film.srt")


def test_a_changed_or_renamed_file_is_aligned_again(tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path / "documents.sqlite3")
    path = tmp_path / "notes.md"
    path.write_text("The rain stopped.\n\n雨停了。\n", encoding="utf-8")
    assert open_for_reading(path, cache=cache).pairs() == [("The rain stopped.", "雨停了。")]
    path.write_text("The wind rose.\n\n起风了。\n", encoding="utf-8")
    assert open_for_reading(path, cache=cache).pairs() == [("The wind rose.", "起风了。")]
    renamed = tmp_path / "other.md"
    path.rename(renamed)
    assert open_for_reading(renamed, cache=cache) == open_document(renamed)


def test_a_damaged_cache_is_set_aside(tmp_path: Path) -> None:
    (tmp_path / "documents.sqlite3").write_bytes(b"not a database at all" * 100)
    cache = DocumentCache(tmp_path / "documents.sqlite3")
    assert open_for_reading(SAMPLE, cache=cache) == open_document(SAMPLE)
    assert (tmp_path / "documents.damaged").exists()
    assert cache.get(cache.key(SAMPLE), str(SAMPLE)) == open_document(SAMPLE)


def test_a_long_document_shows_its_beginning_first_unless_the_reader_is_further_on(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import synthetic_book

    book = tmp_path / "book.md"
    book.write_text(synthetic_book(1500), encoding="utf-8")
    assert len(book.read_text(encoding="utf-8")) > PREVIEW_CHARS * 1.5
    cache = DocumentCache(tmp_path / "documents.sqlite3")
    previews: list[Document] = []
    first = open_for_reading(book, previews.append, cache)
    assert len(previews) == 1 and not previews[0].complete and 0 < len(previews[0].blocks) < len(first.blocks)
    previews.clear()
    again = open_for_reading(book, previews.append, cache)  # from the cache: its stored beginning
    assert again == first and len(previews) == 1
    assert previews[0].blocks == first.blocks[:HEAD_BLOCKS] and not previews[0].complete and previews[0].path == str(book)
    previews.clear()
    assert open_for_reading(book, previews.append, cache, position=HEAD_BLOCKS) == first and previews == []
