"""Chinese set in cells: kinsoku, glued and squeezed punctuation, justification,
words kept whole when cheap, ruby centred over its character (Qt-free)."""

from __future__ import annotations

from studyapp.ui.cell_layout import lay_out_cells
from studyapp.ui.chinese_cells import CLOSE, HAN, OPEN, CellSpec, Spacing, cell_spans
from studyapp.ui.line_breaking import SideLayout

EM = 10.0


def specs(text: str, words: list[str] | None = None, ruby: dict[int, float] | None = None) -> list[CellSpec]:
    """Cells of ``text``: ideographs and full-width marks 10 wide (a mark's blank half 5),
    Latin letters and marks 6, a space 3; ``words`` segment the text; ``ruby`` gives
    syllable widths by offset."""
    owner = [-1] * len(text)
    if words:
        position = 0
        for index, word in enumerate(words):
            owner[position : position + len(word)] = [index] * len(word)
            position += len(word)
    cells, previous_end = [], 0
    for start, end, kind in cell_spans(text):
        full = kind == HAN or (kind not in ("other", "space") and ord(text[start]) >= 0x2000)
        advance = EM if full else 3.0 if kind == "space" else 6.0 * (end - start)
        blank = EM / 2 if full and kind in (OPEN, CLOSE) else 0.0
        hard = bool(cells) and "\n" in text[previous_end:start]
        cells.append(CellSpec(start, end, kind, advance, blank, (ruby or {}).get(start, 0.0), owner[start], hard))
        previous_end = end
    return cells


def lay(text: str, measure: float, words: list[str] | None = None, ruby: dict[int, float] | None = None) -> SideLayout:
    return lay_out_cells(specs(text, words, ruby), measure, Spacing(em=EM, syllable_gap=1.0, word_gap=3.0), 30.0, 20.0)


def lines(text: str, measure: float, words: list[str] | None = None) -> list[str]:
    laid = lay(text, measure, words)
    return ["".join(text[laid.pieces[k].start : laid.pieces[k].end] for k in line.pieces) for line in laid.lines]


def right_edge(line) -> float:
    return line.cells[-1].glyph_x + line.cells[-1].glyph_w


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one() -> None:
    # 他说：“我 would fit only by squeezing “ against ：, which keeps its blank; 吧。”她笑 fits with ” pushed in.
    assert lines("他说：“我们走吧。”她笑了，点点头。", 40) == ["他说：", "“我们走", "吧。”她笑", "了，点点", "头。"]


def test_a_dash_pair_is_never_split_but_may_begin_a_line() -> None:
    assert lines("十分钟以后——不，二十分钟", 60) == ["十分钟以后", "——不，二十", "分钟"]


def test_a_closing_mark_is_pushed_in_rather_than_sent_down() -> None:
    # 好的。 fits in 30 only with 。 squeezed to its ink; it is not moved alone to the next line.
    laid = lay("你好的。我们", 35)
    first = laid.lines[0]
    assert [laid.pieces[k].start for k in first.pieces] == [0, 1, 2, 3]
    assert first.cells[-1].glyph_w == 5.0 and right_edge(first) == 35.0


def test_two_marks_in_a_row_lose_the_blank_between_them() -> None:
    laid = lay("走吧。”好", 200)
    mark, quote = laid.lines[0].cells[2], laid.lines[0].cells[3]
    assert (mark.glyph_w, quote.glyph_x) == (5.0, 25.0)  # 。 half width, ” right after it


def test_lines_are_justified_to_the_measure_except_a_paragraphs_last() -> None:
    text = "很多人说，如果你在中国只有两天时间，就应该去北京或者上海。"
    laid = lay(text, 83)
    assert all(abs(right_edge(line) - 83) < 0.01 for line in laid.lines[:-1])
    assert [line.last for line in laid.lines] == [False] * (len(laid.lines) - 1) + [True]
    assert right_edge(laid.lines[-1]) < 80
    kinds = [cell.kind for cell in specs(text)]
    for line in laid.lines:  # marks stay glued: no space is added before a closing mark
        for k, cell, following in zip(line.pieces, line.cells, line.cells[1:]):
            if kinds[k + 1] == CLOSE:
                assert following.glyph_x == cell.glyph_x + cell.glyph_w


def test_a_newline_ends_a_paragraph_line() -> None:
    laid = lay("带水。\n别迟到。", 200)
    assert [line.last for line in laid.lines] == [True, True]
    assert laid.pieces[laid.lines[1].pieces[0]].hard


