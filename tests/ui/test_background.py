"""BackgroundOp: work in a thread, its reports, result and errors back on the GUI thread;
cancelled work delivers nothing; a held Gate stops work at its next checkpoint."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject

from studyapp.ui.background import BackgroundOp, Gate


def test_reports_and_result_arrive_on_the_gui_thread_in_order(qtbot) -> None:
    owner = QObject()
    seen: list[tuple[str, object, bool]] = []
    gui = threading.get_ident()

    def work(op: BackgroundOp[int]) -> int:
        assert threading.get_ident() != gui
        for n in range(3):
            op.report(n)
        return 42

    op: BackgroundOp[int] = BackgroundOp(owner, work)
    op.on_report(lambda n: seen.append(("report", n, threading.get_ident() == gui)))
    op.on_success(lambda result: seen.append(("result", result, threading.get_ident() == gui)))
    op.on_finished(lambda: seen.append(("finished", None, threading.get_ident() == gui)))
    op.start()
    qtbot.waitUntil(lambda: len(seen) == 5, timeout=5000)
    assert seen == [("report", 0, True), ("report", 1, True), ("report", 2, True), ("result", 42, True), ("finished", None, True)]
    assert not op.is_running() and op.wait(0)


def test_an_error_is_delivered_not_raised(qtbot) -> None:
    owner = QObject()
    errors: list[Exception] = []

    def work(op: BackgroundOp[None]) -> None:
        raise ValueError("no such file")

    op: BackgroundOp[None] = BackgroundOp(owner, work)
    op.on_failure(errors.append).start()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "no such file"


def test_cancelled_work_stops_at_its_checkpoint_and_delivers_nothing(qtbot) -> None:
    owner = QObject()
    steps: list[int] = []
    delivered: list[object] = []
    started = threading.Event()

    def work(op: BackgroundOp[str]) -> str:
        while op.checkpoint():
            started.set()
            steps.append(1)
            op.report(len(steps))
            time.sleep(0.005)
        return "done"

    op: BackgroundOp[str] = BackgroundOp(owner, work)
    op.on_report(delivered.append).on_success(delivered.append)
    op.start()
    assert started.wait(5)
    op.cancel()
    assert op.wait(5000)
    count = len(steps)
    qtbot.wait(50)  # the reports queued before the cancel reach the GUI thread now, and are dropped
    assert delivered == [] and len(steps) == count


def test_a_held_gate_pauses_work_at_its_next_checkpoint(qtbot) -> None:
    owner = QObject()
    gate = Gate()
    steps: list[float] = []

    def work(op: BackgroundOp[None]) -> None:
        while op.checkpoint() and len(steps) < 200:
            steps.append(time.monotonic())
            time.sleep(0.002)

    op: BackgroundOp[None] = BackgroundOp(owner, work, gate)
    op.start()
    qtbot.waitUntil(lambda: len(steps) > 3, timeout=5000)
    gate.hold(0.3)
    held_at = time.monotonic()
    time.sleep(0.15)
    assert len([t for t in steps if t > held_at]) <= 1  # at most the step under way when the gate closed
    qtbot.waitUntil(lambda: len([t for t in steps if t > held_at]) > 3, timeout=5000)  # and on it goes after
    op.cancel()
    gate.release()
    assert op.wait(5000)
