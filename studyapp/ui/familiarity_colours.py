"""Colours of the familiarity levels: the reader's word backgrounds and the
statistics view's bars. Level 1 strongest, fading towards 4; known words
have no background in the reader (green in charts); ignored words are grey."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from studyapp.core.study.familiarity import IGNORED, KNOWN

_LIGHT = {1: "#f2b35a", 2: "#f5c77e", 3: "#f8d9a3", 4: "#fbe9c9", KNOWN: "#74b77a", IGNORED: "#b3b3b3"}
_DARK = {1: "#8a5a17", 2: "#765020", 3: "#5f4527", 4: "#4a3b2b", KNOWN: "#3f7d45", IGNORED: "#6a6a6a"}


def familiarity_colour(level: int, palette: QPalette) -> QColor:
    scheme = _DARK if palette.color(QPalette.ColorRole.Base).lightness() < 128 else _LIGHT
    return QColor(scheme[level])
