"""Build resources/reading_model.tsv.gz, the learned part of the reading model.

Data (none of it is in the repository; pass the folders):

* ``--cpp DIR``: the CPP corpus folder of kakaobrain/g2pM (``data/``,
  Apache-2.0). Only ``dev.sent``/``dev.lb`` are read, never ``test.*``;
  every tenth dev sentence is held out (``tests/data/cpp/dev_holdout.tsv``,
  written with ``--write-holdout``) and used for nothing here.
* ``--extra DIR`` (repeatable): more sentences in the same format, e.g. the
  ``data/`` folder of whzikaros/g2pL (Apache-2.0; its ``train`` and ``dev``
  splits, never ``test``): web text, closer to everyday prose than CPP.
  They are counted (context table, rule record, priors), not fitted.

What is learned (reading_model.py explains how it is used):

* ``Q``: CPP's label counts per character, the mix g2pM's network learned;
* the context table: each labelled character's reading, counted by its
  neighbour characters and the classes of the words either side;
* the rule record: for each hand-written rule of a character standing
  alone, how often its reading was right, and how often the rule named it,
  rightly or wrongly;
* priors: how often each character standing alone takes each reading in the
  unlabelled rest of all these sentences, by EM over the whole model
  (reading_priors.py);
* the feature weights, one set inside words and one for characters standing
  alone, by a conditional-logit fit on the CPP dev training part and our
  hand-marked ``tests/data/polyphones/dev.txt`` (conversational sentences,
  each weighing OWN_WEIGHT CPP sentences; ``test.txt`` stays held out), with
  5-fold cross-validation: each fold's table and rule record are counted
  without that fold, and a CPP sentence's prior while fitting is CPP's label
  mix without its own label (CPP picks sentences to show rare readings).
  The cross-validated accuracy on CPP dev, read as shipped (running-text
  priors), is printed.

Run: ``python tools/build_reading_model.py --cpp g2pM/data --extra g2pL/data``
(a few minutes). The output is deterministic for the same inputs.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from polyphone_data import Labelled, correct, is_holdout, marked, read_split
from reading_priors import Occurrences

from studyapp.core.language.engine import Language
from studyapp.core.language.polyphone_rules import RULES
from studyapp.core.language.reading_model import FEATURES, STATUSES, ReadingModel, context_patterns, smoothed

FOLDS = 5
_START = {status: (1.0,) + (0.0,) * (len(FEATURES) - 1) for status in STATUSES}
OUT = ROOT / "resources" / "reading_model.tsv.gz"
Row = tuple[int, str, list[str], np.ndarray, list[int], float]  # item, status, candidates, features, right ones, weight
#: How much each of our conversational sentences counts in the fit against
#: one CPP sentence (encyclopaedia text): a learner reads everyday prose too.
OWN_WEIGHT = 4.0


def own_dev() -> list[Labelled]:
    """tests/data/polyphones/dev.txt, one item per marked character (test.txt stays held out)."""
    from bench_polyphones import parse

    items = []
    for line in (ROOT / "tests" / "data" / "polyphones" / "dev.txt").read_text(encoding="utf-8").splitlines():
        text, gold = parse(line)
        items += [Labelled(text, i, reading) for i, reading in gold.items()]
    return items


def count_table(data: Rows, which: Iterable[int]) -> dict[tuple[str, str, str], dict[str, float]]:
    """Each labelled character's reading, counted by its neighbour patterns."""
    table: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    for n in which:
        item, slot = data.items[n], data.plans[n].slots.get(data.items[n].position)
        char = item.text[item.position]
        for kind, ctx in context_patterns(item.text, item.position, slot.classes if slot else None):
            table[(char, kind, ctx)][item.reading] += 1
    return {key: dict(counts) for key, counts in table.items()}


def count_rules(data: Rows, which: Iterable[int]) -> dict[tuple[str, str, int], dict[str, float]]:
    """For each context rule of a character standing alone: how often its
    reading was right, and how often the rule named it, rightly or not."""
    counts: dict[tuple[str, str, int], Counter] = defaultdict(Counter)
    for n in which:
        item, plan = data.items[n], data.plans[n]
        slot = plan.slots.get(item.position)
        char = item.text[item.position]
        if slot is None or slot.status != "alone":
            continue
        for number, (reading, _) in enumerate(RULES.get(char, ())):
            right = correct(reading, item.reading)
            counts[(char, reading, number)]["is" if right else "is_not"] += 1
            if slot.rule == (reading, number):
                counts[(char, reading, number)]["fired_right" if right else "fired_wrong"] += 1
    return {key: dict(c) for key, c in counts.items()}


def count_labels(items: list[Labelled]) -> dict[str, dict[str, float]]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for item in items:
        counts[item.text[item.position]][item.reading] += 1
    return {char: dict(c) for char, c in counts.items()}


