"""The real window: ``studyapp`` on the bundled sample with Qt's xcb platform
(not offscreen) on an X server (Xvfb), as a user's desktop would run it.

It waits until the document is on the screen, grabs the X server's pixels,
checks the reader shows lines of English (letters, not the boxes drawn when
no font is installed) and of Chinese, then asks the process
to stop (SIGTERM, as a desktop session does at logout) and checks it closed
properly. A missing system library of Qt's xcb plugin fails this test. It is
skipped only where no X server can be started (no Xvfb; or .ci/run could not
install it and says why in STUDYAPP_NO_X_SERVER).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from studyapp.ui.app import sample_path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from virtual_screen import ReaderOnScreen, VirtualScreen, XServerUnavailable, read_screen, window_rect


@pytest.fixture
def screen():
    reason = os.environ.get("STUDYAPP_NO_X_SERVER")
    if reason:
        pytest.skip(f"no X server: {reason}")
    virtual = VirtualScreen()
    try:
        virtual.start()
    except XServerUnavailable as exc:
        pytest.skip(f"no X server can be started here: {exc}")
    yield virtual
    virtual.stop()


def wait_for_document(screen: VirtualScreen, app: subprocess.Popen, out: Path, timeout: float = 90.0):
    """Grab the screen until the reader shows the document (or the app died, or time ran out)."""
    deadline = time.monotonic() + timeout
    while True:
        image = screen.grab(out)
        seen: ReaderOnScreen = read_screen(image)
        if seen.shows_document or app.poll() is not None or time.monotonic() > deadline:
            return image, seen
        time.sleep(0.2)


def test_studyapp_shows_the_sample_in_a_real_x11_window(screen: VirtualScreen, tmp_path: Path, language_home: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "cache").symlink_to(language_home / "cache", target_is_directory=True)  # the index is built once per session
    env = screen.environment()
    env["STUDYAPP_HOME"] = str(home)
    app = subprocess.Popen([sys.executable, "-m", "studyapp", str(sample_path())], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        image, seen = wait_for_document(screen, app, tmp_path / "screen.png")
        assert app.poll() is None, f"studyapp exited with status {app.returncode}: {app.communicate()[1][-3000:]}"
        left, top, right, bottom = window_rect(image)
        assert right - left >= 1000 and bottom - top >= 600, f"no window on the screen: {tmp_path / 'screen.png'}"
        assert seen.shows_document, f"{seen} in {tmp_path / 'screen.png'}"
        app.send_signal(signal.SIGTERM)
        _out, err = app.communicate(timeout=120)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert app.returncode == 0, err
    assert not err.strip(), err
    settings = QSettings(str(home / "data" / "settings.ini"), QSettings.Format.IniFormat)
    assert settings.value("window/geometry") is not None  # closed the way a user closes it
    assert settings.value("recent/last") == str(sample_path().resolve())
