"""Bilingual markdown / plain text -> Document.

The user's format: blocks separated by blank lines, usually an English
paragraph followed by its Chinese translation, ``#`` headings. Real files
also put an English line and its Chinese line in one block, translate one
paragraph as two, write ``English（中文）`` headings, or start with Chinese.

This module only cuts the text into monolingual *units* (a heading, a
paragraph or a list, in one language, with its source span); pairing them is
the aligner's job (:mod:`studyapp.core.text.align`). Example::

    >>> [(u.lang, u.kind, u.text) for u in parse_units("# 标题\\n\\nHi *there*.\\n你好。")]
    [('zh', 'heading', '标题'), ('en', 'paragraph', 'Hi there.'), ('zh', 'paragraph', '你好。')]
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from studyapp.core.errors import DocumentError
from studyapp.core.text.align import AlignedBead, Lexical, align_units
from studyapp.core.text.char_classes import join_lines, language_of
from studyapp.core.text.document import Block, Document, Side
from studyapp.core.text.language_evidence import clean_line, front_matter_length, language_of_line
from studyapp.core.text.markup import plain_text

_FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT_RE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE_RE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_BULLET_RE = re.compile(r"^\s*[-*+•]\s+")
_NUMBERED_RE = re.compile(r"^\s*\d{1,3}(?:[.)]\s+|、)")
_QUOTE_RE = re.compile(r"^\s{0,3}>\s?")
# The row under a table's header: | --- | :---: |
_TABLE_DELIMITER_RE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$|^\s*\|\s*:?-+:?\s*\|\s*$")
_TABLE_CELL_RE = re.compile(r"(?<!\\)\|")
# Lines that may be anything but a plain paragraph line.
_SPECIAL_START_RE = re.compile(r"\s{0,3}(#|`{3}|~{3}|[-*+•]\s|\d{1,3}(?:[.)]\s|、)|>|[-*_=]{3})")
# "Ingredients（配料）", "Ingredients (配料)", and the reverse "配料 (Ingredients)".
_PAREN_HEADING_RE = re.compile(r"^(?P<outer>[^（()）]+?)\s*[（(](?P<inner>[^（()）]+)[)）]\s*$")
_SENTENCE_END = tuple(".!?;:。！？；：…\"”’'」』)）")


@dataclass(frozen=True, slots=True)
class Unit:
    """A monolingual piece of the source: heading, paragraph, list or code."""

    lang: str  # "en", "zh", or "" for code
    kind: str  # "heading", "paragraph", "list", "table", "code"
    text: str
    start: int
    end: int
    block: int  # index of the blank-line-separated source block
    level: int = 0  # heading level; 0 for unmarked headings and non-headings
    #: A marked heading, or a short one-line paragraph without final punctuation.
    heading_like: bool = field(init=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind == "heading":
            like = True
        elif self.kind != "paragraph" or "\n" in self.text:
            like = False
        else:
            like = len(self.text) <= (30 if self.lang == "zh" else 90) and not self.text.endswith(_SENTENCE_END)
        object.__setattr__(self, "heading_like", like)


def document_from_text(
    text: str,
    *,
    path: str | None = None,
    encoding: str = "utf-8",
    name: str = "document",
    source_hash: str = "",
    lexical: Lexical | None = None,
) -> Document:
    """Parse and align ``text``; raise DocumentError if it is not bilingual."""
    units = parse_units(text)
    _, blocks = aligned_blocks(units, where=path or name, lexical=lexical)
    return Document(heading_title(blocks, name), blocks, path=path, source_hash=source_hash, encoding=encoding)


def require_bilingual(langs: Collection[str], where: str) -> None:
    """DocumentError unless ``langs`` holds both ``'zh'`` and ``'en'`` (Chinese is asked for first)."""
    if "zh" not in langs:
        raise DocumentError(f"No Chinese text found in {where}")
    if "en" not in langs:
        raise DocumentError(f"No English text found in {where}")


def aligned_blocks(units: list[Unit], *, where: str, lexical: Lexical | None = None) -> tuple[list[AlignedBead], tuple[Block, ...]]:
    """The aligner's beads over ``units`` and the blocks they make; DocumentError if the units are not bilingual."""
    require_bilingual({u.lang for u in units}, where)
    beads = align_units(units, lexical=lexical)
    return beads, tuple(block_from_bead(units, bead) for bead in beads)


