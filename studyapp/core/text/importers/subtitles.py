"""Subtitles (``.srt``, ``.vtt``, ``.ass``, ``.ssa``) -> Document: each cue a pair, with its time.

Bilingual subtitles come as one file whose cues hold a line in each
language, one file whose languages are separate cues at the same times (two
styles in an ``.ass``), or an English file and a Chinese file. All are paired
alike, by time rather than by text: each cue's lines are cut into an English
and a Chinese *piece*; an English and a Chinese piece belong together when
they are on screen together for at least half of the shorter one. Linked
pieces form a group (an English cue shown over two Chinese cues is one
pair), and each group becomes a block carrying the time span it covers.
When the two languages hardly overlap in time (files timed for different
releases), the pieces are aligned by their text with the paragraph aligner.

Example: a cue ``00:00:01,000 --> 00:00:02,500`` reading ``Hi.`` / ``你好。``
becomes the block ``('Hi.', '你好。')`` with ``time == TimeSpan(1000, 2500)``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from studyapp.core.text.align import Item, Lexical, align
from studyapp.core.text.char_classes import join_lines
from studyapp.core.text.document import Block, Document, Side, TimeSpan
from studyapp.core.text.importers.bilingual_text import Unit, require_bilingual
from studyapp.core.text.importers.structured import language_runs
from studyapp.core.text.importers.subtitle_formats import Cue, parse_subtitles
from studyapp.core.text.importers.textfile import read_text

#: Below this share of pieces paired by time, the text decides instead.
MIN_TIMED_SHARE = 0.5
_LANG = r"(?:en|eng|zh|zho|chi|chs|cht|cn|sc|tc|hans|hant|tw|hk|bilingual)"
_LANGUAGE_TAG_RE = re.compile(rf"^{_LANG}(?:[-_&+]{_LANG})*$", re.I)


@dataclass(frozen=True, slots=True)
class Piece:
    """One language's lines of a cue."""

    lang: str
    text: str
    start_ms: int
    end_ms: int
    order: int


def read_cues(path: str | Path) -> list[Cue]:
    decoded = read_text(path)
    return parse_subtitles(decoded.text, Path(path).suffix.lower(), str(path))


def pieces_of(cues: list[Cue], lang: str | None = None) -> list[Piece]:
    """The cues' lines as pieces, cut by language (or all of ``lang``, for a monolingual file)."""
    pieces: list[Piece] = []
    for cue in cues:
        runs = [(lang, join_lines(list(cue.lines)))] if lang else language_runs(cue.lines)
        pieces.extend(Piece(run_lang, text, cue.start_ms, cue.end_ms, len(pieces)) for run_lang, text in runs if run_lang and text)
    return pieces


def open_file(path: str | Path, lexical: Lexical | None = None) -> Document:
    """A bilingual subtitle file, each cue (or group of cues on screen together) a pair."""
    return _document(pieces_of(read_cues(path)), path, str(path), lexical)


def open_two(english_path: str | Path, chinese_path: str | Path, lexical: Lexical | None = None) -> Document:
    """An English and a Chinese subtitle file of the same film, paired by time."""
    pieces = pieces_of(read_cues(english_path), "en")
    pieces += [Piece("zh", p.text, p.start_ms, p.end_ms, len(pieces) + p.order) for p in pieces_of(read_cues(chinese_path), "zh")]
    return _document(pieces, chinese_path, f"{english_path} and {chinese_path}", lexical)


def open_preview(path: str | Path, chars: int) -> Document | None:
    """Subtitle files are small enough to open whole."""
    return None


def file_units(path: str | Path) -> list[Unit]:
    """Each cue's text as a unit, for aligning subtitles with a text in another file."""
    units: list[Unit] = []
    for number, cue in enumerate(read_cues(path)):
        text = join_lines(list(cue.lines))
        if text:
            start = units[-1].end + 2 if units else 0
            units.append(Unit("", "paragraph", text, start, start + len(text), number))
    return units


