"""Segmentation, names, coverage of the seed document, and readings in context."""

from __future__ import annotations

import pytest

from studyapp.core.language.pinyin_spelling import marks_from_numbered, numbered_from_marks, strip_tones, tone_of
from studyapp.core.text.document import Token
from studyapp.core.text.importers import open_document


def segmented(language, text: str) -> str:
    return "/".join(t.text for t in language.segment_many([text])[0])


def kinds(language, text: str) -> str:
    return " ".join(f"{t.text}:{t.kind}" for t in language.segment_many([text])[0] if t.kind != "space")


def read(language, text: str) -> str:
    tokens = language.segment_many([text])[0]
    return " ".join(" ".join(r) for r in language.reader.read(tokens) if r)


def test_segmentation_covers_the_text_exactly(language) -> None:
    text = "特朗普希望与中国达成协议，2020 年 Truth Social 上写道：10% 的关税。"
    tokens = language.segment_many([text])[0]
    assert "".join(t.text for t in tokens) == text
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_token_kinds(language) -> None:
    assert kinds(language, "2020年Truth上写道。") == "2020:number 年:word Truth:latin 上:word 写道:word 。:punct"


def test_names_are_marked(language) -> None:
    text = "贝森特和白邦瑞会见了国务卿马可·鲁比奥。"
    found = {t.text for t in language.segment_many([text])[0] if t.kind == "name"}
    assert {"贝森特", "白邦瑞", "马可·鲁比奥"} <= found


def test_every_chinese_token_of_the_seed_gives_something_useful(language, seed_path) -> None:
    document = open_document(seed_path)
    texts = [b.chinese.text for b in document.blocks if b.chinese]
    tokens = [t for tokens in language.segment_many(texts) for t in tokens if t.is_chinese]
    dictionary = language.dictionary
    known = dictionary.known(sorted({t.text for t in tokens}))
    useless = [
        t.text for t in tokens
        if t.text not in known and t.kind != "name" and not all(dictionary.contains(p) for p in dictionary.breakdown(t.text))
    ]
    assert len(tokens) > 1000 and useless == []


def test_segmentation_cache_avoids_jieba(language_home, tmp_path) -> None:
    from studyapp.core.language.engine import Language

    first = Language(language_home / "cache")
    text = "这是一个用来测试缓存的独特句子，编号七四一。"
    expected = first.segment_many([text])
    fresh = Language(language_home / "cache")
    assert fresh.segment_many([text]) == expected
    assert not fresh.segmenter.jieba_loaded


@pytest.mark.parametrize(
    ("text", "pinyin"),
    [
        ("他还没有还钱", "ta1 hai2 mei2 you3 huan2 qian2"),
        ("银行行长", "yin2 hang2 hang2 zhang3"),
        ("我得走了", "wo3 dei3 zou3 le5"),
        ("他慢慢地走", "ta1 man4 man4 de5 zou3"),
        ("长城很长", "chang2 cheng2 hen3 chang2"),
        ("他长大了", "ta1 zhang3 da4 le5"),
        ("你觉得呢", "ni3 jue2 de5 ne5"),
        ("我睡觉了", "wo3 shui4 jiao4 le5"),
        ("绿色", "lü4 se4"),
    ],
)
def test_readings_in_context(language, text: str, pinyin: str) -> None:
    assert read(language, text) == pinyin


def test_tone_sandhi_is_an_option(language) -> None:
    tokens = language.segment_many(["不是一个"])[0]
    assert " ".join(" ".join(r) for r in language.reader.read(tokens) if r) == "bu4 shi4 yi1 ge4"
    assert " ".join(" ".join(r) for r in language.reader.read(tokens, sandhi=True) if r) == "bu2 shi4 yi2 ge4"


def test_pinyin_spelling() -> None:
    assert marks_from_numbered("lu:4 nv3 Zhong1 guo2 er2 r5 xx5") == "lǜ nǚ Zhōng guó ér r xx"
    assert numbered_from_marks("lǜ") == "lü4" and tone_of("ma5") == 5 and tone_of("mǎ") == 3
    assert strip_tones("Zhōngguó") == "zhongguo"


def test_empty_surrogates_and_latin_never_raise(language) -> None:
    texts = ["", "\ud800孤立", "only English here", "   ", "🙂表情"]
    results = language.annotate(texts)
    for text, tokens in zip(texts, results):
        assert "".join(t["text"] for t in tokens) == text


def test_tokens_are_tokens(language) -> None:
    token = language.segment_many(["你好"])[0][0]
    assert isinstance(token, Token) and token.is_chinese


def test_traditional_text_is_segmented_and_read_like_simplified(language) -> None:
    traditional = language.segment_many(["他還沒有還錢。"])[0]
    simplified = language.segment_many(["他还没有还钱。"])[0]
    assert [len(t.text) for t in traditional] == [len(t.text) for t in simplified]
    assert language.reader.read(traditional) == language.reader.read(simplified)
    assert all(language.dictionary.contains(t.text) for t in traditional if t.is_chinese)


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [("头发", "頭髮"), ("发现", "發現"), ("以后", "以後"), ("皇后", "皇后"), ("后", "後"), ("干净", "乾淨"), ("干部", "幹部")],
)
def test_word_level_conversion_to_traditional(language, simplified: str, traditional: str) -> None:
    from studyapp.core.language.script_conversion import ScriptConverter

    converter = ScriptConverter(language.dictionary)
    assert converter.word_to_traditional(simplified) == traditional
    assert converter.to_simplified(traditional) == simplified


def test_cache_from_an_older_version_is_replaced(tmp_path) -> None:
    import sqlite3

    from studyapp.core.language.segment import SegmentCache

    path = tmp_path / "segments.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE segment(key TEXT PRIMARY KEY, tokens TEXT NOT NULL)")
        db.execute("INSERT INTO segment VALUES ('k', 'w2')")
    cache = SegmentCache(path)
    assert cache.get_many(["k"]) == {}
    cache.put_many({"k": "w2"})
    assert cache.get_many(["k"]) == {"k": "w2"}


def test_reopening_reads_the_first_page_from_the_cache(language_home) -> None:
    from studyapp.core.language.engine import Language

    texts = ["缓存里的读音测试句子，第九十九号。"]
    expected = Language(language_home / "cache").read_many(texts)
    fresh = Language(language_home / "cache")
    assert fresh.read_cached(texts) == expected
    assert fresh._dictionary is None  # neither the dictionary nor jieba was needed
