"""Reading the window's settings (QSettings, settings.ini) as typed values.

settings.ini is a text file the learner (or another program) may have edited:
every value read here is checked against its type and range, and a value that
does not fit is replaced by the default with a warning in the log, so a bad
line never stops the window from starting. Example::

    >>> number(settings, "view/point_size", 12.0, 7.0, 36.0)  # "abc" in the file  # doctest: +SKIP
    12.0    # and the log says: settings.ini: view/point_size = 'abc' is not a number from 7 to 36; using 12.0
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger(__name__)

_TRUE, _FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")


def number(settings: QSettings, key: str, default: float, low: float, high: float) -> float:
    """A number from ``low`` to ``high``."""
    value = settings.value(key)
    try:
        result = float(value) if value is not None else default
    except (TypeError, ValueError):
        result = None
    if result is None or not low <= result <= high:
        return _fallback(key, value, f"a number from {low:g} to {high:g}", default)
    return result


def integer(settings: QSettings, key: str, default: int, low: int = 0) -> int:
    """A whole number no smaller than ``low``."""
    value = settings.value(key)
    try:
        result = int(str(value).strip()) if value is not None else default
    except ValueError:
        result = None
    if result is None or result < low:
        return _fallback(key, value, f"a whole number from {low}", default)
    return result


def flag(settings: QSettings, key: str, default: bool) -> bool:
    """true or false."""
    value = settings.value(key)
    if value is None or isinstance(value, bool):
        return default if value is None else value
    text = str(value).strip().lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    return _fallback(key, value, "true or false", default)


def choice(settings: QSettings, key: str, default: str, choices: Sequence[str]) -> str:
    """One of ``choices``."""
    value = settings.value(key)
    if value is None:
        return default
    if isinstance(value, str) and value in choices:
        return value
    return _fallback(key, value, f"one of {', '.join(choices)}", default)


def text(settings: QSettings, key: str, default: str = "") -> str:
    """Any text (a path, a deck name)."""
    value = settings.value(key)
    if value is None:
        return default
    if isinstance(value, str) and "\0" not in value:
        return value
    return _fallback(key, value, "text", default)


def texts(settings: QSettings, key: str) -> list[str]:
    """A list of texts (one text counts as a list of one)."""
    value = settings.value(key)
    if value is None:
        return []
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else None
    if items is None or not all(isinstance(item, str) and "\0" not in item for item in items):
        return _fallback(key, value, "a list of texts", [])
    return list(items)


def data(settings: QSettings, key: str) -> QByteArray | None:
    """Bytes Qt saved (window geometry), or None."""
    value = settings.value(key)
    if value is None or isinstance(value, QByteArray):
        return value
    return _fallback(key, value, "data saved by studyapp", None)


def _fallback(key: str, value: object, wanted: str, default):
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
    log.warning("settings.ini: %s = %s is not %s; using %r", key, shown, wanted, default)
    return default
