"""Build resources/reading_model.tsv.gz, the learned part of the reading model.

Data (none of it is in the repository; pass the folders):

* ``--cpp DIR``: the CPP corpus folder of kakaobrain/g2pM (``data/``,
  Apache-2.0). Only ``dev.sent``/``dev.lb`` are read, never ``test.*``;
  every tenth dev sentence is held out (``tests/data/cpp/dev_holdout.tsv``,
  written with ``--write-holdout``) and used for nothing here.
* ``--extra DIR`` (repeatable): more sentences in the same format, e.g. the
  ``data/`` folder of whzikaros/g2pL (Apache-2.0; its ``train`` and ``dev``
  splits, never ``test``).

What is learned:

* priors: for every polyphonic character, how often g2pM's network reads it
  each way in all these sentences (running text, not only the labelled
  character);
* the context table: for each labelled character, its reading counted by
  neighbour patterns (reading_model.context_patterns);
* the feature weights, by a conditional-logit fit on the CPP dev training
  part and our hand-marked ``tests/data/polyphones/dev.txt`` (conversational
  sentences CPP lacks; ``test.txt`` stays held out), with 5-fold
  cross-validation (each fold's context table is counted without that
  fold). The cross-validated accuracy on CPP dev is printed.

Run: ``python tools/build_reading_model.py --cpp g2pM/data --extra g2pL/data``
(about two minutes). The output is deterministic for the same inputs.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from polyphone_data import Labelled, correct, is_holdout, marked, read_split  # noqa: E402
from studyapp.core.language.engine import Language  # noqa: E402
from studyapp.core.language.reading_model import FEATURES, Evidence, ReadingModel, context_patterns  # noqa: E402

FOLDS = 5
_START = (1.0,) + (0.0,) * (len(FEATURES) - 1)
OUT = ROOT / "resources" / "reading_model.tsv.gz"


def own_dev() -> list[Labelled]:
    """tests/data/polyphones/dev.txt, one item per marked character (test.txt stays held out)."""
    from bench_polyphones import parse

    items = []
    for line in (ROOT / "tests" / "data" / "polyphones" / "dev.txt").read_text(encoding="utf-8").splitlines():
        text, gold = parse(line)
        items += [Labelled(text, i, reading) for i, reading in gold.items()]
    return items


def count_table(items: list[Labelled]) -> dict[tuple[str, str, str], dict[str, int]]:
    table: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    for item in items:
        char = item.text[item.position]
        for kind, ctx in context_patterns(item.text, item.position):
            table[(char, kind, ctx)][item.reading] += 1
    return {key: dict(counts) for key, counts in table.items()}


def count_priors(language: Language, texts: list[str]) -> dict[str, dict[str, int]]:
    """Readings the network gives every polyphonic character of ``texts``."""
    net = language.reader.neural
    positions = [[i for i, ch in enumerate(t) if net.is_polyphonic(ch)] for t in texts]
    priors: dict[str, Counter] = defaultdict(Counter)
    for text, found in zip(texts, net.probabilities(texts, positions)):
        for i, probabilities in found.items():
            if probabilities:
                priors[text[i]][max(probabilities, key=probabilities.__getitem__)] += 1
    return {char: dict(counts) for char, counts in priors.items()}


class Rows:
    """Feature rows of the labelled characters, as the reader sees them."""

    def __init__(self, language: Language, items: list[Labelled]) -> None:
        reader = language.reader
        segmented = language.segment_many([item.text for item in items])
        self.plans = [reader.plan(tokens) for tokens in segmented]
        self.neural = reader.neural_evidence(self.plans)
        self.items = items

    def build(self, model: ReadingModel, which: list[int]) -> list[tuple[int, list[str], np.ndarray, int]]:
        out = []
        for n in which:
            item, plan = self.items[n], self.plans[n]
            slot = plan.slots.get(item.position)
            if slot is None:
                continue
            evidence = Evidence(self.neural[n].get(item.position, {}), slot.word_reading, slot.word_ambiguous, slot.rule_reading)
            features = np.array(model.features(plan.text, item.position, slot.candidates, evidence))
            gold = next((k for k, r in enumerate(slot.candidates) if correct(r, item.reading, strict=True)), -1)
            out.append((n, slot.candidates, features, gold))
        return out

    def fixed_right(self, n: int, strict: bool) -> bool | None:
        """For a character the model does not choose: is the fixed reading right?"""
        item, plan = self.items[n], self.plans[n]
        if item.position in plan.slots:
            return None
        return correct(plan.syllables[item.position] or "?", item.reading, strict)


def fit(rows, steps: int = 400, rate: float = 0.5, l2: float = 1e-3) -> np.ndarray:
    """Conditional logit over each character's candidates, by gradient ascent."""
    usable = [(x, g) for _, c, x, g in rows if g >= 0 and len(c) > 1]
    weights = np.zeros(usable[0][0].shape[1])
    weights[0] = 1.0
    for _ in range(steps):
        gradient = np.zeros_like(weights)
        for x, g in usable:
            z = x @ weights
            p = np.exp(z - z.max())
            gradient += x[g] - (p / p.sum()) @ x
        weights += rate * (gradient / len(usable) - l2 * weights)
    return weights


