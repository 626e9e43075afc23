"""Linking Chinese words to the English words that translate them.

Within an aligned pair, sentences are split and aligned (the paragraph
aligner with a dictionary-overlap score); then every Chinese word of a
sentence is scored against the words of its English sentence:

* CC-CEDICT glosses of the word, reduced to lemmas (tariffs ~ tariff,
  negotiated ~ negotiate), single words and multi-word glosses ("strike a
  deal" for 达成协议-like senses, matched over consecutive content words);
* transliterated names (贝森特 ~ Bessent) by a consonant-skeleton
  similarity of the pinyin and the capitalised English word; adjacent
  pieces jieba split (卢特 + 尼克) are joined when together they match;
* a small penalty for distance in relative position.

Below the confidence threshold nothing is linked; each English word goes to
at most one Chinese word. Example::

    >>> linker = WordLinker(Language())                                   # doctest: +SKIP
    >>> [(l.zh_text, l.en_texts) for l in linker.link_sentence("他们达成了协议。", "They reached an agreement.")]  # doctest: +SKIP
    [('他们', ['They']), ('达成', ['reached']), ('协议', ['agreement'])]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from studyapp.core.language.engine import Language
from studyapp.core.links.english_lemmas import STOPWORDS, base_forms, lemmas, words
from studyapp.core.links.lexicon import PAREN_RE, english_key, gloss_keys
from studyapp.core.text.align import Bead, Item, align
from studyapp.core.text.document import Block, Token
from studyapp.core.text.sentences import sentence_spans

if TYPE_CHECKING:
    from studyapp.core.language.lookup import LookupResult
    from studyapp.core.language.readings import Reading

THRESHOLD = 0.62
_SPLIT_RE = re.compile(r"[;,/]| or ")
#: (score, first Chinese token, English word indices, Chinese tokens spanned)
_Candidate = tuple[float, int, tuple[int, ...], int]
#: An English word and its start and end offsets, as ``english_lemmas.words`` gives them.
_EnglishWord = tuple[str, int, int]
_SKELETON_CLASSES = {**dict.fromkeys("bp", "B"), **dict.fromkeys("dt", "T"), **dict.fromkeys("gkqc", "K"),
                     **dict.fromkeys("szxj", "S"), **dict.fromkeys("lr", "L"), **dict.fromkeys("fvwh", "F"), "m": "M", "n": "N", "y": ""}


@dataclass(frozen=True)
class Link:
    zh: tuple[int, int]  # offsets in the Chinese text
    en: tuple[tuple[int, int], ...]  # offsets in the English text
    score: float
    zh_text: str = ""
    en_texts: tuple[str, ...] = field(default=())
    tokens: int = 1  # Chinese tokens joined (a name jieba split: 卢特 + 尼克)


@dataclass(frozen=True)
class PairLinks:
    sentences: list[tuple[tuple[int, int] | None, tuple[int, int] | None]]  # (en span, zh span) per aligned sentence bead
    links: list[Link]

    @property
    def names(self) -> set[str]:
        """Names found by joining pieces jieba split, to feed back to segmentation."""
        return {link.zh_text for link in self.links if link.tokens > 1}

    def chinese_sentence_of(self, english_offset: int) -> tuple[int, int] | None:
        """The Chinese span aligned with the English sentence at ``english_offset``, if any."""
        return next((zh for en, zh in self.sentences if en and en[0] <= english_offset < en[1]), None)


def join_names(tokens: Sequence[Token], readings: Sequence[Reading], names: set[str] | frozenset[str]) -> tuple[list[Token], list[Reading]]:
    """Join consecutive Chinese tokens that spell a known name (卢特 + 尼克 -> 卢特尼克)."""
    out_tokens: list[Token] = []
    out_readings: list[Reading] = []
    k = 0
    while k < len(tokens):
        for span in (3, 2):
            parts = tokens[k : k + span]
            if len(parts) == span and all(p.is_chinese for p in parts) and "".join(p.text for p in parts) in names:
                out_tokens.append(Token("".join(p.text for p in parts), parts[0].start, "name"))
                out_readings.append([s for r in readings[k : k + span] for s in (r or [])])
                k += span
                break
        else:
            out_tokens.append(tokens[k])
            out_readings.append(readings[k])
            k += 1
    return out_tokens, out_readings


class WordLinker:
    def __init__(self, language: Language) -> None:
        self.language = language
        self.dictionary = language.dictionary
        self._glosses = functools.lru_cache(maxsize=50_000)(self._glosses_uncached)

    # --- glosses ----------------------------------------------------------------------

    def _glosses_uncached(self, word: str) -> tuple[tuple[tuple[frozenset[str], ...], float], ...]:
        """Each gloss of ``word`` as a sequence of lemma sets, with a weight; a word the
        dictionary lacks borrows the glosses of its parts (进口商品 -> 进口, 商品)."""
        entries = self.dictionary.lookup(word)
        if not entries and len(word) > 1:
            parts = [p for p in self.dictionary.breakdown(word) if len(p) > 1 or len(word) <= 3]
            return tuple((gloss, weight * 0.9) for p in parts if p != word for gloss, weight in self._glosses(p))
        out = []
        for rank, entry in enumerate(entries):
            base = 1.0 if rank == 0 else 0.92
            for definition in entry.definitions:
                if definition.startswith(("surname ", "variant of", "old variant", "see ", "used in")):
                    continue
                for gloss in _SPLIT_RE.split(PAREN_RE.sub(" ", definition)):
                    content = [w for w, _, _ in words(gloss) if w.lower() not in STOPWORDS]
                    if content and len(content) <= 4:
                        # Glosses are in base form already: only the running English is reduced
                        # ("likely" in a gloss must not become "like").
                        out.append((tuple(base_forms(w) for w in content), base))
                        if entry.is_proper_noun and len(content) > 1:
                            # "Donald Trump": "Trump" alone will do; "West Lake in Hangzhou": "West Lake".
                            out += [((base_forms(w),), base * 0.9) for w in content if w[:1].isupper()]
                            out += [(tuple(base_forms(w) for w in content[:n]), base) for n in range(2, len(content))]
        return tuple(out)

    def translations_in(self, english_word: str, chinese_words: Sequence[str]) -> list[str]:
        """Those of ``chinese_words`` whose glosses may translate ``english_word``, once
        each, in order: by lemma (tariffs ~ tariff) or by word stem (threats ~ 威胁
        "to threaten"). For a reverse lookup, the words of the aligned sentence first."""
        wanted, key = lemmas(english_word), english_key(english_word)
        found: list[str] = []
        for word in dict.fromkeys(chinese_words):
            glosses = self._glosses(word)
            if any(len(gloss) == 1 and gloss[0] & wanted for gloss, _ in glosses) or key in self._gloss_keys(word):
                found.append(word)
        return found

    def _gloss_keys(self, word: str) -> frozenset[str]:
        return gloss_keys(d for entry in self.dictionary.lookup(word) for d in entry.definitions)

    # --- one sentence pair ---------------------------------------------------------------

    def link_tokens(self, tokens: Sequence[Token], readings: Sequence[Reading], zh_offset: int, english: str, en_offset: int = 0) -> list[Link]:
        """Links for the Chinese ``tokens`` (offsets relative to their text) against ``english``."""
        en_words = [(w, s, e) for w, s, e in words(english)]
        content = [k for k, (w, _, _) in enumerate(en_words) if w.lower() not in STOPWORDS and len(w) > 1]
        en_lemmas = [lemmas(w) for w, _, _ in en_words]
        chinese = [(k, t) for k, t in enumerate(tokens) if t.is_chinese]
        if not chinese or not content:
            return []
        zh_start = tokens[0].start if tokens else 0
        zh_span = max(1, (tokens[-1].end - zh_start) if tokens else 1)
        candidates: list[_Candidate] = []
        for k, token in chinese:
            rel_zh = (token.start - zh_start) / zh_span
            for indices, strength in self._matches(token.text, en_lemmas, content):
                rel_en = en_words[indices[0]][1] / max(1, len(english))
                score = strength - 0.35 * abs(rel_zh - rel_en)
                if score >= THRESHOLD:
                    candidates.append((score, k, indices, 1))
        candidates += self._name_candidates(tokens, readings, en_words, english)
        return self._resolve(candidates, tokens, zh_offset, en_words, en_offset)

    def _matches(self, word: str, en_lemmas: list[frozenset[str]], content: list[int]) -> list[tuple[tuple[int, ...], float]]:
        found = []
        for gloss, weight in self._glosses(word):
            size = len(gloss)
            for start in range(len(content) - size + 1):
                run = content[start : start + size]
                if run[-1] - run[0] > size + 1:  # allow a function word or two in between
                    continue
                if all(g & en_lemmas[i] for g, i in zip(gloss, run)):
                    found.append((tuple(run), weight * (1.0 if size == 1 else 1.05)))
        return found

    def _name_candidates(self, tokens: Sequence[Token], readings: Sequence[Reading], en_words: list[_EnglishWord], english: str) -> list[_Candidate]:
        capitals = [k for k, (w, s, _) in enumerate(en_words) if w[:1].isupper() and w.lower() not in STOPWORDS and w.lower() not in ("mr", "mrs", "ms", "dr")]
        if not capitals:
            return []
        # Single capitalised words, and runs of two or three (Marco Rubio).
        names: list[tuple[int, ...]] = [(k,) for k in capitals]
        names += [(a, b) for a, b in zip(capitals, capitals[1:]) if b == a + 1]
        names += [(a, b, c) for a, b, c in zip(capitals, capitals[1:], capitals[2:]) if c == b + 1 == a + 2]
        out: list[_Candidate] = []
        for k, token in enumerate(tokens):
            if not token.is_chinese or readings[k] is None:
                continue
            if token.kind != "name" and self.dictionary.contains(token.text) and not _looks_transliterated(token.text):
                continue
            for span in (1, 2, 3):  # jieba may have split the name: 卢特 + 尼克
                parts = tokens[k : k + span]
                if len(parts) < span or not all(p.is_chinese and (p.kind == "name" or _looks_transliterated(p.text)) for p in parts):
                    break
                syllables = [s for j in range(k, k + span) for s in (readings[j] or [])]
                zh_skeleton = skeleton(pinyin_as_english("".join(re.sub(r"\d", "", s or "") for s in syllables)))
                for run in names:
                    en_skeleton = skeleton("".join(en_words[n][0] for n in run))
                    similarity = _similarity(zh_skeleton, en_skeleton)
                    if similarity >= 0.8 and min(len(zh_skeleton), len(en_skeleton)) >= 2:
                        out.append((0.6 + 0.4 * similarity - 0.05 * (span - 1), k, run, span))
        return out

    @staticmethod
    def _resolve(candidates: list[_Candidate], tokens: Sequence[Token], zh_offset: int, en_words: list[_EnglishWord], en_offset: int) -> list[Link]:
        """Best first; each Chinese token and each English word used once."""
        used_zh: set[int] = set()
        used_en: set[int] = set()
        links = []
        for score, k, indices, span in sorted(candidates, key=lambda c: -c[0]):
            covered = set(range(k, k + span))
            if covered & used_zh or set(indices) & used_en:
                continue
            used_zh |= covered
            used_en |= set(indices)
            start, end = tokens[k].start, tokens[k + span - 1].end
            en_spans = tuple((en_words[i][1] + en_offset, en_words[i][2] + en_offset) for i in indices)
            links.append(Link((start + zh_offset, end + zh_offset), en_spans, round(score, 3),
                              "".join(t.text for t in tokens[k : k + span]), tuple(en_words[i][0] for i in indices), span))
        return sorted(links, key=lambda link: link.zh)

    def link_sentence(self, chinese: str, english: str) -> list[Link]:
        tokens, readings = self.language.read_many([chinese])[0]
        return self.link_tokens(tokens, readings, 0, english)

    # --- a whole pair --------------------------------------------------------------------

    def link_pair(self, block: Block, tokens: Sequence[Token] | None = None, readings: Sequence[Reading] | None = None) -> PairLinks:
        """Sentence alignment and word links of one aligned pair (its ``tokens`` and their
        ``readings`` as shown, or read here when neither is given)."""
        if block.english is None or block.chinese is None:
            return PairLinks([], [])
        english, chinese = block.english.text, block.chinese.text
        if tokens is None:
            tokens, readings = self.language.read_many([chinese])[0]
        elif readings is None:
            raise ValueError("link_pair needs the readings of the tokens it is given")
        en_spans = sentence_spans(english, "en") or [(0, len(english))]
        zh_spans = sentence_spans(chinese, "zh") or [(0, len(chinese))]
        beads = self.align_sentences(english, en_spans, chinese, zh_spans, tokens)
        sentences, links = [], []
        for en_idx, zh_idx in beads:
            en_span = (en_spans[en_idx[0]][0], en_spans[en_idx[-1]][1]) if en_idx else None
            zh_span = (zh_spans[zh_idx[0]][0], zh_spans[zh_idx[-1]][1]) if zh_idx else None
            sentences.append((en_span, zh_span))
            if en_span and zh_span:
                inside = [k for k, t in enumerate(tokens) if zh_span[0] <= t.start < zh_span[1]]
                if inside:
                    sub_tokens = [tokens[k] for k in inside]
                    sub_readings = [readings[k] for k in inside]
                    links += self.link_tokens(sub_tokens, sub_readings, 0, english[en_span[0] : en_span[1]], en_span[0])
        return PairLinks(sentences, sorted(links, key=lambda link: link.zh))

    def align_sentences(
        self, english: str, en_spans: list[tuple[int, int]], chinese: str, zh_spans: list[tuple[int, int]], tokens: Sequence[Token],
    ) -> list[Bead]:
        if len(en_spans) == 1 and len(zh_spans) == 1:
            return [((0,), (0,))]
        en_items = [Item(english[a:b], "en") for a, b in en_spans]
        zh_items = [Item(chinese[a:b], "zh") for a, b in zh_spans]

        def lexical(en_text: str, zh_text: str) -> float:
            return self.overlap(zh_text, en_text, tokens, chinese)

        return align(en_items, zh_items, lexical=lexical, allow_2_2=True, band=max(len(en_spans), len(zh_spans)) + 2)

    def overlap(self, zh_text: str, en_text: str, tokens: Sequence[Token] | None = None, whole: str = "") -> float:
        """Share of the Chinese words with a gloss found in the English (0..1)."""
        if tokens is not None and whole:
            start = whole.find(zh_text)
            sub = [t for t in tokens if start <= t.start < start + len(zh_text) and t.is_chinese] if start >= 0 else []
        else:
            sub = [t for t in self.language.segment_many([zh_text])[0] if t.is_chinese]
        if not sub:
            return 0.0
        en_lemmas = [lemmas(w) for w, _, _ in words(en_text)]
        content = list(range(len(en_lemmas)))
        hits = sum(1 for t in sub if self._matches(t.text, en_lemmas, content))
        return hits / len(sub)


def rank_senses(result: LookupResult, english_words: Sequence[str]) -> LookupResult:
    """The lookup result with the sense the translation used first (entry and definition)."""
    from dataclasses import replace

    wanted = [lemmas(w) for w in english_words]

    def used(definition: str) -> bool:
        content = [base_forms(w) for w, _, _ in words(PAREN_RE.sub(" ", definition)) if w.lower() not in STOPWORDS]
        return any(g & w for g in content for w in wanted)

    entries = []
    for entry in result.entries:
        hits = [d for d in entry.definitions if used(d)]
        if hits:
            entry = replace(entry, definitions=tuple(hits + [d for d in entry.definitions if d not in hits]))
        entries.append((not hits, entry))
    ordered = [entry for _, entry in sorted(entries, key=lambda pair: pair[0])]
    return replace(result, entries=tuple(ordered))


def pinyin_as_english(pinyin: str) -> str:
    """Pinyin spelled closer to how English writes the same sounds (c = ts, q = ch, x = sh)."""
    return pinyin.replace("zh", "j").replace("ch", "j").replace("sh", "s").replace("c", "s").replace("q", "j").replace("x", "s")


def skeleton(romanised: str) -> str:
    """Consonant classes of a name, doubled letters and vowels dropped: Bessent -> BSNT, beisente -> BSNT."""
    letters = romanised.lower().replace("ng", "n").replace("ck", "k").replace("ph", "f")
    out = ""
    for ch in letters:
        mapped = _SKELETON_CLASSES.get(ch, "" if ch in "aeiouü" else None)
        if mapped is None or mapped == "":
            continue
        if not out or out[-1] != mapped:
            out += mapped
    return out


def _similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return 1 - previous[-1] / max(len(a), len(b))


def _looks_transliterated(word: str) -> bool:
    from studyapp.core.language.segment import TRANSLITERATION

    return all(ch in TRANSLITERATION or ch == "·" for ch in word)
