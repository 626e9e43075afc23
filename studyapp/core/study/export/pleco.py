"""Pleco flashcard text: ``//Category`` lines, then ``headword<TAB>pinyin<TAB>definition``.

The headword is written ``简[繁]`` when the forms differ; pinyin with tone
numbers; a definition's line breaks use Pleco's private-use character
U+EAB1, which puts the example sentence and its translation on lines of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from studyapp.core.study.export import Card, write_atomically

PLECO_NEWLINE = "\ueab1"


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def render(cards: Sequence[Card], deck: str) -> str:
    lines = ["//" + "/".join(part.strip() for part in deck.split("::") if part.strip())]
    for card in cards:
        r = card.record
        headword = r.simplified if r.traditional == r.simplified else f"{r.simplified}[{r.traditional}]"
        pinyin = "".join(s.replace("ü", "u:") for s in r.pinyin.split())
        definition = _clean("; ".join(r.definitions))
        context = next((c for c in reversed(r.contexts) if c.sentence), None)
        if context is not None:
            definition += PLECO_NEWLINE + _clean(context.sentence) + (PLECO_NEWLINE + _clean(context.translation) if context.translation else "")
        if r.note:
            definition += PLECO_NEWLINE + _clean(r.note)
        lines.append(f"{_clean(headword)}\t{pinyin}\t{definition}")
    return "\n".join(lines) + "\n"


def write_pleco(cards: Sequence[Card], path: Path, deck: str) -> Path:
    text = render(cards, deck)
    return write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
