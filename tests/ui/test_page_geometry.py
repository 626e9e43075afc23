"""The page checked by its geometry: every character, syllable and line of the
sample and the page fixtures, at several widths, sizes and pinyin modes, set
in the bundled test fonts so that the numbers do not depend on the machine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from page_checks import CLOSING, problems
from PySide6.QtGui import QFontDatabase, QFontInfo

from studyapp.core.reading.session import ReadingSession
from studyapp.core.text.importers import open_document
from studyapp.ui.app import sample_path
from studyapp.ui.page_geometry import page_geometry
from studyapp.ui.reader_fonts import ReaderFonts, make_font
from studyapp.ui.reader_layout import LayoutOptions, ReaderLayout

FONTS = Path(__file__).parents[1] / "fonts"
PAGE = Path(__file__).parents[1] / "data" / "page"
#: Words treated as known in "only words not known" mode.
KNOWN = frozenset({"我", "你", "他", "的", "了", "是", "在", "有", "很", "人", "去", "说", "我们"})


@pytest.fixture(scope="session")
def test_fonts(qapp) -> ReaderFonts:
    """The bundled subsets of Noto Sans CJK SC and TC, asked for first."""
    for name in ("StudyappTestCJKSC-Regular.otf", "StudyappTestCJKTC-Regular.otf"):
        assert QFontDatabase.addApplicationFont(str(FONTS / name)) >= 0, name
    fonts = ReaderFonts(simplified=["Studyapp Test CJK SC"], traditional=["Studyapp Test CJK TC"])
    assert QFontInfo(make_font(fonts.chinese("simplified"), 15)).family() == "Studyapp Test CJK SC"
    return fonts


@pytest.fixture(scope="module")
def read(language):
    """A document with every paragraph segmented and read, by path."""
    sessions: dict[Path, ReadingSession] = {}

    def session_of(path: Path) -> ReadingSession:
        if path not in sessions:
            session = ReadingSession(language)
            session.open(open_document(path))
            session.annotate_now(range(len(session.document.blocks)))
            session.set_marks((), KNOWN)
            sessions[path] = session
        return sessions[path]

    return session_of


def layout_of(session: ReadingSession, fonts: ReaderFonts, width: float, ruby: str, zoom: int = 100,
              mode: str = "side", script: str = "simplified") -> ReaderLayout:
    options = LayoutOptions(point_size=12.0 * zoom / 100, mode=mode, ruby=ruby)
    return ReaderLayout(session.document, width, options, annotation=session.annotation,
                        show_ruby=lambda word: ruby == "all" or word not in session.known, fonts=fonts, script=script)


def whole_page(*args, **kwargs) -> dict:
    """Every line of the document, as ``--layout-json`` gives a page."""
    return page_geometry(layout_of(*args, **kwargs), 0, 10**9)


DOCUMENTS = [sample_path(), PAGE / "punctuation.md"]


@pytest.mark.parametrize("ruby", ["off", "all", "unknown"])
@pytest.mark.parametrize("width,zoom", [(560, 100), (760, 100), (1100, 100), (1180, 150), (2200, 200)])
@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_every_line_obeys_the_rules(read, test_fonts, path: Path, width: int, zoom: int, ruby: str) -> None:
    page = whole_page(read(path), test_fonts, width, ruby, zoom)
    zh_lines = [line for line in page["lines"] if line["side"] == "zh"]
    assert len(zh_lines) > 5
    assert problems(page) == []
    justified = [line for line in zh_lines if not line["last_in_paragraph"]]
    assert justified, "no line was long enough to be justified"
    if ruby != "off":
        assert sum(1 for line in zh_lines for cell in line["cells"] if cell["pinyin"]) > 50


def test_stacked_pages_obey_the_rules_too(read, test_fonts) -> None:
    for ruby in ("off", "all"):
        assert problems(whole_page(read(sample_path()), test_fonts, 700, ruby, mode="stacked")) == []


def test_only_unknown_words_get_pinyin_and_the_line_height_stays(read, test_fonts) -> None:
    session = read(sample_path())
    layout = layout_of(session, test_fonts, 1100, "unknown")
    with_pinyin = without = 0
    for index, _block in enumerate(session.document.blocks):
        placed, annotation = layout.geometry(index).chinese, session.annotation(index)
        for token, syllable in zip(placed.token_of_piece, placed.syllables) if placed and annotation else ():
            known = token >= 0 and annotation.tokens[token].text in KNOWN
            assert not (known and syllable), annotation.tokens[token].text
            with_pinyin += bool(syllable)
            without += known
    assert with_pinyin > 500 and without > 50
    every, unknown = whole_page(session, test_fonts, 1100, "all"), page_geometry(layout, 0, 10**9)
    heights = {round(b["y"] - a["y"], 2) for page in (every, unknown) for a, b in zip(page["lines"], page["lines"][1:])
               if a["side"] == b["side"] == "zh" and a["block"] == b["block"] and a["block"] > 0}
    assert len(heights) == 1  # one line height for body text, with or without pinyin over a line


def test_the_checks_catch_a_broken_page(read, test_fonts) -> None:
    page = whole_page(read(PAGE / "punctuation.md"), test_fonts, 560, "all")
    line = next(line for line in page["lines"] if line["side"] == "zh" and not line["last_in_paragraph"])
    cell = next(cell for cell in line["cells"] if cell["pinyin"])
    cell["pinyin"]["x"] += 3
    line["x1"] -= 5
    line["cells"][0]["text"] = "，"
    assert len(problems(page)) == 3


def test_a_traditional_text_is_set_in_the_traditional_font(read, test_fonts) -> None:
    session = read(PAGE / "traditional.md")
    page = whole_page(session, test_fonts, 700, "all", script="traditional")
    assert problems(page) == []
    layout = ReaderLayout(session.document, 700, LayoutOptions(), fonts=test_fonts, script="traditional")
    assert layout.zh.han.font.families()[0] == "Studyapp Test CJK TC"


def test_punctuation_is_glued_and_no_line_starts_with_it(read, test_fonts) -> None:
    session = read(PAGE / "punctuation.md")
    starts = []
    for width in range(420, 900, 7):
        page = whole_page(session, test_fonts, width, "off")
        assert problems(page) == [], width
        starts += [line["cells"][0]["text"] for line in page["lines"] if line["side"] == "zh" and line["cells"]]
    assert not CLOSING & set(starts)


def test_layout_json_from_the_command_line(tmp_path: Path, language_home: Path) -> None:
    out = tmp_path / "page.json"
    env = dict(os.environ, STUDYAPP_HOME=str(language_home))
    done = subprocess.run([sys.executable, "-m", "studyapp", str(sample_path()), "--layout-json", str(out),
                           "--width", "1000", "--height", "700", "--pinyin", "all"], capture_output=True, text=True, timeout=180, env=env)
    assert done.returncode == 0, done.stderr
    page = json.loads(out.read_text(encoding="utf-8"))
    assert set(page) == {"lines", "measure"} and set(page["measure"]) == {"zh", "en"}
    line = next(line for line in page["lines"] if line["side"] == "zh" and line["cells"])
    assert set(line) == {"block", "side", "y", "x0", "x1", "last_in_paragraph", "cells"}
    cell = next(cell for cell in line["cells"] if cell["pinyin"])
    assert set(cell) == {"text", "x", "y", "w", "h", "pinyin"} and set(cell["pinyin"]) == {"text", "x", "y", "w", "h"}
    assert {line["side"] for line in page["lines"]} == {"en", "zh"}
    assert problems(page, justify_gap=False) == []


def test_layout_json_refuses_a_zero_width(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "studyapp", str(sample_path()), "--layout-json", str(tmp_path / "x.json"),
                           "--width", "0"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--width" in done.stderr and not (tmp_path / "x.json").exists()


@pytest.mark.parametrize("ruby", ["off", "all"])
@pytest.mark.parametrize("width", [560, 1100])
def test_the_users_example_document_obeys_the_rules(read, test_fonts, seed_path: Path, width: int, ruby: str) -> None:
    page = whole_page(read(seed_path), test_fonts, width, ruby)
    assert len([line for line in page["lines"] if line["side"] == "zh"]) > 50
    assert problems(page) == []
