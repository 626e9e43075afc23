"""Accuracy of readings on named data sets, beside other code and other tools.

Data sets, each named beside its figure:

* ``own dev`` / ``own test``: ``tests/data/polyphones/{dev,test}.txt``,
  hand-marked sentences (each target followed by its reading, ``还[huan2]``).
* ``CPP dev holdout``: ``tests/data/cpp/dev_holdout.tsv``, every tenth
  sentence of the CPP dev set (kakaobrain/g2pM, Apache-2.0), never used to
  build the reading model.
* ``CPP dev``: with ``--cpp DIR`` (the ``data/`` folder of kakaobrain/g2pM),
  all 9,893 dev sentences — nine tenths of them were used to build the model,
  so this figure is optimistic; tools/build_reading_model.py prints the
  cross-validated one.
* ``CPP test``: with ``--cpp DIR --test``: the CPP test set (10,254 sentences).
  With ``--extra DIR`` (the g2pL ``data/`` folder, also used to build the
  model) it is scored a second time without the test sentences that also
  occur in the training data (CPP dev, g2pL train/dev): a figure free of
  contamination.
* ``BZNSYP dev`` / ``BZNSYP held-out``: with ``--speech PATH``, the transcripts
  of data-baker's speech corpus (tools/speech_transcripts.py says where to get
  them), every character labelled as spoken. The held-out fifth is scored only
  with ``--speech-heldout``: run it once, at the end, never to tune.

CPP and our own sets score the labelled characters: "neutral accepted" counts
our neutral tone as right where the gold writes a citation tone of the same
syllable (CC-CEDICT's 东西 dōngxi against CPP's xī); "strict" does not. The
speech transcripts apply tone sandhi, so they are scored on segmentals
(syllables without tones), for polyphonic characters (two or more readings
that differ in more than tone, per g2pM's CC-CEDICT digest) and for all
characters; "strict" compares the tones as spoken too.

Besides studyapp (this tree), the same run scores pypinyin, g2pM and any
other source tree of studyapp given with ``--compare NAME=DIR`` (e.g. the
rules before the reading model: ``git archive 56cc768 | tar -x -C DIR``).
Run: ``python benchmarks/bench_polyphones.py [-v] [--cpp DIR [--test [--extra DIR]]]
[--speech PATH [--speech-heldout]] [--compare NAME=DIR ...] [--no-g2pm]``.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from other_tree import parse_trees, run_in_tree
from polyphone_data import correct, normalise, read_split, read_tsv
from speech_transcripts import is_heldout, read_transcripts, toneless

from studyapp.core.language.engine import Language

MARK_RE = re.compile(r"(.)\[([a-zv]+[1-5])\]")
Gold = list[tuple[str, dict[int, str]]]
Choices = list[dict[int, str]]


@dataclass
class DataSet:
    name: str
    sentences: Gold
    spoken: bool = False  # labelled as spoken (sandhi applied): scored on segmentals
    choices: dict[str, Choices] = field(default_factory=dict)


def parse(line: str) -> tuple[str, dict[int, str]]:
    """``他还[hai2]`` -> ("他还", {1: "hai2"})."""
    text, gold, last = "", {}, 0
    for match in MARK_RE.finditer(line):
        text += line[last : match.start()] + match.group(1)
        gold[len(text) - 1] = normalise(match.group(2))
        last = match.end()
    return text + line[last:], gold


def own_set(name: str) -> Gold:
    path = ROOT / "tests" / "data" / "polyphones" / f"{name}.txt"
    return [parse(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def cpp_set(items) -> Gold:
    return [(item.text, {item.position: item.reading}) for item in items]


def speech_sets(path: Path, heldout: bool) -> list[DataSet]:
    transcripts, _ = read_transcripts(path)
    sets = [DataSet("BZNSYP dev (4/5)", [(t.text, t.syllables) for t in transcripts if not is_heldout(t)], spoken=True)]
    if heldout:
        sets.append(DataSet("BZNSYP held-out (1/5)", [(t.text, t.syllables) for t in transcripts if is_heldout(t)], spoken=True))
    return sets


def ours(language: Language, sentences: Gold) -> Choices:
    out = []
    for tokens, readings in language.read_many([text for text, _ in sentences]):
        out.append({token.start + i: s for token, reading in zip(tokens, readings) for i, s in enumerate(reading or ())})
    return out


#: Run in another studyapp source tree: texts in, readings out.
_READINGS = """
import json, tempfile
from studyapp.core.language.engine import Language
with tempfile.TemporaryDirectory() as cache:
    read = Language(Path(cache)).read_many(json.load(sys.stdin))
