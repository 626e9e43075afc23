"""The vocabulary store on real SQLite files: saving, contexts, edits, undo,
migrations, damage, concurrency, a killed process and a full disk."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from studyapp.core.study.database import DatabaseError, OpenedDatabase, _statements, connect, latest_version, migrate, migrations
from studyapp.core.study.vocabulary import Context, VocabularyStore, WordData
from studyapp.core.study.word_filter import normalise_pinyin_query

DATA = Path(__file__).parents[1] / "data" / "vocab"
BANK = WordData("银行", "銀行", "yin2 hang2", ["bank"], 3)


@pytest.fixture
def store(tmp_path: Path) -> VocabularyStore:
    clock = iter(range(1_800_000_000, 1_900_000_000, 10))
    return VocabularyStore.open(tmp_path / "v.sqlite3", clock=lambda: next(clock))


def test_saving_again_adds_a_context_not_a_word(store: VocabularyStore) -> None:
    store.save(BANK, Context("我去银行。", "I go to the bank.", "Errands", "/d/e.md", 3))
    record = store.save(BANK, Context("银行关门了。", "The bank is closed."))
    store.save(BANK, Context("银行关门了。", "The bank is closed."))  # the same sentence again
    assert store.count() == 1
    assert [c.sentence for c in record.contexts] == ["我去银行。", "银行关门了。"]
    assert record.contexts[0].translation == "I go to the bank." and record.contexts[0].position == 3
    assert len(store.get(record.id).contexts) == 2


def test_two_readings_are_two_words(store: VocabularyStore) -> None:
    store.save(WordData("长", "長", "chang2", ["long"]))
    store.save(WordData("长", "長", "zhang3", ["to grow"]))
    assert sorted(r.pinyin for r in store.find("长")) == ["chang2", "zhang3"]
    assert sorted(r.pinyin for r in store.find("長")) == ["chang2", "zhang3"]


def test_edit_remove_and_undo(store: VocabularyStore) -> None:
    record = store.save(BANK, Context("我去银行。", "I go to the bank."))
    edited = store.update(record.id, note="my note", tags=["money", "places"], status="learning")
    assert (edited.note, edited.tags, edited.status) == ("my note", ("money", "places"), "learning")
    assert edited.updated > record.updated
    removed = store.remove(record.id)
    assert store.count() == 0
    back = store.restore(removed)
    assert (back.uid, back.note, back.status, len(back.contexts)) == (record.uid, "my note", "learning", 1)


def test_filters(store: VocabularyStore) -> None:
    store.save(BANK, Context("我去银行。", document_path="/a.md"))
    known = store.save(WordData("觉得", "覺得", "jue2 de5", ["to think"], 1, status="known", tags=["verbs"]))
    assert [r.simplified for r in store.words(status="known")] == ["觉得"]
    assert [r.simplified for r in store.words(tag="verbs")] == ["觉得"]
    assert [r.simplified for r in store.words(hsk=3)] == ["银行"]
    assert [r.simplified for r in store.words(document="/a.md")] == ["银行"]
    store.mark_exported([known.id])
    assert [r.simplified for r in store.words(changed_since_export=True)] == ["银行"]
    assert store.forms(status="known") == {"觉得", "覺得"}


@pytest.mark.parametrize(("query", "normal"), [("zhōngguó", "zhong1guo2"), ("Zhong1 guo2", "zhong1guo2"), ("zhongguo", "zhongguo"), ("lǜ", "lü4")])
def test_pinyin_queries(query: str, normal: str) -> None:
    assert normalise_pinyin_query(query) == normal


def test_checked_in_schema_1_database_opens_with_its_words(tmp_path: Path) -> None:
    copy = tmp_path / "old.sqlite3"
    shutil.copy(DATA / "schema-0001.sqlite3", copy)
    store = VocabularyStore.open(copy)
    assert store._db.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    words = {r.simplified: r for r in store.words()}
    assert set(words) == {"银行", "长", "觉得"}
    assert words["长"].note == "as in 长大" and words["银行"].contexts[0].position == 4
    assert words["觉得"].status == "known"


def test_a_start_that_waits_out_another_ones_migration_step_makes_no_second_backup(tmp_path: Path) -> None:
    """One process is migrating a step when another starts and waits for the lock; that
    one finishes the migration without backing up the half-way file (the first backed up)."""
    path = tmp_path / "v.sqlite3"
    shutil.copy(DATA / "schema-0001.sqlite3", path)
    first = connect(path)
    first.execute("BEGIN IMMEDIATE")  # the first process, in its first step, not yet committed
    version, _, sql = migrations()[1]
    for statement in _statements(sql):
        first.execute(statement)
    first.execute(f"PRAGMA user_version = {version}")
    second = OpenedDatabase(connect(path), path)
    asked: list[str] = []
    second.connection.set_trace_callback(asked.append)
    started = threading.Thread(target=migrate, args=(second,))
    started.start()
    deadline = time.monotonic() + 30
    while "BEGIN IMMEDIATE" not in asked and time.monotonic() < deadline:  # it waits for the lock
        time.sleep(0.01)
    first.execute("COMMIT")  # the first step done (then the first process stops: the second one goes on)
    started.join(60)
    assert second.connection.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    assert second.backup is None and not list((tmp_path / "backups").glob("*.sqlite3"))


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    shutil.copy(DATA / "schema-0001.sqlite3", path)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="newer version of studyapp"):
        VocabularyStore.open(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("damage", ["random", "truncated"])
def test_damaged_database_is_moved_aside_and_replaced(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "v.sqlite3"
    shutil.copy(DATA / "schema-0001.sqlite3", path)
    if damage == "random":
        path.write_bytes(os.urandom(40_000))
    else:
        path.write_bytes(path.read_bytes()[:5000])
    damaged = path.read_bytes()
    store = VocabularyStore.open(path)
    assert store.recovered_from_damage is not None
    assert store.recovered_from_damage.read_bytes() == damaged  # moved, never deleted
    assert store.count() == 0
    store.save(BANK)
    assert store.count() == 1


def test_full_disk_fails_the_save_and_keeps_earlier_words(store: VocabularyStore) -> None:
    for n in range(20):
        store.save(WordData(f"词{n}", f"詞{n}", "ci2", ["word"]))
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full
    with pytest.raises(DatabaseError, match="disk is full"):
        for n in range(2000):
            store.save(WordData(f"新词{n}", "x", "xin1", ["a long definition " * 20]), Context("句子" * 50))
    store._db.execute("PRAGMA max_page_count = 1000000")
    assert store.count() >= 20 and all(store.find(f"词{n}") for n in range(20))


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from studyapp.core.study.vocabulary import VocabularyStore, WordData, Context
    store = VocabularyStore.open(Path(sys.argv[1]))
    prefix, count = sys.argv[2], int(sys.argv[3])
    for n in range(count):
        record = store.save(WordData(f"{prefix}{n}", f"{prefix}{n}", "zi4", ["w"]), Context(f"{prefix}{n}。"))
        print(record.simplified, flush=True)
    """
)


