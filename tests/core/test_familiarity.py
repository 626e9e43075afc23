"""Familiarity levels 1-5 and ignored: every earlier schema migrated with its
statuses mapped, status filters (lists, exports) keeping their meaning, and
the log of level changes."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC
from pathlib import Path

import pytest

from studyapp.core.study.database import latest_version
from studyapp.core.study.export.job import ExportRequest, select_words
from studyapp.core.study.review.store import ReviewStore
from studyapp.core.study.vocabulary import Context, VocabularyStore, WordData
from studyapp.core.study.word_filter import WordFilter

DATA = Path(__file__).parents[1] / "data" / "vocab"
EARLIER = sorted(DATA.glob("schema-*.sqlite3"))


def test_every_earlier_schema_has_a_checked_in_database() -> None:
    assert [int(p.stem.split("-")[1]) for p in EARLIER] == list(range(1, latest_version()))


@pytest.mark.parametrize("original", EARLIER, ids=lambda p: p.stem)
def test_earlier_schema_migrates_with_statuses_as_levels(original: Path, tmp_path: Path) -> None:
    with sqlite3.connect(original) as db:
        before = {(w, s) for w, s in db.execute("SELECT simplified, status FROM word")}
        created = dict(db.execute("SELECT id, created FROM word"))
        contexts = db.execute("SELECT * FROM context ORDER BY id").fetchall()
    copy = tmp_path / original.name
    shutil.copy(original, copy)
    store = VocabularyStore.open(copy, clock=lambda: 1_900_000_000)
    assert store.connection.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    levels = {"new": 1, "learning": 3, "known": 5}
    assert {(r.simplified, r.status, r.familiarity) for r in store.words()} == {(w, s, levels[s]) for w, s in before}
    log = store.connection.execute("SELECT word_id, at, familiarity FROM familiarity_log ORDER BY word_id").fetchall()
    assert [(w, at) for w, at, _ in log] == sorted(created.items())
    reviews = ReviewStore(store, lambda: 1_900_000_000, UTC)
    learning = {w for w, s in before if s != "known"}
    assert {e.word for e in reviews.queue().new} == learning  # cards made for the words still being learnt
    with sqlite3.connect(copy) as db:
        after = [row[: len(contexts[0])] for row in db.execute("SELECT * FROM context ORDER BY id")]
        assert after == contexts  # every sentence kept as it was (later schemas add columns)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.fixture
def store(tmp_path: Path) -> VocabularyStore:
    clock = iter(range(1_800_000_000, 1_900_000_000, 10))
    return VocabularyStore.open(tmp_path / "v.sqlite3", clock=lambda: next(clock))


def test_setting_a_status_keeps_a_level_that_has_it(store: VocabularyStore) -> None:
    word = store.save(WordData("银行", "銀行", "yin2 hang2", ["bank"])).id
    assert store.get(word).familiarity == 1
    store.set_familiarity([word], 4)
    store.set_status([word], "learning")
    assert store.get(word).familiarity == 4
    assert store.update(word, status="known").familiarity == 5
    assert store.update(word, status="learning").familiarity == 3
    store.set_status([word], "ignored")
    assert (store.get(word).familiarity, store.get(word).status) == (0, "ignored")
    with pytest.raises(ValueError):
        store.set_familiarity([word], 6)


def test_status_filters_and_exports_understand_levels(store: VocabularyStore, tmp_path: Path) -> None:
    ids = {}
    for n, word in enumerate(("一", "二", "三", "四", "五", "六")):
        ids[word] = store.save(WordData(word, word, "yi1", ["x"]), Context(f"{word}。")).id
        store.set_familiarity([ids[word]], n)
    by_status = {s: [r.simplified for r in store.words(status=s)] for s in ("ignored", "new", "learning", "known")}
    assert by_status == {"ignored": ["一"], "new": ["二"], "learning": ["三", "四", "五"], "known": ["六"]}
    chosen = select_words(store, ExportRequest("csv", tmp_path / "x.csv", words=WordFilter(status="learning")))
    assert [r.simplified for r in chosen] == ["三", "四", "五"]
    assert store.forms(status="known") == {"六"}


def test_each_level_change_is_logged_with_its_time(store: VocabularyStore) -> None:
    word = store.save(WordData("银行", "銀行", "yin2 hang2", ["bank"]))
    store.set_familiarity([word.id], 2)
    store.set_familiarity([word.id], 2)  # no change, no row
    store.update(word.id, note="a note")  # not a level change
    store.set_status([word.id], "known")
    rows = store.connection.execute("SELECT at, familiarity FROM familiarity_log WHERE word_id = ? ORDER BY id", (word.id,)).fetchall()
    assert [level for _, level in rows] == [1, 2, 5]
    assert [at for at, _ in rows] == sorted(at for at, _ in rows) and rows[0][0] == word.created
    restored = store.restore(store.remove(word.id))
    assert (restored.familiarity, restored.status) == (5, "known")


def test_marking_many_words_is_one_change_and_one_undo(store: VocabularyStore) -> None:
    learning = store.save(WordData("银行", "銀行", "yin2 hang2", ["bank"]))
    store.set_familiarity([learning.id], 3)
    ignored = store.save(WordData("卢特", "盧特", "lu2 te4", ["Lutnick"], status="ignored"))
    items = [(WordData(w, w, p, [w]), Context(f"{w}了。")) for w, p in (("好", "hao3"), ("走", "zou3"))]
    items += [(WordData("银行", "銀行", "yin2 hang2", ["bank"]), None), (WordData("卢特", "盧特", "lu2 te4", ["x"]), None)]
    change = store.set_levels(items, 5)
    assert {(r.simplified, r.familiarity) for r in store.words()} == {("银行", 5), ("卢特", 5), ("好", 5), ("走", 5)}
    assert [c.sentence for c in store.find("好")[0].contexts] == ["好了。"]
    assert len(change.created) == 2 and dict(change.previous) == {learning.id: 3, ignored.id: 0}
    store.undo_levels(change)
    assert {(r.simplified, r.familiarity) for r in store.words()} == {("银行", 3), ("卢特", 0)}
    with pytest.raises(ValueError):
        store.set_levels(items, 9)
