"""Speech-corpus transcripts with a pinyin syllable for every character.

The data set is the prosody-labelled transcript of data-baker's Chinese
Standard Mandarin Speech Corpus (BZNSYP, 10,000 sentences of news,
entertainment reporting, dialogue and verse; free for non-commercial use
only, so it is not in the repository and nothing shipped is built from it).
Get ``ProsodyLabeling/000001-010000.txt`` from the corpus (copies of this one
file circulate in public GitHub repositories) and pass the file or the
corpus folder. Two lines per sentence::

    000029<TAB>遛弯儿#2都得#2躲远点#4。
    <TAB>liu4 wanr1 dou1 dei3 duo2 yuan2 dian3

The pinyin is phonetic: third-tone sandhi and 一/不 sandhi are applied, so
readings are compared on segmentals (syllables without tones). An erhua
syllable (``wanr1``) covers its character and the 儿 after it; the 儿 is then
not scored. Example::

    >>> parse_transcript("000029", "遛弯儿#2都得#2躲远点#4。", "liu4 wanr1 dou1 dei3 duo2 yuan2 dian3").syllables
    {0: 'liu4', 1: 'wan1', 3: 'dou1', 4: 'dei3', 5: 'duo2', 6: 'yuan2', 7: 'dian3'}

Split: every fifth sentence (numbers divisible by 5) is the held-out part,
run once at the end; the other four fifths are the dev part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from polyphone_data import normalise

LABEL_FILE = "000001-010000.txt"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PROSODY = re.compile(r"#\d")
_ERHUA = re.compile(r"^(?!er\d)(.+)r([1-5])$")  # wanr1, zher4; not er2


@dataclass(frozen=True)
class Transcript:
    number: str
    text: str
    syllables: dict[int, str]  # character position -> numbered syllable (as spoken)


def toneless(syllable: str) -> str:
    """The segmentals of a numbered syllable: ``lü4`` -> ``lü``."""
    return normalise(syllable).rstrip("012345")


def parse_transcript(number: str, marked: str, pinyin: str) -> Transcript | None:
    """One sentence; None if its syllables do not line up with its characters."""
    text = _PROSODY.sub("", marked).strip()
    syllables = pinyin.split()
    out: dict[int, str] = {}
    absorbed: set[int] = set()  # each 儿 spoken with the syllable before it
    k = 0
    for i, char in enumerate(text):
        if not _HAN.match(char) or i in absorbed:
            continue
        if k >= len(syllables):
            return None
        syllable = normalise(syllables[k])
        k += 1
        erhua = _ERHUA.match(syllable)
        if erhua and text[i + 1 : i + 2] == "儿":
            syllable = erhua.group(1) + erhua.group(2)
            absorbed.add(i + 1)
        out[i] = syllable
    return Transcript(number, text, out) if k == len(syllables) else None


def label_file(path: Path) -> Path:
    """The label file itself, or found inside a corpus folder."""
    if path.is_file():
        return path
    for candidate in (path / "ProsodyLabeling" / LABEL_FILE, path / LABEL_FILE):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{path}: no {LABEL_FILE} here or in ProsodyLabeling/")


def read_transcripts(path: Path) -> tuple[list[Transcript], int]:
    """All sentences that line up, and how many did not."""
    lines = label_file(path).read_text(encoding="utf-8-sig").splitlines()
    out: list[Transcript] = []
    skipped = 0
    for n, line in enumerate(lines[:-1]):
        head = re.match(r"^(\d{6})\t(.*)$", line)
        if head and lines[n + 1].startswith(("\t", " ")):
            found = parse_transcript(head.group(1), head.group(2), lines[n + 1])
            if found is None:
                skipped += 1
            else:
                out.append(found)
    return out, skipped


def is_heldout(transcript: Transcript) -> bool:
    """Every fifth sentence is held out (000005, 000010, ...)."""
    return int(transcript.number) % 5 == 0
