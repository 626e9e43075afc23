"""The reader's fonts: which families to ask for, per script, and whether any
font here can show Chinese at all.

English and pinyin are set in a Latin family (a CJK font's Latin letters and
quotes are full-width); pinyin in a condensed face, so that long syllables
(zhuàng) widen their characters' cells as little as possible. Chinese asks
for a Simplified-Chinese font first, or a Traditional-Chinese one when the
text shown is traditional, since the two draw some characters differently
(骨, 直, 這). Whether a text is traditional is judged without the dictionary,
from characters that exist in only one of the scripts. Example::

    >>> script_of("這是我們的書。"), script_of("这是我们的书。"), script_of("中文")
    ('traditional', 'simplified', 'simplified')
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PySide6.QtGui import QFont, QFontDatabase

LATIN_FAMILIES = ["Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", "Arial", "sans-serif"]
SIMPLIFIED_FAMILIES = [
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
    "WenQuanYi Micro Hei", "Noto Sans CJK TC", "Noto Sans CJK JP",
]
TRADITIONAL_FAMILIES = [
    "Noto Sans CJK TC", "Noto Sans TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei",
    "Noto Sans CJK HK", "Noto Sans CJK SC", "WenQuanYi Micro Hei",
]
MONO_FAMILIES = ["DejaVu Sans Mono", "Noto Sans Mono", "monospace"]

#: Common characters written differently in the two scripts (traditional, simplified).
_TRADITIONAL = set("們個這來說會時為對後還麼國學過發與實當點經開問從頭現長動見書車門語話讀覺種邊區樣對電東")
_SIMPLIFIED = set("们个这来说会时为对后还么国学过发与实当点经开问从头现长动见书车门语话读觉种边区样对电东")

#: The package to install when no font can show Chinese (Debian, Ubuntu).
FONT_PACKAGE = "fonts-noto-cjk"


def script_of(text: str) -> str:
    """"traditional" if ``text`` uses more traditional-only than simplified-only characters, else "simplified"."""
    traditional = sum(1 for ch in text if ch in _TRADITIONAL)
    simplified = sum(1 for ch in text if ch in _SIMPLIFIED)
    return "traditional" if traditional > simplified else "simplified"


def make_font(families: list[str], point_size: float, bold: bool = False, stretch: int = 100) -> QFont:
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    if stretch != 100:
        font.setStretch(stretch)
    return font


@dataclass(frozen=True)
class ReaderFonts:
    """The family lists the reader asks for (a test can put a bundled font first)."""

    latin: list[str] = field(default_factory=lambda: list(LATIN_FAMILIES))
    simplified: list[str] = field(default_factory=lambda: list(SIMPLIFIED_FAMILIES))
    traditional: list[str] = field(default_factory=lambda: list(TRADITIONAL_FAMILIES))
    mono: list[str] = field(default_factory=lambda: list(MONO_FAMILIES))

    def chinese(self, script: str) -> list[str]:
        """The Chinese families for text shown in ``script`` ("simplified" or "traditional"),
        then any other installed font that draws it (so that a Chinese font is the first found)."""
        preferred = self.traditional if script == "traditional" else self.simplified
        return preferred + [f for f in _installed_chinese(script) if f not in preferred]

    def with_chinese_first(self, family: str) -> ReaderFonts:
        """These fonts with ``family`` asked for first for both scripts."""
        return replace(self, simplified=[family, *self.simplified], traditional=[family, *self.traditional])


def _installed_chinese(script: str) -> list[str]:
    system = QFontDatabase.WritingSystem.TraditionalChinese if script == "traditional" else QFontDatabase.WritingSystem.SimplifiedChinese
    return QFontDatabase.families(system)


def has_chinese_font() -> bool:
    """True if some installed (or loaded) font can draw Simplified or Traditional Chinese."""
    systems = (QFontDatabase.WritingSystem.SimplifiedChinese, QFontDatabase.WritingSystem.TraditionalChinese)
    return any(QFontDatabase.families(system) for system in systems)


def missing_font_message() -> str:
    """The one-time notice shown when no font can draw Chinese."""
    return (f"No Chinese font is installed, so Chinese shows as boxes. Install one, for example "
            f"the package {FONT_PACKAGE} (Debian, Ubuntu: sudo apt-get install {FONT_PACKAGE}; "
            f"Fedora: google-noto-sans-cjk-fonts), then restart studyapp.")
