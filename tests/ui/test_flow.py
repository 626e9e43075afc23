"""Line breaking and hit-testing for the reader (no painting needed)."""

from __future__ import annotations

from studyapp.ui.line_breaking import break_lines, chinese_pieces, english_pieces, lay_out


def lines_of(text: str, width_per_char: float, max_width: float) -> list[str]:
    pieces = chinese_pieces(text)
    widths = [width_per_char * (p.end - p.start) for p in pieces]
    breaks = break_lines(widths, [p.glued for p in pieces], max_width, None, [p.hard for p in pieces])
    return ["".join(text[pieces[k].start : pieces[k].end] for k in line) for line in breaks]


def test_no_line_starts_with_closing_punctuation() -> None:
    lines = lines_of("他说：“我们走吧。”她笑了，点点头。", 10, 40)
    assert lines == ["他说：", "“我们走", "吧。”她", "笑了，点", "点头。"]
    assert not any(line[0] in "，。、：”" for line in lines)


def test_word_spans_are_never_split() -> None:
    text = "中华人民共和国成立了"
    pieces = chinese_pieces(text, [(0, 7), (7, 9), (9, 10)])
    breaks = break_lines([10.0 * (p.end - p.start) for p in pieces], [p.glued for p in pieces], 75)
    assert [[text[pieces[k].start : pieces[k].end] for k in line] for line in breaks] == [["中华人民共和国"], ["成立", "了"]]


def test_newline_starts_a_new_line() -> None:
    assert lines_of("第一项\n第二项", 10, 500) == ["第一项", "第二项"]


def test_english_breaks_at_spaces_only() -> None:
    text = "a quick brown fox jumps"
    pieces = english_pieces(text)
    laid = lay_out(pieces, [10.0 * (p.end - p.start) for p in pieces], 5.0, 125, 20, 15)
    assert [[text[pieces[k].start : pieces[k].end] for k in line.pieces] for line in laid.lines] == [
        ["a", "quick", "brown"],
        ["fox", "jumps"],
    ]


def test_hit_test_finds_every_piece_at_its_rectangle() -> None:
    text = "清晨的河面很安静，渔民们已经出船了。到了中午，市场里挤满了人。"
    pieces = chinese_pieces(text)
    laid = lay_out(pieces, [16.0] * len(pieces), 4.0, 100, 24, 18)
    for k in range(len(pieces)):
        x, y, w, h = laid.rect_of(k)
        assert laid.piece_at(x + w / 2, y + h / 2) == k
    assert laid.piece_at(-5, 5) is None
    assert laid.piece_at(5, laid.height + 5) is None
