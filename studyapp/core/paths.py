"""Where studyapp keeps its files.

The vocabulary database lives in the user data directory and caches (the
dictionary index, segmentation caches) in the user cache directory, both from
appdirs. ``STUDYAPP_HOME`` overrides both (tests, portable installs): data goes
to ``$STUDYAPP_HOME/data`` and caches to ``$STUDYAPP_HOME/cache``.
Directories are created when asked for, never at import time. A damaged
cache file (or a folder where one belongs) is set aside and rebuilt.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import appdirs

APP_NAME = "studyapp"


def _home_override() -> Path | None:
    home = os.environ.get("STUDYAPP_HOME")
    return Path(home).expanduser() if home else None


def data_dir(create: bool = True) -> Path:
    """The directory holding the learner's own data (vocabulary, settings)."""
    home = _home_override()
    path = home / "data" if home else Path(appdirs.user_data_dir(APP_NAME))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir(create: bool = True) -> Path:
    """The directory holding rebuildable caches (dictionary index, segmentations)."""
    home = _home_override()
    path = home / "cache" if home else Path(appdirs.user_cache_dir(APP_NAME))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


#: SQLite's words for a file that is not (or no longer) a whole database.
_DAMAGE_NAMES = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR")


def is_damage(exc: sqlite3.DatabaseError) -> bool:
    """Whether ``exc`` says a cache's SQLite file is damaged (so it is rebuilt), not busy or locked."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(_DAMAGE_NAMES) or "malformed" in str(exc) or "not a database" in str(exc)


def set_aside(path: Path) -> Path | None:
    """Move a damaged cache file, or a folder in its place, to ``<name>.damaged`` (replacing an older one).

    Caches are rebuilt from their sources, so the damaged copy is kept only
    until the next one; returns where it went, or None if it could not be moved.
    """
    target = path.with_name(path.name + ".damaged")
    try:
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
        os.replace(path, target)
    except OSError:
        return None
    return target


def clear_blocked(folder: Path, names: Iterable[str]) -> None:
    """Set aside anything but an ordinary file where one of the cache files ``names`` belongs."""
    for name in names:
        path = folder / name
        if (path.exists() or path.is_symlink()) and not path.is_file():
            set_aside(path)
