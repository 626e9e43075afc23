"""Several studyapp processes starting at once on a new or an old-schema vocabulary."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from studyapp.core.study.database import latest_version

DATA = Path(__file__).parents[1] / "data" / "vocab"
STARTS = 6

#: Imports first, then waits for the common start time, so the opens overlap.
OPENER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from studyapp.core.study.vocabulary import VocabularyStore
    start_at = float(sys.argv[2])
    while time.time() < start_at:
        time.sleep(0.001)
    store = VocabularyStore.open(Path(sys.argv[1]))
    print(store.count())
    store.close()
    """
)


def start_together(path: Path, count: int = STARTS) -> list[subprocess.CompletedProcess]:
    start_at = f"{time.time() + 1.5:.3f}"  # after every process has imported studyapp
    procs = [subprocess.Popen([sys.executable, "-c", OPENER, str(path), start_at], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(count)]
    return [subprocess.CompletedProcess(p.args, p.wait(timeout=120), *p.communicate()) for p in procs]


def assert_all_opened(results: list[subprocess.CompletedProcess], words: int) -> None:
    failures = [r.stderr.strip().splitlines()[-1] for r in results if r.returncode != 0]
    assert failures == []
    assert [int(r.stdout) for r in results] == [words] * len(results)


def test_simultaneous_first_starts_all_succeed(tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.sqlite3"
    assert_all_opened(start_together(path), 0)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == latest_version()
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_simultaneous_starts_on_an_old_schema_migrate_once(tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.sqlite3"
    shutil.copy(DATA / "schema-0001.sqlite3", path)
    assert_all_opened(start_together(path), 3)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    backups = list((tmp_path / "backups").glob("*.sqlite3"))
    assert len(backups) == 1  # one process migrated, after one backup
    with sqlite3.connect(backups[0]) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert not list((tmp_path / "backups").glob("*.tmp"))
