"""The visible page as numbers: every drawn line, Chinese character and syllable
with its rectangle, in the reader's viewport coordinates (pixels, y from the
top of the view). It is what ``studyapp FILE --layout-json OUT.json`` writes
and what the geometry tests check. The shape::

    {"lines": [{"block": 3, "side": "zh", "y": 120.0, "x0": 712.0, "x1": 1180.0,
                "last_in_paragraph": false,
                "cells": [{"text": "中", "x": 712.0, "y": 139.0, "w": 20.0, "h": 20.0,
                           "pinyin": {"text": "zhōng", "x": 709.5, "y": 121.0, "w": 25.0, "h": 14.0}},
                          ...]},
               {"block": 3, "side": "en", ..., "cells": []}],
     "measure": {"zh": [712.0, 1180.0], "en": [40.0, 672.0]}}

A Chinese cell's rectangle is its character's em square (a squeezed mark's,
its squeezed advance), its pinyin's the syllable's advance by the pinyin
font's height; ``pinyin`` is null where none is drawn. ``x0``/``x1`` are a
line's first and last character edges (English: its first and last word's).
``last_in_paragraph`` marks a paragraph's last line and a line before a
newline: the lines that are not justified. Spaces are not cells.
"""

from __future__ import annotations

from typing import Any

from studyapp.ui.chinese_cells import SPACE, kind_of
from studyapp.ui.line_breaking import LaidLine
from studyapp.ui.reader_layout import PlacedSide, ReaderLayout


def page_geometry(layout: ReaderLayout, scroll: float, height: float) -> dict[str, Any]:
    """The lines of ``layout`` seen in a view of ``height`` scrolled to ``scroll``."""
    lines: list[dict[str, Any]] = []
    for index in layout.visible(scroll, scroll + height):
        top = layout.top_of(index) - scroll
        geometry = layout.geometry(index)
        for name, placed in (("en", geometry.english), ("zh", geometry.chinese)):
            if placed is None:
                continue
            for line in placed.layout.lines:
                line_top = top + placed.y + line.top
                if line.pieces and line_top < height and line_top + line.height > 0:
                    lines.append(_line(index, name, placed, line, line_top))
    (en_x, en_w), (zh_x, zh_w) = layout.columns()
    return {"lines": lines, "measure": {"zh": [_r(zh_x), _r(zh_x + zh_w)], "en": [_r(en_x), _r(en_x + en_w)]}}


def _line(block: int, side: str, placed: PlacedSide, line: LaidLine, line_top: float) -> dict[str, Any]:
    if side == "en":
        x0, x1 = placed.x + line.xs[0], placed.x + line.xs[-1] + line.widths[-1]
        return {"block": block, "side": side, "y": _r(line_top), "x0": _r(x0), "x1": _r(x1),
                "last_in_paragraph": line.last, "cells": []}
    cells = [_cell(placed, k, cell, line_top) for k, cell in zip(line.pieces, line.cells)
             if kind_of(placed.texts[k][0]) != SPACE]
    first, last = line.cells[0], line.cells[-1]
    return {"block": block, "side": side, "y": _r(line_top), "x0": _r(placed.x + first.glyph_x),
            "x1": _r(placed.x + last.glyph_x + last.glyph_w), "last_in_paragraph": line.last, "cells": cells}


def _cell(placed: PlacedSide, k: int, cell: Any, line_top: float) -> dict[str, Any]:
    style = placed.style
    assert style is not None
    syllable = placed.syllables[k]
    pinyin = None
    if syllable:
        metrics = style.pinyin.metrics
        pinyin = {"text": syllable, "x": _r(placed.x + cell.ruby_x), "y": _r(line_top + style.ruby_baseline - metrics.ascent()),
                  "w": _r(style.syllable_width(syllable)), "h": _r(metrics.ascent() + metrics.descent())}
    return {"text": placed.texts[k], "x": _r(placed.x + cell.glyph_x), "y": _r(line_top + style.ruby_band + style.char_top),
            "w": _r(cell.glyph_w), "h": _r(style.em), "pinyin": pinyin}


def _r(value: float) -> float:
    return round(float(value), 2)
