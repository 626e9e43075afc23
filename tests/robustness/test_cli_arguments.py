"""Command-line mistakes: one line on stderr and exit status 2, never a window or a traceback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from studyapp import __version__, cli
from studyapp.core.study.vocabulary import VocabularyStore
from studyapp.ui.app import sample_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(status: int, err: str, *words: str) -> None:
    assert status == 2 and err.count("\n") == 1 and err.startswith("studyapp: error: "), err
    assert all(word in err for word in words), err


@pytest.fixture
def dictionary_home(monkeypatch: pytest.MonkeyPatch, language_home: Path) -> Path:
    monkeypatch.setenv("STUDYAPP_HOME", str(language_home))  # the session's index: nothing to build
    return language_home


@pytest.mark.parametrize("word", ["", "   "])
def test_looking_up_nothing(capsys, word: str) -> None:
    assert_one_line_error(*run(capsys, "lookup", word)[::2], "look up")


@pytest.mark.parametrize("argv", [["pairs", "--bogus"], ["export", "--format", "docx", "--output", "x"], ["vocab", "add"], ["lookup"],
                                  ["--pinyin", "sometimes"], ["vocab", "list", "--status", "forgotten"]])
def test_argument_errors_are_one_line(capsys, argv: list[str]) -> None:
    status, out, err = run(capsys, *argv)
    assert_one_line_error(status, err)
    assert out == ""


@pytest.mark.parametrize("width", ["-5", "0", "abc", "100000"])
def test_a_screenshot_needs_a_sensible_size(capsys, tmp_path: Path, width: str) -> None:
    out = tmp_path / "shot.png"
    assert_one_line_error(*run(capsys, str(sample_path()), "--screenshot", str(out), "--width", width)[::2], "--width")
    assert not out.exists()


@pytest.mark.parametrize(("option", "value", "words"), [("--zoom", "24", "25 to 400"), ("--zoom", "2.5", "whole percentage"),
                                                      ("--height", "8193", "100 to 8192"), ("--width", "wide", "pixels")])
def test_a_number_out_of_range_names_its_option_and_range(capsys, tmp_path: Path, option: str, value: str, words: str) -> None:
    out = tmp_path / "shot.png"
    assert_one_line_error(*run(capsys, str(sample_path()), "--screenshot", str(out), option, value)[::2], option, words)
    assert not out.exists()


def run_window_command(home: Path, *argv: str) -> tuple[int, str]:
    """A command that would start the window when its arguments pass: in a process of its own, in case it does."""
    result = subprocess.run([sys.executable, "-m", "studyapp", *argv], capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, STUDYAPP_HOME=str(home)), cwd=home.parent)
    return result.returncode, "".join(line for line in result.stderr.splitlines(keepends=True)
                                      if not line.startswith("This plugin does not support"))  # Qt's offscreen plugin


@pytest.mark.parametrize("option", [["--lookup", "杭州"], ["--width", "900"]])
def test_screenshot_options_without_a_screenshot(studyapp_home: Path, option: list[str]) -> None:
    assert_one_line_error(*run_window_command(studyapp_home, str(sample_path()), *option), "--screenshot")


def test_a_word_that_is_not_on_the_first_page(tmp_path: Path, language_home: Path) -> None:
    out = tmp_path / "shot.png"
    assert_one_line_error(*run_window_command(language_home, str(sample_path()), "--screenshot", str(out), "--lookup", "量子力学"),
                          "量子力学", "first page")
    assert not out.exists()


@pytest.mark.parametrize(("argv", "words"), [(["frobnicate"], ["frobnicate", "commands"]), (["lookpu", "关税"], ["lookpu", "did you mean lookup"])])
def test_a_mistyped_command_does_not_open_the_window(studyapp_home: Path, argv: list[str], words: list[str]) -> None:
    status, err = run_window_command(studyapp_home, *argv)
    assert_one_line_error(status, err, *words)
    assert "关税" not in err


def test_a_missing_document_is_one_line(studyapp_home: Path) -> None:
    assert_one_line_error(*run_window_command(studyapp_home, str(studyapp_home / "missing.md")), "No such file")


def test_restoring_a_folder_says_it_is_a_folder(capsys, tmp_path: Path) -> None:
    assert_one_line_error(*run(capsys, "vocab", "restore", str(tmp_path))[::2], "is a folder")


def test_restoring_a_database_that_is_not_a_vocabulary_says_so_plainly(capsys, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t(x)")
    status, _, err = run(capsys, "vocab", "restore", str(other))
    assert_one_line_error(status, err, "not a studyapp vocabulary backup")
    assert "schema" not in err


def test_a_backup_into_a_missing_folder_is_refused_like_an_export(capsys, tmp_path: Path) -> None:
    target = tmp_path / "nonexistent" / "dir" / "copy.sqlite3"
    assert_one_line_error(*run(capsys, "vocab", "backup", str(target))[::2], "does not exist")
    assert not (tmp_path / "nonexistent").exists()


def test_a_folder_where_the_vocabulary_belongs(capsys, studyapp_home: Path) -> None:
    (studyapp_home / "data" / "vocabulary.sqlite3").mkdir(parents=True)
    status, _, err = run(capsys, "vocab", "list")
    assert_one_line_error(status, err, "is a folder")
    assert "another program" not in err


def _make_read_only(folder: Path) -> None:
    """chmod for a normal user; root ignores permissions, so the folder is made immutable (chattr +i)."""
    folder.chmod(0o555)
    if os.access(folder, os.W_OK) and os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    probe = folder / ".probe"
    try:
        probe.touch()
    except OSError:
        return
    probe.unlink()
    pytest.skip("this system cannot make a folder read-only for this user (root without chattr)")


@pytest.mark.parametrize("existing", [False, True])
def test_a_read_only_data_folder(capsys, studyapp_home: Path, existing: bool) -> None:
    data = studyapp_home / "data"
    data.mkdir(parents=True)
    if existing:
        VocabularyStore.open(data / "vocabulary.sqlite3").close()
    _make_read_only(data)
    try:
        status, _, err = run(capsys, "vocab", "list")
    finally:
        subprocess.run(["chattr", "-i", str(data)], capture_output=True)
        data.chmod(0o755)
    assert_one_line_error(status, err, "read-only")
    assert "another program" not in err


def test_lookup_shows_an_entry_once_and_levels_as_the_window_does(capsys, dictionary_home: Path) -> None:
    status, out, _ = run(capsys, "lookup", "了解")
    assert status == 0 and out.count("liǎo jiě") == 1 and out.splitlines()[0] == "了解 (瞭解)  liǎo jiě  HSK 3"
    status, out, _ = run(capsys, "lookup", "一举")
    assert status == 0 and "HSK 7-9" in out.splitlines()[0]


def test_version(capsys) -> None:
    assert run(capsys, "--version")[:2] == (0, f"studyapp {__version__}\n")
