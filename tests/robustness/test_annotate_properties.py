"""`annotate`: the tokens of every line cover it exactly, whatever the line holds or however long it is."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from studyapp.core.language.engine import PIECE_CHARS

PIECES = ["我去银行取钱。", "他还没有还钱", "贝森特说", "马可·鲁比奥", "2020年", "GDP增长了5%", "卡拉OK", "Hello, world", "“引号”", "《书名》",
          "...", "——", "\t", " ", "  ", "！？", "A型", "３.５", "頭髮", "😀", "\u200b", "\ufeff", "̀"]
LINES = st.lists(st.sampled_from(PIECES) | st.text(st.characters(blacklist_characters="\n\r"), max_size=6), max_size=12).map("".join)


def check_covers(lines: list[str], stream) -> None:
    tokens_of: dict[int, list[dict]] = {}
    for number, records in stream:
        tokens_of.setdefault(number, []).extend(records)
    assert sorted(tokens_of) == list(range(len(lines)))  # every line, once, in order
    for number, line in enumerate(lines):
        tokens = tokens_of[number]
        assert "".join(t["text"] for t in tokens) == line
        assert [t["start"] for t in tokens] == [sum(len(t["text"]) for t in tokens[:k]) for k in range(len(tokens))]
        assert all(t["text"] for t in tokens)
        assert all((t["pinyin"] is not None) == (t["kind"] in ("word", "name")) for t in tokens)
        assert all(len(t["pinyin"]) == len(t["text"]) for t in tokens if t["pinyin"] and "·" not in t["text"])


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(LINES, min_size=1, max_size=5))
@example(["", "", "我去银行。"])
@example(["\ud800银行"])  # a lone surrogate
def test_tokens_cover_each_line(language, lines: list[str]) -> None:
    check_covers(lines, language.annotate_stream(lines))


@settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=3, max_size=30).map("".join))
def test_a_line_longer_than_a_piece_is_covered_across_the_cuts(language, piece: str) -> None:
    line = (piece * (PIECE_CHARS // len(piece) + 2))[: PIECE_CHARS * 2 + 17]
    check_covers([line, "短句。"], language.annotate_stream([line, "短句。"]))
