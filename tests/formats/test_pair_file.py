"""A text in two files opened through the pair file that names them: as ``studyapp pairs
EN ZH`` aligns them, the cache keyed by both files, and a clear word when one is gone."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from studyapp.core.errors import DocumentError
from studyapp.core.reading.document_cache import DocumentCache
from studyapp.core.text.importers import open_document
from studyapp.core.text.importers.pair_file import read_pair, write_pair

SHAPES = Path(__file__).resolve().parents[1] / "data" / "shapes"


def _two_files(folder: Path) -> tuple[Path, Path]:
    english, chinese = folder / "bus_stop.en.txt", folder / "bus_stop.zh.txt"
    shutil.copy(SHAPES / "bus_stop_two_files.en.txt", english)
    shutil.copy(SHAPES / "bus_stop_two_files.zh.txt", chinese)
    return english, chinese


def test_a_pair_file_opens_the_two_files_aligned(dictionary_ready: Path, tmp_path: Path) -> None:
    english, chinese = _two_files(tmp_path)
    pair = write_pair(english, chinese, tmp_path / "pairs")
    assert write_pair(english, chinese, tmp_path / "pairs") == pair  # the same two files: the same pair file
    assert read_pair(pair) == (english.resolve(), chinese.resolve())
    document = open_document(pair)
    expected = json.loads((SHAPES / "bus_stop_two_files.expected.json").read_text(encoding="utf-8"))
    assert [list(p) for p in document.pairs()] == expected
    assert document.path == str(pair)  # the library, recent files and positions keep the pair


def test_the_cache_key_follows_both_files(tmp_path: Path) -> None:
    english, chinese = _two_files(tmp_path)
    pair = write_pair(english, chinese, tmp_path / "pairs")
    before = DocumentCache.key(pair)
    assert before is not None and DocumentCache.key(pair) == before
    chinese.write_text(chinese.read_text(encoding="utf-8") + "\n新的一句。\n", encoding="utf-8")
    assert DocumentCache.key(pair) not in (None, before)  # an edited translation is aligned again


def test_a_moved_file_and_a_bad_pair_say_what_is_wrong(tmp_path: Path) -> None:
    english, chinese = _two_files(tmp_path)
    with pytest.raises(DocumentError, match="does not exist"):
        write_pair(english, tmp_path / "missing.zh.txt", tmp_path)
    with pytest.raises(DocumentError, match="same file"):
        write_pair(english, english, tmp_path)
    pair = write_pair(english, chinese, tmp_path / "pairs")
    chinese.unlink()
    with pytest.raises(DocumentError, match="Chinese file of this text is gone"):
        open_document(pair)
    assert DocumentCache.key(pair) is None  # (the importer says why)
    garbage = tmp_path / "pairs" / "garbage.studyapp-pair"
    garbage.write_text("not json", encoding="utf-8")
    with pytest.raises(DocumentError, match="not a pair of files"):
        open_document(garbage)


def test_files_given_the_other_way_round_are_named_so(tmp_path: Path) -> None:
    english, chinese = _two_files(tmp_path)
    with pytest.raises(DocumentError, match="give the English file first"):
        open_document(write_pair(chinese, english, tmp_path / "pairs"))
    other = tmp_path / "other.zh.txt"  # two Chinese files, the second with a Latin name: no such hint
    other.write_text("豆豆在Lincoln路等车。\n他等了很久。\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="No English text found") as raised:
        open_document(write_pair(chinese, other, tmp_path / "pairs"))
    assert "give the English file first" not in str(raised.value)


def test_reopening_a_pair_from_the_cache_loads_no_aligner(tmp_path: Path) -> None:
    """The start-up path reads the last document's cache key: for a pair file that
    reads three files, and must not import the aligner or jieba to do it."""
    english, chinese = _two_files(tmp_path)
    pair = write_pair(english, chinese, tmp_path / "pairs")
    script = (
        "import sys\n"
        "from studyapp.core.reading.document_cache import DocumentCache\n"
        f"assert DocumentCache.key({str(pair)!r}) is not None\n"
        "print(sorted(m for m in sys.modules if m == 'studyapp.core.text.align' or m.startswith('jieba')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_file_name_that_is_not_utf8_is_kept_as_it_is(tmp_path: Path) -> None:
    english, chinese = _two_files(tmp_path)
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.en.txt"))  # a Latin-1 name on a UTF-8 system
    english.rename(odd)
    pair = write_pair(odd, chinese, tmp_path / "pairs")
    assert read_pair(pair) == (odd, chinese.resolve())
    assert DocumentCache.key(pair) is not None


def test_a_data_folder_that_cannot_be_written_is_said_in_one_line(tmp_path: Path) -> None:
    english, chinese = _two_files(tmp_path)
    (tmp_path / "data").write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(DocumentError, match="Cannot write the pair file"):
        write_pair(english, chinese, tmp_path / "data" / "pairs")


def test_a_pair_file_is_not_taken_as_one_of_two_files(tmp_path: Path) -> None:
    """Nothing is written for a pair of a pair file and a file: it would only fail when opened."""
    english, chinese = _two_files(tmp_path)
    pair = write_pair(english, chinese, tmp_path / "pairs")
    with pytest.raises(DocumentError, match="a pair of files already"):
        write_pair(pair, chinese, tmp_path / "pairs")
    assert list((tmp_path / "pairs").iterdir()) == [pair]
