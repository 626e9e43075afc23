"""One window per data folder: a second ``studyapp FILE`` hands FILE to the
running window and exits; a lock and socket left by a crash are taken over.

The processes here are real ``python -m studyapp`` processes (offscreen Qt)
sharing a STUDYAPP_HOME whose cache holds the session's dictionary index.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, QSettings
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QApplication

from studyapp.core import paths
from studyapp.ui.app import after_first_paint
from studyapp.ui.single_instance import LOCK_NAME, SingleInstance, server_name


@pytest.fixture
def home(studyapp_home: Path, language_home: Path) -> Path:
    """This test's STUDYAPP_HOME, its cache the session's (the index is built already)."""
    studyapp_home.mkdir(parents=True, exist_ok=True)
    (studyapp_home / "cache").symlink_to(language_home / "cache", target_is_directory=True)
    return studyapp_home


@pytest.fixture
def other_document(tmp_path: Path) -> Path:
    path = tmp_path / "rain.md"
    path.write_text("It has rained all week.\n\n这个星期一直在下雨。\n", encoding="utf-8")
    return path


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "studyapp", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def socket_file(home: Path) -> Path:
    name = server_name(home / "data")
    return Path(name) if os.path.isabs(name) else Path(QDir.tempPath()) / name


def wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def listening(name: str) -> bool:
    """Whether a live server accepts connections on ``name`` (a stale socket file refuses them)."""
    client = QLocalSocket()
    client.connectToServer(name)
    connected = client.waitForConnected(200)
    client.abort()
    return connected


def start_serving(home: Path) -> subprocess.Popen:
    """A studyapp window process, once it holds the data folder and listens."""
    process = start()
    lock = home / "data" / LOCK_NAME

    def serving() -> bool:
        holder = lock.read_text().split("\n", 1)[0] if lock.exists() else ""
        return holder == str(process.pid) and listening(server_name(home / "data"))

    wait_for(lambda: process.poll() is not None or serving())
    assert process.poll() is None, process.communicate()
    return process


def stop(process: subprocess.Popen) -> tuple[int, str]:
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=90)
    return process.returncode, err


def last_document(home: Path) -> str:
    return str(QSettings(str(home / "data" / "settings.ini"), QSettings.Format.IniFormat).value("recent/last"))


def test_a_second_start_opens_its_file_in_the_running_window_and_raises_it(qtbot, open_sample, home: Path, other_document: Path) -> None:
    window = open_sample()
    instance = SingleInstance(paths.data_dir())
    assert instance.claim() and instance.listen()
    instance.serve(window, window.open_path)
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    second = start(str(other_document))
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=60000)  # the test's event loop answers it
    out, err = second.communicate()
    assert second.returncode == 0 and not out and not err
    assert window.reader.document.path == str(other_document)
    assert not window.isMinimized() and window.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    instance.release()


def test_a_second_start_without_a_file_only_brings_the_window_forward(qtbot, open_sample, home: Path) -> None:
    window = open_sample()
    shown = window.reader.document.path
    instance = SingleInstance(paths.data_dir())
    assert instance.claim() and instance.listen()
    instance.serve(window, window.open_path)
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    second = start()
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=60000)
    assert second.returncode == 0
    assert not window.isMinimized() and window.reader.document.path == shown
    instance.release()


def test_two_studyapp_processes_share_one_window(qapp, home: Path, other_document: Path) -> None:
    first = start_serving(home)
    second = subprocess.run([sys.executable, "-m", "studyapp", str(other_document)], capture_output=True, text=True, timeout=60)
    assert second.returncode == 0 and not second.stderr
    returncode, err = stop(first)
    assert returncode == 0, err
    assert last_document(home) == str(other_document)  # the first window opened it, then closed properly
    assert not (home / "data" / LOCK_NAME).exists()


def test_a_crashed_window_leaves_nothing_in_the_way(qapp, home: Path, other_document: Path) -> None:
    crashed = start_serving(home)
    crashed.kill()  # SIGKILL: no clean-up at all
    crashed.communicate()
    assert (home / "data" / LOCK_NAME).exists() and socket_file(home).exists()
    fresh = start_serving(home)
    handed = subprocess.run([sys.executable, "-m", "studyapp", str(other_document)], capture_output=True, text=True, timeout=60)
    assert handed.returncode == 0 and not handed.stderr
    returncode, err = stop(fresh)
    assert returncode == 0 and "second window" not in err, err
    assert last_document(home) == str(other_document)


def test_garbage_on_the_socket_is_dropped_and_serving_goes_on(qtbot, open_sample, home: Path, other_document: Path) -> None:
    window = open_sample()
    instance = SingleInstance(paths.data_dir())
    assert instance.claim() and instance.listen()
    instance.serve(window, window.open_path)
    for junk in (b"not json\n", b'["open"]\n', b'{"open": 42}\n', b"x" * 70000):
        client = QLocalSocket()
        client.connectToServer(instance.name)
        assert client.waitForConnected(2000)
        client.write(junk)
        client.flush()
        qtbot.waitUntil(lambda c=client: c.state() == QLocalSocket.LocalSocketState.UnconnectedState, timeout=5000)
        assert bytes(client.readAll().data()) == b""
    assert window.reader.document.path != str(other_document)
    second = start(str(other_document))
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=60000)
    assert second.returncode == 0
    assert window.reader.document.path == str(other_document)
    instance.release()


HOLD_LOCK = (
    "import sys, time\n"
    "from PySide6.QtCore import QLockFile\n"
    "lock = QLockFile(sys.argv[1]); assert lock.tryLock(0); print('locked', flush=True)\n"
    "time.sleep(float(sys.argv[2]))\n"
)


def hold_lock(home: Path, seconds: float) -> subprocess.Popen:
    """A process that holds the data folder's lock but never listens (hung, or still starting)."""
    (home / "data").mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(home / "data" / LOCK_NAME), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "locked\n"
    return holder


def test_a_holder_that_never_answers_is_given_up_on(qapp, home: Path) -> None:
    holder = hold_lock(home, 30)
    try:
        instance = SingleInstance(paths.data_dir())
        assert not instance.claim()
        started = time.monotonic()
        assert not instance.hand_over(None, timeout=1.0)
        assert time.monotonic() - started < 5 and not instance.claimed
    finally:
        holder.kill()
        holder.wait()


def test_a_holder_that_dies_while_we_wait_hands_the_folder_over(qapp, home: Path) -> None:
    holder = hold_lock(home, 1.0)
    instance = SingleInstance(paths.data_dir())
    assert not instance.claim()
    assert not instance.hand_over(None, timeout=30)
    assert instance.claimed and holder.wait(10) == 0
    instance.release()


def test_work_deferred_to_the_first_paint_runs_once_after_it(qtbot, open_sample) -> None:
    window = open_sample()
    calls: list[str] = []
    after_first_paint(window, lambda: calls.append("painted"), latest_ms=400)
    window.reader.viewport().repaint()
    qtbot.waitUntil(lambda: calls == ["painted"], timeout=2000)
    qtbot.wait(600)  # the fallback timer has fired meanwhile: nothing runs twice
    assert calls == ["painted"]


def test_work_deferred_to_the_first_paint_runs_even_if_nothing_is_painted(qtbot, open_sample) -> None:
    window = open_sample()
    window.hide()
    calls: list[str] = []
    after_first_paint(window, lambda: calls.append("late"), latest_ms=100)
    qtbot.waitUntil(lambda: calls == ["late"], timeout=2000)
    window.show()
    window.reader.viewport().repaint()
    qtbot.wait(100)
    assert calls == ["late"]
