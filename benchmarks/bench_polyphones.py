"""Accuracy of readings for polyphonic characters, beside pypinyin and g2pM.

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

"neutral accepted" counts our neutral tone as right where the gold writes a
citation tone of the same syllable (CC-CEDICT's 东西 dōngxi against CPP's
xī); "strict" does not. Run:
``python benchmarks/bench_polyphones.py [-v] [--cpp DIR [--test]] [--no-g2pm]``.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from polyphone_data import correct, normalise, read_split, read_tsv  # noqa: E402
from studyapp.core.language.engine import Language  # noqa: E402

MARK_RE = re.compile(r"(.)\[([a-zv]+[1-5])\]")
Gold = list[tuple[str, dict[int, str]]]


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


def ours(language: Language, sentences: Gold) -> list[dict[int, str]]:
    out = []
    for tokens, readings in language.read_many([text for text, _ in sentences]):
        chosen = {}
        for token, reading in zip(tokens, readings):
            for i, syllable in enumerate(reading or ()):
                chosen[token.start + i] = syllable
        out.append(chosen)
    return out


def pypinyin_choices(sentences: Gold) -> list[dict[int, str]]:
    from pypinyin import Style, pinyin

    out = []
    for text, _ in sentences:
        got = pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda s: ["?"] * len(s))
        out.append({i: p[0] for i, p in enumerate(got)} if len(got) == len(text) else {})
    return out


def g2pm_choices(sentences: Gold) -> list[dict[int, str]] | None:
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


def score(sentences: Gold, chosen: list[dict[int, str]], strict: bool) -> tuple[int, int, Counter]:
    right = total = 0
    misses: Counter = Counter()
    for (text, gold), got in zip(sentences, chosen):
        for position, want in gold.items():
            total += 1
            if correct(got.get(position, "?"), want, strict):
                right += 1
            else:
                misses[(text[position], want, got.get(position, "?"))] += 1
    return right, total, misses


def report(name: str, sentences: Gold, language: Language, with_g2pm: bool, verbose: bool) -> None:
    systems = {"studyapp": ours(language, sentences), "pypinyin": pypinyin_choices(sentences)}
    if with_g2pm and (g2pm := g2pm_choices(sentences)) is not None:
        systems["g2pM"] = g2pm
    print(f"{name}: {len(sentences):,} sentences")
    for system, chosen in systems.items():
        right, total, misses = score(sentences, chosen, strict=False)
        strict, _, _ = score(sentences, chosen, strict=True)
        print(f"  {system:9s} {right / total:.4f} neutral accepted, {strict / total:.4f} strict ({right}/{total})")
        if verbose and system == "studyapp":
            print("    most missed:", ", ".join(f"{c} {w}->{g} x{n}" for (c, w, g), n in misses.most_common(25)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Polyphone accuracy on named data sets")
    parser.add_argument("--cpp", type=Path, help="the CPP data folder (dev.sent, dev.lb, test.sent, test.lb)")
    parser.add_argument("--test", action="store_true", help="also score the CPP test set (once, at the end)")
    parser.add_argument("--no-g2pm", action="store_true", help="skip the g2pM baseline (slow: ~4 ms a sentence)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    sets: list[tuple[str, Gold]] = [("own dev", own_set("dev")), ("own test", own_set("test"))]
    sets.append(("CPP dev holdout", cpp_set(read_tsv(ROOT / "tests" / "data" / "cpp" / "dev_holdout.tsv"))))
    if args.cpp:
        sets.append(("CPP dev (9/10 used in training)", cpp_set(read_split(args.cpp, "dev"))))
        if args.test:
            sets.append(("CPP test", cpp_set(read_split(args.cpp, "test"))))
    with tempfile.TemporaryDirectory() as cache:  # fresh caches: nothing read from an older run
        language = Language(Path(cache))
        for name, sentences in sets:
            report(name, sentences, language, not args.no_g2pm, args.verbose)


if __name__ == "__main__":
    main()
