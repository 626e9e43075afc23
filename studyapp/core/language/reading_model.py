"""The learned reading model: which reading a polyphonic character takes here.

Each candidate reading ``r`` of a character gets a score, a weighted sum of
five pieces of evidence; the highest score wins:

1. ``log P(r)`` from g2pM's BiLSTM over the whole sentence (neural_readings.py);
2. the reading of the CC-CEDICT word the character stands in, when that word
   has one reading there (银行 -> háng);
3. the same for a word with several readings (its first-ranked one);
4. a context table counted from labelled sentences: how often the character
   took ``r`` with the same neighbour on the left, on the right, two on
   either side, or both neighbours (naive-Bayes log-odds, smoothed);
5. ``log prior(r)``: how often the character takes ``r`` in running text;
6. whether a hand-written context rule (polyphone_rules.py) names ``r``:
   a thin layer for conversational patterns the labelled data lacks
   (我得走了 děi, 高兴得跳 de).

The weights, the table and the priors are learned by
``tools/build_reading_model.py`` and stored as one gzipped text file,
``resources/reading_model.tsv.gz``. Example, for 还 in 他还钱了 (weights
0.3, 0.9, 0.0, 0.6, 0.1; the word feature is 0 for a lone character)::

    hai2:  0.3*log 0.20 + 0.6*(-1.1) + 0.1*log 0.80  = -1.17
    huan2: 0.3*log 0.80 + 0.6*(+1.9) + 0.1*log 0.20  = +0.91   -> huan2
"""

from __future__ import annotations

import gzip
import math
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable, Mapping

#: Names of the features, in the order of the weights.
FEATURES = ("neural", "word", "word_ambiguous", "context", "prior", "rule")
MODEL_NAME = "reading_model.tsv.gz"
_SMOOTHING = 1.0


def context_patterns(text: str, i: int) -> list[tuple[str, str]]:
    """The neighbourhood of ``text[i]`` as (kind, context) keys.

    >>> context_patterns("他还钱了", 1)
    [('L1', '他'), ('R1', '钱'), ('L2', '他'), ('R2', '钱了'), ('LR', '他钱')]
    """
    left = text[i - 1] if i > 0 else "^"
    right = text[i + 1] if i + 1 < len(text) else "$"
    return [("L1", left), ("R1", right), ("L2", text[max(0, i - 2) : i]), ("R2", text[i + 1 : i + 3]), ("LR", left + right)]


@dataclass(frozen=True)
class Evidence:
    """What is known about one polyphonic character before scoring."""

    neural: Mapping[str, float]  # reading -> probability (may be empty)
    word_reading: str | None = None  # the dictionary word's reading here
    word_ambiguous: bool = False  # that word has several readings
    rule_reading: str | None = None  # what a hand-written context rule says


@dataclass
class ReadingModel:
    """Weights, context table and priors; ``choose`` applies them."""

    weights: tuple[float, ...]
    table: dict[tuple[str, str, str], dict[str, int]] = field(default_factory=dict)
    priors: dict[str, dict[str, int]] = field(default_factory=dict)

    def features(self, text: str, i: int, candidates: list[str], evidence: Evidence) -> list[list[float]]:
        """One feature row per candidate (see FEATURES)."""
        char = text[i]
        prior = self.prior(char, candidates)
        context = dict.fromkeys(candidates, 0.0)
        for kind, ctx in context_patterns(text, i):
            counts = self.table.get((char, kind, ctx))
            if not counts:
                continue
            total = sum(counts.values())
            for r in candidates:
                context[r] += math.log((counts.get(r, 0) + _SMOOTHING * prior[r]) / (total + _SMOOTHING)) - math.log(prior[r])
        uniform = 1.0 / len(candidates)
        rows = []
        for r in candidates:
            neural = evidence.neural.get(r, 1e-6) if evidence.neural else uniform
            matches = evidence.word_reading is not None and same_reading(r, evidence.word_reading)
            rule = float(evidence.rule_reading == r)
            rows.append([math.log(neural + 1e-6), float(matches and not evidence.word_ambiguous), float(matches and evidence.word_ambiguous), context[r], math.log(prior[r]), rule])
        return rows

    def prior(self, char: str, candidates: list[str]) -> dict[str, float]:
        """P(reading) from running-text counts, add-half smoothed over the candidates."""
        counts = self.priors.get(char, {})
        total = sum(counts.get(r, 0) for r in candidates)
        return {r: (counts.get(r, 0) + 0.5) / (total + 0.5 * len(candidates)) for r in candidates}

    def choose(self, text: str, i: int, candidates: list[str], evidence: Evidence) -> str:
        """The best-scoring candidate for ``text[i]``."""
        if len(candidates) == 1:
            return candidates[0]
        rows = self.features(text, i, candidates, evidence)
        scores = [sum(w * x for w, x in zip(self.weights, row)) for row in rows]
        return candidates[max(range(len(candidates)), key=scores.__getitem__)]

    def commonest(self, char: str) -> str | None:
        """The reading ``char`` takes most often in running text, if counted."""
        counts = self.priors.get(char)
        return max(counts, key=counts.__getitem__) if counts else None

    # --- the file ---------------------------------------------------------------

    def save(self, path: Path, notes: Iterable[str] = ()) -> None:
        """Write the model as gzipped tab-separated lines (deterministic order)."""
        lines = [f"# {note}" for note in notes]
        lines.append("W\t" + " ".join(f"{w:.6f}" for w in self.weights))
        for char in sorted(self.priors):
            lines.append(f"P\t{char}\t{_counts(self.priors[char])}")
        for (char, kind, ctx) in sorted(self.table):
            lines.append(f"T\t{char}\t{kind}\t{ctx}\t{_counts(self.table[(char, kind, ctx)])}")
        data = ("\n".join(lines) + "\n").encode("utf-8")
        with open(path, "wb") as handle:  # mtime 0: the same data gives the same bytes
            with gzip.GzipFile(fileobj=handle, mode="wb", mtime=0) as packed:
                packed.write(data)

    @classmethod
    def load(cls, path: Path | None = None) -> "ReadingModel":
        """The shipped model (``studyapp/resources/reading_model.tsv.gz``) or ``path``."""
        if path is None:
            with resources.files("studyapp.resources").joinpath(MODEL_NAME).open("rb") as handle:
                raw = handle.read()
        else:
            raw = Path(path).read_bytes()
        weights: tuple[float, ...] = (1.0,) + (0.0,) * (len(FEATURES) - 1)
        table: dict[tuple[str, str, str], dict[str, int]] = {}
        priors: dict[str, dict[str, int]] = defaultdict(dict)
        for line in gzip.decompress(raw).decode("utf-8").splitlines():
            parts = line.split("\t")
            if parts[0] == "W":
                weights = tuple(float(w) for w in parts[1].split())
            elif parts[0] == "P":
                priors[parts[1]] = _parse_counts(parts[2])
            elif parts[0] == "T":
                table[(parts[1], parts[2], parts[3])] = _parse_counts(parts[4])
        return cls(weights, table, dict(priors))


def same_reading(candidate: str, word_reading: str) -> bool:
    """True if ``candidate`` is the word's reading, or its citation tone where the word is neutral."""
    return candidate == word_reading or (word_reading.endswith("5") and candidate[:-1] == word_reading[:-1])


def _counts(counts: Mapping[str, int]) -> str:
    return " ".join(f"{r}:{n}" for r, n in sorted(counts.items()))


def _parse_counts(text: str) -> dict[str, int]:
    return {r: int(n) for r, n in (item.rsplit(":", 1) for item in text.split())}