def heading_title(blocks: Sequence[Block], default: str) -> str:
    """A document's title: the main side of its first heading, else ``default``."""
    return next((b.main_side.text for b in blocks if b.is_heading), default)


def block_from_bead(units: list[Unit], bead: AlignedBead) -> Block:
    members = [units[i] for i in bead.english + bead.chinese]
    if not members[0].lang:  # code, or text in neither language: kept as it is
        u = members[0]
        kind = "code" if u.kind == "code" else "paragraph"
        return Block(kind, Side(u.text, "", u.start, u.end), None)
    english = _side([units[i] for i in bead.english], "en")
    chinese = _side([units[i] for i in bead.chinese], "zh")
    if all(u.heading_like for u in members) and (len(members) > 1 or members[0].kind == "heading"):
        levels = [u.level for u in members if u.level]
        return Block("heading", english, chinese, level=min(levels) if levels else 0)
    kind = "list" if all(u.kind == "list" for u in members) else "paragraph"
    return Block(kind, english, chinese)


def _side(parts: list[Unit], lang: str) -> Side | None:
    if not parts:
        return None
    joiner = "\n" if all(p.kind in ("list", "table") for p in parts) else None
    text = joiner.join(p.text for p in parts) if joiner else join_lines([p.text for p in parts])
    return Side(text, lang, parts[0].start, parts[-1].end)


# --- cutting the source into units -------------------------------------------


def parse_units(text: str, lines_are_blocks: bool = False) -> list[Unit]:
    """Cut ``text`` (newlines already normalised) into monolingual units; with
    ``lines_are_blocks`` every line is a block of its own (a file with one
    sentence per line)."""
    units: list[Unit] = []
    for block_index, lines in enumerate(_raw_blocks(text, lines_are_blocks)):
        units.extend(_units_of_block(lines, block_index))
    return units


def has_blank_lines(text: str) -> bool:
    """True if blank lines separate blocks of the text."""
    return re.search(r"\S[ \t]*\n[ \t]*\n+[ \t]*\S", text) is not None


