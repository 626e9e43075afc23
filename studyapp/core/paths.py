"""Where studyapp keeps its files.

The vocabulary database lives in the user data directory and caches (the
dictionary index, segmentation caches) in the user cache directory, both from
appdirs. ``STUDYAPP_HOME`` overrides both (tests, portable installs): data goes
to ``$STUDYAPP_HOME/data`` and caches to ``$STUDYAPP_HOME/cache``.
Directories are created when asked for, never at import time.
"""

from __future__ import annotations

import os
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
