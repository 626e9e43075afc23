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

import json
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from studyapp.core import paths
from studyapp.core.language.pinyin_spelling import normalise_numbered, strip_tones
from studyapp.core.study.backups import Restored, backup_files, backup_order, copy_to, remove_stale_restores
from studyapp.core.study.backups import restore as restore_backup
from studyapp.core.study.database import OpenedDatabase, backup_copy, connect, open_database, write
from studyapp.core.study.familiarity import STATUSES, LevelChange, check_level, level_for_status
from studyapp.core.study.row_values import LenientRow

if TYPE_CHECKING:  # loaded by words(): opening the store (the reader's start) does not filter
    from studyapp.core.study.word_filter import WordFilter

_T = TypeVar("_T")

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
    paragraph: str = ""  # the English paragraph the translation (its sentence) came from
    damaged: bool = False  # read from a row holding something unexpected (shown as stored)


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
    damaged: bool = False  # some value could not be read as saved and is shown as stored
    familiarity: int = 1  # level 1-5, 0 ignored (status is derived from it)

    def search_key(self) -> str:
        """Lower-case text the table's search box matches against."""
        numbered = "".join(self.pinyin.lower().split())
        return "\n".join((self.simplified, self.traditional, numbered, strip_tones(self.pinyin), " ".join(self.definitions).lower(), self.note.lower(), " ".join(self.tags).lower()))


def _record(row: sqlite3.Row, contexts: list[Context]) -> WordRecord:
    """A WordRecord from a row, whatever the row holds: an unreadable value is shown as stored, and flagged."""
    r = LenientRow(row)
    return WordRecord(
        row["id"], r.text("uid"), r.text("simplified"), r.text("traditional"), r.text("pinyin"), r.definitions("definitions"),
        r.text("note"), r.number("hsk"), r.text("status"), tuple(r.text("tags").split()), r.number("created") or 0,
        r.number("updated") or 0, r.number("exported"), tuple(contexts), damaged=r.damaged or any(c.damaged for c in contexts),
        familiarity=_level(r.number("familiarity")),
    )


def _level(value: int | None) -> int:
    """A stored familiarity (the schema keeps it 0-5); an unreadable one counts as new."""
    return value if value is not None and 0 <= value <= 5 else 1


def _vocabulary_failure(exc: sqlite3.Error) -> str:
    message = str(exc)
    if "full" in message.lower():
        return "The disk is full: the change was not saved. Words saved before are safe."
    if isinstance(exc, sqlite3.IntegrityError):
        return f"That change conflicts with a saved word: {message}"
    return f"The vocabulary could not be saved: {message}"


def _context(row: sqlite3.Row) -> Context:
    r = LenientRow(row)
    return Context(r.text("sentence"), r.text("translation"), r.text("document_title"), r.text("document_path"), r.number("position"),
                   r.number("created") or 0, row["id"], r.text("sentence_pinyin"), r.text("time_code"), r.text("paragraph"),
                   damaged=r.damaged)


