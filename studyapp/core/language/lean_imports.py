"""Importing the heavy third-party modules without what they drag along.

* jieba imports ``pkg_resources`` only to open its own data files, when it
  can (12 MB and ~70 ms); without it, it opens them by path, as it does here.
* PySide's import hook reads the source of every module imported after it
  (to see whether the module uses Qt), and ``linecache`` keeps those lines:
  16 MB once jieba (its 1.3-million-character ``prob_emit.py``) and numpy
  are in. They are only needed to print a traceback, and ``linecache``
  reads them again then. Example::

      >>> import_jieba().Tokenizer        # doctest: +SKIP
      <class 'jieba.Tokenizer'>
"""

from __future__ import annotations

import importlib
import linecache
import sys
import threading
from types import ModuleType

_lock = threading.Lock()


def import_jieba() -> ModuleType:
    """The jieba module, imported without pkg_resources (unless something else imported that already)."""
    with _lock:
        if "jieba" not in sys.modules:
            blocked = "pkg_resources" not in sys.modules
            if blocked:
                sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes `import pkg_resources` fail
            try:
                importlib.import_module("jieba")
            finally:
                if blocked and sys.modules.get("pkg_resources", 0) is None:
                    del sys.modules["pkg_resources"]
            forget_sources()
        return sys.modules["jieba"]


def forget_sources() -> None:
    """Drop the module sources linecache keeps (see the module's docstring)."""
    linecache.clearcache()
