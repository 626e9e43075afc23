"""Damaged caches are rebuilt: a scrambled page in the dictionary index, folders
where cache files belong, garbage in the cache files jieba and studyapp keep."""

from __future__ import annotations

import io
import shutil
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from studyapp import cli
from studyapp.core.language.dictionary import INDEX_NAME, Dictionary

TEXT = "贝森特说，我去银行。"  # 贝森特 is not in CC-CEDICT: the person-name list is read
EXPECTED = "贝森特[bei4 sen1 te4] 说[shuo1] ， 我[wo3] 去[qu4] 银行[yin2 hang2] 。\n"


@pytest.fixture(scope="module")
def warm_cache(language, language_home: Path) -> Path:
    """The session's cache folder once jieba has run there (it keeps its own cache file beside the index)."""
    language.segment_many([f"预热结巴分词{time.time_ns()}"])  # new text: not in the segmentation cache
    return language_home / "cache"


@pytest.fixture
def cache(studyapp_home: Path, warm_cache: Path) -> Path:
    """The learner's cache folder holding a copy of the session's dictionary index and jieba's cache."""
    folder = studyapp_home / "cache"
    folder.mkdir(parents=True)
    for name in (INDEX_NAME, "jieba.cache"):
        shutil.copy(warm_cache / name, folder / name)
    return folder


def annotate(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, text: str = TEXT) -> tuple[int, str, bool]:
    """Exit status, output, and whether stderr was free of tracebacks and errors (a one-line notice is fine)."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode() + b"\n"), encoding="utf-8"))
    status = cli.main(["annotate"])
    out, err = capsys.readouterr()
    return status, out, "Traceback" not in err and "error" not in err and err.count("\n") <= 1


def scramble_page(path: Path, page: int, invalidate: bool = False) -> None:
    """Overwrite one page with noise; ``invalidate`` also bumps the file change
    counter, so a connection open on the file cannot answer from its page cache."""
    with sqlite3.connect(path) as db:
        size = db.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as handle:
        handle.seek(size * (page - 1))
        handle.write(bytes((n * 37 + 11) % 256 for n in range(size)))
        if invalidate:
            handle.seek(24)
            counter = int.from_bytes(handle.read(4), "big")
            handle.seek(24)
            handle.write(((counter + 1) % 2**32).to_bytes(4, "big"))


def root_page(path: Path, name: str) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]


def test_a_scrambled_page_in_the_dictionary_index_is_rebuilt(cache: Path, monkeypatch, capsys) -> None:
    scramble_page(cache / INDEX_NAME, root_page(cache / INDEX_NAME, "entry_simplified"))
    assert annotate(monkeypatch, capsys) == (0, EXPECTED, True)
    with sqlite3.connect(cache / INDEX_NAME) as db:
        assert db.execute("PRAGMA quick_check").fetchone()[0] == "ok"


SMALL_CEDICT = "銀行 银行 [yin2 hang2] /bank/\n長 长 [chang2] /long/\n長 长 [zhang3] /to grow/\n中 中 [zhong1] /middle/\n"


@pytest.fixture
def small_source(tmp_path: Path) -> Path:
    source = tmp_path / "cedict.txt"
    source.write_text(SMALL_CEDICT, encoding="utf-8")
    return source


def test_a_folder_where_the_dictionary_index_belongs_is_set_aside(tmp_path: Path, small_source: Path) -> None:
    (tmp_path / "cache" / INDEX_NAME / "inside").mkdir(parents=True)
    opened = Dictionary.open(tmp_path / "cache", source=small_source)
    assert opened.info.built and [e.pinyin for e in opened.lookup("长")] == ["chang2", "zhang3"]


def test_a_page_damaged_while_open_is_rebuilt_at_the_next_lookup(tmp_path: Path, small_source: Path) -> None:
    opened = Dictionary.open(tmp_path / "cache", source=small_source)
    path = opened.info.path
    scramble_page(path, root_page(path, "entry_traditional"))
    assert opened.lookup("銀行")[0].definitions == ("bank",)
    assert opened.info.built


def test_a_page_damaged_while_open_is_rebuilt_when_the_word_linker_asks(tmp_path: Path, small_source: Path) -> None:
    """The queries the word linker makes (definitions, character readings) recover as a lookup does."""
    opened = Dictionary.open(tmp_path / "cache", source=small_source)
    path = opened.info.path
    scramble_page(path, root_page(path, "entry"), invalidate=True)
    assert opened.definitions_of(["銀行"]) == {"銀行": ["bank"]}
    assert opened.info.built
    scramble_page(path, root_page(path, "entry"), invalidate=True)
    assert ("长", "長", "chang2") in opened.character_readings()


SMALL_FILES = ("segments.sqlite3", "jieba.cache", "jieba-word-classes.txt")


def test_folders_where_cache_files_belong(cache: Path, monkeypatch, capsys) -> None:
    for name in SMALL_FILES:
        (cache / name).unlink(missing_ok=True)
        (cache / name / "inside").mkdir(parents=True)
    assert annotate(monkeypatch, capsys) == (0, EXPECTED, True)
    assert all((cache / name).is_file() for name in ("segments.sqlite3", "jieba-word-classes.txt"))


def test_garbage_in_the_cache_files(cache: Path, monkeypatch, capsys) -> None:
    for name in SMALL_FILES:
        (cache / name).write_bytes(b"\xff\xfe\x00garbage" * 500)
    assert annotate(monkeypatch, capsys) == (0, EXPECTED, True)


def test_a_scrambled_segmentation_cache_is_rebuilt(cache: Path, monkeypatch, capsys) -> None:
    from studyapp.core.language.segment_cache import SegmentCache

    SegmentCache(cache / "segments.sqlite3").put_many({f"{n:040x}": "w2 p1" for n in range(3000)})  # a few pages of entries
    scramble_page(cache / "segments.sqlite3", root_page(cache / "segments.sqlite3", "sqlite_autoindex_segment_1"))
    assert annotate(monkeypatch, capsys) == (0, EXPECTED, True)


def test_word_classes_that_are_not_what_was_written_are_read_again(cache: Path, monkeypatch, capsys) -> None:
    classes = cache / "jieba-word-classes.txt"
    classes.write_text("我\tnr\n去\tnr\n银行\tnr\n", encoding="utf-8")  # readable, but not the table jieba's lexicon gives
    assert annotate(monkeypatch, capsys) == (0, EXPECTED, True)
    assert "银行\tnr" not in classes.read_text(encoding="utf-8").splitlines()


def test_damage_is_told_from_a_cache_file_that_is_only_busy(tmp_path: Path) -> None:
    from studyapp.core import paths

    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not SQLite at all " * 300)
    with pytest.raises(sqlite3.DatabaseError) as not_a_database:
        sqlite3.connect(str(garbage)).execute("SELECT * FROM sqlite_master").fetchall()
    busy = tmp_path / "busy.sqlite3"
    holder = sqlite3.connect(str(busy), isolation_level=None)
    holder.execute("CREATE TABLE t(x)")
    holder.execute("BEGIN EXCLUSIVE")
    with pytest.raises(sqlite3.DatabaseError) as locked:
        sqlite3.connect(str(busy), timeout=0).execute("SELECT * FROM t").fetchall()
    holder.execute("ROLLBACK")
    assert paths.is_damage(not_a_database.value) and not paths.is_damage(locked.value)
