"""English word forms reduced to candidate lemmas, without a word list.

Matching a CC-CEDICT gloss ("to negotiate", "tariff") against running English
("negotiated", "tariffs") needs both sides reduced the same way. Rules give a
small set of candidates per word, and two words match when their sets meet.
Example::

    >>> sorted(lemmas("negotiated"))
    ['negotiat', 'negotiate', 'negotiated']
    >>> bool(lemmas("tariffs") & lemmas("tariff")), bool(lemmas("went") & lemmas("go"))
    (True, True)
"""

from __future__ import annotations

import functools
import re

IRREGULAR = {
    "went": "go", "gone": "go", "goes": "go", "was": "be", "were": "be", "is": "be", "are": "be", "been": "be", "am": "be",
    "had": "have", "has": "have", "did": "do", "does": "do", "done": "do", "made": "make", "said": "say", "says": "say",
    "took": "take", "taken": "take", "came": "come", "saw": "see", "seen": "see", "got": "get", "gotten": "get",
    "gave": "give", "given": "give", "found": "find", "thought": "think", "told": "tell", "became": "become",
    "left": "leave", "felt": "feel", "brought": "bring", "began": "begin", "begun": "begin", "kept": "keep", "held": "hold",
    "wrote": "write", "written": "write", "stood": "stand", "heard": "hear", "meant": "mean", "met": "meet", "ran": "run",
    "paid": "pay", "sat": "sit", "spoke": "speak", "spoken": "speak", "led": "lead", "grew": "grow", "grown": "grow",
    "lost": "lose", "fell": "fall", "fallen": "fall", "sent": "send", "built": "build", "understood": "understand",
    "drew": "draw", "drawn": "draw", "broke": "break", "broken": "break", "spent": "spend", "rose": "rise", "risen": "rise",
    "drove": "drive", "driven": "drive", "bought": "buy", "wore": "wear", "worn": "wear", "chose": "choose",
    "chosen": "choose", "sold": "sell", "struck": "strike", "taught": "teach", "caught": "catch", "fought": "fight",
    "won": "win", "ate": "eat", "eaten": "eat", "drank": "drink", "slept": "sleep", "sang": "sing", "flew": "fly",
    "children": "child", "men": "man", "women": "woman", "people": "person", "feet": "foot", "teeth": "tooth", "mice": "mouse",
    "better": "good", "best": "good", "worse": "bad", "worst": "bad", "further": "far", "bigger": "big", "biggest": "big",
}
DEMONYMS = {
    "chinese": "china", "american": "america", "japanese": "japan", "british": "britain", "french": "france",
    "german": "germany", "russian": "russia", "korean": "korea", "indian": "india", "european": "europe",
    "african": "africa", "asian": "asia", "australian": "australia", "canadian": "canada", "italian": "italy",
    "spanish": "spain", "mexican": "mexico", "taiwanese": "taiwan", "vietnamese": "vietnam", "english": "england",
}
#: Function words, and words of dictionary glosses that never translate anything.
STOPWORDS = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or", "but", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "as", "than", "then", "so", "if", "not", "no", "do", "does", "did", "have", "has", "had", "will", "would", "can", "could", "should", "may", "might", "must", "shall", "such", "own", "same", "which", "who", "whom", "whose", "there", "here", "sb", "sth", "something", "someone", "oneself", "etc", "ie", "eg", "used", "particle", "marker", "classifier", "variant", "see", "abbr", "lit", "fig", "pr", "tw"]
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


@functools.lru_cache(maxsize=100_000)
def lemmas(word: str) -> frozenset[str]:
    """Candidate base forms of an English word (lower case)."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    out = {w}
    if w in IRREGULAR:
        out.add(IRREGULAR[w])
    if w in DEMONYMS:
        out.add(DEMONYMS[w])
    for suffix, replacements in (
        ("ies", ("y",)), ("ied", ("y",)), ("ves", ("f", "fe")), ("ses", ("s", "se")), ("xes", ("x",)), ("ches", ("ch",)),
        ("shes", ("sh",)), ("es", ("e", "")), ("s", ("",)), ("ied", ("y",)), ("ed", ("", "e")), ("ing", ("", "e")),
        ("ly", ("", "le")), ("er", ("", "e")), ("est", ("", "e")), ("ment", ("",)), ("ness", ("",)), ("ation", ("ate", "e", "")),
        ("al", ("",)),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: -len(suffix)]
            for replacement in replacements:
                out.add(stem + replacement)
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":  # stopped -> stop
                out.add(stem[:-1])
    return frozenset(out)


@functools.lru_cache(maxsize=100_000)
def base_forms(word: str) -> frozenset[str]:
    """A dictionary gloss word as it is (lower case), with its irregular and demonym partners."""
    w = word.lower()
    return frozenset({w, IRREGULAR.get(w, w), DEMONYMS.get(w, w)})


def words(text: str) -> list[tuple[str, int, int]]:
    """``(word, start, end)`` of each English word in ``text``."""
    return [(m.group(0), m.start(), m.end()) for m in _WORD_RE.finditer(text)]
