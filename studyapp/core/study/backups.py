"""Backups of the vocabulary and restoring one: copies, the daily rotation, and checking a file before it replaces anything.

Backups are SQLite online-backup copies named ``<stem>-<label>-<UTC time>.sqlite3``
in ``backups/`` beside the vocabulary; they never replace one another. A file
offered for restoring is copied aside (``.restore-*.sqlite3``), checked —
SQLite's integrity check, the tables and columns of a studyapp vocabulary,
meanings that are JSON lists — migrated, and only then copied over the live
vocabulary, after a backup of it. Meanings that are not JSON are repaired
(kept as their raw text) and counted. Example::

    >>> restored = restore(connection, live_path, Path("old.sqlite3"), backup_first)  # doctest: +SKIP
    >>> restored.repaired
    0
"""

from __future__ import annotations

import calendar
import json
import re
import shutil
import sqlite3
import time
import uuid
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from studyapp.core.atomic_file import remove_stale_temporaries, write_atomically
from studyapp.core.study.database import DatabaseError, OpenedDatabase, connect, latest_version, migrate, write
from studyapp.core.study.row_values import read_definitions

_BACKUP_NAME_RE = re.compile(r"-(\d{8}-\d{6})(?:-(\d+))?\.sqlite3$")
RESTORE_PREFIX = ".restore-"


@dataclass(frozen=True)
class Restored:
    previous: Path  # the backup of the vocabulary that was replaced
    repaired: int = 0  # words whose meanings were not readable and are now kept as raw text


def backup_order(path: Path) -> tuple[float, int]:
    """(UTC time, counter) from a backup's name: backups sort by when they were made."""
    match = _BACKUP_NAME_RE.search(path.name)
    if not match:
        return (path.stat().st_mtime, 0)
    return (float(calendar.timegm(time.strptime(match.group(1), "%Y%m%d-%H%M%S"))), int(match.group(2) or 0))


def backup_files(database: Path, label: str | None = None) -> list[Path]:
    """Backup files of ``database`` in its backups folder, oldest first."""
    folder = database.parent / "backups"
    pattern = f"{database.stem}-{label}-*.sqlite3" if label else f"{database.stem}-*.sqlite3"
    return sorted(folder.glob(pattern), key=backup_order) if folder.is_dir() else []


def copy_to(made: Path, target: Path) -> Path:
    """Copy the backup ``made`` to the learner's ``target`` file (no folders are made for it)."""
    try:
        target = Path(target).expanduser()
    except RuntimeError as exc:
        raise DatabaseError(f"Cannot write {target}: {exc} (the copy is in {made})") from None
    if target.is_dir() or not target.name:
        raise DatabaseError(f"{target} is a folder; give a file name for the backup (the copy is in {made})")
    try:
        return write_atomically(target, lambda tmp: shutil.copyfile(made, tmp), DatabaseError)
    except DatabaseError as exc:
        raise DatabaseError(f"{exc} (the copy is in {made})") from None


def remove_stale_restores(folder: Path) -> int:
    """Delete the working copies of restores that were killed half-way."""
    return remove_stale_temporaries(folder, f"{RESTORE_PREFIX}*")


def restore(live: sqlite3.Connection, live_path: Path, source: Path, backup_first: Callable[[], Path]) -> Restored:
    """Replace the vocabulary behind ``live`` with the backup ``source``, after ``backup_first()``.

    Anything wrong with ``source`` raises DatabaseError before the vocabulary is touched.
    """
    source = Path(source).expanduser()
    if source.is_dir():
        raise DatabaseError(f"{source} is a folder; give the backup file to restore")
    if not source.is_file():
        raise DatabaseError(f"No such file: {source}")
    remove_stale_restores(live_path.parent)
    staged = live_path.parent / f"{RESTORE_PREFIX}{uuid.uuid4().hex}.sqlite3"
    try:
        repaired = _stage(source, staged, live)
        previous = backup_first()
        try:
            with closing(sqlite3.connect(str(staged))) as other:
                other.backup(live)
        except sqlite3.Error as exc:
            with closing(sqlite3.connect(str(previous))) as kept:  # put the replaced vocabulary back
                kept.backup(live)
            raise DatabaseError(f"Restoring {source} failed ({exc}); your vocabulary was left as it was") from None
    finally:
        for leftover in staged.parent.glob(staged.name + "*"):
            leftover.unlink(missing_ok=True)
    return Restored(previous, repaired)


def _stage(source: Path, staged: Path, live: sqlite3.Connection) -> int:
    """Copy ``source`` to ``staged``, check it and bring it up to date; returns the rows repaired."""
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as other:
            version = other.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                raise DatabaseError(f"{source} is not a studyapp vocabulary backup")
            if version > latest_version():
                raise DatabaseError(f"{source} was made by a newer version of studyapp; upgrade studyapp to restore it")
            with closing(sqlite3.connect(str(staged))) as copy:
                other.backup(copy)
        _check_integrity(staged, source)
        with closing(connect(staged)) as connection:
            migrate(OpenedDatabase(connection, staged), back_up=False)
            _check_tables(connection, live, source)
            repaired = _repair_meanings(connection)
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.execute("PRAGMA journal_mode = DELETE")
        return repaired
    except DatabaseError as exc:
        message = str(exc)
        raise DatabaseError(message if str(source) in message else f"{source} is not a studyapp vocabulary backup") from None
    except sqlite3.Error as exc:
        raise DatabaseError(f"{source} is not a studyapp vocabulary backup ({exc})") from None


def _check_integrity(staged: Path, source: Path) -> None:
    with closing(sqlite3.connect(str(staged))) as connection:
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check(1)")]
    if problems != ["ok"]:
        raise DatabaseError(f"{source} is damaged (SQLite's integrity check failed); your vocabulary was left as it was")


def _check_tables(connection: sqlite3.Connection, live: sqlite3.Connection, source: Path) -> None:
    """The backup has every table and column the live vocabulary has."""
    for (table,) in live.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetchall():
        wanted = {row[1] for row in live.execute(f'PRAGMA table_info("{table}")')}
        found = {row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')}
        if not wanted <= found:
            raise DatabaseError(f"{source} is not a studyapp vocabulary backup (its {table} table differs)")


def _repair_meanings(connection: sqlite3.Connection) -> int:
    """Meanings that are not a JSON list of strings become a list of their raw text."""
    broken = []
    for word_id, raw in connection.execute("SELECT id, definitions FROM word"):
        definitions, damaged = read_definitions(raw)
        if damaged:
            broken.append((json.dumps(list(definitions), ensure_ascii=False), word_id))
    if broken:
        write(connection, lambda c: c.executemany("UPDATE word SET definitions = ? WHERE id = ?", broken),
              lambda error: f"Cannot repair the backup's meanings: {error}")
    return len(broken)
