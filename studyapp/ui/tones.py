"""Tone colours: a Pleco-like scheme, with lighter variants on dark backgrounds."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

# Tone 1 red, 2 green, 3 blue, 4 purple, neutral grey (as Pleco's default).
_LIGHT = {1: "#d7191c", 2: "#1a9641", 3: "#2b50d6", 4: "#8e2ab8", 5: "#6b6b6b"}
_DARK = {1: "#ff6b6b", 2: "#5fd37a", 3: "#7fa2ff", 4: "#d08bff", 5: "#a8a8a8"}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def tone_colour(tone: int, palette: QPalette) -> QColor:
    scheme = _DARK if is_dark(palette) else _LIGHT
    return QColor(scheme.get(tone, scheme[5]))
