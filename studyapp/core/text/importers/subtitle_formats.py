"""Subtitle files -> cues: SubRip (``.srt``), WebVTT (``.vtt``), Advanced SubStation (``.ass``, ``.ssa``).

A cue is a time span and the lines shown during it, as plain text (tags
such as ``<i>``, ``<v Name>``, ``{\\an8}`` and ruby annotations removed).
SRT and VTT are read here, strictly: a timing line that does not parse, a
block of text with no timing line, or a cue that ends before it starts is
reported with its line number, rather than being swallowed into the
previous cue as lenient readers do. ASS/SSA are read with pysubs2 (MIT),
comments and drawings skipped. Example::

    >>> [(c.start_ms, c.end_ms, c.lines) for c in parse_srt("1\\n00:00:01,000 --> 00:00:02,500\\n<i>Hi.</i>\\n你好。\\n")]
    [(1000, 2500, ('Hi.', '你好。'))]
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from studyapp.core.errors import DocumentError

_TIME = r"(?:(\d{1,3}):)?([0-5]?\d):([0-5]\d)[,.](\d{1,3})"
_SRT_TIMING_RE = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(?:\s.*)?$")
_RUBY_TEXT_RE = re.compile(r"<rt>.*?</rt>|<rp>.*?</rp>", re.S)
_TAG_RE = re.compile(r"<[^>\n]*>|\{\\[^}]*\}")
_VTT_BLOCK_KEYWORDS = ("NOTE", "STYLE", "REGION")


@dataclass(frozen=True, slots=True)
class Cue:
    """Lines on screen from ``start_ms`` to ``end_ms``."""

    start_ms: int
    end_ms: int
    lines: tuple[str, ...]


def parse_subtitles(text: str, suffix: str, name: str) -> list[Cue]:
    """The cues of a subtitle file's text; DocumentError for broken timing."""
    if suffix == ".srt":
        cues = parse_srt(text, name)
    elif suffix == ".vtt":
        cues = parse_vtt(text, name)
    else:
        cues = parse_ass(text, suffix, name)
    if not cues:
        raise DocumentError(f"{name} holds no subtitles")
    return cues


def parse_srt(text: str, name: str = "the file") -> list[Cue]:
    """SubRip: numbered blocks of a timing line and text lines, separated by blank lines."""
    cues: list[Cue] = []
    for number, lines in _blocks(text):
        if "-->" in lines[0]:
            timing = 0
        elif len(lines) > 1 and ("-->" in lines[1] or lines[0].strip().isdigit()):
            timing = 1
        elif cues and not lines[0].strip().isdigit():  # a blank line inside a cue's text: the text goes on
            last = cues[-1]
            cues[-1] = Cue(last.start_ms, last.end_ms, last.lines + clean_lines(lines))
            continue
        else:
            timing = 0  # reported as a missing time code
        cues.append(_cue(lines, timing, number, name))
    return cues


def parse_vtt(text: str, name: str = "the file") -> list[Cue]:
    """WebVTT: a ``WEBVTT`` header, then cues (an optional identifier line, timing, payload)."""
    blocks = _blocks(text)
    if not blocks or not blocks[0][1][0].lstrip("\ufeff").startswith("WEBVTT"):
        raise DocumentError(f"{name} is not a WebVTT file (it does not start with WEBVTT)")
    cues: list[Cue] = []
    for number, lines in blocks[1:]:
        if lines[0].split(" ")[0] in _VTT_BLOCK_KEYWORDS and "-->" not in lines[0]:
            continue
        timing = 0 if "-->" in lines[0] else 1
        cues.append(_cue(lines, timing, number, name))
    return cues


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Blank-line separated blocks as ``(number of the first line, lines)``."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _cue(lines: list[str], timing: int, first_line: int, name: str) -> Cue:
    line_number = first_line + timing
    match = _SRT_TIMING_RE.match(lines[timing]) if timing < len(lines) else None
    if match is None:
        shown = lines[min(timing, len(lines) - 1)].strip()[:60]
        raise DocumentError(f"{name}: line {line_number} should be a time code (like 00:01:02,500 --> 00:01:04,000), not {shown!r}")
    start, end = _millis(*match.groups()[:4]), _millis(*match.groups()[4:])
    if end < start:
        raise DocumentError(f"{name}: line {line_number}: the subtitle ends before it starts ({lines[timing].strip()})")
    return Cue(start, end, clean_lines(lines[timing + 1 :]))


def _millis(hours: str | None, minutes: str, seconds: str, fraction: str) -> int:
    """A time matched by ``_TIME``, in which only the hours are optional."""
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(fraction.ljust(3, "0"))


def clean_lines(lines: list[str]) -> tuple[str, ...]:
    """Text lines without markup: tags, ASS overrides, ruby annotations, entities."""
    text = _RUBY_TEXT_RE.sub("", "\n".join(lines))
    text = html.unescape(_TAG_RE.sub("", text))
    return tuple(" ".join(line.split()) for line in text.split("\n") if line.strip())


def parse_ass(text: str, suffix: str, name: str = "the file") -> list[Cue]:
    """Advanced SubStation Alpha / SubStation Alpha, through pysubs2."""
    import pysubs2

    try:
        subs = pysubs2.SSAFile.from_string(text, format_=suffix.lstrip("."))
    except (ValueError, pysubs2.exceptions.Pysubs2Error) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DocumentError(f"{name}: broken subtitle file ({detail})") from None
    cues = []
    for event in subs.events:
        if event.is_comment or event.is_drawing:
            continue
        if event.end < event.start:
            raise DocumentError(f"{name}: a subtitle at {event.start / 1000:.2f} s ends before it starts")
        cues.append(Cue(event.start, event.end, clean_lines(event.plaintext.split("\n"))))
    return cues
