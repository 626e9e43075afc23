"""Damaged backups, damaged rows, backups on a full disk, and what a killed restore leaves."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from studyapp import cli
from studyapp.core.study.export.job import ExportRequest, export_words
from studyapp.core.study.vocabulary import VocabularyStore, WordData


def spoil_page(path: Path, page: int = 0) -> None:
    """Overwrite one page of an SQLite file with 0xFF (the last by default), keeping the header."""
    with sqlite3.connect(path) as db:
        size, count = (db.execute(f"PRAGMA {name}").fetchone()[0] for name in ("page_size", "page_count"))
    with path.open("r+b") as handle:
        handle.seek(size * ((page or count) - 1))
        handle.write(b"\xff" * size)


def fill(store: VocabularyStore, count: int, size: int = 400) -> None:
    for n in range(count):
        store.save(WordData(f"词{n}", f"詞{n}", "ci2", [f"sense {n} " + "x" * size]))


def test_restoring_a_backup_with_a_spoilt_page_is_refused(store: VocabularyStore, tmp_path: Path, capsys) -> None:
    fill(store, 40)
    copy = store.backup(tmp_path / "copy.sqlite3")
    spoil_page(copy)  # a page the schema checks never read
    words = {r.simplified for r in store.words()}
    assert cli.main(["vocab", "restore", str(copy)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "damaged" in err
    assert {r.simplified for r in store.words()} == words
    reopened = VocabularyStore.open(store.path)
    assert reopened.recovered_from_damage is None and reopened.count() == len(words)


def spoil_definitions(path: Path, word: str, raw: str) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE word SET definitions = ? WHERE simplified = ?", (raw, word))


def test_a_row_whose_meanings_are_not_json_shows_its_raw_text(store: VocabularyStore, tmp_path: Path, capsys) -> None:
    spoil_definitions(store.path, "银行", "bank; {not json")
    records = {r.simplified: r for r in store.words()}
    assert records["银行"].definitions == ("bank; {not json",) and records["银行"].damaged
    assert records["长"].definitions == ("to grow",) and not records["长"].damaged
    assert cli.main(["vocab", "list"]) == 0
    out, err = capsys.readouterr()
    assert "bank; {not json" in out and "长" in out
    assert err.count("\n") == 1 and "warning" in err and "银行" in err
    assert cli.main(["vocab", "list", "--json"]) == 0
    assert [w["simplified"] for w in json.loads(capsys.readouterr().out)] == ["银行", "长"]
    result = export_words(store, ExportRequest("csv", tmp_path / "words.csv"))
    assert result.words == 2 and "bank; {not json" in (tmp_path / "words.csv").read_text(encoding="utf-8")


def test_restore_repairs_rows_whose_meanings_are_not_json(store: VocabularyStore, tmp_path: Path, capsys) -> None:
    copy = store.backup(tmp_path / "copy.sqlite3")
    spoil_definitions(copy, "长", "[broken")
    assert cli.main(["vocab", "restore", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "repaired 1" in out
    grow = store.find("长")[0]
    assert grow.definitions == ("[broken",) and not grow.damaged  # stored as a proper list now


FULL_DISK_LIMIT = 96 * 1024

#: Runs with a small file-size limit (the kernel's EFBIG is what a full disk looks like to a writer).
SMALL_DISK = textwrap.dedent(
    """
    import resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
    sys.argv = ["studyapp", *sys.argv[2:]]
    from studyapp.cli import main
    sys.exit(main())
    """
)


def run_on_a_small_disk(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, STUDYAPP_HOME=str(home))
    return subprocess.run([sys.executable, "-c", SMALL_DISK, str(FULL_DISK_LIMIT), *args], capture_output=True, text=True, timeout=120, env=env)


def temporaries(*folders: Path) -> list[str]:
    return [p.name for folder in folders if folder.is_dir() for p in folder.iterdir() if p.name.endswith(".tmp") or p.name.startswith(".")]


def test_backup_on_a_full_disk_is_one_line_and_leaves_no_temporary_file(tmp_path: Path, studyapp_home: Path) -> None:
    store = VocabularyStore.open(studyapp_home / "data" / "vocabulary.sqlite3")
    fill(store, 40, 5000)  # 200 kB: more than the disk holds
    store.close()
    target = tmp_path / "elsewhere" / "copy.sqlite3"
    target.parent.mkdir()
    result = run_on_a_small_disk(studyapp_home, "vocab", "backup", str(target))
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "full" in result.stderr and "Traceback" not in result.stderr
    assert temporaries(studyapp_home / "data" / "backups", target.parent) == []


def test_daily_backup_on_a_full_disk_is_one_line(studyapp_home: Path) -> None:
    store = VocabularyStore.open(studyapp_home / "data" / "vocabulary.sqlite3")
    fill(store, 40, 5000)  # 200 kB: more than the disk holds
    store.close()
    script = "from studyapp.core.study.vocabulary import VocabularyStore\nVocabularyStore.open().rolling_backup()"
    runner = SMALL_DISK.replace("from studyapp.cli import main\nsys.exit(main())", script)
    env = dict(os.environ, STUDYAPP_HOME=str(studyapp_home))
    result = subprocess.run([sys.executable, "-c", runner, str(FULL_DISK_LIMIT)], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1 and result.stderr.strip().splitlines()[-1].startswith("studyapp.core.study.database.DatabaseError: ")
    assert "full" in result.stderr.splitlines()[-1]
    assert temporaries(studyapp_home / "data" / "backups") == []


def test_what_a_killed_restore_left_is_removed_at_the_next_start(store: VocabularyStore) -> None:
    leftover = store.path.parent / ".restore-0123456789abcdef.sqlite3"
    leftover.write_bytes(b"\0" * 4096)
    an_hour_ago = time.time() - 2 * 3600
    os.utime(leftover, (an_hour_ago, an_hour_ago))
    VocabularyStore.open(store.path).close()
    assert not leftover.exists()
