"""Inline markup: linear time on any input, and nothing but markup ever removed.

A paragraph of backticks, of ``**a `` or of ``[`` once took minutes (a regular
expression searched forward from every opening mark). Timing targets are in
benchmarks/bench_adversarial.py; here the time for a text is compared with the
time for one sixteen times shorter made of the same pieces: linear work grows
about sixteenfold, quadratic work 256-fold, and the bound (64-fold) is far
from both.
"""

from __future__ import annotations

import time

from hypothesis import example, given, settings
from hypothesis import strategies as st

from studyapp.core.text.markup import plain_text

PIECES = st.text(alphabet="`*_~[]()!<>\\:a 中\nhttp", min_size=1, max_size=12)
SMALL, LARGE = 3_000, 48_000


def best_time(text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        plain_text(text)
        best = min(best, time.perf_counter() - start)
    return best


def is_subsequence(short: str, long: str) -> bool:
    remaining = iter(long)
    return all(char in remaining for char in short)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(PIECES)
@example("`")
@example("**a ")
@example("[")
@example("![")
@example("[a](")
@example("[a](b(")
@example("_a ")
@example("~~a ")
@example("<http:a")
@example("`` `")
@example("*a _b ~~c [d](e) `f")
def test_time_grows_linearly_with_the_text(piece: str) -> None:
    small = piece * (SMALL // len(piece) + 1)
    large = piece * (LARGE // len(piece) + 1)
    assert best_time(large) < 64 * best_time(small) + 0.05


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from("`*_~[]()!<>\\ a b 中 文 :/\n#") | st.characters(), max_size=80))
def test_only_markup_is_removed(text: str) -> None:
    plain = plain_text(text)
    assert is_subsequence(plain, text)
    assert plain_text(text) == plain  # the same answer every time


@given(st.text(alphabet=st.characters(blacklist_characters="\\`*_[<~"), max_size=80))
def test_text_without_markup_characters_is_unchanged(text: str) -> None:
    assert plain_text(text) == text
