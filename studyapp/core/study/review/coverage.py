"""Coverage of a document: the share of its running words the learner knows,
and how many more words (most frequent first) reach 95% and 98% -- the
thresholds graded-reader research uses for reading with help and reading
with ease.

Known means familiarity 5 or ignored. Example: a text of 10 running words,
6 of them known; learning 他 (3 times) reaches 90%, then 好 (1) 100%::

    >>> c = document_coverage("我 我 我 是 是 是 他 他 他 好".split(), {"我", "是"}.__contains__, (0.9, 0.95))
    >>> c.known, c.tokens, c.to_reach
    (6, 10, {0.9: 1, 0.95: 2})
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studyapp.core.study.vocabulary import VocabularyStore

TARGETS = (0.95, 0.98)


def known_forms(vocabulary: VocabularyStore) -> set[str]:
    """Forms (simplified and traditional) of the words that count as known: level 5 or ignored."""
    return vocabulary.forms(status="known") | vocabulary.forms(status="ignored")


@dataclass(frozen=True)
class Coverage:
    tokens: int  # running words (Chinese words only)
    known: int  # of them, known or ignored
    to_reach: dict[float, int] = field(default_factory=dict)  # target -> words to learn
    distinct_unknown: int = 0

    @property
    def share(self) -> float | None:
        return self.known / self.tokens if self.tokens else None


def document_coverage(words: Iterable[str], is_known: Callable[[str], bool], targets: tuple[float, ...] = TARGETS) -> Coverage:
    """Coverage of ``words`` (the document's Chinese words, in running order)."""
    counts = Counter(words)
    total = sum(counts.values())
    unknown = sorted((n for word, n in counts.items() if not is_known(word)), reverse=True)
    known = total - sum(unknown)
    to_reach = {}
    for target in targets:
        covered, learnt = known, 0
        while total and covered / total < target - 1e-12 and learnt < len(unknown):
            covered += unknown[learnt]
            learnt += 1
        to_reach[target] = learnt
    return Coverage(total, known, to_reach, len(unknown))
