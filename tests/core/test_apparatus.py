"""Captions, credits and translator's notes: recognised, and aligned as what they are."""

from __future__ import annotations

from pathlib import Path

from studyapp.core.text.apparatus import is_caption, is_translators_note
from studyapp.core.text.importers.bilingual_text import document_from_text
from studyapp.core.text.importers.two_files import open_two_files
from studyapp.core.text.reading_order import AlignedBead, with_untranslated


def test_captions_and_credits_are_recognised_in_both_languages() -> None:
    captions = ["Photos by Ana Ruiz.", "By Maria Chen, staff reporter", "Text and photographs by Tom Baker",
                "Above: the pond in July.", "Figure 3. The old mill.", "图1 罗老师和学生们在院子里。", "图：北码头。", "本报记者 陈玛丽"]
    text = ["By five, the first trays were cooling.", "By Friday the lanes were empty.", "Source code lives in the repository.",
            "图书馆在三楼。", "文化是一条河。"]
    assert [is_caption(t) for t in captions] == [True] * len(captions)
    assert [is_caption(t) for t in text] == [False] * len(text)


def test_translators_notes_are_recognised() -> None:
    assert is_translators_note("译者注：月牙酥是一种点心。")
    assert is_translators_note("（译注：原文如此。）")
    assert is_translators_note("Translator's note: the poem rhymes in Chinese.")
    assert not is_translators_note("注意：这里很滑。")
    assert not is_translators_note("The translator's notebook was lost.")


def test_an_untranslated_credit_is_not_merged_into_the_next_paragraph() -> None:
    text = ("# A Visit\n\n# 一日游\n\nPhotos by Ana Ruiz.\n\n"
            "The garden opened in 1929 on the site of an old brickworks.\n\n植物园建于一九二九年，原址是一座旧砖厂。\n")
    assert document_from_text(text).pairs() == [
        ("A Visit", "一日游"), ("Photos by Ana Ruiz.", None),
        ("The garden opened in 1929 on the site of an old brickworks.", "植物园建于一九二九年，原址是一座旧砖厂。")]


def test_a_translators_note_stands_alone_even_where_it_would_fit() -> None:
    text = ("Only the bud and two leaves are taken.\n\n只采一芽两叶。\n\n译者注：一芽两叶指新梢顶端的芽和两片嫩叶。\n\n"
            "The leaves wither in the sun.\n\n鲜叶在太阳下晒青。\n")
    assert document_from_text(text).pairs() == [
        ("Only the bud and two leaves are taken.", "只采一芽两叶。"), (None, "译者注：一芽两叶指新梢顶端的芽和两片嫩叶。"),
        ("The leaves wither in the sun.", "鲜叶在太阳下晒青。")]


def test_untranslated_units_keep_their_language_order_in_the_chain() -> None:
    chain = [AlignedBead((0,), (1,)), AlignedBead((3,), (4,))]
    assert with_untranslated(chain, english=[5], chinese=[2]) == [
        AlignedBead((0,), (1,)), AlignedBead((), (2,)), AlignedBead((3,), (4,)), AlignedBead((5,), ())]


def test_a_credit_in_one_of_two_files_stands_alone_and_a_caption_pairs_with_its_own(tmp_path: Path) -> None:
    (tmp_path / "mill.en.txt").write_text(
        "# The Old Mill\n\nPhotos by Ana Ruiz.\n\n"
        "The mill stood by the river for two hundred years, grinding wheat for the villages around it.\n\n"
        "Figure 1. The mill in 1950.\n\n"
        "In 1962 the last miller closed the doors, and the wheel stopped turning.\n", encoding="utf-8")
    (tmp_path / "mill.zh.txt").write_text(
        "# 老磨坊\n\n磨坊在河边立了两百年，为周围的村子磨麦子。\n\n图1 一九五〇年的磨坊。\n\n"
        "一九六二年，最后一位磨坊主关上了门，水车也停止了转动。\n", encoding="utf-8")
    assert open_two_files(tmp_path / "mill.en.txt", tmp_path / "mill.zh.txt").pairs() == [
        ("The Old Mill", "老磨坊"), ("Photos by Ana Ruiz.", None),
        ("The mill stood by the river for two hundred years, grinding wheat for the villages around it.",
         "磨坊在河边立了两百年，为周围的村子磨麦子。"),
        ("Figure 1. The mill in 1950.", "图1 一九五〇年的磨坊。"),
        ("In 1962 the last miller closed the doors, and the wheel stopped turning.",
         "一九六二年，最后一位磨坊主关上了门，水车也停止了转动。")]


def test_a_sentence_about_the_translator_is_not_a_note() -> None:
    assert not is_translators_note("译者注意到原文里有一个错字。")
    assert not is_translators_note("译者按照作者的意思改了题目。")
    assert is_translators_note("译按：原文如此。")
