"""Subtitles: bilingual cues, two styles in one file, two files; each cue a pair with its time."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import (
    ASS_TWO_STYLES,
    SRT_BILINGUAL,
    SRT_CHINESE,
    SRT_ENGLISH,
    SUBTITLE_PAIRS,
    SUBTITLE_TIMES,
    TWO_FILE_SUBTITLE_PAIRS,
    VTT_BILINGUAL,
)

from studyapp.core.text.document import TimeSpan
from studyapp.core.text.importers import open_document, open_two_documents
from studyapp.core.text.importers.subtitle_formats import parse_srt


@pytest.mark.parametrize(("name", "text"), [("film.srt", SRT_BILINGUAL), ("film.vtt", VTT_BILINGUAL), ("film.en-zh.ass", ASS_TWO_STYLES)])
def test_each_cue_is_a_pair_with_its_time(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    document = open_document(path)
    assert [list(pair) for pair in document.pairs()] == SUBTITLE_PAIRS
    assert [(b.time.start_ms, b.time.end_ms) for b in document.blocks] == SUBTITLE_TIMES
    assert document.title == "film"


def test_two_files_cut_differently_are_paired_by_time(tmp_path: Path) -> None:
    (tmp_path / "film.en.srt").write_text(SRT_ENGLISH, encoding="utf-8")
    (tmp_path / "film.zh.srt").write_text(SRT_CHINESE, encoding="utf-8")
    document = open_two_documents(tmp_path / "film.en.srt", tmp_path / "film.zh.srt")
    assert [list(pair) for pair in document.pairs()] == TWO_FILE_SUBTITLE_PAIRS
    assert [str(b.time) for b in document.blocks] == ["00:00:01.000", "00:00:03.500", "00:01:02.250"]


def test_files_timed_for_different_releases_fall_back_to_the_text(tmp_path: Path) -> None:
    shifted = SRT_CHINESE.replace("00:00:0", "00:00:4").replace("00:01:02", "00:01:42").replace("00:01:04", "00:01:44")
    (tmp_path / "en.srt").write_text(SRT_ENGLISH, encoding="utf-8")
    (tmp_path / "zh.srt").write_text(shifted, encoding="utf-8")
    document = open_two_documents(tmp_path / "en.srt", tmp_path / "zh.srt")
    assert [list(pair) for pair in document.pairs()] == TWO_FILE_SUBTITLE_PAIRS


def test_time_codes_are_shown_to_the_millisecond() -> None:
    assert str(TimeSpan(3_723_004, 3_725_000)) == "01:02:03.004"


def test_a_blank_line_inside_a_cue_does_not_end_the_file() -> None:
    cues = parse_srt("1\n00:00:01,000 --> 00:00:02,000\nHello,\n\nworld.\n\n2\n00:00:03,000 --> 00:00:04,000\n你好。\n")
    assert [c.lines for c in cues] == [("Hello,", "world."), ("你好。",)]


def test_srt_without_numbers_and_with_dots() -> None:
    cues = parse_srt("00:00:01.5 --> 00:00:02.25\nHi.\n")
    assert [(c.start_ms, c.end_ms) for c in cues] == [(1500, 2250)]
