"""What a page's geometry (``page_geometry`` / ``--layout-json``) must satisfy, as
a list of the rules it breaks (empty when all hold)."""

from __future__ import annotations

from typing import Any

CLOSING = set("，。、；：？！）」』”’》〉】〕·")  # dashes and ellipses may begin a line
OPENING = set("（「『“‘《〈【〔")
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def is_han(text: str) -> bool:
    return len(text) == 1 and any(lo <= ord(text) <= hi for lo, hi in HAN_RANGES)


def problems(page: dict[str, Any], justify_gap: bool = True) -> list[str]:
    """Every broken rule: syllables off their characters or overlapping, justified lines
    short of the measure, closing marks starting lines, opening marks ending them, gaps
    before glued punctuation over 0.15 em, and (``justify_gap``) gaps between two
    characters of a line without pinyin over 0.3 em."""
    found: list[str] = []
    right = page["measure"]["zh"][1]
    for line in page["lines"]:
        if line["side"] != "zh" or not line["cells"]:
            continue
        cells = line["cells"]
        where = f"block {line['block']} line at y={line['y']}: " + "".join(c["text"] for c in cells)
        em = max(c["h"] for c in cells)
        found += _ruby_problems(cells, where)
        if not line["last_in_paragraph"] and abs(line["x1"] - right) > 1:
            found.append(f"{where}: ends at {line['x1']}, not at the measure's edge {right}")
        if cells[0]["text"][0] in CLOSING:
            found.append(f"{where}: starts with a closing mark")
        if cells[-1]["text"][-1] in OPENING:
            found.append(f"{where}: ends with an opening mark")
        for a, b in zip(cells, cells[1:]):
            gap = b["x"] - (a["x"] + a["w"])
            if is_han(a["text"]) and b["text"][0] in CLOSING and gap > 0.15 * em + 0.01:
                found.append(f"{where}: {gap:.1f} px between {a['text']} and {b['text']}")
            plain = a["pinyin"] is None and b["pinyin"] is None
            if justify_gap and plain and is_han(a["text"]) and is_han(b["text"]) and gap > 0.3 * em + 0.01:
                found.append(f"{where}: {gap:.1f} px between {a['text']} and {b['text']}")
    return found


def _ruby_problems(cells: list[dict[str, Any]], where: str) -> list[str]:
    found = []
    syllables = []
    for cell in cells:
        pinyin = cell["pinyin"]
        if pinyin is None:
            continue
        off = (pinyin["x"] + pinyin["w"] / 2) - (cell["x"] + cell["w"] / 2)
        if abs(off) > 1:
            found.append(f"{where}: {pinyin['text']} is {off:.1f} px off the centre of {cell['text']}")
        syllables.append(pinyin)
    for a, b in zip(syllables, syllables[1:]):
        if a["x"] + a["w"] > b["x"] + 0.01:
            found.append(f"{where}: {a['text']} overlaps {b['text']}")
    return found