def accuracy(rows, weights, data: Rows, strict: bool) -> tuple[int, int]:
    right = 0
    for n, candidates, x, _ in rows:
        slot = data.plans[n].slots[data.items[n].position]
        chosen = candidates[int(np.argmax(x @ weights))]
        if slot.word_reading and chosen[:-1] == slot.word_reading[:-1] and slot.word_reading.endswith("5"):
            chosen = slot.word_reading
        right += correct(chosen, data.items[n].reading, strict)
    return right, len(rows)


def cross_validate(data: Rows, training: list[int], reported: list[int], extra: list[Labelled], priors) -> tuple[list, dict]:
    """Rows for every training item (each fold's table counted without it) and
    the cross-validated accuracy on the ``reported`` items."""
    fold = {n: k % FOLDS for k, n in enumerate(sorted(training, key=lambda n: random.Random(n).random()))}
    chosen = set(reported)
    rows = []
    for k in range(FOLDS):
        table = count_table([data.items[n] for n in training if fold[n] != k] + extra)
        rows += data.build(ReadingModel(_START, table, priors), [n for n in training if fold[n] == k])
    figures = {}
    for strict in (False, True):
        right = total = 0
        for k in range(FOLDS):
            weights = fit([r for r in rows if fold[r[0]] != k])
            r, t = accuracy([r for r in rows if fold[r[0]] == k and r[0] in chosen], weights, data, strict)
            right, total = right + r, total + t
        fixed = [data.fixed_right(n, strict) for n in reported]
        right += sum(1 for f in fixed if f)
        total += sum(1 for f in fixed if f is not None)
        figures["strict" if strict else "neutral accepted"] = right / total
    return rows, figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cpp", type=Path, required=True, help="CPP data folder (dev.sent, dev.lb)")
    parser.add_argument("--extra", type=Path, action="append", default=[], help="folder with train/dev .sent/.lb")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--write-holdout", type=Path, help="write the held-out CPP dev sentences here")
    args = parser.parse_args(argv)
    dev = read_split(args.cpp, "dev")
    training = [n for n in range(len(dev)) if not is_holdout(n)]
    extra = [item for folder in args.extra for name in ("train", "dev") if (folder / f"{name}.sent").is_file() for item in read_split(folder, name)]
    if args.write_holdout:
        lines = [f"{marked(item)}\t{item.reading}" for n, item in enumerate(dev) if is_holdout(n)]
        args.write_holdout.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with tempfile.TemporaryDirectory() as cache:
        language = Language(Path(cache))
        language.reader._model = ReadingModel(_START)
        priors = count_priors(language, [dev[n].text for n in training] + [item.text for item in extra])
        own = own_dev()
        data = Rows(language, dev + own)
        rows, figures = cross_validate(data, training + list(range(len(dev), len(dev) + len(own))), training, extra, priors)
    weights = fit(rows)
    print(f"CPP dev ({len(training)} training sentences), 5-fold cross-validated: " + ", ".join(f"{k} {v:.4f}" for k, v in figures.items()))
    print("weights:", " ".join(f"{name}={w:.3f}" for name, w in zip(FEATURES, weights)))
    table = count_table([dev[n] for n in training] + own + extra)
    notes = [
        "studyapp reading model, built by tools/build_reading_model.py",
        f"CPP dev (kakaobrain/g2pM, Apache-2.0): {len(training)} sentences (every tenth held out)",
        f"our hand-marked tests/data/polyphones/dev.txt: {len(own)} characters",
        f"extra labelled sentences: {len(extra)} ({', '.join(str(p) for p in args.extra) or 'none'}; g2pL data is Apache-2.0)",
        "priors counted from g2pM's network (Apache-2.0) on the same sentences",
    ]
    ReadingModel(tuple(float(w) for w in weights), table, priors).save(args.out, notes)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB, {len(table):,} context entries, {len(priors):,} characters)")


if __name__ == "__main__":
    main()