def test_a_word_is_kept_on_one_line_when_that_spreads_the_line_little() -> None:
    text = "我们明天去图书馆借书"
    words = ["我们", "明天", "去", "图书馆", "借", "书"]
    # 7 characters fit, splitting 图书|馆; moving 图书 down would leave 2 em over 4 gaps: too loose.
    assert lines(text, 70, words) == ["我们明天去图书", "馆借书"]
    # 18 characters fit, splitting 图|书馆; moving 图 down leaves 1 em over 16 gaps (0.06 em): kept whole.
    long_text = "我们今天早上很早就起来了然后一起去图书馆"
    long_words = ["我们", "今天", "早上", "很", "早", "就", "起来", "了", "然后", "一起", "去", "图书馆"]
    assert lines(long_text, 180, long_words) == ["我们今天早上很早就起来了然后一起去", "图书馆"]
    # 19 fit, splitting 图书|馆: moving 图书 leaves 2 em over 16 gaps (0.125 em), over the 0.12 allowed.
    assert lines(long_text, 190, long_words)[0] == "我们今天早上很早就起来了然后一起去图书"


def test_justification_never_opens_a_gap_over_three_tenths_of_an_em() -> None:
    text = "一位大爷用蘸了清水的大毛笔在地上写字，还有一支由老人组成的小乐队在演奏传统音乐。"
    for measure in (95, 123, 157, 201):
        laid = lay(text, measure)
        for line in laid.lines[:-1]:
            gaps = [b.glyph_x - (a.glyph_x + a.glyph_w) for a, b in zip(line.cells, line.cells[1:])]
            assert max(gaps) <= 0.3 * EM, (measure, gaps)


def test_each_syllable_is_centred_over_its_character_and_none_overlap() -> None:
    text = "中华人民共和国成立了"
    words = ["中华人民共和国", "成立", "了"]
    ruby = {0: 16.0, 1: 12.0, 2: 9.0, 3: 10.0, 4: 17.0, 5: 8.0, 6: 14.0, 7: 17.0, 8: 6.0, 9: 5.0}
    laid = lay(text, 500, words, ruby)
    (line,) = laid.lines
    for k, cell in zip(line.pieces, line.cells):
        width = ruby[k]
        assert abs((cell.ruby_x + width / 2) - (cell.glyph_x + cell.glyph_w / 2)) < 1e-9
    spans = [(cell.ruby_x, cell.ruby_x + ruby[k]) for k, cell in zip(line.pieces, line.cells)]
    gaps = [b[0] - a[1] for a, b in zip(spans, spans[1:])]
    assert min(gaps) >= 1.0 - 1e-9  # syllables of a word keep 1 px apart
    assert gaps[6] >= 3.0 - 1e-9  # between 国 (guó) and 成 (chéng): the word gap
    assert line.cells[0].glyph_x == 0.0  # the characters make the edge; a wide syllable overhangs
    assert spans[0][0] < 0


def test_a_punctuation_mark_tucks_under_the_syllable_before_it() -> None:
    laid = lay("长。好", 200, ["长", "。", "好"], {0: 20.0, 2: 8.0})
    long_, mark, _good = laid.lines[0].cells
    assert mark.glyph_x == long_.glyph_x + long_.glyph_w  # no gap although the cell of 长 is 20 wide


def test_a_latin_run_is_one_cell_and_one_too_long_for_the_line_is_cut() -> None:
    assert lines("马可·波罗 (Marco Polo) 来过", 300) == ["马可·波罗 (Marco Polo) 来过"]
    assert [(start, end, kind) for start, end, kind in cell_spans("1200多万")] == [(0, 4, "other"), (4, 5, HAN), (5, 6, HAN)]
    assert lines("Supercalifragilistic好", 60) == ["Supercalifragilistic", "好"]


def test_hit_test_finds_every_cell_at_its_rectangle() -> None:
    text = "清晨的河面很安静，渔民们已经出船了。到了中午，市场里挤满了人。"
    laid = lay(text, 100)
    for k in range(len(laid.pieces)):
        x, y, w, h = laid.rect_of(k)
        assert laid.piece_at(x + w / 2, y + h / 2) == k
    assert laid.piece_at(-5, 5) is None


def test_a_space_between_two_chinese_characters_takes_no_room() -> None:
    laid = lay("中国 2020 年 贸易协定 的结果", 500)
    xs = {laid.pieces[k].start: cell.glyph_x for k, cell in zip(laid.lines[0].pieces, laid.lines[0].cells)}
    text = "中国 2020 年 贸易协定 的结果"
    assert xs[text.index("的")] == xs[text.index("定")] + EM  # the markup's space is gone
    assert xs[text.index("2")] == xs[text.index("国")] + EM + 3.0  # a space next to digits stays
    name = "波罗 (Marco Polo) 来"
    laid = lay(name, 500)
    xs = {laid.pieces[k].start: cell.glyph_x for k, cell in zip(laid.lines[0].pieces, laid.lines[0].cells)}
    assert xs[name.index("(")] == xs[name.index("罗")] + EM + 3.0  # and next to Latin brackets


def test_an_opening_mark_that_begins_a_line_keeps_no_blank_before_it() -> None:
    laid = lay("他看了看河水（下过雨以后）。", 60)
    second = laid.lines[1]
    assert laid.pieces[second.pieces[0]].start == "他看了看河水（下过雨以后）。".index("（")
    assert second.cells[0].glyph_w == 5.0 and second.cells[0].draw_x == -5.0  # its ink at the line's edge