def _document(pieces: list[Piece], path: str | Path, where: str, lexical: Lexical | None) -> Document:
    english = [p for p in pieces if p.lang == "en"]
    chinese = [p for p in pieces if p.lang == "zh"]
    require_bilingual({p.lang for p in pieces}, where)
    groups = group_by_time(english, chinese)
    paired = sum(len(e) + len(z) for e, z in groups if e and z)
    if paired < MIN_TIMED_SHARE * len(pieces):
        groups = _group_by_text(english, chinese, lexical)
    blocks: list[Block] = []
    offset = 0
    for group in groups:
        blocks.append(_block(*group, offset))
        offset = max(side.end for side in (blocks[-1].english, blocks[-1].chinese) if side) + 2
    return Document(_title(path), tuple(blocks), path=str(path))


def group_by_time(english: list[Piece], chinese: list[Piece]) -> list[tuple[list[Piece], list[Piece]]]:
    """Groups of pieces on screen together, in time order; unpaired pieces stand alone."""
    parent = list(range(len(english) + len(chinese)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    by_start = sorted(range(len(chinese)), key=lambda j: chinese[j].start_ms)
    starts = [chinese[j].start_ms for j in by_start]
    longest = max((z.end_ms - z.start_ms for z in chinese), default=0)
    for i, e in enumerate(english):
        for j in by_start[bisect_left(starts, e.start_ms - longest) : bisect_left(starts, max(e.end_ms, e.start_ms + 1))]:
            if _together(e, chinese[j]):
                parent[find(i)] = find(len(english) + j)
    members: dict[int, list[int]] = {}
    for k in range(len(parent)):
        members.setdefault(find(k), []).append(k)
    groups = [
        ([english[k] for k in ks if k < len(english)], [chinese[k - len(english)] for k in ks if k >= len(english)])
        for ks in members.values()
    ]
    return sorted(groups, key=lambda g: min((p.start_ms, p.order) for p in g[0] + g[1]))


def _together(a: Piece, b: Piece) -> bool:
    """On screen together for at least half of the shorter piece (or at the very same times)."""
    if (a.start_ms, a.end_ms) == (b.start_ms, b.end_ms):
        return True
    overlap = min(a.end_ms, b.end_ms) - max(a.start_ms, b.start_ms)
    return overlap > 0 and overlap >= 0.5 * min(a.end_ms - a.start_ms, b.end_ms - b.start_ms)


def _group_by_text(english: list[Piece], chinese: list[Piece], lexical: Lexical | None) -> list[tuple[list[Piece], list[Piece]]]:
    beads = align([Item(p.text, "en") for p in english], [Item(p.text, "zh") for p in chinese], lexical=lexical)
    return [([english[i] for i in es], [chinese[j] for j in zs]) for es, zs in beads]


def _block(english: list[Piece], chinese: list[Piece], offset: int) -> Block:
    """A group as a block; side offsets count characters of the cues' text laid end to end."""
    pieces = english + chinese
    span = TimeSpan(min(p.start_ms for p in pieces), max(p.end_ms for p in pieces))
    en = _text(english)
    zh = _text(chinese)
    english_side = Side(en, "en", offset, offset + len(en)) if english else None
    zh_start = offset + len(en) + 1 if english else offset
    chinese_side = Side(zh, "zh", zh_start, zh_start + len(zh)) if chinese else None
    return Block("paragraph", english_side, chinese_side, time=span)


def _text(pieces: list[Piece]) -> str:
    return join_lines([p.text for p in sorted(pieces, key=lambda p: (p.start_ms, p.order))])


def _title(path: str | Path) -> str:
    """``Film.en-zh.srt`` -> ``Film``: a language tag after the name goes."""
    stem = Path(path).stem
    head, _, tail = stem.rpartition(".")
    return head if head and _LANGUAGE_TAG_RE.match(tail) else stem
