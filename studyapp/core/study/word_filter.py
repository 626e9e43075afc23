"""WordFilter: which saved words — one description, used by the store, the vocabulary table and export.

A filter names a status, a tag, an HSK level, a document, a time span in
which words were saved, "changed since their last export", chosen word ids
and a search text (hanzi, English, or pinyin with or without tones). The
store turns it into SQL (``sql``); the vocabulary table, which holds every
record already, tests it in memory (``select``, one list comprehension per
criterion over precomputed search keys, or ``matches`` for one record).
Both give the same answer (a test checks it on random words and filters).
Example::

    >>> WordFilter(status="known", tag="verbs").sql()
    ("status = ? AND instr(' ' || tags || ' ', ?) > 0", ['known', ' verbs '])
    >>> normalise_pinyin_query("zhōngguó"), normalise_pinyin_query("Zhong1 guo2")
    ('zhong1guo2', 'zhong1guo2')
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from studyapp.core.language.pinyin_spelling import numbered_from_marks

if TYPE_CHECKING:
    from studyapp.core.study.vocabulary import WordRecord

_MARKED_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_VOWELS = "aeiouü" + _MARKED_VOWELS
_SYLLABLE_RE = re.compile(rf"[^{_VOWELS}]*[{_VOWELS}]+(?:ng(?![{_VOWELS}])|n(?![{_VOWELS}])|r(?![{_VOWELS}]))?")


def normalise_pinyin_query(query: str) -> str:
    """A search query as the table compares it: ``zhōngguó`` -> ``zhong1guo2``,
    ``Zhong1 guo2`` -> ``zhong1guo2``, ``zhongguo`` unchanged."""
    text = query.strip().lower().replace("u:", "ü").replace(" ", "").replace("'", "")
    if any(ch in _MARKED_VOWELS for ch in text):
        return "".join(numbered_from_marks(s) for s in _SYLLABLE_RE.findall(text))
    return text


@dataclass(frozen=True)
class WordFilter:
    """Which saved words; every criterion left empty lets every word through."""

    status: str | None = None
    tag: str | None = None
    hsk: int | None = None
    document: str | None = None  # a path or title the word was saved from
    since: int | None = None  # saved at or after (UTC epoch seconds)
    until: int | None = None  # saved before
    changed_since_export: bool = False  # new, or changed since it was last exported
    word_ids: frozenset[int] | None = None  # e.g. the rows selected in the table
    search: str = ""  # hanzi, English, pinyin (zhongguo, zhong1guo2, zhōngguó)

    def sql(self) -> tuple[str, list]:
        """A WHERE condition (empty: every word) and its arguments, for every criterion but ``search``."""
        parts = [
            ("status = ?", [self.status]) if self.status else None,
            ("instr(' ' || tags || ' ', ?) > 0", [f" {self.tag} "]) if self.tag else None,  # not LIKE: '_' and '%' are tag characters
            ("hsk = ?", [self.hsk]) if self.hsk is not None else None,
            ("id IN (SELECT word_id FROM context WHERE document_path = ? OR document_title = ?)", [self.document, self.document])
            if self.document else None,
            ("created >= ?", [self.since]) if self.since is not None else None,
            ("created < ?", [self.until]) if self.until is not None else None,
            # the same second counts as changed: export again rather than miss a change
            ("(exported IS NULL OR updated >= exported)", []) if self.changed_since_export else None,
            ("id IN (SELECT value FROM json_each(?))", [json.dumps(sorted(self.word_ids))]) if self.word_ids is not None else None,
        ]
        chosen = [part for part in parts if part]
        return " AND ".join(clause for clause, _ in chosen), [arg for _, args in chosen for arg in args]

    def select(self, records: Sequence[WordRecord], keys: Sequence[str] | None = None) -> list[int]:
        """Indices of the records that pass; ``keys[i]`` is ``records[i].search_key()`` (computed once, kept by the caller)."""
        shown: Sequence[int] = range(len(records))
        if self.search.strip():
            keys = keys if keys is not None else [r.search_key() for r in records]
            text, pinyin = self.search_terms()
            if pinyin == text:
                shown = [i for i in shown if text in keys[i]]
            else:
                shown = [i for i in shown if text in keys[i] or pinyin in keys[i]]
        for test in self._record_tests():
            shown = [i for i in shown if test(records[i])]
        return list(shown)

    def matches(self, record: WordRecord) -> bool:
        """True if ``record`` passes the filter."""
        return bool(self.select([record]))

    def search_terms(self) -> tuple[str, str]:
        """The search text as searched: lower case, and as numbered pinyin where it is pinyin."""
        return self.search.strip().lower(), normalise_pinyin_query(self.search) or self.search.strip().lower()

    def _record_tests(self) -> list[Callable[[WordRecord], bool]]:
        f, ids = self, self.word_ids or frozenset()
        since, until = self.since or 0, self.until or 0  # used only when set
        tests: list[Callable[[WordRecord], bool] | None] = [
            (lambda r: r.status == f.status) if f.status else None,
            (lambda r: f.tag in r.tags) if f.tag else None,
            (lambda r: r.hsk == f.hsk) if f.hsk is not None else None,
            (lambda r: any(f.document in (c.document_path, c.document_title) for c in r.contexts)) if f.document else None,
            (lambda r: r.created >= since) if f.since is not None else None,
            (lambda r: r.created < until) if f.until is not None else None,
            (lambda r: r.exported is None or r.updated >= r.exported) if f.changed_since_export else None,
            (lambda r: r.id in ids) if f.word_ids is not None else None,
        ]
        return [test for test in tests if test]
