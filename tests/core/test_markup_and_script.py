"""Inline markdown to plain text, and language decisions by characters."""

from __future__ import annotations

import pytest

from studyapp.core.text.char_classes import join_lines, language_of
from studyapp.core.text.markup import plain_text


@pytest.mark.parametrize(
    ("source", "plain"),
    [
        ("[the trade agreement](#) he signed", "the trade agreement he signed"),
        (r"an additional \$200 billion", "an additional $200 billion"),
        ("**bold** and *em* and _em_ and __strong__", "bold and em and em and strong"),
        ("`snake_case_name` stays", "snake_case_name stays"),
        ("a snake_case_word stays", "a snake_case_word stays"),
        ("![a picture](x.png) here", "a picture here"),
        ("<b>not html</b> 2 * 3 * 4", "<b>not html</b> 2 * 3 * 4"),
        (r"\*not emphasis\*", "*not emphasis*"),
    ],
)
def test_plain_text(source: str, plain: str) -> None:
    assert plain_text(source) == plain


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hello there", "en"),
        ("你好", "zh"),
        ("白邦瑞 (Michael Pillsbury) 说，总统希望达成协议", "zh"),
        ("The word 你好 means hello in Chinese", "en"),
        ("2020 — 2025", ""),
        ("", ""),
    ],
)
def test_language_of(text: str, lang: str) -> None:
    assert language_of(text) == lang


def test_join_lines_spaces_only_between_latin() -> None:
    assert join_lines(["It was", "late."]) == "It was late."
    assert join_lines(["天色", "已晚。"]) == "天色已晚。"
