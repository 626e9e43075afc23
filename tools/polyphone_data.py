"""Labelled polyphone sentences in the CPP format, and how answers are scored.

CPP (kakaobrain/g2pM ``data/*.sent`` + ``*.lb``, Apache-2.0): one sentence
per line with the labelled character between two ``▁`` (U+2581) marks, its
reading on the same line of the ``.lb`` file. Example::

    >>> parse_marked("他▁还▁钱", "huan2")
    Labelled(text='他还钱', position=1, reading='huan2')
    >>> correct("de5", "de2"), correct("de5", "de2", strict=True), correct("lü4", "lv4")
    (True, False, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MARK = "\u2581"


@dataclass(frozen=True)
class Labelled:
    text: str
    position: int
    reading: str


def normalise(reading: str) -> str:
    """``lu:4``/``lv4`` -> ``lü4``; lower case."""
    reading = reading.strip().lower().replace("u:", "ü")
    return reading.replace("v", "ü") if reading[:1] in "ln" else reading


def parse_marked(line: str, reading: str) -> Labelled:
    a = line.index(MARK)
    b = line.index(MARK, a + 1)
    return Labelled(line[:a] + line[a + 1 : b] + line[b + 1 :], a, normalise(reading))


def marked(item: Labelled) -> str:
    """The inverse of ``parse_marked``'s sentence part."""
    i = item.position
    return f"{item.text[:i]}{MARK}{item.text[i]}{MARK}{item.text[i + 1:]}"


def read_split(folder: Path, name: str) -> list[Labelled]:
    """``folder/name.sent`` with ``folder/name.lb``."""
    sentences = (folder / f"{name}.sent").read_text(encoding="utf-8").splitlines()
    labels = (folder / f"{name}.lb").read_text(encoding="utf-8").splitlines()
    if len(sentences) != len(labels):
        raise ValueError(f"{folder / name}: {len(sentences)} sentences but {len(labels)} labels")
    return [parse_marked(s, label) for s, label in zip(sentences, labels) if s.count(MARK) >= 2]


def read_tsv(path: Path) -> list[Labelled]:
    """``marked sentence<TAB>reading`` lines (the holdout shipped with the tests)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            sentence, reading = line.rsplit("\t", 1)
            out.append(parse_marked(sentence, reading))
    return out


def is_holdout(index: int) -> bool:
    """Every tenth CPP dev sentence is held out of training (tests/data/cpp/)."""
    return index % 10 == 9


def correct(predicted: str, gold: str, strict: bool = False) -> bool:
    """Right, or (unless strict) our neutral tone where the gold writes a citation tone of the same syllable."""
    predicted, gold = normalise(predicted), normalise(gold)
    return predicted == gold or (not strict and predicted.endswith("5") and predicted[:-1] == gold[:-1])
