"""A markdown table on the page: one line per row, no bullets, no delimiter row."""

from __future__ import annotations

from pathlib import Path

SHAPES = Path(__file__).parents[1] / "data" / "shapes"


def test_a_tables_rows_are_drawn_as_rows(qtbot, make_window) -> None:
    window = make_window((1300, 800))
    window.open_path(SHAPES / "ferry_timetable_table.md")
    blocks = window.reader.document.blocks
    index = next(k for k, b in enumerate(blocks) if b.english.text.startswith("Departure"))
    window.reader.scroll_to_block(index)
    window.reader.viewport().repaint()
    geometry = window.reader.reader_layout.geometry(index)
    for placed in (geometry.english, geometry.chinese):
        assert len(placed.layout.lines) == 4  # the header and three rows, each on a line of its own
        assert placed.bullets == []