def test_two_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    VocabularyStore.open(path).close()
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), prefix, "500"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for prefix in ("甲", "乙")]
    for proc in procs:
        assert proc.wait(timeout=300) == 0, proc.stderr.read().decode()
    store = VocabularyStore.open(path)
    assert store.count() == 1000
    assert len({r.simplified for r in store.words()}) == 1000


def test_killed_mid_save_keeps_every_committed_word(tmp_path: Path) -> None:
    path = tmp_path / "killed.sqlite3"
    VocabularyStore.open(path).close()
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), "丙", "100000"], stdout=subprocess.PIPE, text=True)
    committed = []
    deadline = time.time() + 120
    while len(committed) < 150 and time.time() < deadline:
        committed.append(proc.stdout.readline().strip())
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = VocabularyStore.open(path)
    assert store.recovered_from_damage is None
    saved = {r.simplified for r in store.words()}
    assert set(committed) <= saved and len(committed) == 150


def test_rolling_backups_keep_the_last_five(tmp_path: Path) -> None:
    now = [1_800_000_000.0]
    store = VocabularyStore.open(tmp_path / "v.sqlite3", clock=lambda: now[0])
    assert store.rolling_backup() is None  # nothing saved yet
    store.save(BANK)
    made = []
    for _day in range(7):
        path = store.rolling_backup()
        assert path is not None
        made.append(path)
        assert store.rolling_backup() is None  # once a day
        now[0] += 24 * 3600 + 1
    assert store.backups("daily") == made[-5:]


def test_restore_replaces_and_keeps_the_replaced(tmp_path: Path) -> None:
    store = VocabularyStore.open(tmp_path / "v.sqlite3")
    store.save(BANK)
    copy = store.backup(tmp_path / "copy.sqlite3")
    store.save(WordData("长", "長", "chang2", ["long"]))
    kept = store.restore_from(copy).previous
    assert [r.simplified for r in store.words()] == ["银行"]
    assert {r[0] for r in sqlite3.connect(kept).execute("SELECT simplified FROM word")} == {"银行", "长"}
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_text("not a database")
    with pytest.raises(DatabaseError):
        store.restore_from(bogus)
    assert store.count() == 1


def test_schema_1_database_is_migrated_after_a_backup(tmp_path: Path) -> None:
    copy = tmp_path / "old.sqlite3"
    shutil.copy(DATA / "schema-0001.sqlite3", copy)
    store = VocabularyStore.open(copy)
    assert store._opened.backup is not None and store._opened.backup.is_file()
    with sqlite3.connect(store._opened.backup) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    record = store.save(BANK, Context("银行关门了。", sentence_pinyin="yin2 hang2 guan1 men2 le5"))
    assert record.contexts[-1].sentence_pinyin == "yin2 hang2 guan1 men2 le5"
    assert record.contexts[0].sentence_pinyin == ""  # the schema-1 context


