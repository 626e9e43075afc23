"""English line breaking and hit-testing (no painting needed)."""

from __future__ import annotations

from studyapp.ui.line_breaking import english_pieces, lay_out


def test_english_breaks_at_spaces_only() -> None:
    text = "a quick brown fox jumps"
    pieces = english_pieces(text)
    laid = lay_out(pieces, [10.0 * (p.end - p.start) for p in pieces], 5.0, 125, 20, 15)
    assert [[text[pieces[k].start : pieces[k].end] for k in line.pieces] for line in laid.lines] == [
        ["a", "quick", "brown"],
        ["fox", "jumps"],
    ]


def test_a_newline_starts_a_line_and_ends_a_paragraph() -> None:
    text = "Bring water.\nDo not be late."
    pieces = english_pieces(text)
    laid = lay_out(pieces, [10.0 * (p.end - p.start) for p in pieces], 5.0, 500, 20, 15)
    assert [text[pieces[line.pieces[0]].start : pieces[line.pieces[-1]].end] for line in laid.lines] == ["Bring water.", "Do not be late."]
    assert [line.last for line in laid.lines] == [True, True]


def test_hit_test_finds_every_word_at_its_rectangle() -> None:
    text = "the river was calm in the morning and the fishermen had already gone out"
    pieces = english_pieces(text)
    laid = lay_out(pieces, [8.0 * (p.end - p.start) for p in pieces], 4.0, 100, 24, 18)
    for k in range(len(pieces)):
        x, y, w, h = laid.rect_of(k)
        assert laid.piece_at(x + w / 2, y + h / 2) == k
    assert laid.piece_at(-5, 5) is None
    assert laid.piece_at(5, laid.height + 5) is None
