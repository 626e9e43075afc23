"""Closing the window properly when the process is asked to stop.

SIGTERM (logging out, ``kill``, a service manager) and SIGINT (Ctrl+C in the
terminal that started studyapp) close the window as the user would, so the
reading position and window geometry are saved, and the process exits with
status 0. Python runs signal handlers only between bytecodes, never while
Qt's event loop waits in C++; ``signal.set_wakeup_fd`` writes to a socket
that a QSocketNotifier watches, which wakes the loop so the handler runs.
"""

from __future__ import annotations

import signal
import socket
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class TerminationHandler(QObject):
    """Installed for the life of ``window``; ``uninstall`` restores the defaults."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._wake_read, self._wake_write = socket.socketpair()
        for end in (self._wake_read, self._wake_write):
            end.setblocking(False)
        self._notifier = QSocketNotifier(self._wake_read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_notifier_activated)
        self._previous_wakeup = signal.set_wakeup_fd(self._wake_write.fileno())
        self._previous = {number: signal.signal(number, self._on_signal) for number in (signal.SIGTERM, signal.SIGINT)}

    def uninstall(self) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_wakeup)
        self._notifier.setEnabled(False)
        self._wake_read.close()
        self._wake_write.close()

    def _on_notifier_activated(self) -> None:
        try:
            self._wake_read.recv(64)  # the signal numbers; the handler has run by now
        except BlockingIOError:
            pass

    def _on_signal(self, number: int, frame: FrameType | None) -> None:
        QTimer.singleShot(0, self._close)

    def _close(self) -> None:
        self._window.close()
        QApplication.quit()
