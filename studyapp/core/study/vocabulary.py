"""VocabularyStore: the learner's saved words, the only module that writes vocabulary SQL.

A word is identified by its simplified form and the reading the learner saved
(长 cháng and 长 zhǎng are two words). Saving it again from another sentence
adds a *context* (sentence, translation, document, position), never a second
word. Every public write is one transaction; times are UTC epoch seconds from
the injectable ``clock``. Example::

    >>> store = VocabularyStore.open(Path(tmp) / "v.sqlite3")          # doctest: +SKIP
    >>> w = store.save(WordData("银行", "銀行", "yin2 hang2", ["bank"]), Context("我去银行。", "I go to the bank."))
    >>> [c.translation for c in store.get(w.id).contexts]               # doctest: +SKIP
    ['I go to the bank.']
"""

from __future__ import annotations

import calendar
import json
import os
import re
import shutil
import sqlite3
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from studyapp.core import paths
from studyapp.core.study.database import DatabaseError, OpenedDatabase, backup_copy, open_database
from studyapp.core.study.familiarity import STATUSES, LevelChange, check_level, level_for_status
from studyapp.core.language.pinyin_spelling import normalise_numbered, numbered_from_marks, strip_tones

KEEP_DAILY = 5
DAY = 24 * 3600
DATABASE_NAME = "vocabulary.sqlite3"


@dataclass(frozen=True)
class Context:
    """Where a word was met: the Chinese sentence and its English counterpart."""

    sentence: str
    translation: str = ""
    document_title: str = ""
    document_path: str = ""
    position: int | None = None
    created: int = 0
    id: int = 0
    sentence_pinyin: str = ""  # numbered syllables of the sentence, if known
    time_code: str = ""  # when the subtitle cue was on screen ("00:01:23.450"), for subtitles


@dataclass(frozen=True)
class WordData:
    """What the learner saves: the word, the chosen reading and entry."""

    simplified: str
    traditional: str
    pinyin: str
    definitions: Sequence[str]
    hsk: int | None = None
    note: str = ""
    status: str = "new"
    tags: Sequence[str] = ()


@dataclass(frozen=True)
class WordRecord:
    id: int
    uid: str
    simplified: str
    traditional: str
    pinyin: str
    definitions: tuple[str, ...]
    note: str
    hsk: int | None
    status: str
    tags: tuple[str, ...]
    created: int
    updated: int
    exported: int | None
    contexts: tuple[Context, ...] = field(default=())
    familiarity: int = 1  # level 1-5, 0 ignored (status is derived from it)

    def search_key(self) -> str:
        """Lower-case text the table's search box matches against."""
        numbered = "".join(self.pinyin.lower().split())
        return "\n".join((self.simplified, self.traditional, numbered, strip_tones(self.pinyin), " ".join(self.definitions).lower(), self.note.lower(), " ".join(self.tags).lower()))


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


_BACKUP_NAME_RE = re.compile(r"-(\d{8}-\d{6})(?:-(\d+))?\.sqlite3$")


def _backup_order(path: Path) -> tuple[float, int]:
    """(UTC time, counter) from a backup's name: backups sort by when they were made."""
    match = _BACKUP_NAME_RE.search(path.name)
    if not match:
        return (path.stat().st_mtime, 0)
    return (float(calendar.timegm(time.strptime(match.group(1), "%Y%m%d-%H%M%S"))), int(match.group(2) or 0))


