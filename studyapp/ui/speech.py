"""Pronunciation through Qt's text-to-speech, when a Chinese voice exists.

QtTextToSpeech needs system speech libraries; where they or a Chinese voice
are missing, ``Speaker.available`` is False and the window hides the button.
"""

from __future__ import annotations


class Speaker:
    def __init__(self) -> None:
        self._engine = None
        try:
            from PySide6.QtCore import QLocale
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError:
            return
        try:
            engine = QTextToSpeech()
            voices = [v for v in engine.availableVoices() if v.locale().language() == QLocale.Language.Chinese]
            if voices:
                engine.setVoice(voices[0])
                self._engine = engine
        except Exception:  # a broken speech backend must not stop the app
            self._engine = None

    @property
    def available(self) -> bool:
        return self._engine is not None

    def say(self, text: str) -> None:
        if self._engine is not None:
            self._engine.say(text)
