"""Word classes from jieba's lexicon, as the readings and the segmenter use them."""

from __future__ import annotations


def test_words_get_jiebas_classes(language) -> None:
    classes = language.segmenter.word_classes()
    assert [classes.of(w) for w in ("认真", "西瓜", "说", "慢慢", "现在", "不约而同")] == ["a", "n", "v", "d", "t", "i"]
    assert [classes.of(w) for w in ("，", "", "2024", "iPhone", "没见过的词")] == ["w", "w", "m", "x", "n"]


def test_person_names_come_from_the_same_table(language) -> None:
    assert "毛泽东" in language.segmenter.person_names()


def test_the_table_is_cached_beside_the_dictionary(language_home) -> None:
    from studyapp.core.language.word_classes import CACHE_NAME, WordClasses

    cache = language_home / "cache"
    WordClasses.load(cache)
    assert (cache / CACHE_NAME).is_file()
    assert WordClasses.load(cache).of("认真") == "a"
