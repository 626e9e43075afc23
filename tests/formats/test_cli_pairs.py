"""``studyapp pairs FILE --json`` gives the expected pairs for every shape of book, page and subtitles."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from builders import (
    ASS_TWO_STYLES,
    INTERLEAVED_ARTICLE,
    INTERLEAVED_PAGE_PAIRS,
    INTERLEAVED_PAIRS,
    ONE_BLOCK_ARTICLE,
    ONE_BLOCK_PAGE_PAIRS,
    SRT_BILINGUAL,
    SRT_CHINESE,
    SRT_ENGLISH,
    SUBTITLE_PAIRS,
    TWO_BOOK_TEXT,
    TWO_FILE_SUBTITLE_PAIRS,
    VTT_BILINGUAL,
    interleaved_book,
    page,
    two_books,
)

from studyapp.cli import main


def _text(name: str, text: str) -> Callable[[Path], list[Path]]:
    def write(folder: Path) -> list[Path]:
        (folder / name).write_text(text, encoding="utf-8")
        return [folder / name]

    return write


def _two_subtitles(folder: Path) -> list[Path]:
    return _text("film.en.srt", SRT_ENGLISH)(folder) + _text("film.zh.srt", SRT_CHINESE)(folder)


SHAPES = {
    "EPUB 3, languages interleaved": (lambda f: [interleaved_book(f / "book.epub")], INTERLEAVED_PAIRS),
    "EPUB 2 with an NCX": (lambda f: [interleaved_book(f / "book.epub", version=2)], INTERLEAVED_PAIRS),
    "web page, languages interleaved": (lambda f: [page(f / "news.html", INTERLEAVED_ARTICLE)], INTERLEAVED_PAGE_PAIRS),
    "web page, both languages in each block": (lambda f: [page(f / "news.htm", ONE_BLOCK_ARTICLE)], ONE_BLOCK_PAGE_PAIRS),
    "SubRip, two lines per cue": (_text("film.srt", SRT_BILINGUAL), SUBTITLE_PAIRS),
    "WebVTT, two lines per cue": (_text("film.vtt", VTT_BILINGUAL), SUBTITLE_PAIRS),
    "ASS, one style per language": (_text("film.ass", ASS_TWO_STYLES), SUBTITLE_PAIRS),
    "two subtitle files": (_two_subtitles, TWO_FILE_SUBTITLE_PAIRS),
}


@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_pairs_json_for_each_shape(tmp_path: Path, capsys, shape: str) -> None:
    make, expected = SHAPES[shape]
    paths = [str(p) for p in make(tmp_path)]
    assert main(["pairs", *paths, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == expected


def test_pairs_of_an_english_book_and_a_chinese_book(language_home: Path, monkeypatch, tmp_path: Path, capsys) -> None:
    monkeypatch.setenv("STUDYAPP_HOME", str(language_home))
    english, chinese = two_books(tmp_path)
    assert main(["pairs", str(english), str(chinese), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [list(pair) for pair in TWO_BOOK_TEXT]


def test_pairs_listing_shows_subtitle_times(tmp_path: Path, capsys) -> None:
    (tmp_path / "film.srt").write_text(SRT_BILINGUAL, encoding="utf-8")
    assert main(["pairs", str(tmp_path / "film.srt")]) == 0
    out = capsys.readouterr().out
    assert "[1] paragraph  00:00:01.000 --> 00:00:03.200" in out and "[3] paragraph  00:01:02.250 --> 00:01:04.000" in out
