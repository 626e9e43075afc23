"""What the lookup panel shows for a word, as plain data (no Qt).

CC-CEDICT's entries become what a good dictionary prints: one group per
reading (its pinyin, its traditional form), numbered senses with the part of
speech or usage the definitions imply ("to walk" is a verb, "(classifier
...)" a measure word, "(modal particle ...)" a particle, "(coll.)" a usage
label), measure words and cross-references as words to click with their
pinyin, never CC-CEDICT's ``個|个[ge4]`` notation. Consecutive verb senses
share one number (to walk; to go; to travel), other plain senses up to three.
Example::

    >>> runs_of("variant of 個|个[ge4]")
    [Run(text='variant of ', kind='text', target='', pinyin=()), Run(text='个', kind='word', target='个', pinyin=('gè',))]
    >>> labels_of("(modal particle intensifying preceding clause)")
    (('particle',), 'intensifying preceding clause')
    >>> labels_of("to walk"), labels_of("surname Chang")
    ((('verb',), 'to walk'), (('surname',), 'Chang'))
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from studyapp.core.language.definition_text import REFERENCE_RE as _REFERENCE_RE
from studyapp.core.language.definition_text import Run, runs_of

if TYPE_CHECKING:
    from studyapp.core.language.lookup import EntryView, LookupResult, Reference

_LEADING_PAREN_RE = re.compile(r"^\(([^()]*)\)\s*")
#: Parenthesised usage notes shown as labels, as written.
USAGE_LABELS = frozenset({
    "coll.", "colloquial", "literary", "lit.", "fig.", "dialect", "old", "archaic", "slang", "Tw", "honorific",
    "humble", "polite", "formal", "written", "oral", "derog.", "euphemism", "loanword", "idiom", "onom.",
    "abbr.", "bound form", "prefix", "suffix", "interj.", "interjection", "pronoun", "conjunction",
    "Internet slang", "old usage", "adjective", "adverb", "noun", "verb", "preposition", "numeral", "auxiliary verb", "math.", "medicine", "Buddhism", "Taoism", "physics", "chemistry",
    "biology", "music", "computing", "geology", "botany", "zoology", "linguistics", "sports", "military",
})
#: How some labels are spelt out.
LABEL_NAMES = {
    "Tw": "Taiwan", "coll.": "colloquial", "lit.": "literally", "fig.": "figuratively", "onom.": "onomatopoeia",
    "abbr.": "abbreviation", "derog.": "derogatory", "interj.": "interjection", "math.": "mathematics",
}
MAX_PLAIN_TOGETHER = 3


@dataclass(frozen=True)
class Sense:
    number: int
    labels: tuple[str, ...]
    runs: tuple[Run, ...]
    gloss: str = ""  # what the word it refers to means


@dataclass(frozen=True)
class ReadingGroup:
    """One reading of the word: its pinyin, traditional form (if it differs), labels and senses."""

    pinyin: tuple[str, ...]
    traditional: str
    labels: tuple[str, ...]
    senses: tuple[Sense, ...]
    measure_words: tuple[Run, ...] = ()


def labels_of(definition: str) -> tuple[tuple[str, ...], str]:
    """The part of speech or usage a definition implies, and the definition without it."""
    match = _LEADING_PAREN_RE.match(definition)
    if match:
        inside, rest = match.group(1).strip(), definition[match.end() :]
        lowered = inside.lower()
        if lowered.startswith("classifier"):
            return ("measure word",), _join(inside[len("classifier") :].strip(), rest)
        if "particle" in lowered:
            return ("particle",), _join(re.sub(r"^(?:\w+ )?particle\s*", "", inside), rest)
        if lowered.endswith("marker"):
            return ("particle",), _join(inside, rest)
        if inside in USAGE_LABELS:
            labels, text = labels_of(rest) if rest else ((), "")
            return (LABEL_NAMES.get(inside, inside), *labels), text
        return (), definition
    if definition.startswith("classifier for "):
        return ("measure word",), definition[len("classifier ") :]
    if definition.startswith("to ") and len(definition) > 3:
        return ("verb",), definition
    if definition.startswith("surname "):
        return ("surname",), definition[len("surname ") :]
    return (), definition


def _join(first: str, second: str) -> str:
    return "; ".join(part for part in (first.strip(), second.strip()) if part)


def senses_of(entry: EntryView) -> list[Sense]:
    """An entry's definitions as numbered senses (consecutive verbs share a number)."""
    senses: list[Sense] = []
    pending: list[tuple[tuple[str, ...], str]] = []
    for definition in entry.definitions:
        labels, text = labels_of(definition)
        if pending and _together(pending, labels, text):
            pending.append((labels, text))
            continue
        if pending:
            senses.append(_sense(len(senses) + 1, pending, entry.references))
        pending = [(labels, text)]
    if pending:
        senses.append(_sense(len(senses) + 1, pending, entry.references))
    return senses


def _together(pending: list[tuple[tuple[str, ...], str]], labels: tuple[str, ...], text: str) -> bool:
    """May this definition join the sense being gathered?"""
    first_labels, first_text = pending[0]
    if labels != first_labels or _REFERENCE_RE.search(text) or _REFERENCE_RE.search(first_text):
        return False
    if labels == ("verb",):
        return len(pending) < 4
    return not labels and len(pending) < MAX_PLAIN_TOGETHER


def _sense(number: int, parts: list[tuple[tuple[str, ...], str]], references: Iterable[Reference]) -> Sense:
    text = "; ".join(t for _, t in parts)
    runs = tuple(runs_of(text))
    targets = {run.target for run in runs if run.kind == "word"}
    meanings = [labels_of(d)[1] for r in references if r.simplified in targets or r.traditional in targets
                for d in r.definitions if not _REFERENCE_RE.search(d)]
    return Sense(number, parts[0][0], runs, "; ".join(dict.fromkeys(meanings[:3])))


def reading_groups(result: LookupResult) -> list[ReadingGroup]:
    """The result's entries as one group per reading and traditional form, best first."""
    order: list[tuple[str, str]] = []
    members: dict[tuple[str, str], list[EntryView]] = {}
    for entry in result.entries:
        key = (entry.pinyin, entry.traditional)
        if key not in members:
            order.append(key)
            members[key] = []
        members[key].append(entry)
    groups = []
    for key in order:
        entries = members[key]
        first = entries[0]
        senses = [s for e in entries for s in senses_of(e)]
        senses = [Sense(n, s.labels, s.runs, s.gloss) for n, s in enumerate(senses, 1)]
        labels = ("proper noun",) if any(e.proper_noun for e in entries) and not all(s.labels == ("surname",) for s in senses) else ()
        measure_words = tuple(run for e in entries for c in e.classifiers for run in runs_of(c) if run.kind == "word")
        traditional = first.traditional if first.traditional != first.simplified else ""
        groups.append(ReadingGroup(tuple(first.pinyin_marks.split()), traditional, labels, tuple(senses), measure_words))
    return groups
