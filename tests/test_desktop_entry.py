"""studyapp --install-desktop / --uninstall-desktop: the launcher, its icon
and the file types, in the user's XDG data directory."""

from __future__ import annotations

import configparser
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from studyapp import desktop_entry
from studyapp.cli import main
from studyapp.desktop_entry import ICON_SIZES, DesktopFiles, icon_png, icon_svg

GLOBS = Path("/usr/share/mime/globs2")  # shared-mime-info: weight:type:glob


@pytest.fixture
def xdg_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(root))
    return root


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_install_writes_the_entry_and_every_icon_size(xdg_data: Path, capsys) -> None:
    assert main(["--install-desktop"]) == 0
    files = DesktopFiles(xdg_data)
    entry = read_entry(xdg_data / "applications" / "studyapp.desktop")
    assert entry["Type"] == "Application" and entry["Icon"] == "studyapp" and entry["Terminal"] == "false"
    assert entry["Exec"].endswith(" %f")
    assert {"text/markdown", "text/plain"} <= set(entry["MimeType"].split(";"))
    assert files.svg.read_bytes() == icon_svg().read_bytes()
    for size in ICON_SIZES:
        assert files.png(size) == xdg_data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "studyapp.png"
        assert files.png(size).read_bytes() == icon_png(size).read_bytes()
    assert "installed the launcher" in capsys.readouterr().out


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-validate (desktop-file-utils) is not installed")
@pytest.mark.parametrize("command", [["/usr/bin/studyapp"], ["/opt/my apps/$HOME's \"quoted\" 100%/studyapp"], [sys.executable, "-m", "studyapp"]])
def test_the_entry_passes_desktop_file_validate(tmp_path: Path, command: list[str]) -> None:
    desktop_entry.install(tmp_path, command)
    done = subprocess.run(["desktop-file-validate", str(tmp_path / "applications" / "studyapp.desktop")], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("gio") is None, reason="gio (libglib2.0-bin) is not installed to launch the entry")
def test_launching_the_entry_runs_the_command_with_the_file(tmp_path: Path) -> None:
    """The Exec quoting survives a real launcher: paths with spaces, quotes and $.
    (Not %: GLib looks for the program before undoing %%, so a program path
    holding % cannot be launched by GLib even though the entry is valid.)"""
    folder = tmp_path / "my apps $HOME 'it' \"is\""
    folder.mkdir()
    record = tmp_path / "argv.json"
    script = folder / "studyapp"
    script.write_text(f"#!{sys.executable}\nimport json, sys\nopen({str(record)!r}, 'w').write(json.dumps(sys.argv[1:]))\n")
    script.chmod(0o755)
    document = tmp_path / "a book & 100% notes.md"
    document.write_text("text", encoding="utf-8")
    desktop_entry.install(tmp_path / "data", [str(script), "--flag with space"])
    subprocess.run(["gio", "launch", str(tmp_path / "data" / "applications" / "studyapp.desktop"), str(document)], check=True, timeout=30)
    for _ in range(100):
        if record.exists() and record.read_text():
            break
        subprocess.run(["sleep", "0.1"])
    assert json.loads(record.read_text()) == ["--flag with space", str(document)]


def test_the_command_line_script_installs_itself(xdg_data: Path) -> None:
    script = Path(sys.executable).parent / "studyapp"
    if not script.is_file():
        pytest.skip("studyapp is not installed as a script beside this Python")
    done = subprocess.run([str(script), "--install-desktop"], capture_output=True, text=True, timeout=60,
                          env={"XDG_DATA_HOME": str(xdg_data), "PATH": "/usr/bin:/bin", "HOME": str(xdg_data)})
    assert done.returncode == 0, done.stderr
    entry = read_entry(xdg_data / "applications" / "studyapp.desktop")
    assert entry["Exec"] == f"{script.resolve()} %f" and entry["TryExec"] == str(script.resolve())


def test_python_m_studyapp_installs_python_with_the_module(xdg_data: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "studyapp", "--install-desktop"], capture_output=True, text=True, timeout=60,
                          env={"XDG_DATA_HOME": str(xdg_data), "PATH": "/usr/bin:/bin", "HOME": str(xdg_data)})
    assert done.returncode == 0, done.stderr
    assert read_entry(xdg_data / "applications" / "studyapp.desktop")["Exec"].endswith(" -m studyapp %f")


def test_every_file_type_the_window_opens_is_declared() -> None:
    from studyapp.ui.open_dialogs import FILE_FILTER

    suffixes = set(re.findall(r"\*(\.\w+)", FILE_FILTER.split(";;")[0]))
    assert suffixes and suffixes == set(desktop_entry.MIME_TYPES_BY_SUFFIX)
    entry = desktop_entry.desktop_entry(["/usr/bin/studyapp"])
    declared = set(re.search(r"^MimeType=(.*)$", entry, re.M).group(1).split(";")) - {""}
    assert set(desktop_entry.MIME_TYPES_BY_SUFFIX.values()) <= declared


@pytest.mark.skipif(not GLOBS.is_file(), reason="shared-mime-info is not installed")
def test_the_declared_types_are_the_desktop_names_of_those_files() -> None:
    globs = {tuple(line.split(":")[1:3]) for line in GLOBS.read_text(encoding="utf-8").splitlines() if not line.startswith("#")}
    for suffix, mime_type in desktop_entry.MIME_TYPES_BY_SUFFIX.items():
        assert (mime_type, f"*{suffix}") in globs, (suffix, mime_type)


def test_uninstall_removes_exactly_what_install_wrote(xdg_data: Path, capsys) -> None:
    other = xdg_data / "applications" / "other.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\n", encoding="utf-8")
    main(["--install-desktop"])
    assert main(["--uninstall-desktop"]) == 0
    assert not any(path.exists() for path in DesktopFiles(xdg_data).all())
    assert other.exists()
    assert "removed 10 files" in capsys.readouterr().out
    assert main(["--uninstall-desktop"]) == 0
    assert "was not installed" in capsys.readouterr().out


def test_an_unwritable_data_folder_is_one_error_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert main(["--install-desktop"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("studyapp: error: Cannot write ") and err.count("\n") == 1


def test_a_relative_xdg_data_home_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")
    assert desktop_entry.data_home() == tmp_path / ".local" / "share"
