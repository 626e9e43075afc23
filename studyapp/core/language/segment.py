"""Cutting Chinese text into tokens: jieba for words, plus names and non-words.

jieba is imported and initialised only when text is not in the segmentation
cache (it costs ~1 s), so reopening a document never loads it. Tokens cover
the text exactly: Chinese words and names, numbers, Latin words, punctuation
and spaces. A Chinese token that CC-CEDICT lacks is a *name* when jieba's
lexicon tags it as a person name, when it joins parts with ``·``, or when it
looks like one (a transliteration such as 贝森特, a surname plus a given name
such as 白邦瑞); otherwise the lookup shows its breakdown. Example::

    >>> s = Segmenter(Dictionary.open())               # doctest: +SKIP
    >>> [(t.text, t.kind) for t in s.segment("国务卿马可·鲁比奥说10%")]  # doctest: +SKIP
    [('国务卿', 'word'), ('马可·鲁比奥', 'name'), ('说', 'word'), ('10%', 'number')]
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
from collections.abc import Container, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from studyapp.core.language.dictionary import Dictionary
from studyapp.core.language.lean_imports import import_jieba
from studyapp.core.language.script_conversion import ScriptConverter
from studyapp.core.language.segment_cache import SegmentCache, decode_tokens, encode_tokens
from studyapp.core.language.word_classes import WordClasses
from studyapp.core.text.char_classes import HAN_PATTERN
from studyapp.core.text.document import Token

if TYPE_CHECKING:
    import jieba

log = logging.getLogger(__name__)

_RUN_RE = re.compile(
    rf"(?P<han>{HAN_PATTERN}+)"
    r"|(?P<number>[0-9０-９]+(?:[.,:][0-9０-９]+)*%?)"
    r"|(?P<latin>[A-Za-zＡ-Ｚａ-ｚ\u00c0-\u024f]+(?:['’\-][A-Za-z\u00c0-\u024f]+)*)"
    r"|(?P<space>\s+)"
    r"|(?P<punct>.)",
    re.S,
)

#: Characters of the standard transliteration table for foreign names.
TRANSLITERATION = set(
    "阿埃艾安昂奥巴邦贝本比彼毕宾波伯博布查达戴丹道德登迪蒂丁杜顿多厄恩尔法范菲芬丰弗福冈戈哥格古圭哈海汉豪赫亨胡"
    "霍基吉加贾杰捷金卡凯坎康考柯科克肯库夸拉莱赖兰朗劳勒雷里利丽莉连林琳隆卢鲁路伦罗洛马玛迈麦曼梅蒙米敏明莫默姆"
    "穆纳娜奈南内尼涅纽努诺欧帕潘佩彭皮珀普奇乔切钦琼丘萨塞赛桑瑟森沙莎尚舍什施斯松苏索塔泰坦特提廷托瓦万旺威韦维"
    "魏温沃乌伍西希谢辛休雅亚扬耶伊因英尤约泽扎詹兹祖佐茨"
)
#: Common surnames: a 2-3 character unknown word starting with one is likely a name.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤习"
)


#: Characters that make "surname + given name" unlikely (万个, 高出, 张开).
_NOT_IN_NAMES = set("个位名项次年月日天的了是在有和人们多大小很太更最说等出开过到着上下里们")


#: Characters of numbers written in Chinese: 二○○一年, 三十五, 第十
_NUMERALS = set("〇○零一二两三四五六七八九十百千万亿几半第壹贰叁肆伍陆柒捌玖拾佰仟")
#: How often (in jieba's corpus) a word jieba knows must occur to stay whole.
_COMMON_IN_JIEBA = 100


class Segmenter:
    """Segments text with jieba (loaded lazily) behind a persistent cache."""

    def __init__(self, dictionary: Dictionary, cache_dir: Path | None = None, converter: ScriptConverter | None = None, repair: bool = True) -> None:
        self.dictionary = dictionary
        self.repair = repair
        self.converter = converter or ScriptConverter(dictionary)
        self._cache_dir = cache_dir or dictionary.info.path.parent
        self._cache: SegmentCache | None = None
        self._jieba: jieba.Tokenizer | None = None
        self._word_classes: WordClasses | None = None
        self._lock = threading.Lock()

    @property
    def jieba_loaded(self) -> bool:
        return self._jieba is not None

    def segment(self, text: str) -> list[Token]:
        return self.segment_many([text])[0]

    def segment_many(self, texts: Sequence[str]) -> list[list[Token]]:
        """Tokens for each text; cached texts need no jieba at all."""
        cache = self._open_cache()
        keys = [SegmentCache.key(t) for t in texts]
        found = cache.get_many(keys) if cache else {}
        fresh: dict[str, str] = {}
        out: list[list[Token]] = []
        for text, key in zip(texts, keys):
            encoded = found.get(key) or fresh.get(key)
            if encoded is None:
                encoded = fresh[key] = encode_tokens(self._segment_uncached(text))
            out.append(decode_tokens(text, encoded))
        if fresh and cache:
            cache.put_many(fresh)
        return out

    @property
    def cache(self) -> SegmentCache | None:
        return self._open_cache()

    def _open_cache(self) -> SegmentCache | None:
        if self._cache is None:
            try:
                self._cache = SegmentCache(self._cache_dir / "segments.sqlite3")
            except (sqlite3.Error, OSError) as exc:
                log.warning("no segmentation cache: %s", exc)
                return None
        return self._cache

    # --- segmentation proper ---------------------------------------------------

    def _tokenizer(self) -> jieba.Tokenizer:
        with self._lock:
            if self._jieba is None:
                jieba = import_jieba()
                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.tmp_dir = str(self._cache_dir)
                tokenizer.initialize()
                self._jieba = tokenizer
        return self._jieba

    def _segment_uncached(self, text: str) -> list[Token]:
        if not text:
            return []
        clean = text.encode("utf-8", "replace").decode("utf-8") if _has_surrogates(text) else text
        if self.converter.has_traditional(clean):
            clean = self.converter.to_simplified(clean)  # jieba knows simplified words; same length
        pieces: list[Token] = []
        start = 0
        for word in self._tokenizer().cut(clean, HMM=True):
            pieces.extend(self._split_runs(text[start : start + len(word)], start))
            start += len(word)
        return self._classify(_join_dotted_names(pieces))

    def _split_runs(self, word: str, start: int) -> list[Token]:
        # Every alternative of _RUN_RE is a named group, so a match always has a lastgroup.
        runs = [(cast(str, m.lastgroup), m.start(), m.end()) for m in _RUN_RE.finditer(word)]
        if len(runs) > 1 and self.dictionary.contains(word):  # "卡拉OK", "A型"
            return [Token(word, start, "word")]
        return [Token(word[a:b], start + a, "word" if kind == "han" else kind) for kind, a, b in runs]

    def _classify(self, tokens: list[Token]) -> list[Token]:
        """Names marked as such; other words CC-CEDICT lacks repaired (see ``_pieces``)."""
        words = [t.text for t in tokens if t.kind == "word"]
        known = self.dictionary.known(list(dict.fromkeys(words)))
        out = []
        for token in tokens:
            if token.kind != "word" or token.text in known:
                out.append(token)
            elif self.looks_like_name(token.text):
                out.append(Token(token.text, token.start, "name"))
            else:
                start = token.start
                for piece in self._pieces(token.text):
                    out.append(Token(piece, start, "word"))
                    start += len(piece)
        return out

    def _pieces(self, word: str) -> tuple[str, ...]:
        """A word CC-CEDICT lacks, split into dictionary words when that is
        more plausible than the word itself.

        jieba's statistical model invents words across word boundaries
        (慢慢地说 -> 慢慢/地说, 有人不去 -> 有人/不去) and its lexicon keeps
        rare phrases (今天天气); those are split: 地/说, 不/去, 今天/天气.
        Words in jieba's lexicon that are common (亿美元, 3,217 times in
        its corpus) stay whole, as do numbers (二○○一年); the lookup shows
        their parts.
        """
        if not self.repair or len(word) < 2 or all(ch in _NUMERALS for ch in word[:-1]):
            return (word,)
        if self._tokenizer().FREQ.get(word, 0) >= _COMMON_IN_JIEBA:
            return (word,)
        pieces = self.dictionary.breakdown(word)
        return pieces if len(pieces) > 1 else (word,)

    def looks_like_name(self, word: str) -> bool:
        """For a Chinese word CC-CEDICT lacks: is it (probably) a person's name?"""
        if "·" in word or self.word_classes().is_person_name(word):
            return True
        if len(word) < 2:
            return False
        translit = sum(ch in TRANSLITERATION for ch in word)
        if translit >= max(2, len(word) - 1):
            return True
        return 2 <= len(word) <= 3 and word[0] in SURNAMES and not any(ch in _NOT_IN_NAMES for ch in word[1:])

    def person_names(self) -> Container[str]:
        """Words jieba's lexicon tags as person names (nr, nrt, nrfg)."""
        return self.word_classes().person_names()

    def word_classes(self) -> WordClasses:
        """jieba's word classes (verbs, adjectives, names ...), loaded once."""
        with self._lock:
            if self._word_classes is None:
                self._word_classes = WordClasses.load(self._cache_dir)
            return self._word_classes