class Rows:
    """Feature rows of the labelled characters, as the reader sees them.

    ``mixes`` gives, per item, the label counts of the sample it was drawn
    from (CPP and g2pL pick sentences to cover rare readings); its prior is
    that mix without its own label. Items without one (our own sentences)
    take the running-text prior.
    """

    def __init__(self, language: Language, items: list[Labelled], mixes: list[dict[str, dict[str, float]] | None]) -> None:
        reader = language.reader
        segmented = language.segment_many([item.text for item in items])
        self.plans = [reader.plan(tokens) for tokens in segmented]
        self.neural = reader.neural_evidence(self.plans)
        self.items, self.mixes = items, mixes

    def prior_for(self, n: int, candidates: list[str]) -> dict[str, float] | None:
        mix = self.mixes[n]
        if mix is None:
            return None
        item = self.items[n]
        counts = dict(mix.get(item.text[item.position], {}))
        counts[item.reading] = counts.get(item.reading, 0) - 1
        return smoothed(counts, candidates)

    def build(self, model: ReadingModel, which: list[int], sample_priors: bool = True) -> list[Row]:
        """Rows of the ``which`` items; with ``sample_priors`` False all take the running-text
        prior, as the shipped model does (for measuring, not fitting)."""
        out = []
        for n in which:
            item, plan = self.items[n], self.plans[n]
            slot = plan.slots.get(item.position)
            if slot is None:
                continue
            evidence = slot.evidence(self.neural[n].get(item.position, {}))
            prior = self.prior_for(n, slot.candidates) if sample_priors else None
            features = np.array(model.features(plan.text, item.position, slot.candidates, evidence, prior))
            citation = self.mixes[n] is not None  # CPP and g2pL write citation tones: our neutral twin is right too
            gold = [k for k, r in enumerate(slot.candidates) if correct(r, item.reading, strict=not citation)]
            out.append((n, evidence.status, slot.candidates, features, gold, 1.0 if self.mixes[n] is not None else OWN_WEIGHT))
        return out

    def fixed_right(self, n: int, strict: bool) -> bool | None:
        """For a character the model does not choose: is the fixed reading right?"""
        item, plan = self.items[n], self.plans[n]
        if item.position in plan.slots:
            return None
        return correct(plan.syllables[item.position] or "?", item.reading, strict)


