"""Shared set-up for the reproductions of failures found by attacking the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.core.study.vocabulary import DATABASE_NAME, Context, VocabularyStore, WordData

BANK = WordData("银行", "銀行", "yin2 hang2", ["bank"], 3, tags=["money"])
GROW = WordData("长", "長", "zhang3", ["to grow"], 2)


@pytest.fixture
def store(studyapp_home: Path) -> VocabularyStore:
    """The learner's vocabulary (where the CLI finds it): two words with sentences, on a clock that ticks 7 s a call."""
    ticks = iter(range(1_800_000_000, 1_900_000_000, 7))
    store = VocabularyStore.open(studyapp_home / "data" / DATABASE_NAME, clock=lambda: next(ticks))
    store.save(BANK, Context("我去银行取钱。", "I went to the bank.", "Errands", "/d/errands.md", 2))
    store.save(GROW, Context("他长大了。", "He has grown up."))
    yield store
    store.close()
