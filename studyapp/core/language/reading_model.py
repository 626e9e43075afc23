"""The learned reading model: which reading a polyphonic character takes here.

Each candidate reading ``r`` of a character gets a score, a weighted sum of
six pieces of evidence; the highest score wins:

1. g2pM's BiLSTM over the whole sentence (neural_readings.py), as
   ``log P(r | sentence) - log Q(r)``: the network learned CPP's label mix
   ``Q`` (sentences picked to show rare readings), which is divided out so
   that the prior below speaks for running text;
2. the reading of the CC-CEDICT word the character stands in, when that word
   has one common reading there (银行 -> háng; 大夫 -> dài, its other sense
   being marked as of imperial China);
3. the first-ranked reading of a word with several common ones;
4. a context table counted from labelled sentences: for the same neighbour
   characters, and the same classes of the words either side (word_classes.py),
   how much more often the character took ``r`` there than it does in the
   table overall (naive-Bayes log-likelihood ratios, smoothed);
5. ``log prior(r)``: how often the character takes ``r`` standing alone in
   running text (inside a word, the word is the prior);
6. a hand-written grammatical rule (polyphone_rules.py) that names ``r``
   (跑得很快 de, 我得走了 děi, 还钱 huán), worth the log-likelihood ratio
   measured for that rule and character on labelled sentences.

A character inside a dictionary word and a character standing alone (a
one-character token, or a one-character piece of a token CC-CEDICT lacks)
are different problems — there the word says almost everything, here the
grammar does — so each has its own weights. Weights, table, priors and rule
record are learned by ``tools/build_reading_model.py`` and stored as one
gzipped text file, ``resources/reading_model.tsv.gz``. Example, 还 in
他还钱了 standing alone (weights neural 0.29, context 0.49, prior 0.63,
rule 1.75; the rule "还 before money or a debt" names huán)::

    hai2:  0.29*(-0.01) + 0.49*(-2.79) + 0.63*(-0.01)              = -1.38
    huan2: 0.29*(+0.06) + 0.49*(-0.74) + 0.63*(-5.09) + 1.75*6.76  = +8.27  -> huan2

The network is the slow part; ``settled`` tells where it cannot change the
answer, so that it runs only on the sentences where it can.
"""

from __future__ import annotations

import gzip
import io
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import IO

from studyapp.core.language.packed_strings import PackedStrings

#: Names of the features, in the order of the weights.
FEATURES = ("neural", "word", "word_ambiguous", "context", "prior", "rule")
#: Where the character stands: inside a dictionary word, or alone (a
#: one-character token, or a one-character piece of a token CC-CEDICT lacks).
STATUSES = ("word", "alone")
MODEL_NAME = "reading_model.tsv.gz"
#: The network's probabilities are trusted down to this (it is sure of itself far from CPP's text).
NEURAL_FLOOR = 1e-3
_SMOOTHING = 1.0
#: Pseudo-counts pulling a rule's measured strength towards that of all rules.
_RULE_SHRINK = 5.0
#: Pseudo-counts for the running-text prior: a character seen a few times says little.
PRIOR_PSEUDO = 0.5
Counts = dict[str, float]


def context_patterns(text: str, i: int, classes: tuple[str, str] | None = None) -> list[tuple[str, str]]:
    """The neighbourhood of ``text[i]`` as (kind, context) keys: the characters
    around it and, if known, the classes of the words either side (word_classes.py).

    >>> context_patterns("他还钱了", 1, ("r", "n"))
    [('L1', '他'), ('R1', '钱'), ('L2', '他'), ('R2', '钱了'), ('LR', '他钱'), ('LC', 'r'), ('RC', 'n')]
    """
    left = text[i - 1] if i > 0 else "^"
    right = text[i + 1] if i + 1 < len(text) else "$"
    patterns = [("L1", left), ("R1", right), ("L2", text[max(0, i - 2) : i]), ("R2", text[i + 1 : i + 3]), ("LR", left + right)]
    if classes:
        patterns += [("LC", classes[0]), ("RC", classes[1])]
    return patterns


