"""Writing over a file: permissions kept, read-only files refused, long names accepted."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from studyapp.core.study.export import ExportError
from studyapp.core.study.export.job import ExportRequest, export_words
from studyapp.core.study.vocabulary import VocabularyStore


def test_export_over_a_private_file_keeps_it_private(store: VocabularyStore, tmp_path: Path) -> None:
    out = tmp_path / "words.csv"
    out.write_text("old")
    out.chmod(0o600)
    export_words(store, ExportRequest("csv", out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8").startswith("simplified,")


def test_export_over_a_read_only_file_is_refused_and_leaves_it(store: VocabularyStore, tmp_path: Path) -> None:
    out = tmp_path / "words.csv"
    out.write_text("keep me")
    out.chmod(0o444)
    with pytest.raises(ExportError, match="read-only") as caught:
        export_words(store, ExportRequest("csv", out))
    assert "\n" not in str(caught.value)
    assert out.read_text() == "keep me"
    assert store.find("银行")[0].exported is None  # nothing was exported, nothing marked
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_file_name_as_long_as_the_file_system_allows_is_written(store: VocabularyStore, tmp_path: Path) -> None:
    longest = os.pathconf(tmp_path, "PC_NAME_MAX")
    out = tmp_path / ("w" * (longest - len(".apkg")) + ".apkg")
    export_words(store, ExportRequest("apkg", out))
    assert out.stat().st_size > 1000


def test_backup_to_a_read_only_file_is_refused(store: VocabularyStore, tmp_path: Path) -> None:
    from studyapp.core.study.database import DatabaseError

    target = tmp_path / "copy.sqlite3"
    target.write_text("an older copy")
    target.chmod(0o444)
    with pytest.raises(DatabaseError, match="read-only"):
        store.backup(target)
    assert target.read_text() == "an older copy"