class VocabularyStore:
    """The vocabulary database (one SQLite file in the user data directory)."""

    def __init__(self, opened: OpenedDatabase, clock: Callable[[], float] = time.time) -> None:
        self._opened = opened
        self._db = opened.connection
        self._clock = clock

    @classmethod
    def open(cls, path: Path | None = None, clock: Callable[[], float] = time.time) -> "VocabularyStore":
        return cls(open_database(path or paths.data_dir() / DATABASE_NAME), clock)

    @property
    def path(self) -> Path:
        return self._opened.path

    @property
    def connection(self) -> sqlite3.Connection:
        """The open database, for the review store (cards and review log live in the same file)."""
        return self._db

    @property
    def recovered_from_damage(self) -> Path | None:
        """Where a damaged database was moved at opening, if it was."""
        return self._opened.recovered

    def close(self) -> None:
        self._db.close()

    # --- writing ------------------------------------------------------------------

    def _now(self) -> int:
        return int(self._clock())

    def _write(self, action: Callable[[sqlite3.Connection], object]):
        """Run ``action`` in one IMMEDIATE transaction; disk errors become DatabaseError."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            result = action(self._db)
            self._db.execute("COMMIT")
            return result
        except sqlite3.Error as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            message = str(exc)
            if "full" in message.lower():
                raise DatabaseError("The disk is full: the change was not saved. Words saved before are safe.") from None
            if isinstance(exc, sqlite3.IntegrityError):
                raise DatabaseError(f"That change conflicts with a saved word: {message}") from None
            raise DatabaseError(f"The vocabulary could not be saved: {message}") from None

    def transaction(self, action: Callable[[sqlite3.Connection], object]):
        """Run ``action(connection)`` as one write transaction (the review store's tables share this file).

        Any exception from ``action`` rolls the transaction back.
        """
        try:
            return self._write(action)
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def save(self, data: WordData, context: Context | None = None) -> WordRecord:
        """Save a word (or find it saved already) and add ``context`` to it."""
        if data.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}")
        pinyin = " ".join(normalise_numbered(s) for s in data.pinyin.split())
        now = self._now()

        def action(db: sqlite3.Connection) -> int:
            row = db.execute("SELECT id FROM word WHERE simplified = ? AND pinyin = ?", (data.simplified, pinyin)).fetchone()
            if row is None:
                word_id = self._insert_word(db, data, pinyin, level_for_status(data.status), now)
            else:
                word_id = row["id"]
                db.execute("UPDATE word SET updated = ? WHERE id = ?", (now, word_id))
            if context is not None and context.sentence:
                self._insert_context(db, word_id, context, now)
            return word_id

        return self.get(self._write(action))

    @staticmethod
    def _insert_word(db: sqlite3.Connection, data: WordData, pinyin: str, level: int, now: int) -> int:
        cursor = db.execute(
            "INSERT INTO word (uid, simplified, traditional, pinyin, definitions, note, hsk, familiarity, tags, created, updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (uuid.uuid4().hex, data.simplified, data.traditional, pinyin, json.dumps(list(data.definitions), ensure_ascii=False),
             data.note, data.hsk, level, " ".join(data.tags), now, now),
        )
        return cursor.lastrowid

    def set_levels(self, items: Sequence[tuple[WordData, Context | None]], level: int) -> LevelChange:
        """Give these words familiarity ``level``, saving those not saved yet with their sentence; one transaction.

        The LevelChange returned undoes exactly this (``undo_levels``).
        """
        check_level(level)
        now = self._now()

        def action(db: sqlite3.Connection) -> LevelChange:
            created, previous = [], {}
            for data, context in items:
                pinyin = " ".join(normalise_numbered(s) for s in data.pinyin.split())
                row = db.execute("SELECT id, familiarity FROM word WHERE simplified = ? AND pinyin = ?", (data.simplified, pinyin)).fetchone()
                if row is None:
                    created.append(self._insert_word(db, data, pinyin, level, now))
                    if context is not None and context.sentence:
                        self._insert_context(db, created[-1], context, now)
                elif row["familiarity"] != level and row["id"] not in previous:
                    previous[row["id"]] = row["familiarity"]
                    db.execute("UPDATE word SET familiarity = ?, updated = ? WHERE id = ?", (level, now, row["id"]))
            return LevelChange(tuple(created), tuple(previous.items()))

        return self._write(action)

    def undo_levels(self, change: LevelChange) -> None:
        """Take back a ``set_levels``: the words it saved are removed, the others get their levels back."""
        now = self._now()

        def action(db: sqlite3.Connection) -> None:
            db.executemany("DELETE FROM word WHERE id = ?", [(word_id,) for word_id in change.created])
            db.executemany("UPDATE word SET familiarity = ?, updated = ? WHERE id = ?", [(level, now, word_id) for word_id, level in change.previous])

        self._write(action)

    @staticmethod
    def _insert_context(db: sqlite3.Connection, word_id: int, context: Context, now: int) -> None:
        db.execute(
            "INSERT OR IGNORE INTO context (word_id, sentence, translation, document_title, document_path, position, created, sentence_pinyin, time_code) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (word_id, context.sentence, context.translation, context.document_title, context.document_path, context.position,
             context.created or now, context.sentence_pinyin, context.time_code),
        )

    def update(self, word_id: int, **fields) -> WordRecord:
        """Change note, status (or familiarity), tags, definitions or traditional of a word."""
        allowed = {"note", "status", "familiarity", "tags", "definitions", "traditional", "hsk"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"cannot update {sorted(unknown)}")
        if "status" in fields and fields["status"] not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}")
        if not fields:
            return self.get(word_id)
        values = dict(fields)
        if "tags" in values:
            values["tags"] = " ".join(values["tags"]) if not isinstance(values["tags"], str) else " ".join(values["tags"].split())
        if "definitions" in values:
            values["definitions"] = json.dumps(list(values["definitions"]), ensure_ascii=False)
        if "familiarity" in values:
            check_level(values["familiarity"])
        status = values.pop("status", None)
        columns = sorted(values)
        assignments = "".join(f"{c} = ?, " for c in columns)  # names from the allow-list above

        now = self._now()

        def action(db: sqlite3.Connection) -> None:
            db.execute(f"UPDATE word SET {assignments}updated = ? WHERE id = ?", (*[values[c] for c in columns], now, word_id))
            if status is not None and "familiarity" not in values:
                self._set_status(db, [word_id], status, now)

        self._write(action)
        return self.get(word_id)

    def set_status(self, word_ids: Iterable[int], status: str) -> None:
        """Set the status of words; a level that already has this status is kept."""
        ids = list(word_ids)
        now = self._now()
        self._write(lambda db: self._set_status(db, ids, status, now))

    def set_familiarity(self, word_ids: Iterable[int], level: int) -> None:
        """Set the familiarity level (1-5, 0 ignored) of words."""
        check_level(level)
        ids = list(word_ids)
        now = self._now()
        self._write(lambda db: db.executemany("UPDATE word SET familiarity = ?, updated = ? WHERE id = ? AND familiarity != ?", [(level, now, i, level) for i in ids]))

    @staticmethod
    def _set_status(db: sqlite3.Connection, ids: list[int], status: str, now: int) -> None:
        level = level_for_status(status)  # status is derived from familiarity
        db.executemany("UPDATE word SET familiarity = ?, updated = ? WHERE id = ? AND status != ?", [(level, now, i, status) for i in ids])

    def remove(self, word_id: int) -> WordRecord:
        """Delete a word and its contexts; returns the record for ``restore`` (undo)."""
        record = self.get(word_id)
        self._write(lambda db: db.execute("DELETE FROM word WHERE id = ?", (word_id,)))
        return record

    def restore(self, record: WordRecord) -> WordRecord:
        """Put back a removed word with its identity, fields and contexts.

        If the word was saved again meanwhile, the removed contexts join it.
        """

        def action(db: sqlite3.Connection) -> int:
            again = db.execute("SELECT id FROM word WHERE simplified = ? AND pinyin = ?", (record.simplified, record.pinyin)).fetchone()
            if again is not None:
                for context in record.contexts:
                    self._insert_context(db, again["id"], context, context.created)
                return again["id"]
            cursor = db.execute(
                "INSERT INTO word (uid, simplified, traditional, pinyin, definitions, note, hsk, familiarity, tags, created, updated, exported) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (record.uid, record.simplified, record.traditional, record.pinyin, json.dumps(list(record.definitions), ensure_ascii=False),
                 record.note, record.hsk, record.familiarity, " ".join(record.tags), record.created, self._now(), record.exported),
            )
            for context in record.contexts:
                self._insert_context(db, cursor.lastrowid, context, context.created)
            return cursor.lastrowid

        return self.get(self._write(action))

    def mark_exported(self, word_ids: Iterable[int], when: int | None = None) -> None:
        stamp = self._now() if when is None else when
        ids = list(word_ids)
        self._write(lambda db: db.executemany("UPDATE word SET exported = ? WHERE id = ?", [(stamp, i) for i in ids]))

    # --- reading --------------------------------------------------------------------

    def get(self, word_id: int) -> WordRecord:
        row = self._db.execute("SELECT * FROM word WHERE id = ?", (word_id,)).fetchone()
        if row is None:
            raise KeyError(word_id)
        return self._records([row])[0]

    def find(self, word: str) -> list[WordRecord]:
        """Saved words whose simplified or traditional form is ``word``."""
        rows = self._db.execute("SELECT * FROM word WHERE simplified = ? OR traditional = ? ORDER BY id", (word, word)).fetchall()
        return self._records(rows)

    def words(self, status: str | None = None, tag: str | None = None, hsk: int | None = None, document: str | None = None,
              since: int | None = None, until: int | None = None, not_exported_since: bool = False) -> list[WordRecord]:
        """Saved words, oldest first, filtered by the given criteria."""
        clauses, args = [], []
        if status:
            clauses.append("status = ?")
            args.append(status)
        if tag:
            clauses.append("instr(' ' || tags || ' ', ?) > 0")  # not LIKE: '_' and '%' are tag characters
            args.append(f" {tag} ")
        if hsk is not None:
            clauses.append("hsk = ?")
            args.append(hsk)
        if document:
            clauses.append("id IN (SELECT word_id FROM context WHERE document_path = ? OR document_title = ?)")
            args += [document, document]
        if since is not None:
            clauses.append("created >= ?")
            args.append(since)
        if until is not None:
            clauses.append("created < ?")
            args.append(until)
        if not_exported_since:
            clauses.append("(exported IS NULL OR updated >= exported)")  # same second: export again rather than miss a change
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        return self._records(self._db.execute(f"SELECT * FROM word {where} ORDER BY id", args).fetchall())

    def count(self) -> int:
        return self._db.execute("SELECT count(*) FROM word").fetchone()[0]

    def forms(self, status: str | None = None) -> set[str]:
        """Simplified and traditional forms of the saved words (with ``status``)."""
        sql = "SELECT simplified, traditional FROM word" + (" WHERE status = ?" if status else "")
        rows = self._db.execute(sql, (status,) if status else ()).fetchall()
        return {form for row in rows for form in row}

    def _records(self, rows: list[sqlite3.Row]) -> list[WordRecord]:
        if not rows:
            return []
        ids = [row["id"] for row in rows]
        contexts: dict[int, list[Context]] = {i: [] for i in ids}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for c in self._db.execute(f"SELECT * FROM context WHERE word_id IN ({marks}) ORDER BY id", chunk):
                contexts[c["word_id"]].append(
                    Context(c["sentence"], c["translation"], c["document_title"], c["document_path"], c["position"], c["created"], c["id"], c["sentence_pinyin"],
                            c["time_code"])
                )
        return [
            WordRecord(
                row["id"], row["uid"], row["simplified"], row["traditional"], row["pinyin"], tuple(json.loads(row["definitions"])),
                row["note"], row["hsk"], row["status"], tuple(row["tags"].split()), row["created"], row["updated"], row["exported"],
                tuple(contexts[row["id"]]), row["familiarity"],
            )
            for row in rows
        ]

    # --- backups ----------------------------------------------------------------------

    def backup(self, target: Path | None = None, label: str = "manual") -> Path:
        """A consistent copy of the whole database (to ``target`` or the backups folder).

        A target is written beside itself and moved into place, so it may be on
        another disk; the copy in the backups folder stays either way.
        """
        made = backup_copy(self._db, self.path, label, self._clock())
        if target is None:
            return made
        target = Path(target).expanduser()
        if target.is_dir() or not target.name:
            raise DatabaseError(f"{target} is a folder; give a file name for the backup (the copy is in {made})")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp")
            shutil.copyfile(made, tmp)
            os.replace(tmp, target)
        except OSError as exc:
            raise DatabaseError(f"Cannot write {target}: {exc.strerror or exc} (the copy is in {made})") from None
        return target

    def backups(self, label: str | None = None) -> list[Path]:
        """Backup files in the backups folder, oldest first."""
        folder = self.path.parent / "backups"
        pattern = f"{self.path.stem}-{label}-*.sqlite3" if label else f"{self.path.stem}-*.sqlite3"
        return sorted(folder.glob(pattern), key=_backup_order) if folder.is_dir() else []

    def rolling_backup(self, keep: int = KEEP_DAILY, every_seconds: int = DAY) -> Path | None:
        """A daily backup, keeping the last ``keep``; None if today's exists (or nothing is saved yet)."""
        existing = self.backups("daily")
        if self.count() == 0 or (existing and self._clock() - _backup_order(existing[-1])[0] < every_seconds):
            return None
        made = self.backup(label="daily")
        for old in self.backups("daily")[:-keep]:
            old.unlink(missing_ok=True)
        return made

    def restore_from(self, source: Path) -> Path:
        """Replace the vocabulary with the backup ``source``; returns the backup of the replaced one.

        The file is checked first (a readable studyapp database of a known
        schema); the current vocabulary is backed up before it is replaced.
        """
        staged = self._staged_copy(source)
        saved = self.backup(label="before-restore")
        try:
            with sqlite3.connect(str(staged)) as other:
                other.backup(self._db)
        except sqlite3.Error as exc:
            with sqlite3.connect(str(saved)) as previous:  # put the replaced vocabulary back
                previous.backup(self._db)
            raise DatabaseError(f"Restoring {source} failed ({exc}); your vocabulary was left as it was") from None
        finally:
            staged.unlink(missing_ok=True)
        return saved

    def _staged_copy(self, source: Path) -> Path:
        """A migrated, checked temporary copy of a backup, or DatabaseError."""
        from studyapp.core.study.database import OpenedDatabase, connect, latest_version, migrate

        staged = self.path.parent / f".restore-{uuid.uuid4().hex}.sqlite3"
        try:
            with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as other, sqlite3.connect(str(staged)) as copy:
                version = other.execute("PRAGMA user_version").fetchone()[0]
                if not 1 <= version <= latest_version():
                    raise DatabaseError(f"{source} has schema {version}; this studyapp reads 1 to {latest_version()}")
                other.backup(copy)
            connection = connect(staged)
            migrate(OpenedDatabase(connection, staged))
            for table, column in (("word", "uid"), ("word", "simplified"), ("context", "sentence")):
                connection.execute(f"SELECT {column} FROM {table} LIMIT 1").fetchall()
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.execute("PRAGMA journal_mode = DELETE")
            connection.close()
        except (sqlite3.Error, DatabaseError) as exc:
            for leftover in staged.parent.glob(staged.name + "*"):
                leftover.unlink(missing_ok=True)
            raise DatabaseError(f"{source} is not a studyapp vocabulary backup: {exc}") from None
        return staged
