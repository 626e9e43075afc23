"""Opening the vocabulary database safely: connection settings, migrations,
backups, and recovery from a damaged file.

Migrations are ``studyapp/core/study/migrations/NNNN_*.sql``. The database's
``PRAGMA user_version`` says which have been applied; each newer one runs in
its own transaction together with the version bump, after a backup copy of
the file, and rolls back on error. A database newer than this code is refused.
A file that is not a readable SQLite database is moved aside (never deleted)
and a fresh one is created; ``OpenedDatabase.recovered`` says where the old one went.
"""

from __future__ import annotations

import itertools
import os
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TypeVar

from studyapp.core.atomic_file import describe, remove_stale_temporaries, write_new_file
from studyapp.core.errors import StudyappError

_MIGRATION_RE = re.compile(r"^(\d{4})_[\w-]+\.sql$")
_T = TypeVar("_T")


class DatabaseError(StudyappError):
    """The vocabulary database cannot be used (newer schema, unreadable, disk full)."""


@dataclass
class OpenedDatabase:
    connection: sqlite3.Connection
    path: Path
    recovered: Path | None = None  # where a damaged file was moved
    backup: Path | None = None  # the copy made before migrating


def migrations() -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` of every migration, in order."""
    found = []
    for item in resources.files("studyapp.core.study.migrations").iterdir():
        match = _MIGRATION_RE.match(item.name)
        if match:
            found.append((int(match.group(1)), item.name, item.read_text(encoding="utf-8")))
    return sorted(found)


def latest_version() -> int:
    return migrations()[-1][0]


def connect(path: Path) -> sqlite3.Connection:
    """A connection with foreign keys, WAL, a busy timeout and Row objects."""
    connection = sqlite3.connect(str(path), timeout=10.0, isolation_level=None, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA busy_timeout = 10000")
    _use_wal(connection)
    connection.execute("PRAGMA synchronous = FULL")
    return connection


def _use_wal(connection: sqlite3.Connection, patience: float = 10.0) -> None:
    """Switch to WAL, waiting for other starters: SQLite reports a busy switch at once, without its busy handler."""
    deadline = time.monotonic() + patience
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if ("locked" not in str(exc) and "busy" not in str(exc)) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def open_database(path: Path) -> OpenedDatabase:
    """Open (creating, migrating or recovering) the database at ``path``."""
    _check_place(path)
    recovered = None
    if path.exists() and not _healthy(path):
        recovered = _move_aside(path)
    if path.exists():
        _refuse_if_newer(path)  # before anything (even WAL mode) touches the file
    try:
        connection = connect(path)
    except sqlite3.Error as exc:
        raise DatabaseError(f"Cannot open the vocabulary database {path}: {exc}") from None
    opened = OpenedDatabase(connection, path, recovered)
    migrate(opened)
    return opened


def _check_place(path: Path) -> None:
    """The vocabulary's folder must exist (it is made) and be writable, and the file be a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"Cannot use the data folder {path.parent}: {describe(exc)}") from None
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a vocabulary file; move it away (or set STUDYAPP_HOME to use another data folder)")
    if not os.access(path.parent, os.W_OK):
        raise DatabaseError(f"The data folder {path.parent} is read-only; studyapp keeps your vocabulary there "
                            "(make it writable, or set STUDYAPP_HOME to use another data folder)")


def _refuse_if_newer(path: Path) -> None:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    finally:
        connection.close()
    if version > latest_version():
        raise DatabaseError(_newer(path))


def _newer(path: Path) -> str:
    return f"The vocabulary {path} was written by a newer version of studyapp; please upgrade studyapp. The file was not changed."


#: SQLite's words for a file that is not a (whole) database; anything else
#: (busy, locked, cannot open, I/O) is not damage and must not move the file.
_DAMAGE = {"SQLITE_NOTADB", "SQLITE_CORRUPT"}


def _healthy(path: Path) -> bool:
    """False only for a damaged file; a file in use or unreadable raises DatabaseError."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5.0)
        try:
            result = connection.execute("PRAGMA quick_check").fetchone()
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        name = getattr(exc, "sqlite_errorname", "") or ""
        if name.split("_")[0:2] == ["SQLITE", "CORRUPT"] or name in _DAMAGE or "not a database" in str(exc) or "malformed" in str(exc):
            return False
        if name in ("SQLITE_BUSY", "SQLITE_LOCKED") or "locked" in str(exc):
            raise DatabaseError(f"The vocabulary {path} is locked by another program; close it and try again") from None
        raise DatabaseError(f"The vocabulary {path} cannot be opened: {exc}") from None
    return bool(result) and result[0] == "ok"


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
        n += 1
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def migrate(opened: OpenedDatabase, back_up: bool = True) -> None:
    """Apply each pending migration in its own transaction, after a backup of a vocabulary with words.

    Each step takes the write lock first and only then reads the version, so
    any number of processes may start at once: one migrates, the others wait
    and find nothing left to do. A process that gets the lock between another's
    steps finishes the migration but makes no second backup: the version it
    finds is past the one it saw on opening, so the other one made it.
    """
    connection = opened.connection
    seen = connection.execute("PRAGMA user_version").fetchone()[0]
    while True:
        step = None
        try:
            connection.execute("BEGIN IMMEDIATE")
            step = _next_migration(opened, back_up and not _moved_on(connection, seen))
            if step is None:
                connection.execute("COMMIT")
                return
            _apply(opened, *step)
        except sqlite3.Error as exc:
            _rollback(connection)
            where = f"at {step[1]}" if step else "at the start"
            raise DatabaseError(f"Upgrading the vocabulary database failed {where}: {exc}; nothing was changed") from None
        except BaseException:
            _rollback(connection)
            raise


def write(connection: sqlite3.Connection, action: Callable[[sqlite3.Connection], _T],
          failure: Callable[[sqlite3.Error], str]) -> _T:
    """Run ``action(connection)`` as one IMMEDIATE transaction, the one way the stores write.

    Any exception from ``action`` rolls the transaction back (the write lock is
    never left held); an SQLite error becomes a DatabaseError of one line,
    ``failure(error)``.
    """
    try:
        connection.execute("BEGIN IMMEDIATE")
        result = action(connection)
        connection.execute("COMMIT")
        return result
    except sqlite3.Error as exc:
        _rollback(connection)
        raise DatabaseError(failure(exc)) from None
    except BaseException:
        _rollback(connection)
        raise


def _rollback(connection: sqlite3.Connection) -> None:
    if connection.in_transaction:
        connection.execute("ROLLBACK")


def _next_migration(opened: OpenedDatabase, back_up: bool) -> tuple[int, str, str] | None:
    """The first migration newer than the database, read under the write lock; refuses a newer database."""
    current = opened.connection.execute("PRAGMA user_version").fetchone()[0]
    if current > latest_version():
        raise DatabaseError(_newer(opened.path))
    pending = [m for m in migrations() if m[0] > current]
    if pending and current > 0 and opened.backup is None and back_up and _has_words(opened.connection):
        # A second connection reads the last committed state: a connection that
        # holds the write lock cannot be the source of an online backup.
        reader = sqlite3.connect(f"file:{opened.path}?mode=ro", uri=True, timeout=10.0)
        try:
            opened.backup = backup_copy(reader, opened.path, f"before-schema-{pending[0][0]}")
        finally:
            reader.close()
    return pending[0] if pending else None


def _moved_on(connection: sqlite3.Connection, seen: int) -> bool:
    """True if another process migrated the database past ``seen`` since it was read."""
    return bool(connection.execute("PRAGMA user_version").fetchone()[0] > seen)


def _has_words(connection: sqlite3.Connection) -> bool:
    try:
        return bool(connection.execute("SELECT EXISTS (SELECT 1 FROM word)").fetchone()[0])
    except sqlite3.Error:  # not the tables we know: back it up all the same
        return True


def _apply(opened: OpenedDatabase, version: int, name: str, sql: str) -> None:
    for statement in _statements(sql):
        opened.connection.execute(statement)
    opened.connection.execute(f"PRAGMA user_version = {int(version)}")
    opened.connection.execute("COMMIT")


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (executescript would commit on its own)."""
    out, current = [], ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                out.append(current.strip())
            current = ""
    if current.strip() and not current.strip().startswith("--"):
        out.append(current.strip())
    return out


def backup_copy(connection: sqlite3.Connection, path: Path, label: str, when: float | None = None) -> Path:
    """A consistent copy of the database in ``backups/`` beside it (SQLite's online backup).

    Names carry the UTC time and never replace an earlier backup, even when
    several processes back up in the same second; a failure (a full disk)
    leaves no partial file and raises DatabaseError with one line.
    """
    folder = path.parent / "backups"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"Cannot make the backups folder {folder}: {describe(exc)}") from None
    remove_stale_temporaries(folder)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(time.time() if when is None else when))
    names = (folder / f"{path.stem}-{label}-{stamp}{f'-{n}' if n else ''}.sqlite3" for n in itertools.count())
    return write_new_file(names, lambda tmp: copy_database(connection, tmp), DatabaseError)


def copy_database(connection: sqlite3.Connection, target: Path) -> None:
    """Copy the database behind ``connection`` into the (new or empty) file ``target``."""
    destination = sqlite3.connect(str(target))
    try:
        connection.backup(destination)
    finally:
        destination.close()
