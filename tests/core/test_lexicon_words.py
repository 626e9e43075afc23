"""The dictionary words a Chinese text offers the aligner: every headword of up to
four characters inside it, found without cutting every substring."""

from __future__ import annotations

import functools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.core.links.lexicon import Headwords
from studyapp.core.links.pinyin_names import PinyinNames

# Characters that begin many long headwords, and some that begin few, and punctuation between runs.
_ALPHABET = "中华人民共和国一二三四五六七八九十天气今明年大学生老师银行长安街北京上海说话不爱摆渡的是了，。A1"


@functools.cache
def _headwords(dictionary) -> Headwords:  # (one index for all the examples)
    return Headwords(dictionary.headwords())


def _all_substrings(text: str, words: frozenset[str]) -> set[str]:
    return {text[a:b] for a in range(len(text)) for b in range(a + 1, min(a + 4, len(text)) + 1)} & words


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=_ALPHABET, max_size=30))
def test_headwords_found_are_every_substring_that_is_one(dictionary, text: str) -> None:
    headwords = _headwords(dictionary)
    found = headwords.found_in(text)
    runs = "".join(c if "\u4e00" <= c <= "\u9fff" else "|" for c in text).split("|")
    assert found == set().union(set(), *(_all_substrings(run, headwords.words) for run in runs))


def test_headwords_of_three_and_four_characters_are_found(dictionary) -> None:
    found = _headwords(dictionary).found_in("中华人民共和国在北京，今天天气好。")
    assert {"人民", "共和国", "北京", "今天", "天气"} <= found
    assert "中华人民共和国" not in found  # (longer than four characters)


def test_a_name_is_found_only_where_its_characters_read_as_it() -> None:
    readings = {"陈": frozenset({"chen"}), "清": frozenset({"qing"}), "扬": frozenset({"yang"}), "阳": frozenset({"yang"})}
    names = PinyinNames(["Qingyang came.", "Chen said so."], readings)
    assert names.find("陈清扬来了") == {"qingyang"}
    assert names.find("清阳") == {"qingyang"}  # another character read the same
    assert names.find("扬清") == set()  # the syllables in the wrong order