json.dump([{t.start + i: s for t, r in zip(tokens, rs) for i, s in enumerate(r or ())} for tokens, rs in read], sys.stdout)
"""


def other_tree_choices(root: Path, texts: list[str]) -> Choices:
    """Readings by the studyapp source tree at ``root`` (its own code and data)."""
    return [{int(k): v for k, v in found.items()} for found in run_in_tree(root, _READINGS, texts)]


def pypinyin_choices(sentences: Gold) -> Choices:
    from pypinyin import Style, pinyin

    out = []
    for text, _ in sentences:
        got = pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda s: ["?"] * len(s))
        out.append({i: p[0] for i, p in enumerate(got)} if len(got) == len(text) else {})
    return out


def g2pm_choices(sentences: Gold) -> Choices | None:
    try:
        from g2pM import G2pM
    except ImportError:
        return None
    model = G2pM()
    out = []
    for text, _ in sentences:
        got = model(text, char_split=True, tone=True)
        out.append(dict(enumerate(got)) if len(got) == len(text) else {})
    return out


def polyphonic_segmentally() -> Callable[[str], bool]:
    """True for a character with readings that differ in more than tone (g2pM's CC-CEDICT digest)."""
    from studyapp.core.language.neural_readings import NeuralReadings

    readings = NeuralReadings.load().readings_of
    chars = {ch for ch, rs in readings.items() if len({toneless(r) for r in rs}) > 1}
    return chars.__contains__


def score(sentences: Gold, chosen: Choices, strict: bool = False, segmental: bool = False, only: Callable[[str], bool] | None = None) -> tuple[int, int, Counter]:
    """Right answers, answers scored, and the misses counted by (char, gold, chosen)."""
    right = total = 0
    misses: Counter = Counter()
    for (text, gold), got in zip(sentences, chosen):
        for position, want in gold.items():
            if only is not None and not only(text[position]):
                continue
            have = got.get(position, "?")
            total += 1
            good = toneless(have) == toneless(want) if segmental and not strict else correct(have, want, strict)
            if good:
                right += 1
            else:
                misses[(text[position], want, have)] += 1
    return right, total, misses


def report(data: DataSet, verbose: bool, polyphonic: Callable[[str], bool]) -> None:
    print(f"{data.name}: {len(data.sentences):,} sentences")
    for system, chosen in data.choices.items():
        if data.spoken:
            figures = [score(data.sentences, chosen, strict, True, only) for only in (polyphonic, None) for strict in (False, True)]
            (r1, t1, misses), (r2, _, _), (r3, t3, _), (r4, _, _) = figures
            print(f"  {system:14s} polyphonic {r1 / t1:.4f} segmentals, {r2 / t1:.4f} strict ({r1}/{t1}); all characters {r3 / t3:.4f} segmentals, {r4 / t3:.4f} strict ({r3}/{t3})")
        else:
            right, total, misses = score(data.sentences, chosen)
            strict, _, _ = score(data.sentences, chosen, strict=True)
            print(f"  {system:14s} {right / total:.4f} neutral accepted, {strict / total:.4f} strict ({right}/{total})")
        if verbose and system == "studyapp":
            print("    most missed:", ", ".join(f"{c} {w}->{g} x{n}" for (c, w, g), n in misses.most_common(40)))


def data_sets(args: argparse.Namespace) -> list[DataSet]:
    sets = [DataSet("own dev", own_set("dev")), DataSet("own test", own_set("test"))]
    sets.append(DataSet("CPP dev holdout", cpp_set(read_tsv(ROOT / "tests" / "data" / "cpp" / "dev_holdout.tsv"))))
    if args.cpp:
        sets.append(DataSet("CPP dev (9/10 used in training)", cpp_set(read_split(args.cpp, "dev"))))
        if args.test:
            test = read_split(args.cpp, "test")
            sets.append(DataSet("CPP test", cpp_set(test)))
            if args.extra:
                seen = training_texts(args.cpp, args.extra)
                clean = [item for item in test if item.text not in seen]
                name = f"CPP test without the {len(test) - len(clean)} sentences also in the training data"
                sets.append(DataSet(name, cpp_set(clean)))
    if args.speech:
        sets += speech_sets(args.speech, args.speech_heldout)
    return sets


def training_texts(cpp: Path, extra: Path) -> set[str]:
    """Every sentence the reading model could have been built from."""
    texts = {item.text for item in read_split(cpp, "dev")}
    for name in ("train", "dev"):
        if (extra / f"{name}.sent").exists():
            texts |= {item.text for item in read_split(extra, name)}
    return texts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Reading accuracy on named data sets")
    parser.add_argument("--cpp", type=Path, help="the CPP data folder (dev.sent, dev.lb, test.sent, test.lb)")
    parser.add_argument("--test", action="store_true", help="also score the CPP test set (once, at the end)")
    parser.add_argument("--extra", type=Path, help="the g2pL data folder: with --test, also score CPP test without sentences seen in training")
    parser.add_argument("--speech", type=Path, help="BZNSYP's 000001-010000.txt (or the corpus folder)")
    parser.add_argument("--speech-heldout", action="store_true", help="also score the held-out fifth (once, at the end)")
    parser.add_argument("--compare", action="append", default=[], metavar="NAME=DIR", help="another studyapp source tree to score")
    parser.add_argument("--no-g2pm", action="store_true", help="skip the g2pM baseline (slow: ~4 ms a sentence)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    sets = data_sets(args)
    with tempfile.TemporaryDirectory() as cache:  # fresh caches: nothing read from an older run
        language = Language(Path(cache))
        for data in sets:
            data.choices["studyapp"] = ours(language, data.sentences)
    for name, root in parse_trees(args.compare):
        found = other_tree_choices(root, [text for data in sets for text, _ in data.sentences])
        for data in sets:
            data.choices[name], found = found[: len(data.sentences)], found[len(data.sentences) :]
    for data in sets:
        data.choices["pypinyin"] = pypinyin_choices(data.sentences)
        if not args.no_g2pm and (g2pm := g2pm_choices(data.sentences)) is not None:
            data.choices["g2pM"] = g2pm
    polyphonic = polyphonic_segmentally()
    for data in sets:
        report(data, args.verbose, polyphonic)


if __name__ == "__main__":
    main()