def fit(rows: list[Row], steps: int = 400, rate: float = 0.5, l2: float = 1e-3) -> dict[str, tuple[float, ...]]:
    """Conditional logit over each character's candidates (the weighted
    likelihood of the right ones), by gradient ascent, one set of weights per status."""
    weights = {}
    for status in STATUSES:
        usable = [(x, g, v) for _, s, c, x, g, v in rows if s == status and g and len(c) > 1]
        width = max((len(x) for x, _, _ in usable), default=1)
        features = np.zeros((len(usable), width, len(FEATURES)))
        absent = np.ones((len(usable), width), dtype=bool)
        right = np.zeros((len(usable), width), dtype=bool)
        for n, (x, g, _) in enumerate(usable):
            features[n, : len(x)] = x
            absent[n, : len(x)] = False
            right[n, g] = True
        importance = np.array([v for _, _, v in usable])
        w = np.zeros(len(FEATURES))
        w[0] = 1.0
        for _ in range(steps):
            z = np.where(absent, -np.inf, features @ w)
            p = np.exp(z - z.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            q = np.where(right, p, 0.0)
            q /= q.sum(axis=1, keepdims=True)
            gradient = np.einsum("n,nk,nkf->f", importance, q - p, features)
            w += rate * (gradient / max(1.0, importance.sum()) - l2 * w)
        weights[status] = tuple(float(v) for v in w)
    return weights


def accuracy(rows: list[Row], weights: dict[str, tuple[float, ...]], data: Rows, strict: bool) -> tuple[int, int]:
    right = 0
    for n, status, candidates, x, _, _ in rows:
        slot = data.plans[n].slots[data.items[n].position]
        chosen = candidates[int(np.argmax(x @ np.array(weights[status])))]
        if slot.word_reading and chosen[:-1] == slot.word_reading[:-1] and slot.word_reading.endswith("5"):
            chosen = slot.word_reading
        right += correct(chosen, data.items[n].reading, strict)
    return right, len(rows)


def folds(training: list[int]) -> dict[int, int]:
    """A fixed fold for each item."""
    return {n: k % FOLDS for k, n in enumerate(sorted(training, key=lambda n: random.Random(n).random()))}


def cross_rows(data: Rows, training: list[int], extra: list[int], priors: dict, trained: dict) -> tuple[list[Row], list[Row]]:
    """Rows for every training item, each fold's context table and rule record
    counted without that fold (but with the ``extra`` items): for fitting
    (sample priors) and for measuring (running-text priors)."""
    fold = folds(training)
    rows: list[Row] = []
    measured: list[Row] = []
    for k in range(FOLDS):
        others = [n for n in training if fold[n] != k] + extra
        table = count_table(data, others)
        model = ReadingModel(_START, table, priors, trained, rules=count_rules(data, others))
        which = [n for n in training if fold[n] == k]
        rows += data.build(model, which)
        measured += data.build(model, which, sample_priors=False)
    return rows, measured


def cross_validate(data: Rows, rows: list[Row], measured: list[Row], training: list[int], reported: list[int]) -> dict[str, float]:
    """Accuracy on the ``reported`` items as shipped, each read with weights fitted without its fold."""
    fold = folds(training)
    chosen = set(reported)
    fitted = [fit([r for r in rows if fold[r[0]] != k]) for k in range(FOLDS)]
    figures = {}
    for strict in (False, True):
        right = total = 0
        for k in range(FOLDS):
            r, t = accuracy([r for r in measured if fold[r[0]] == k and r[0] in chosen], fitted[k], data, strict)
            right, total = right + r, total + t
        fixed = [data.fixed_right(n, strict) for n in reported]
        right += sum(1 for f in fixed if f)
        total += sum(1 for f in fixed if f is not None)
        figures["strict" if strict else "neutral accepted"] = right / total
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cpp", type=Path, required=True, help="CPP data folder (dev.sent, dev.lb)")
    parser.add_argument("--extra", type=Path, action="append", default=[], help="folder with train/dev .sent/.lb")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--write-holdout", type=Path, help="write the held-out CPP dev sentences here")
    args = parser.parse_args(argv)
    dev = read_split(args.cpp, "dev")
    training = [dev[n] for n in range(len(dev)) if not is_holdout(n)]
    if args.write_holdout:
        lines = [f"{marked(item)}\t{item.reading}" for n, item in enumerate(dev) if is_holdout(n)]
        args.write_holdout.write_text("\n".join(lines) + "\n", encoding="utf-8")
    counted = [item for folder in args.extra for name in ("train", "dev") if (folder / f"{name}.sent").is_file() for item in read_split(folder, name)]
    trained = count_labels(training)
    own = own_dev()
    items = training + own + counted
    mixes = [trained] * len(training) + [None] * (len(own) + len(counted))
    fitted = list(range(len(training) + len(own)))
    extra = list(range(len(fitted), len(items)))
    with tempfile.TemporaryDirectory() as cache:
        language = Language(Path(cache))
        language.reader._model = ReadingModel(_START)
        data = Rows(language, items, mixes)
    table, rules = count_table(data, range(len(items))), count_rules(data, range(len(items)))
    ours = range(len(training), len(fitted))
    unlabelled = list({items[n].text: n for n in range(len(items)) if n not in ours}.values())
    occurrences = Occurrences(((items[n], data.plans[n], data.neural[n]) for n in unlabelled), ReadingModel(_START, table, {}, trained, rules=rules))
    priors: dict[str, dict[str, float]] = {}
    for _ in range(2):  # the weights hardly depend on the priors: two rounds settle both
        rows, _ = cross_rows(data, fitted, extra, priors, trained)
        priors = occurrences.estimate(fit(rows)["alone"])
    rows, measured = cross_rows(data, fitted, extra, priors, trained)
    figures = cross_validate(data, rows, measured, fitted, list(range(len(training))))
    weights = fit(rows)
    print(f"CPP dev ({len(training)} training sentences), 5-fold cross-validated: " + ", ".join(f"{k} {v:.4f}" for k, v in figures.items()))
    for status in STATUSES:
        print(f"weights ({status}):", " ".join(f"{name}={w:.3f}" for name, w in zip(FEATURES, weights[status])))
    notes = [
        "studyapp reading model, built by tools/build_reading_model.py",
        f"CPP dev (kakaobrain/g2pM, Apache-2.0): {len(training)} sentences (every tenth held out)",
        f"our hand-marked tests/data/polyphones/dev.txt: {len(own)} characters, each weighing {OWN_WEIGHT:g} CPP sentences in the fit",
        f"extra labelled sentences, counted in the table (g2pL data is Apache-2.0): {len(counted)}",
        f"priors: the model's readings of the other characters of {len(unlabelled)} of these sentences",
        "rules: how often each context rule named each reading rightly, in all these sentences",
    ]
    ReadingModel(weights, table, priors, trained, rules=rules).save(args.out, notes)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB, {len(table):,} context entries, {len(priors):,} priors)")


if __name__ == "__main__":
    main()