def _has_surrogates(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


_DOTS = "·•‧・"


def _join_dotted_names(tokens: list[Token]) -> list[Token]:
    """马可 · 鲁 比奥 -> one token: a name written with the interpunct.

    Each side of a dot takes the adjacent Chinese token and any further
    neighbours made only of transliteration characters.
    """
    def is_word(k: int) -> bool:
        return 0 <= k < len(tokens) and tokens[k].kind == "word"

    def translit(k: int) -> bool:
        return is_word(k) and all(ch in TRANSLITERATION for ch in tokens[k].text)

    out: list[Token] = []
    k = 0
    while k < len(tokens):
        dot = k + 1
        if not (is_word(k) and dot < len(tokens) and tokens[dot].text in _DOTS and is_word(dot + 1)):
            out.append(tokens[k])
            k += 1
            continue
        first = k
        while out and translit(first - 1) and out[-1] is tokens[first - 1]:
            first -= 1
            out.pop()
        last = dot + 1
        while True:
            if last + 2 < len(tokens) and tokens[last + 1].text in _DOTS and is_word(last + 2):
                last += 2
            elif translit(last + 1):
                last += 1
            else:
                break
        out.append(Token("".join(t.text for t in tokens[first : last + 1]), tokens[first].start, "word"))
        k = last + 1
    return out
