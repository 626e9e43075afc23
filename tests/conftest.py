"""Shared test set-up: offscreen Qt, a private STUDYAPP_HOME per test, fixture paths."""

from __future__ import annotations

import os
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
