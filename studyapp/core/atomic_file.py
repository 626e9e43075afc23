"""Writing a file so that it is either whole or not there: the one way studyapp writes files.

``write_atomically(path, write)`` calls ``write(tmp)`` for a fresh temporary
file beside ``path``, flushes it to disk and moves it into place with
``os.replace``, so a crash, a full disk or a failing writer never leaves a
half-written file or touches the old one. ``write_new_file`` does the same for
a file that must not replace anything (backups): it takes the first free name.

What the caller can count on:

* an existing file keeps its permissions (a private 0600 export stays
  private); a new one gets the usual ``0666 & ~umask``;
* a read-only target, a folder, or a missing folder is refused with one line
  (``Cannot write …``) and nothing is changed;
* temporary names are short (``.studyapp-XXXXXXXX.tmp``), so any name the
  file system accepts works, and unique, so any number of writers may run at
  once; ``remove_stale_temporaries`` cleans up after a killed process;
* ``write_checked``/``read_checked``: a cache file carries a checksum of its
  content, so one that was damaged or replaced is noticed and rebuilt.

Example::

    >>> write_atomically(Path("words.csv"), lambda tmp: tmp.write_text("a,b\\n"))  # doctest: +SKIP
    PosixPath('words.csv')
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import os
import secrets
import sqlite3
import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from studyapp.core.errors import StudyappError

TEMP_PREFIX = ".studyapp-"
TEMP_SUFFIX = ".tmp"
#: A temporary file older than this belongs to a process that is gone.
STALE_SECONDS = 3600
_CHECKED_HEADER = b"#studyapp sha1="
#: What a writer may fail with (a SQLite copy reports a full disk as sqlite3.Error).
_FAILURES = (OSError, ValueError, sqlite3.Error)


def write_atomically(path: Path, write: Callable[[Path], object], error: type[Exception] = StudyappError) -> Path:
    """Write ``path`` through ``write(tmp)``; raise ``error`` with a one-line reason on failure."""
    path = _expanded(path, error)
    mode = _mode_for(path, error)
    tmp = _temporary(path.parent, path, error)
    try:
        _fill(tmp, write, mode)
        os.replace(tmp, path)
        _sync_folder(path.parent)
    except _FAILURES as exc:
        raise error(f"Cannot write {path}: {describe(exc)}") from None
    finally:
        _discard(tmp)
    return path


def write_new_file(candidates: Iterable[Path], write: Callable[[Path], object], error: type[Exception] = StudyappError) -> Path:
    """Write a new file at the first of ``candidates`` that does not exist yet; never replaces a file.

    Safe with several writers at once: each gets its own name.
    """
    names = iter(candidates)
    first = _expanded(next(names), error)
    if not first.parent.is_dir():
        raise error(f"Cannot write {first}: the folder {first.parent} does not exist")
    tmp = _temporary(first.parent, first, error)
    try:
        _fill(tmp, write, _default_mode())
        for candidate in itertools.chain((first,), names):
            if _link_if_free(tmp, candidate):
                _sync_folder(candidate.parent)
                return candidate
        raise error(f"Cannot write {first}: no free file name")
    except _FAILURES as exc:
        raise error(f"Cannot write {first}: {describe(exc)}") from None
    finally:
        _discard(tmp)


def write_checked(path: Path, text: str) -> Path:
    """Write a cache file whose first line is a checksum of the rest (see ``read_checked``)."""
    body = text.encode("utf-8")
    return write_atomically(path, lambda tmp: tmp.write_bytes(_CHECKED_HEADER + hashlib.sha1(body).hexdigest().encode() + b"\n" + body))


def read_checked(path: Path) -> str | None:
    """The text of a file written by ``write_checked``, or None if it is missing, damaged or not one."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header, _, body = data.partition(b"\n")
    if not header.startswith(_CHECKED_HEADER) or header[len(_CHECKED_HEADER) :] != hashlib.sha1(body).hexdigest().encode():
        return None
    return body.decode("utf-8")


def remove_stale_temporaries(folder: Path, pattern: str = f"{TEMP_PREFIX}*{TEMP_SUFFIX}", older_than: float = STALE_SECONDS) -> int:
    """Delete temporary files a killed process left in ``folder``; returns how many."""
    removed = 0
    cutoff = time.time() - older_than
    try:
        leftovers = list(folder.glob(pattern))
    except OSError:
        return 0
    for leftover in leftovers:
        try:
            if leftover.is_file() and leftover.stat().st_mtime < cutoff:
                leftover.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def describe(exc: BaseException) -> str:
    """An OS error in words a learner understands (``the disk is full``)."""
    number = getattr(exc, "errno", None)
    if number in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "the disk is full (or the file is too large for it)"
    if number in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied"
    if number == errno.ENAMETOOLONG:
        return "the file name is too long"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    return str(exc) or type(exc).__name__


# --- the steps -----------------------------------------------------------------------


def _expanded(path: Path, error: type[Exception]) -> Path:
    try:
        path = Path(path).expanduser()
    except RuntimeError as exc:  # "~nobody/x": no such home folder
        raise error(f"Cannot write {path}: {exc}") from None
    if not path.name:
        raise error(f"Cannot write {path}: give a file name, not a folder")
    return path if str(path.parent) else Path(".") / path


def _mode_for(path: Path, error: type[Exception]) -> int:
    """The permissions the new file gets: the old file's, or the default; refuses what must not be replaced."""
    folder = path.parent
    if not folder.is_dir():
        raise error(f"Cannot write {path}: the folder {folder} does not exist")
    try:
        info = path.stat()
    except FileNotFoundError:
        return _default_mode()
    except OSError as exc:
        raise error(f"Cannot write {path}: {describe(exc)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise error(f"Cannot write {path}: it is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise error(f"Cannot write {path}: it is not an ordinary file")
    if not info.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise error(f"Cannot write {path}: the file is read-only; it was left as it was")
    return stat.S_IMODE(info.st_mode)


def _default_mode() -> int:
    return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read without changing it (other threads may be creating files)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def _temporary(folder: Path, path: Path, error: type[Exception]) -> Path:
    for _ in range(100):
        tmp = folder / f"{TEMP_PREFIX}{secrets.token_hex(4)}{TEMP_SUFFIX}"
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            return tmp
        except FileExistsError:
            continue
        except OSError as exc:
            raise error(f"Cannot write {path}: {describe(exc)}") from None
    raise error(f"Cannot write {path}: no free temporary name in {folder}")


def _fill(tmp: Path, write: Callable[[Path], object], mode: int) -> None:
    write(tmp)
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.chmod(tmp, mode)


def _link_if_free(tmp: Path, target: Path) -> bool:
    """Give ``tmp`` the name ``target`` unless that exists (a hard link cannot clobber)."""
    try:
        os.link(tmp, target)
        return True
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
    if target.exists():  # a file system without hard links: check, then move
        return False
    os.replace(tmp, target)
    return True


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _discard(tmp: Path) -> None:
    try:
        tmp.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass
