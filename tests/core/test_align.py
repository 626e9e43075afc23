"""The aligner on small constructed cases, written compactly."""

from __future__ import annotations

from studyapp.core.text.importers.bilingual_text import document_from_text, parse_units
from studyapp.core.text.reading_order import AlignedBead, document_order


def paired(text: str) -> list[tuple[str | None, str | None]]:
    return document_from_text(text).pairs()


def test_one_to_one_english_first() -> None:
    text = (
        "The river was quiet in the morning, and the fishermen were already out.\n\n"
        "清晨的河面很安静，渔民们已经出船了。\n\n"
        "By noon the market was full of people buying fish and vegetables.\n\n"
        "到了中午，市场里挤满了买鱼买菜的人。\n"
    )
    assert [bool(e) and bool(c) for e, c in paired(text)] == [True, True]
    assert paired(text)[1][1] == "到了中午，市场里挤满了买鱼买菜的人。"


def test_untranslated_paragraph_does_not_shift_later_pairs() -> None:
    text = (
        "The museum opens at nine o'clock every morning except on Mondays.\n\n"
        "博物馆除周一外每天早上九点开门。\n\n"
        "Photographs by the author. All rights reserved, please ask before you reuse any of them.\n\n"
        "Tickets cost 40 yuan for adults and 20 yuan for students with a card.\n\n"
        "成人票40元，学生凭证20元。\n\n"
        "The cafe on the second floor serves tea and small cakes until five.\n\n"
        "二楼的咖啡馆供应茶和小点心，营业到五点。\n"
    )
    pairs = paired(text)
    assert len(pairs) == 4
    assert pairs[1] == ("Photographs by the author. All rights reserved, please ask before you reuse any of them.", None)
    assert pairs[2][1] == "成人票40元，学生凭证20元。"


def test_chinese_first_document() -> None:
    text = (
        "他每天骑自行车去上班，路上大约要花二十分钟。\n\n"
        "He rides his bicycle to work every day, which takes about twenty minutes.\n\n"
        "下雨的时候，他就坐公共汽车。\n\n"
        "When it rains, he takes the bus instead.\n"
    )
    pairs = paired(text)
    assert pairs == [
        ("He rides his bicycle to work every day, which takes about twenty minutes.", "他每天骑自行车去上班，路上大约要花二十分钟。"),
        ("When it rains, he takes the bus instead.", "下雨的时候，他就坐公共汽车。"),
    ]


def test_one_line_heading_with_parenthesised_chinese() -> None:
    assert paired("## Ingredients（配料）\n\nTwo eggs and a tomato.\n\n两个鸡蛋和一个西红柿。\n")[0] == ("Ingredients", "配料")


def test_english_and_chinese_lines_in_one_block() -> None:
    assert paired("Practice makes perfect.\n熟能生巧。\n") == [("Practice makes perfect.", "熟能生巧。")]


def test_fenced_code_is_kept_whole_and_untranslated() -> None:
    text = "Run the script:\n\n运行脚本：\n\n```\npip install x\n\n# done\n```\n"
    assert paired(text)[-1] == ("pip install x\n\n# done", None)


def test_language_is_decided_after_stripping_markup() -> None:
    units = parse_units("[中文链接](http://example.com/a-very-long-english-looking-address)")
    assert [(u.lang, u.text) for u in units] == [("zh", "中文链接")]


def test_headings_pair_with_headings_not_paragraphs() -> None:
    text = (
        "## Spring\n\n### 春天\n\n"
        "In spring the hills turn green and the farmers begin to plant rice in the wet fields.\n\n"
        "春天，山变绿了，农民开始在水田里插秧。\n"
    )
    document = document_from_text(text)
    assert [b.kind for b in document.blocks] == ["heading", "paragraph"]
    assert document.blocks[0].level == 2


def test_paragraph_starting_with_a_decimal_is_not_a_list() -> None:
    text = "3.4 million people live here.\n\n这里住着340万人。\n"
    document = document_from_text(text)
    assert [b.kind for b in document.blocks] == ["paragraph"]
    assert document.pairs() == [("3.4 million people live here.", "这里住着340万人。")]


def test_numbered_lists_keep_their_numbers() -> None:
    text = "1. Boil water.\n2. Add tea.\n\n1、烧水。\n2、放茶叶。\n"
    document = document_from_text(text)
    assert [b.kind for b in document.blocks] == ["list"]
    assert document.pairs() == [("1. Boil water.\n2. Add tea.", "1、烧水。\n2、放茶叶。")]


def test_chinese_first_with_an_untranslated_chinese_paragraph() -> None:
    text = (
        "# 第一章\n\n# Chapter 1\n\n他走进了房间，看见桌子上放着一封信。\n\n"
        "He walked into the room and saw a letter on the table.\n\n"
        "这一段没有英文翻译，是译者加上的说明，介绍了这封信的历史背景和写信人的家庭情况。\n\n"
        "信是他母亲写的，她住在北京。\n\nThe letter was from his mother, who lived in Beijing.\n"
    )
    pairs = paired(text)
    assert ("He walked into the room and saw a letter on the table.", "他走进了房间，看见桌子上放着一封信。") in pairs
    assert ("The letter was from his mother, who lived in Beijing.", "信是他母亲写的，她住在北京。") in pairs
    assert sum(1 for e, c in pairs if e is None) == 1


def test_code_blocks_stay_where_the_file_has_them() -> None:
    sections = [f"Step {n} of the guide.\n\n指南的第{n}步。\n\n```\nrun step {n}\n```" for n in range(1, 9)]
    pairs = paired("\n\n".join(sections))
    assert pairs == [p for n in range(1, 9) for p in ((f"Step {n} of the guide.", f"指南的第{n}步。"), (f"run step {n}", None))]


def test_unit_in_neither_language_goes_before_the_first_bead_starting_after_it() -> None:
    # English 3 (alone) then the pair English 4 / Chinese 1: the beads' first units go 3, 1.
    chain = [AlignedBead((3,), ()), AlignedBead((4,), (1,))]
    assert document_order(chain, [0, 2, 5]) == [
        AlignedBead((0,), ()), AlignedBead((2,), ()), AlignedBead((3,), ()), AlignedBead((4,), (1,)), AlignedBead((5,), ()),
    ]


def test_a_file_that_alternates_paragraph_by_paragraph_is_paired_as_laid_out() -> None:
    """Lengths alone would shift these pairs (a long Chinese line for a short English
    one, then the reverse); the layout says each Chinese paragraph translates the
    English just before it, and no translation sits inside its original."""
    pairs = [
        ("What are you on about?", "你说的是什么事儿？"),
        ("I asked her whether she would do it or not.", "我问她我刚才说的那件事你到底答应不答应。"),
        ("She said no and went red.", "她说不，脸一下子红了。"),
        ("She seemed a little shy, so I decided to take the first step and began to tease her a good deal more than before.", "我看她有点害羞，就主动逗她。"),
        ("She pushed me away twice, then said: not here, let us walk up the hill.", "她推了我两把，后来说，别在这儿，咱们上山去。"),
    ]
    text = "\n\n".join(f"{english}\n\n{chinese}" for english, chinese in pairs) + "\n"
    assert document_from_text(text, path="walk.md", name="walk").pairs() == pairs
