"""One studyapp window per data folder.

The first studyapp started on a data folder *claims* it: it holds a lock file
there (``QLockFile``; a lock left by a process that crashed is taken over)
and, once its window exists, listens on a local socket. A later
``studyapp [FILE]`` on the same data folder finds the lock taken, *hands
over* FILE through the socket and exits; the running window opens FILE and
comes to the front. Only the lock holder listens, so a socket file that a
crash left behind is removed before listening without any risk of cutting
off a live window.

The exchange is one line each way::

    client -> server   {"open": "/home/me/book.md"}\\n     ("open": null only raises the window)
    server -> client   ok\\n

The socket lives in ``$XDG_RUNTIME_DIR`` (private to the user) when there is
one, else in the temporary folder, restricted to the user.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_NAME = "instance.lock"
HAND_OVER_SECONDS = 10.0  # how long a second start waits for the first to listen
MAX_MESSAGE_BYTES = 64 * 1024
IDLE_CLIENT_MS = 5000


def server_name(data_folder: Path) -> str:
    """The socket for ``data_folder``: one per user and data folder."""
    digest = hashlib.sha1(str(data_folder.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    name = f"studyapp-{os.getuid()}-{digest}"
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime) and os.access(runtime, os.W_OK):
        return os.path.join(runtime, name + ".socket")
    return name


def bring_to_front(window: QWidget) -> None:
    """Show ``window`` un-minimised, above the others, and ask for the focus."""
    if window.isMinimized():
        window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()


class SingleInstance(QObject):
    """The claim on a data folder, the hand-over to its holder, and the holder's server."""

    open_requested = Signal(str)  # an absolute path, or "" to only raise the window

    def __init__(self, data_folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_folder)
        self._lock = QLockFile(str(data_folder / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, however old
        self._server: QLocalServer | None = None

    # --- the second start ------------------------------------------------------------

    def claim(self) -> bool:
        """Become the data folder's window; False if a live studyapp holds it."""
        return self._lock.tryLock(0)

    @property
    def claimed(self) -> bool:
        return self._lock.isLocked()

    def release(self) -> None:
        """Stop serving and give the data folder up (at exit)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def hand_over(self, file: str | None, timeout: float = HAND_OVER_SECONDS) -> bool:
        """Ask the holder to open ``file`` (or just to come forward). Waits while the
        holder is still starting; False if it never answers (or was left by a crash
        and this process has claimed the folder instead)."""
        message = json.dumps({"open": str(Path(file).absolute()) if file else None}).encode() + b"\n"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._send(message, max(1, int((deadline - time.monotonic()) * 1000))):
                return True
            if self.claim():  # the holder died while we waited
                return False
            time.sleep(0.05)
        return False

    def _send(self, message: bytes, timeout_ms: int) -> bool:
        from PySide6.QtNetwork import QLocalSocket  # QtNetwork only on a second start or once the window is up

        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(min(timeout_ms, 1000)):
            return False
        socket.write(message)
        socket.waitForBytesWritten(timeout_ms)
        reply = b""
        while b"\n" not in reply and socket.waitForReadyRead(timeout_ms):
            reply += bytes(socket.readAll().data())
        socket.abort()
        return reply.startswith(b"ok\n")

    # --- the window's side -------------------------------------------------------------

    def listen(self) -> bool:
        """Serve hand-overs (only after ``claim``); False if the socket cannot be made."""
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.name)  # left by a crash: we hold the lock, so nobody serves it
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            return False
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server
        return True

    def serve(self, window: QWidget, open_path: Callable[[str], object]) -> None:
        """Hand-overs open their file with ``open_path`` and bring ``window`` forward."""
        def on_open_requested(path: str) -> None:
            bring_to_front(window)
            if path:
                open_path(path)

        self.open_requested.connect(on_open_requested)

    def _on_server_new_connection(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            client = self._server.nextPendingConnection()
            received = bytearray()
            client.readyRead.connect(lambda c=client, r=received: self._on_client_ready_read(c, r))
            client.disconnected.connect(client.deleteLater)
            QTimer.singleShot(IDLE_CLIENT_MS, client, client.abort)  # a client that never finishes

    def _on_client_ready_read(self, client: QLocalSocket, received: bytearray) -> None:
        received += bytes(client.readAll().data())
        if b"\n" not in received:
            if len(received) > MAX_MESSAGE_BYTES:
                client.abort()
            return
        try:
            request = json.loads(received[: received.index(b"\n")].decode("utf-8"))
            path = request.get("open") or ""
            if not isinstance(path, str):
                raise ValueError("open must be a path or null")
        except (ValueError, AttributeError):
            client.abort()
            return
        client.write(b"ok\n")
        client.flush()
        client.disconnectFromServer()
        self.open_requested.emit(path)
