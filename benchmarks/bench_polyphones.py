"""Accuracy of readings for polyphonic characters on the hand-marked sets.

``tests/data/polyphones/{dev,test}.txt``: sentences where each target
character is followed by its reading in brackets, e.g. ``还[huan2]``.
Prints accuracy per set (and, with ``-v``, the misses). The baseline is
pypinyin's own choice (if installed) on the same characters.
Run: ``python benchmarks/bench_polyphones.py [-v] [dev|test]``.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studyapp.core.language.engine import Language  # noqa: E402
from studyapp.core.language.pinyin_spelling import normalise_numbered  # noqa: E402

MARK_RE = re.compile(r"(.)\[([a-zv]+[1-5])\]")


def parse(line: str) -> tuple[str, dict[int, str]]:
    """``他还[hai2]`` -> ("他还", {1: "hai2"})."""
    text, gold, last = "", {}, 0
    for match in MARK_RE.finditer(line):
        text += line[last : match.start()] + match.group(1)
        gold[len(text) - 1] = normalise_numbered(match.group(2))
        last = match.end()
    return text + line[last:], gold


def evaluate(language: Language, path: Path, verbose: bool = False) -> tuple[int, int, Counter]:
    sentences = [parse(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    results = language.read_many([text for text, _ in sentences])
    right = total = 0
    misses: Counter = Counter()
    for (text, gold), (tokens, readings) in zip(sentences, results):
        chosen: dict[int, str] = {}
        for token, reading in zip(tokens, readings):
            if reading:
                for i, syllable in enumerate(reading):
                    chosen[token.start + i] = syllable
        for position, want in gold.items():
            total += 1
            got = chosen.get(position, "?")
            if got == want:
                right += 1
            else:
                misses[(text[position], want, got)] += 1
                if verbose:
                    print(f"  {text[position]} want {want} got {got}: {' '.join(t.text for t in tokens)}")
    return right, total, misses


def pypinyin_baseline(path: Path) -> tuple[int, int] | None:
    try:
        from pypinyin import Style, pinyin
    except ImportError:
        return None
    right = total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        text, gold = parse(line)
        got = [normalise_numbered(p[0] if p[0][-1].isdigit() else p[0] + "5") for p in pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)]
        if len(got) != len(text):
            continue
        for position, want in gold.items():
            total += 1
            right += got[position] == want
    return right, total


def main() -> None:
    verbose = "-v" in sys.argv
    names = [a for a in sys.argv[1:] if not a.startswith("-")] or ["dev", "test"]
    language = Language()
    for name in names:
        path = ROOT / "tests" / "data" / "polyphones" / f"{name}.txt"
        right, total, misses = evaluate(language, path, verbose)
        print(f"{name}: {right}/{total} = {right / total:.1%} of polyphonic characters read right")
        base = pypinyin_baseline(path)
        if base:
            print(f"  pypinyin alone on the same characters: {base[0]}/{base[1]} = {base[0] / base[1]:.1%}")
        print("  most missed:", ", ".join(f"{c} {w}->{g} x{n}" for (c, w, g), n in misses.most_common(12)))


if __name__ == "__main__":
    main()