class VocabularyStore:
    """The vocabulary database (one SQLite file in the user data directory)."""

    def __init__(self, opened: OpenedDatabase, clock: Callable[[], float] = time.time) -> None:
        self._opened = opened
        self._db = opened.connection
        self._clock = clock

    @classmethod
    def open(cls, path: Path | None = None, clock: Callable[[], float] = time.time) -> VocabularyStore:
        opened = open_database(path or paths.data_dir() / DATABASE_NAME)
        remove_stale_restores(opened.path.parent)
        return cls(opened, clock)

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

    def for_another_thread(self) -> VocabularyStore:
        """A store on the same file with a connection of its own (a worker thread must not share this one)."""
        return VocabularyStore(OpenedDatabase(connect(self.path), self.path), self._clock)

    # --- writing ------------------------------------------------------------------

    def _now(self) -> int:
        return int(self._clock())

    def transaction(self, action: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``action(connection)`` in one IMMEDIATE write transaction (the review
        store's tables share this file); disk errors become DatabaseError.

        Any exception from ``action`` rolls the transaction back.
        """
        return write(self._db, action, _vocabulary_failure)

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

        return self.get(self.transaction(action))

    @staticmethod
    def _insert_word(db: sqlite3.Connection, data: WordData, pinyin: str, level: int, now: int) -> int:
        cursor = db.execute(
            "INSERT INTO word (uid, simplified, traditional, pinyin, definitions, note, hsk, familiarity, tags, created, updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (uuid.uuid4().hex, data.simplified, data.traditional, pinyin, json.dumps(list(data.definitions), ensure_ascii=False),
             data.note, data.hsk, level, " ".join(data.tags), now, now),
        )
        return int(cursor.lastrowid or 0)  # an INSERT always has one

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

        return self.transaction(action)

    def undo_levels(self, change: LevelChange) -> None:
        """Take back a ``set_levels``: the words it saved are removed, the others get their levels back."""
        now = self._now()

        def action(db: sqlite3.Connection) -> None:
            db.executemany("DELETE FROM word WHERE id = ?", [(word_id,) for word_id in change.created])
            db.executemany("UPDATE word SET familiarity = ?, updated = ? WHERE id = ?", [(level, now, word_id) for word_id, level in change.previous])

        self.transaction(action)

    @staticmethod
    def _insert_context(db: sqlite3.Connection, word_id: int, context: Context, now: int) -> None:
        db.execute(
            "INSERT OR IGNORE INTO context (word_id, sentence, translation, document_title, document_path, position, created, "
            "sentence_pinyin, time_code, paragraph) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (word_id, context.sentence, context.translation, context.document_title, context.document_path, context.position,
             context.created or now, context.sentence_pinyin, context.time_code, context.paragraph),
        )

    def update(self, word_id: int, **fields: Any) -> WordRecord:
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

        self.transaction(action)
        return self.get(word_id)

    def set_status(self, word_ids: Iterable[int], status: str) -> None:
        """Set the status of words; a level that already has this status is kept."""
        ids = list(word_ids)
        now = self._now()
        self.transaction(lambda db: self._set_status(db, ids, status, now))

    def set_familiarity(self, word_ids: Iterable[int], level: int) -> None:
        """Set the familiarity level (1-5, 0 ignored) of words."""
        check_level(level)
        ids = list(word_ids)
        now = self._now()
        self.transaction(lambda db: db.executemany("UPDATE word SET familiarity = ?, updated = ? WHERE id = ? AND familiarity != ?", [(level, now, i, level) for i in ids]))

    @staticmethod
    def _set_status(db: sqlite3.Connection, ids: list[int], status: str, now: int) -> None:
        level = level_for_status(status)  # status is derived from familiarity
        db.executemany("UPDATE word SET familiarity = ?, updated = ? WHERE id = ? AND status != ?", [(level, now, i, status) for i in ids])

    def remove(self, word_id: int) -> WordRecord:
        """Delete a word and its contexts; returns the record for ``restore`` (undo)."""
        record = self.get(word_id)
        self.transaction(lambda db: db.execute("DELETE FROM word WHERE id = ?", (word_id,)))
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
                return int(again["id"])
            cursor = db.execute(
                "INSERT INTO word (uid, simplified, traditional, pinyin, definitions, note, hsk, familiarity, tags, created, updated, exported) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (record.uid, record.simplified, record.traditional, record.pinyin, json.dumps(list(record.definitions), ensure_ascii=False),
                 record.note, record.hsk, record.familiarity, " ".join(record.tags), record.created, self._now(), record.exported),
            )
            word_id = int(cursor.lastrowid or 0)  # an INSERT always has one
            for context in record.contexts:
                self._insert_context(db, word_id, context, context.created)
            return word_id

        return self.get(self.transaction(action))

    def mark_exported(self, word_ids: Iterable[int], when: int | None = None) -> None:
        stamp = self._now() if when is None else when
        ids = list(word_ids)
        self.transaction(lambda db: db.executemany("UPDATE word SET exported = ? WHERE id = ?", [(stamp, i) for i in ids]))

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

    def words(self, chosen: WordFilter | None = None, **criteria: Any) -> list[WordRecord]:
        """Saved words, oldest first: those ``chosen`` lets through (or a WordFilter of ``criteria``)."""
        from studyapp.core.study.word_filter import WordFilter

        chosen = chosen or WordFilter(**criteria)
        where, args = chosen.sql()
        records = self._records(self._db.execute(f"SELECT * FROM word {'WHERE ' + where if where else ''} ORDER BY id", args).fetchall())
        return [records[i] for i in chosen.select(records)] if chosen.search.strip() else records

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM word").fetchone()[0])

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
                contexts[c["word_id"]].append(_context(c))
        return [_record(row, contexts[row["id"]]) for row in rows]

    # --- backups ----------------------------------------------------------------------

    def backup(self, target: Path | None = None, label: str = "manual") -> Path:
        """A consistent copy of the whole database (to ``target`` or the backups folder).

        A target is written beside itself and moved into place, so it may be on
        another disk; the copy in the backups folder stays either way.
        """
        made = backup_copy(self._db, self.path, label, self._clock())
        return made if target is None else copy_to(made, target)

    def backups(self, label: str | None = None) -> list[Path]:
        """Backup files in the backups folder, oldest first."""
        return backup_files(self.path, label)

    def rolling_backup(self, keep: int = KEEP_DAILY, every_seconds: int = DAY) -> Path | None:
        """A daily backup, keeping the last ``keep``; None if today's exists (or nothing is saved yet)."""
        existing = self.backups("daily")
        if self.count() == 0 or (existing and self._clock() - backup_order(existing[-1])[0] < every_seconds):
            return None
        made = self.backup(label="daily")
        for old in self.backups("daily")[:-keep]:
            old.unlink(missing_ok=True)
        return made

    def restore_from(self, source: Path) -> Restored:
        """Replace the vocabulary with the backup ``source`` (checked first; the current one is backed up).

        Returns where the replaced vocabulary was kept and how many unreadable
        meanings were repaired; a damaged or foreign file raises DatabaseError.
        """
        return restore_backup(self._db, self.path, source, lambda: self.backup(label="before-restore"))
