"""The freedesktop launcher: a ``.desktop`` entry and the icon, installed
into the user's XDG data directory (no root, no system files).

``studyapp --install-desktop`` writes::

    $XDG_DATA_HOME/applications/studyapp.desktop          (~/.local/share by default)
    $XDG_DATA_HOME/icons/hicolor/scalable/apps/studyapp.svg
    $XDG_DATA_HOME/icons/hicolor/NxN/apps/studyapp.png    for N in ICON_SIZES

and ``--uninstall-desktop`` removes exactly those files. The entry starts the
command that installed it (a venv's ``studyapp``, ``python -m studyapp``, or
the standalone build's executable), so the launcher works without the venv
on ``PATH``, and it declares the file types studyapp opens (``MimeType``).

This module is plain Python; ``studyapp.ui.app_icon`` turns the same icon
files into the window's QIcon.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from studyapp.core.errors import StudyappError

APP_ID = "studyapp"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# The types of the files File > Open offers, as shared-mime-info names them.
MIME_TYPES_BY_SUFFIX = {
    ".md": "text/markdown", ".markdown": "text/markdown", ".txt": "text/plain",
    ".epub": "application/epub+zip",
    ".html": "text/html", ".htm": "text/html", ".xhtml": "application/xhtml+xml",
    ".srt": "application/x-subrip", ".vtt": "text/vtt", ".ass": "text/x-ssa", ".ssa": "text/x-ssa",
}
MIME_TYPES = tuple(dict.fromkeys([*MIME_TYPES_BY_SUFFIX.values(), "text/x-markdown"]))  # + markdown's older name
_RESERVED_IN_EXEC = set(" \t\n\"'\\><~|&;$*?#()`")


def icon_folder() -> Path:
    """The bundled icon: ``studyapp.svg`` and its renderings ``studyapp-N.png``."""
    return Path(str(resources.files("studyapp.resources").joinpath("icons")))


def icon_svg() -> Path:
    return icon_folder() / f"{APP_ID}.svg"


def icon_png(size: int) -> Path:
    return icon_folder() / f"{APP_ID}-{size}.png"


def data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset or not absolute (XDG spec)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def launch_command() -> list[str]:
    """The command that starts this studyapp: the frozen executable, the
    ``studyapp`` script that is running, or this Python with ``-m studyapp``."""
    if getattr(sys, "frozen", False):
        return [os.path.abspath(sys.executable)]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == APP_ID and script.is_file():
        return [str(script.resolve())]
    return [os.path.abspath(sys.executable), "-m", APP_ID]


def quote_exec_argument(argument: str) -> str:
    """One argument of an ``Exec`` key, quoted as the Desktop Entry spec asks.

    ``/opt/my apps/studyapp`` -> ``"/opt/my apps/studyapp"``; inside quotes
    double quote, backtick, ``$`` and backslash are backslash-escaped; ``%`` is doubled
    (``%%``) so it is not read as a field code.
    """
    argument = argument.replace("%", "%%")
    if not any(c in _RESERVED_IN_EXEC for c in argument):
        return argument
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    return f'"{escaped}"'


def escape_string(value: str) -> str:
    """A string value of a desktop entry: ``\\``, newline, tab and CR escaped (applied after Exec quoting)."""
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def desktop_entry(command: list[str]) -> str:
    """The text of studyapp.desktop for a launcher running ``command``."""
    exec_line = " ".join(quote_exec_argument(a) for a in command) + " %f"
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        "Name=studyapp",
        "GenericName=Bilingual Chinese Reader",
        "Comment=Read English-Chinese texts side by side, look words up, save them as flashcards",
        "Keywords=Chinese;English;Mandarin;dictionary;pinyin;flashcards;Anki;reader;",
        f"Exec={escape_string(exec_line)}",
        f"TryExec={escape_string(command[0])}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Education;Languages;",
        "MimeType=" + "".join(f"{m};" for m in MIME_TYPES),
        f"StartupWMClass={APP_ID}",
        "StartupNotify=true",
        "",
    ])


@dataclass(frozen=True)
class DesktopFiles:
    """Where the launcher's files go under one XDG data directory."""

    root: Path

    @property
    def entry(self) -> Path:
        return self.root / "applications" / f"{APP_ID}.desktop"

    @property
    def svg(self) -> Path:
        return self.root / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"

    def png(self, size: int) -> Path:
        return self.root / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"

    def all(self) -> list[Path]:
        return [self.entry, self.svg] + [self.png(size) for size in ICON_SIZES]


def install(root: Path | None = None, command: list[str] | None = None) -> list[Path]:
    """Write the entry and the icons; returns the files written."""
    files = DesktopFiles(root or data_home())
    _write(files.entry, desktop_entry(command or launch_command()).encode("utf-8"))
    _write(files.svg, icon_svg().read_bytes())
    for size in ICON_SIZES:
        _write(files.png(size), icon_png(size).read_bytes())
    _refresh_caches(files.root)
    return files.all()


def uninstall(root: Path | None = None) -> list[Path]:
    """Remove what ``install`` wrote; returns the files that were there."""
    files = DesktopFiles(root or data_home())
    removed = [path for path in files.all() if path.is_file()]
    for path in removed:
        try:
            path.unlink()
        except OSError as exc:
            raise StudyappError(f"Cannot remove {path}: {exc.strerror or exc}") from exc
    if removed:
        _refresh_caches(files.root)
    return removed


def run(uninstalling: bool) -> int:
    """``studyapp --install-desktop`` / ``--uninstall-desktop``: do it and say what was done."""
    if uninstalling:
        removed = uninstall()
        print(f"removed {len(removed)} files of the studyapp launcher" if removed else "the studyapp launcher was not installed")
        return 0
    files = DesktopFiles(data_home())
    install()
    print(f"installed the launcher {files.entry}")
    print(f"  starts: {' '.join(launch_command())}")
    print(f"  icons: {files.svg.parents[2]}/*/apps/{APP_ID}.*")
    return 0


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file moved into place."""
    from studyapp.core.atomic_file import write_atomically

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StudyappError(f"Cannot write {path}: {exc.strerror or exc}") from exc
    write_atomically(path, lambda temporary: temporary.write_bytes(data))


def _refresh_caches(root: Path) -> None:
    """Let menus see the change now: the desktop database (MIME types) and the icon theme's mtime."""
    tool = shutil.which("update-desktop-database")
    if tool:
        subprocess.run([tool, "-q", str(root / "applications")], check=False, capture_output=True)
    hicolor = root / "icons" / "hicolor"
    if hicolor.is_dir():
        os.utime(hicolor)
