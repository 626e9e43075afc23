"""The order of a headword's entries: common reading first, names and
cross-references last.

CC-CEDICT sorts a headword's entries by pinyin (行 háng before xíng). For
a single character the readings are ranked by pypinyin's frequency-ordered
reading list; for a longer word the reading with more senses comes first
(不是 bù shì "is not" before bú shi "fault", 东西 dōng xi "thing" before
dōng xī "east and west").
Proper nouns (surnames, places) and entries that only point elsewhere
("variant of ...") go last. Example: 行 -> xing2, hang2; 长 -> chang2, zhang3.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from studyapp.core.language.cedict import Entry
from studyapp.core.language.pinyin_spelling import normalise_numbered, numbered_from_marks

#: Where pypinyin's first reading is not the one a learner meets first.
_COMMON_FIRST = {"长": "chang2"}


def _preferred_readings(headword: str) -> list[str]:
    from pypinyin import pinyin_dict

    if headword in _COMMON_FIRST:
        return [_COMMON_FIRST[headword]]
    if len(headword) == 1:
        listed = pinyin_dict.pinyin_dict.get(ord(headword))
        return [numbered_from_marks(p) for p in listed.split(",")] if listed else []
    return []


def rank_entries(entries: Sequence[Entry]) -> list[int]:
    """A rank per entry (lower first) within its simplified headword."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        groups[entry.simplified].append(index)
    ranks = [0] * len(entries)
    for headword, members in groups.items():
        if len(members) == 1:
            continue
        preferred = _preferred_readings(headword)

        def key(index: int, headword: str = headword, preferred: list[str] = preferred) -> tuple:
            entry = entries[index]
            reading = normalise_numbered(entry.pinyin).lower()
            position = preferred.index(reading) if reading in preferred else len(preferred)
            senses = 0 if len(headword) == 1 else -len(entry.definitions)
            return (entry.reference_only, entry.is_proper_noun, position, senses, index)

        for rank, index in enumerate(sorted(members, key=key)):
            ranks[index] = rank
    return ranks
