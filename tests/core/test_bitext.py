"""The bitext aligner (two files, sentences of a pair) on constructed units."""

from __future__ import annotations

import random

from studyapp.core.text import bitext
from studyapp.core.text.bitext import align_bitext, learn_translations
from studyapp.core.text.bitext_anchors import anchor_chain
from studyapp.core.text.bitext_units import AlignUnit, BitextUnits


def test_numbers_and_lengths_align_without_a_dictionary() -> None:
    units = BitextUnits()
    zh, en = units.build(
        ["我二十一岁时去了云南。", "陈清扬当时二十六岁，是医生。", "我在十四队，她在十五队。"],
        ["At twenty-one, I went to Yunnan.", "Chen Qingyang was twenty-six at the time.", "She was a doctor.",
         "I was on team fourteen and she was on team fifteen."],
    )
    assert align_bitext(zh, en, units.translations) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]


def test_an_aside_in_one_language_stands_alone() -> None:
    units = BitextUnits()
    zh, en = units.build(["他一九三二年来到这里。", "（他是站里最老的人。）", "二〇〇五年以后，他每天三点起床。"],
                         ["He came here in 1932.", "Since 2005, he has got up at three every day."])
    assert [u.aside for u in zh] == [False, True, False]
    assert align_bitext(zh, en, units.translations) == [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    # Not a note: the same sentence without its brackets is merged with the next.
    zh, en = units.build(["他一九三二年来到这里。", "他是站里最老的人。", "二〇〇五年以后，他每天三点起床。"],
                         ["He came here in 1932.", "Since 2005, he has got up at three every day."])
    assert align_bitext(zh, en, units.translations) == [((0,), (0,)), ((1, 2), (1,))]


def test_in_a_close_translation_a_sentence_explained_only_by_a_pronoun_stands_alone(monkeypatch) -> None:
    # Every 1-1 pair matches all its terms; English unit 3 shares only a pronoun (key 18) with Chinese unit 2.
    zh = [AlignUnit(12, (3 * k, 3 * k + 1, 3 * k + 2) + ((18,) if k == 2 else ())) for k in range(6)]
    en = [AlignUnit(48, (3 * k, 3 * k + 1, 3 * k + 2)) for k in range(6)]
    en.insert(3, AlignUnit(30, (18, 19, 20), weak=0b1))
    translations = [frozenset({t}) for t in range(19)]
    alone = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((), (3,)), ((3,), (4,)), ((4,), (5,)), ((5,), (6,))]
    assert align_bitext(zh, en, translations) == alone
    monkeypatch.setattr(bitext, "CLOSE", 1.1)  # judged a free translation, it is merged
    assert align_bitext(zh, en, translations)[2] == ((2,), (2, 3))


def test_terms_unexplained_together_are_learnt() -> None:
    # Chinese term 0 is never translated by the dictionary but always stands with English key 7.
    zh = [AlignUnit(10, (0,)), AlignUnit(10, (1,)), AlignUnit(10, (0,)), AlignUnit(10, (1,))]
    en = [AlignUnit(40, (7,)), AlignUnit(40, (8,)), AlignUnit(40, (7,)), AlignUnit(40, (8,))]
    translations = [frozenset(), frozenset()]
    learnt = learn_translations(zh, en, translations, [((k,), (k,)) for k in range(4)])
    assert learnt == [frozenset({7}), frozenset({8})]
    mixed = [AlignUnit(40, (7,)), AlignUnit(40, (7,)), AlignUnit(40, (8,)), AlignUnit(40, (8,))]
    assert learn_translations(zh, mixed, translations, [((k,), (k,)) for k in range(4)]) is translations


def test_anchors_follow_rare_shared_terms_and_ignore_stray_ones() -> None:
    n = 50
    zh = [AlignUnit(10, (k,)) for k in range(n)]
    en = [AlignUnit(40, (k,)) for k in range(n)]
    translations = [frozenset({k}) for k in range(n)]
    chain = anchor_chain([AlignUnit(10, (k, n + k)) for k in range(n)], [AlignUnit(40, (k, n + k)) for k in range(n)],
                         [frozenset({k}) for k in range(2 * n)])
    assert chain == [(0, 0), *((k, k) for k in range(1, n)), (n, n)]
    assert anchor_chain(zh, en, translations) == [(0, 0), (n, n)]  # one shared term per pair is not enough


def test_one_english_word_is_one_piece_of_anchor_evidence() -> None:
    """絮絮叨叨, 絮叨 and 叨叨 are three dictionary words inside one Chinese word, all
    glossed by the same English key: that pair shares one rare word, not three
    (in the whole Bible such pairs chained 1,500 Chinese lines to the wrong verses)."""
    n = 50
    overlapping = [AlignUnit(10, (3 * k, 3 * k + 1, 3 * k + 2)) for k in range(n)]
    en = [AlignUnit(40, (k,)) for k in range(n)]
    translations = [frozenset({k}) for k in range(n) for _ in range(3)]
    assert anchor_chain(overlapping, en, translations) == [(0, 0), (n, n)]
    two_words = [AlignUnit(10, (3 * k, 3 * k + 1)) for k in range(n)]  # two English words: enough
    translations = [frozenset({k}) if m == 0 else frozenset({n + k}) for k in range(n) for m in range(3)]
    en = [AlignUnit(40, (k, n + k)) for k in range(n)]
    assert anchor_chain(two_words, en, translations) == [(0, 0), *((k, k) for k in range(1, n)), (n, n)]


def test_a_long_text_is_aligned_along_its_anchors() -> None:
    rng = random.Random(3)
    zh, en, gold, translations = [], [], [], []
    for k in range(3000):  # every Chinese unit translated by one or two English units
        terms = (2 * k, 2 * k + 1)
        translations += [frozenset({2 * k}), frozenset({2 * k + 1})]
        length = rng.randint(10, 40)
        zh.append(AlignUnit(length, terms))
        if rng.random() < 0.3:
            gold.append(((k,), (len(en), len(en) + 1)))
            en += [AlignUnit(length * 2.5, terms[:1]), AlignUnit(length * 2.5, terms[1:])]
        else:
            gold.append(((k,), (len(en),)))
            en.append(AlignUnit(length * 5, terms))
    assert align_bitext(zh, en, translations) == gold
