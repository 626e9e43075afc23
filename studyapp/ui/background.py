"""BackgroundOp: the one way slow work runs off the GUI thread.

The work is a plain function run in a worker thread; it may ``report``
values on the way and checks ``cancelled`` between steps. Its reports, its
result and any exception come back on the GUI thread, as calls of the
callbacks given; after ``cancel`` nothing more is delivered. The work never
touches widgets. Modelled on Anki's QueryOp. Example::

    BackgroundOp(dialog, lambda op: export_words(store, request)) \\
        .on_success(dialog.show_result).on_failure(dialog.show_error).start()

Work that runs while the learner clicks passes a ``Gate``: the window holds
it while it answers a click, and the work waits at its next ``checkpoint``
so that the GUI thread has the interpreter to itself.

``prefer_gui_thread`` is called once at start-up: workers are pure Python
and hold the GIL between switches, and a short switch interval keeps the GUI
thread from queueing behind them at every Python <-> Qt crossing.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QThread, Signal, Slot

T = TypeVar("T")

#: Python's default is 5 ms; clicks and paints cross between Python and Qt hundreds of times.
GIL_SWITCH_SECONDS = 0.0005


def prefer_gui_thread() -> None:
    """Let the GUI thread take the GIL back from workers quickly (call once at start-up)."""
    sys.setswitchinterval(GIL_SWITCH_SECONDS)


class Gate:
    """Held by the GUI thread while it answers the learner; background work waits at its checkpoints.

    A hold ends by itself after ``seconds`` (a click is answered in well under that).
    """

    def __init__(self) -> None:
        self._until = 0.0

    def hold(self, seconds: float = 0.12) -> None:
        self._until = max(self._until, time.monotonic() + seconds)

    def release(self) -> None:
        self._until = 0.0

    def wait_open(self) -> None:
        """Sleep (without the GIL) while the gate is held."""
        while (left := self._until - time.monotonic()) > 0:
            time.sleep(min(left, 0.02))


class _Thread(QThread):
    reported = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, op: BackgroundOp[Any]) -> None:
        super().__init__(op)
        self._op = op

    def run(self) -> None:
        try:
            self.succeeded.emit(self._op._work(self._op))
        except Exception as exc:  # delivered to the GUI thread; the app keeps running
            self.failed.emit(exc)


class BackgroundOp(QObject, Generic[T]):
    """Runs ``work(op)`` in a thread; callbacks run on the GUI thread (see the module docstring)."""

    def __init__(self, parent: QObject, work: Callable[[BackgroundOp[T]], T], gate: Gate | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._gate = gate
        self._on_success: Callable[[T], None] = lambda result: None
        self._on_failure: Callable[[Exception], None] = _print_failure
        self._on_report: Callable[[Any], None] = lambda value: None
        self._on_finished: Callable[[], None] = lambda: None
        self._cancelled = False
        self._finished = False
        self._thread = _Thread(self)
        self._thread.reported.connect(self._deliver_report)
        self._thread.succeeded.connect(self._deliver_success)
        self._thread.failed.connect(self._deliver_failure)
        self._thread.finished.connect(self._on_thread_finished)
        self._alive: BackgroundOp[T] | None = None  # keeps the op while its thread runs

    # --- set-up ---------------------------------------------------------------

    def on_success(self, callback: Callable[[T], None]) -> BackgroundOp[T]:
        self._on_success = callback
        return self

    def on_failure(self, callback: Callable[[Exception], None]) -> BackgroundOp[T]:
        self._on_failure = callback
        return self

    def on_report(self, callback: Callable[[Any], None]) -> BackgroundOp[T]:
        self._on_report = callback
        return self

    def on_finished(self, callback: Callable[[], None]) -> BackgroundOp[T]:
        """Called on the GUI thread once the thread has ended, whatever happened."""
        self._on_finished = callback
        return self

    def start(self) -> BackgroundOp[T]:
        self._alive = self
        self._thread.start()
        return self

    # --- from the work function (worker thread) -----------------------------

    def report(self, value: Any) -> None:
        """Send ``value`` to the ``on_report`` callback (on the GUI thread)."""
        if not self._cancelled:
            self._thread.reported.emit(value)

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def checkpoint(self) -> bool:
        """Between two steps of the work: wait while the gate is held; False once cancelled."""
        if self._gate is not None and not self._cancelled:
            self._gate.wait_open()
        return not self._cancelled

    # --- from the GUI thread ------------------------------------------------

    def cancel(self) -> None:
        """Ask the work to stop; nothing it reports or returns is delivered any more."""
        self._cancelled = True

    def is_running(self) -> bool:
        return not self._finished and self._thread.isRunning()

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until the thread ended (True) or ``timeout_ms`` passed (False)."""
        if self._finished:
            return True
        return self._thread.wait() if timeout_ms < 0 else self._thread.wait(timeout_ms)

    @Slot(object)
    def _deliver_report(self, value: Any) -> None:
        if not self._cancelled:
            self._on_report(value)

    @Slot(object)
    def _deliver_success(self, result: T) -> None:
        if not self._cancelled:
            self._on_success(result)

    @Slot(object)
    def _deliver_failure(self, exc: Exception) -> None:
        if not self._cancelled:
            self._on_failure(exc)

    @Slot()
    def _on_thread_finished(self) -> None:
        self._thread.wait()  # finished is emitted just before the thread really ends
        self._finished = True
        self._alive = None
        self._on_finished()
        self.deleteLater()  # with its thread; the Python object only answers is_running/wait now


def _print_failure(exc: Exception) -> None:
    traceback.print_exception(exc, file=sys.stderr)