def _raw_blocks(text: str, lines_are_blocks: bool = False) -> list[list[tuple[int, str]]]:
    """Blank-line separated blocks as lists of ``(offset, line)``; a fenced
    code block is one block, blank lines and all, marked by its fence line.
    Front matter and lines of pure markup (comment markers, shortcodes) are
    dropped; the English kept in HTML comments is text like any other."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    fence: str | None = None
    offset = front_matter_length(text)
    for raw in text[offset:].split("\n"):
        line = raw if fence is not None else clean_line(raw)
        if line is None:
            offset += len(raw) + 1
            continue
        if fence is not None:
            current.append((offset, line))
            if line.strip().startswith(fence):
                blocks.append(current)
                current, fence = [], None
        elif match := _FENCE_RE.match(line):
            if current:
                blocks.append(current)
            current, fence = [(offset, line)], match.group(1)[0] * 3
        elif line.strip():
            current.append((offset, line))
            if lines_are_blocks:
                blocks.append(current)
                current = []
        elif current:
            blocks.append(current)
            current = []
        offset += len(raw) + 1
    if current:
        blocks.append(current)
    return blocks


def _units_of_block(lines: list[tuple[int, str]], block: int) -> list[Unit]:
    first_offset, first = lines[0]
    if len(lines) == 1 and not _SPECIAL_START_RE.match(first):  # the common case, kept fast
        text = plain_text(first).strip()
        unit = Unit(language_of_line(first), "paragraph", text, first_offset, first_offset + len(first), block)
        split = _split_paren_heading(text, unit.start, unit.end, 0, block) if unit.heading_like else None
        return split or ([unit] if text else [])
    if _FENCE_RE.match(first):
        body = lines[1:-1] if len(lines) > 1 and _FENCE_RE.match(lines[-1][1]) else lines[1:]
        code = "\n".join(line for _, line in body)
        end = lines[-1][0] + len(lines[-1][1])
        return [Unit("", "code", code, first_offset, end, block)] if code.strip() else []
    if len(lines) == 2 and _SETEXT_RE.match(lines[1][1]) and not _BULLET_RE.match(first):
        level = 1 if lines[1][1].strip().startswith("=") else 2
        return _heading_units(first_offset, lines[1][0] + len(lines[1][1]), first.strip(), level, block)
    if len(lines) == 1 and _RULE_RE.match(first):
        return []
    units: list[Unit] = []
    run: list[tuple[int, str]] = []
    for offset, line in lines:
        heading = _HEADING_RE.match(line)
        if heading:
            units.extend(_paragraph_units(run, block))
            run = []
            units.extend(_heading_units(offset, offset + len(line), heading.group(2), len(heading.group(1)), block))
        else:
            run.append((offset, _QUOTE_RE.sub("", line)))
    units.extend(_paragraph_units(run, block))
    if len(units) == 1 and units[0].kind == "paragraph" and units[0].heading_like:
        u = units[0]
        split = _split_paren_heading(u.text, u.start, u.end, 0, block)
        if split:
            return split
    return units


def _heading_units(offset: int, end: int, raw: str, level: int, block: int) -> list[Unit]:
    text = plain_text(raw).strip()
    if not text:
        return []
    split = _split_paren_heading(text, offset, end, level, block)
    return split or [Unit(language_of_line(raw) or "en", "heading", text, offset, end, block, level)]


def _split_paren_heading(text: str, start: int, end: int, level: int, block: int) -> list[Unit] | None:
    """``English（中文）`` -> an English and a Chinese heading unit, else None."""
    match = _PAREN_HEADING_RE.match(text)
    if not match:
        return None
    outer, inner = match.group("outer").strip(), match.group("inner").strip()
    langs = (language_of(outer), language_of(inner))
    if set(langs) != {"en", "zh"}:
        return None
    return [Unit(lang, "heading", part, start, end, block, level) for lang, part in zip(langs, (outer, inner))]


def _paragraph_units(run: list[tuple[int, str]], block: int) -> list[Unit]:
    """Group the lines of a run by language; list items stay one per line, and
    a table's rows stay with its header whatever their language (``| path | /var/log |``)."""
    units: list[Unit] = []
    group: list[tuple[int, str]] = []
    group_lang = ""
    table = False
    for k, (offset, line) in enumerate(run):
        if table and "|" in line and not _is_table_header(run, k):  # not the next table's header
            group.append((offset, line))
            continue
        lang = language_of_line(line)
        if group and lang and group_lang and lang != group_lang:
            units.append(_paragraph_unit(group, group_lang, block))
            group = []
        table = not group and _is_table_header(run, k)
        group.append((offset, line))
        group_lang = lang or group_lang
    if group:
        units.append(_paragraph_unit(group, group_lang, block))
    return [u for u in units if u.text]


def _paragraph_unit(group: list[tuple[int, str]], lang: str, block: int) -> Unit:
    start, end = group[0][0], group[-1][0] + len(group[-1][1])
    is_list = any(_BULLET_RE.match(line) or _NUMBERED_RE.match(line) for _, line in group) and (
        _BULLET_RE.match(group[0][1]) or _NUMBERED_RE.match(group[0][1])
    )
    if _is_table_header(group, 0):
        return Unit(lang, "table", _table_text([line for _, line in group]), start, end, block)
    if is_list:
        items: list[list[str]] = []
        for _, line in group:
            if _BULLET_RE.match(line) or _NUMBERED_RE.match(line) or not items:
                items.append([_BULLET_RE.sub("", line, count=1)])
            else:
                items[-1].append(line)
        text = "\n".join(plain_text(join_lines(item)).strip() for item in items)
        return Unit(lang, "list", text, start, end, block)
    text = plain_text(join_lines([line for _, line in group])).strip()
    return Unit(lang, "paragraph", text, start, end, block)


def _is_table_header(lines: list[tuple[int, str]], k: int) -> bool:
    """True if ``lines[k]`` heads a markdown table: cells, then a delimiter row."""
    return k + 1 < len(lines) and "|" in lines[k][1] and _TABLE_DELIMITER_RE.match(lines[k + 1][1]) is not None


def _table_text(lines: list[str]) -> str:
    """A markdown table's rows, one per line, cells between `` | ``; the
    delimiter row under the header is dropped.

    >>> _table_text(["| Field | Default |", "|---|---|", "| `keep` | 7 |"])
    'Field | Default\\nkeep | 7'
    """
    rows = []
    for line in lines:
        if _TABLE_DELIMITER_RE.match(line):
            continue
        cells = _TABLE_CELL_RE.split(line.strip().removeprefix("|").removesuffix("|"))
        rows.append(" | ".join(plain_text(cell.replace("\\|", "|")).strip() for cell in cells))
    return "\n".join(rows)