@dataclass(frozen=True)
class Evidence:
    """What is known about one polyphonic character before scoring."""

    neural: Mapping[str, float]  # reading -> probability (may be empty)
    word_reading: str | None = None  # the dictionary word's reading here
    word_ambiguous: bool = False  # that word has several readings
    rule: tuple[str, int] | None = None  # the reading a hand-written context rule names, and which rule
    status: str = "alone"  # one of STATUSES
    classes: tuple[str, str] | None = None  # the classes of the words before and after


def smoothed(counts: Mapping[str, float], candidates: list[str], pseudo: float = 0.5) -> dict[str, float]:
    """P(reading) from counts, with ``pseudo`` counts added to each candidate."""
    total = sum(counts.get(r, 0) for r in candidates)
    return {r: (counts.get(r, 0) + pseudo) / (total + pseudo * len(candidates)) for r in candidates}


class PackedTable(Mapping[tuple[str, str, str], Counts]):
    """The context table as loaded from the file, with no object per entry: the
    keys (``char<US>kind<US>ctx``) and their counts' text packed (packed_strings.py);
    an entry's counts are parsed when asked for. 178,000 entries as tuples of
    dicts of floats took 120 MB; as a dict of two strings each 38 MB; so, 8 MB.

    >>> table = PackedTable()
    >>> table.add("还", "R1", "钱", "huan2:9 hai2:1")
    >>> table.get(("还", "R1", "钱"))
    {'huan2': 9.0, 'hai2': 1.0}
    """

    _SEP = "\x1f"
    _PARSED_MAX = 8_192  # parsed entries kept for the lookups that follow

    def __init__(self) -> None:
        self._keys = PackedStrings()
        self._counts = PackedStrings(indexed=False)  # entry k's counts are the k-th
        self._parsed: dict[str, Counts] = {}  # joined key -> its counts, for entries asked for lately

    def add(self, char: str, kind: str, ctx: str, counts: str) -> None:
        self._keys.add(self._SEP.join((char, kind, ctx)))
        self._counts.add(counts)

    def get(self, key: tuple[str, str, str], default: Counts | None = None) -> Counts | None:  # type: ignore[override]
        joined = self._SEP.join(key)
        found = self._parsed.get(joined)
        if found is None:
            entry = self._keys.find(joined)
            if entry < 0:
                return default
            found = _parse_counts(self._counts[entry])
            if len(self._parsed) >= self._PARSED_MAX:
                self._parsed.clear()
            self._parsed[joined] = found
        return found

    def __getitem__(self, key: tuple[str, str, str]) -> Counts:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[tuple[str, str, str]]:
        for joined in self._keys:
            char, kind, ctx = joined.split(self._SEP)
            yield char, kind, ctx

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, tuple) and all(isinstance(part, str) for part in key) and self._keys.find(self._SEP.join(key)) >= 0


