"""Word classes from jieba's lexicon, as the readings and the segmenter use them."""

from __future__ import annotations

from pathlib import Path


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


def test_the_packed_table_gives_every_word_its_class_from_the_cache_as_from_jiebas_lexicon(language_home) -> None:
    from studyapp.core.atomic_file import read_checked
    from studyapp.core.language.lean_imports import import_jieba
    from studyapp.core.language.word_classes import CACHE_NAME, WordClasses, _read_lexicon

    lexicon = _read_lexicon(Path(str(import_jieba().__file__)).parent / "dict.txt")
    cache = language_home / "cache"
    WordClasses.load(cache)  # writes the cache when missing
    text = read_checked(cache / CACHE_NAME)
    assert text is not None
    cached, packed = WordClasses.load(cache), WordClasses(lexicon)
    names = cached.person_names()
    assert len(lexicon) > 150_000
    for word, coarse in lexicon.items():
        assert cached.of(word) == packed.of(word) == coarse, word
        assert (word in names) == (coarse == "nr")
    for absent in ("没见过的词", "认真认真", "毛泽东东"):
        assert cached.of(absent) == "n" and absent not in names


def test_packed_strings_number_and_find_what_was_added_also_after_a_lookup() -> None:
    from studyapp.core.language.packed_strings import PackedStrings

    words = ["认真", "说", "慢慢", "", "a\x1fb", "𠮷野家"]
    packed = PackedStrings()
    assert [packed.add(w) for w in words[:3]] == [0, 1, 2] and packed.find("慢慢") == 2
    assert [packed.add(w) for w in words[3:]] == [3, 4, 5]
    assert [packed.find(w) for w in words] == list(range(6)) and list(packed) == words
    assert packed.find("认") == packed.find("认真认真") == -1 and packed[5] == "𠮷野家" and len(packed) == 6


def test_packed_strings_read_first_by_several_threads_at_once_answer_rightly() -> None:
    import threading

    from studyapp.core.language.packed_strings import PackedStrings

    words = [f"词{n}" for n in range(60_000)]
    packed = PackedStrings()
    for word in words:
        packed.add(word)
    found: list[list[int]] = []
    start = threading.Barrier(4)

    def read() -> None:
        start.wait()
        found.append([packed.find(w) for w in words[::97]])

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == [list(range(0, len(words), 97))] * 4
