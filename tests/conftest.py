"""Shared test set-up: offscreen Qt, a private STUDYAPP_HOME per test, fixture paths, the CLI run in-process."""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

# Before anything imports Qt: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_1de13378f93a8aba.txt"


@pytest.fixture(autouse=True)
def studyapp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data and cache directories."""
    home = tmp_path / "studyapp-home"
    monkeypatch.setenv("STUDYAPP_HOME", str(home))
    return home


@pytest.fixture
def seed_path() -> Path:
    """The user's real example document; tests using it skip when it is absent."""
    for candidate in (SEED, Path(os.environ.get("STUDYAPP_SEED", "/nonexistent"))):
        if candidate.is_file():
            return candidate
    pytest.skip("the user's seed document is not available here")


@pytest.fixture(scope="session")
def language_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A STUDYAPP_HOME whose CC-CEDICT index is built once for the whole session."""
    from studyapp.core.language.dictionary import Dictionary

    home = tmp_path_factory.mktemp("language-home")
    Dictionary.open(home / "cache").close()
    return home


@pytest.fixture(scope="session")
def language(language_home: Path):
    """The real language engine (CC-CEDICT index, jieba, readings), shared by tests."""
    from studyapp.core.language.engine import Language

    return Language(language_home / "cache")


@pytest.fixture(scope="session")
def dictionary(language):
    return language.dictionary


@dataclass(frozen=True)
class CliResult:
    """What ``studyapp ARGS`` did, named as subprocess names it."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run ``studyapp ARGS`` in this process (``cli.main``), with ``stdin`` as its input.

    Commands that would start the window are not for this: they run in a process of their own.
    """
    from studyapp import cli

    def run(*args: str, stdin: str = "") -> CliResult:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
        capsys.readouterr()
        status = cli.main(list(args))
        out, err = capsys.readouterr()
        return CliResult(status, out, err)

    return run


@pytest.fixture
def dictionary_ready(studyapp_home: Path, language_home: Path) -> Path:
    """This test's STUDYAPP_HOME with a copy of the session's dictionary index (and jieba's cache): nothing to build."""
    cache = studyapp_home / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    for item in (language_home / "cache").iterdir():
        if item.is_file() and item.suffix != ".damaged" and not (cache / item.name).exists():
            shutil.copy(item, cache / item.name)
    return studyapp_home