@dataclass
class ReadingModel:
    """Weights per status, context table, priors; ``choose`` applies them."""

    weights: dict[str, tuple[float, ...]]
    table: Mapping[tuple[str, str, str], Counts] = field(default_factory=dict)
    priors: dict[str, Counts] = field(default_factory=dict)  # char -> running-text counts, standing alone
    trained: dict[str, Counts] = field(default_factory=dict)  # char -> CPP's label counts (the network's)
    marginals: dict[str, Counts] = field(default_factory=dict)  # char -> the table's label counts
    rules: dict[tuple[str, str, int], Counts] = field(default_factory=dict)  # (char, reading, rule) -> how that rule fared
    _pooled: tuple[float, float] = (0.5, 0.05)  # over all rules: P(fires | right reading), P(fires | other reading)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        totals_of = [sum(c.get(k, 0.0) for c in self.rules.values()) for k in ("fired_right", "is", "fired_wrong", "is_not")]
        if totals_of[1] and totals_of[3]:
            self._pooled = ((totals_of[0] + 1) / (totals_of[1] + 2), (totals_of[2] + 1) / (totals_of[3] + 2))
        if not self.marginals:
            totals: dict[str, Counter] = defaultdict(Counter)
            for (char, kind, _), counts in self.table.items():
                if kind == "L1":  # every labelled character has exactly one left neighbour
                    totals[char].update(counts)
            self.marginals = {char: dict(counts) for char, counts in totals.items()}

    def features(self, text: str, i: int, candidates: list[str], evidence: Evidence, prior: Mapping[str, float] | None = None) -> list[list[float]]:
        """One feature row per candidate (see FEATURES); ``prior`` replaces the running-text one."""
        char = text[i]
        base, log_trained, log_prior = self._logs(char, tuple(candidates))
        if prior:
            log_prior = {r: math.log(p) for r, p in prior.items()}
        alone = evidence.status == "alone"
        context = self._context(text, i, candidates, evidence.classes, base)
        rows = []
        for r in candidates:
            network = math.log(max(evidence.neural.get(r, 0.0), NEURAL_FLOOR)) - log_trained[r] if evidence.neural else 0.0
            matches = evidence.word_reading is not None and same_reading(r, evidence.word_reading)
            rule = self.rule_strength(char, evidence.rule) if evidence.rule and evidence.rule[0] == r else 0.0
            rows.append([network, float(matches and not evidence.word_ambiguous), float(matches and evidence.word_ambiguous), context[r], log_prior[r] if alone else 0.0, rule])
        return rows

    def _logs(self, char: str, candidates: tuple[str, ...]) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
        """The table's label mix, log Q and log prior for these candidates (cached)."""
        key = (char, candidates)
        found = self._cache.get(key)
        if found is None:
            listed = list(candidates)
            base = smoothed(self.marginals.get(char, {}), listed)
            trained = smoothed(self.trained.get(char, {}), listed)
            found = self._cache[key] = (base, {r: math.log(p) for r, p in trained.items()}, {r: math.log(p) for r, p in self.prior(char, listed).items()})
        return found

    def _context(self, text: str, i: int, candidates: list[str], classes: tuple[str, str] | None, base: Mapping[str, float]) -> dict[str, float]:
        """Naive-Bayes log-likelihood ratios of the neighbours, against the table's own label mix ``base``."""
        char = text[i]
        context = dict.fromkeys(candidates, 0.0)
        for kind, ctx in context_patterns(text, i, classes):
            counts = self.table.get((char, kind, ctx))
            if counts:
                total = sum(counts.values()) + _SMOOTHING
                for r in candidates:
                    context[r] += math.log((counts.get(r, 0) / base[r] + _SMOOTHING) / total)
        return context

    def rule_strength(self, char: str, rule: tuple[str, int]) -> float:
        """log P(the rule names its reading | that reading is right) / P(it does | another is),
        as measured on labelled sentences, shrunk towards all rules together."""
        counts = self.rules.get((char, *rule), {})
        hit, false_alarm = self._pooled
        k = _RULE_SHRINK
        given_right = (counts.get("fired_right", 0.0) + k * hit) / (counts.get("is", 0.0) + k)
        given_wrong = (counts.get("fired_wrong", 0.0) + k * false_alarm) / (counts.get("is_not", 0.0) + k)
        return math.log(given_right / given_wrong)

    def prior(self, char: str, candidates: list[str]) -> dict[str, float]:
        """P(reading) of the character standing alone in running text."""
        return smoothed(self.priors.get(char, {}), candidates, PRIOR_PSEUDO)

    def choose(self, text: str, i: int, candidates: list[str], evidence: Evidence) -> str:
        """The best-scoring candidate for ``text[i]``."""
        if len(candidates) == 1:
            return candidates[0]
        weights = self.weights[evidence.status]
        rows = self.features(text, i, candidates, evidence)
        scores = [sum(w * x for w, x in zip(weights, row)) for row in rows]
        return candidates[max(range(len(candidates)), key=scores.__getitem__)]

    def settled(self, text: str, i: int, candidates: list[str], evidence: Evidence) -> str | None:
        """The choice for ``text[i]`` if no probabilities from the network could
        change it (so the network need not run), else None. The network's term
        for a reading ``r`` lies between ``w*(log floor - log Q(r))`` and
        ``w*(-log Q(r))``; the best reading without it must win even when it gets
        the least and every other the most."""
        if len(candidates) == 1:
            return candidates[0]
        weights = self.weights[evidence.status]
        rows = self.features(text, i, candidates, replace(evidence, neural={}) if evidence.neural else evidence)
        scores = [sum(w * x for w, x in zip(weights, row)) for row in rows]
        log_trained = self._logs(text[i], tuple(candidates))[1]
        ends = [sorted((weights[0] * (math.log(NEURAL_FLOOR) - log_trained[r]), -weights[0] * log_trained[r])) for r in candidates]
        best = max(range(len(candidates)), key=scores.__getitem__)
        worst_case = scores[best] + ends[best][0]
        return candidates[best] if all(worst_case > scores[k] + ends[k][1] for k in range(len(candidates)) if k != best) else None

    def commonest(self, char: str) -> str | None:
        """The reading ``char`` takes most often standing alone in running text, if counted."""
        counts = self.priors.get(char)
        return max(counts, key=counts.__getitem__) if counts else None

    # --- the file ---------------------------------------------------------------

    def save(self, path: Path, notes: Iterable[str] = ()) -> None:
        """Write the model as gzipped tab-separated lines (deterministic order)."""
        lines = [f"# {note}" for note in notes]
        lines += [f"W\t{status}\t" + " ".join(f"{w:.6f}" for w in self.weights[status]) for status in STATUSES]
        lines += [f"P\t{char}\t{_counts(self.priors[char])}" for char in sorted(self.priors)]
        lines += [f"Q\t{char}\t{_counts(self.trained[char])}" for char in sorted(self.trained)]
        lines += [f"R\t{char}\t{reading}\t{number}\t{_counts(self.rules[(char, reading, number)])}" for char, reading, number in sorted(self.rules)]
        lines += [f"T\t{char}\t{kind}\t{ctx}\t{_counts(self.table[(char, kind, ctx)])}" for char, kind, ctx in sorted(self.table)]
        data = ("\n".join(lines) + "\n").encode("utf-8")
        with open(path, "wb") as handle:  # no name, mtime 0: the same data gives the same bytes
            with gzip.GzipFile(filename="", fileobj=handle, mode="wb", mtime=0) as packed:
                packed.write(data)

    @classmethod
    def load(cls, path: Path | None = None) -> ReadingModel:
        """The shipped model (``studyapp/resources/reading_model.tsv.gz``) or ``path``.

        Read line by line: the whole text and a list of its lines would add
        ~35 MB to the peak for a moment."""
        if path is None:
            with resources.files("studyapp.resources").joinpath(MODEL_NAME).open("rb") as handle:
                return cls._read(handle)
        with open(path, "rb") as handle:
            return cls._read(handle)

    @classmethod
    def _read(cls, handle: IO[bytes]) -> ReadingModel:
        weights: dict[str, tuple[float, ...]] = {status: (1.0,) + (0.0,) * (len(FEATURES) - 1) for status in STATUSES}
        priors: dict[str, Counts] = {}
        trained: dict[str, Counts] = {}
        rules: dict[tuple[str, str, int], Counts] = {}
        table = PackedTable()
        totals: dict[str, Counter[str]] = defaultdict(Counter)  # the marginals, counted while the table is read
        with gzip.GzipFile(fileobj=handle, mode="rb") as packed, io.TextIOWrapper(packed, encoding="utf-8", newline="\n") as lines:
            for line in lines:
                parts = line.rstrip("\n").split("\t")
                if parts[0] == "W":
                    weights[parts[1]] = tuple(float(w) for w in parts[2].split())
                elif parts[0] == "P":
                    priors[parts[1]] = _parse_counts(parts[2])
                elif parts[0] == "Q":
                    trained[parts[1]] = _parse_counts(parts[2])
                elif parts[0] == "R":
                    rules[(parts[1], parts[2], int(parts[3]))] = _parse_counts(parts[4])
                elif parts[0] == "T":
                    table.add(parts[1], parts[2], parts[3], parts[4])
                    if parts[2] == "L1":  # every labelled character has exactly one left neighbour
                        totals[parts[1]].update(_parse_counts(parts[4]))
        marginals: dict[str, Counts] = {char: dict(counts) for char, counts in totals.items()}
        return cls(weights, table, priors, trained, marginals, rules)


def same_reading(candidate: str, word_reading: str) -> bool:
    """True if ``candidate`` is the word's reading, or its citation tone where the word is neutral."""
    return candidate == word_reading or (word_reading.endswith("5") and candidate[:-1] == word_reading[:-1])


def _counts(counts: Mapping[str, float]) -> str:
    return " ".join(f"{r}:{round(n, 1):g}" for r, n in sorted(counts.items()) if round(n, 1) > 0)


def _parse_counts(text: str) -> Counts:
    return {r: float(n) for r, n in (item.rsplit(":", 1) for item in text.split())}