def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch) -> None:
    import studyapp.core.study.database as database

    copy = tmp_path / "old.sqlite3"
    shutil.copy(DATA / "schema-0001.sqlite3", copy)
    real = database.migrations()
    monkeypatch.setattr(database, "migrations", lambda: real + [(99, "0099_broken.sql", "ALTER TABLE word ADD COLUMN x TEXT;\nTHIS IS NOT SQL;")])
    with pytest.raises(DatabaseError, match="0099_broken"):
        VocabularyStore.open(copy)
    with sqlite3.connect(copy) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == real[-1][0]  # every real migration, not the broken one
        assert "x" not in [row[1] for row in db.execute("PRAGMA table_info(word)")]


def test_a_database_in_use_is_not_taken_for_damage(tmp_path: Path) -> None:
    path = tmp_path / "v.sqlite3"
    store = VocabularyStore.open(path)
    store.save(BANK)
    store.close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE word SET note = note")
    try:
        with pytest.raises(DatabaseError, match="locked by another program"):
            VocabularyStore.open(path)
        assert not list(tmp_path.glob("*.damaged*"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert VocabularyStore.open(path).count() == 1


def test_backup_to_a_folder_is_refused_and_kept(store: VocabularyStore, tmp_path: Path) -> None:
    store.save(BANK)
    with pytest.raises(DatabaseError, match="is a folder"):
        store.backup(tmp_path)
    assert store.backups("manual")  # the copy in the backups folder stays


def test_undo_after_saving_the_word_again_merges_the_contexts(store: VocabularyStore) -> None:
    removed = store.remove(store.save(BANK, Context("我去银行。")).id)
    store.save(BANK, Context("银行关门了。"))
    back = store.restore(removed)
    assert store.count() == 1
    assert {c.sentence for c in back.contexts} == {"我去银行。", "银行关门了。"}


def test_restoring_a_file_that_is_not_a_vocabulary_leaves_it_unchanged(store: VocabularyStore, tmp_path: Path) -> None:
    store.save(BANK)
    bogus = tmp_path / "bogus.sqlite3"
    with sqlite3.connect(bogus) as db:
        db.execute("CREATE TABLE word(x)")
        db.execute("PRAGMA user_version = 1")
    with pytest.raises(DatabaseError, match="not a studyapp vocabulary backup"):
        store.restore_from(bogus)
    assert [r.simplified for r in store.words()] == ["银行"]
    assert VocabularyStore.open(store.path).count() == 1


def test_tags_are_matched_literally(store: VocabularyStore) -> None:
    store.save(WordData("一", "一", "yi1", ["one"], tags=["hsk_1"]))
    store.save(WordData("二", "二", "er4", ["two"], tags=["HSKx1"]))
    assert [r.simplified for r in store.words(tag="hsk_1")] == ["一"]
    assert store.words(tag="%") == []
    assert store.update(store.find("一")[0].id).simplified == "一"  # no fields: nothing to change


def test_checked_in_schema_2_database_opens_with_its_words(tmp_path: Path) -> None:
    copy = tmp_path / "v2.sqlite3"
    shutil.copy(DATA / "schema-0002.sqlite3", copy)
    store = VocabularyStore.open(copy)
    bank = store.find("银行")[0]
    assert bank.contexts[0].sentence_pinyin == "wo3 qu4 yin2 hang2 qu3 qian2"
    assert store.find("长")[0].status == "learning"


def test_schema_2_contexts_keep_their_paragraph_as_wider_context(tmp_path: Path) -> None:
    copy = tmp_path / "v2.sqlite3"
    shutil.copy(DATA / "schema-0002.sqlite3", copy)
    with sqlite3.connect(copy) as old:
        before = dict(old.execute("SELECT sentence, translation FROM context").fetchall())
    store = VocabularyStore.open(copy)
    contexts = [c for r in store.words() for c in r.contexts]
    assert contexts and all(c.paragraph == c.translation == before[c.sentence] for c in contexts)


@pytest.mark.parametrize("schema", [3, 4])
def test_earlier_contexts_keep_their_paragraph_as_the_translation_and_as_context(schema: int, tmp_path: Path) -> None:
    copy = tmp_path / "old.sqlite3"
    shutil.copy(DATA / f"schema-{schema:04d}.sqlite3", copy)
    with sqlite3.connect(copy) as old:
        before = dict(old.execute("SELECT sentence, translation FROM context").fetchall())
    store = VocabularyStore.open(copy)
    contexts = [c for r in store.words() for c in r.contexts]
    assert len(contexts) == len(before) and all(c.translation == c.paragraph == before[c.sentence] for c in contexts)


def test_a_context_keeps_its_sentence_translation_and_its_paragraph(store: VocabularyStore) -> None:
    record = store.save(BANK, Context("我去银行。", "I went to the bank.", paragraph="I went to the bank. It was closed."))
    assert (record.contexts[0].translation, record.contexts[0].paragraph) == ("I went to the bank.", "I went to the bank. It was closed.")
