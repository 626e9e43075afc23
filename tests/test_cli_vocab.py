"""``studyapp vocab`` as scripts use it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def run(run_cli, dictionary_ready):
    """``studyapp ARGS`` in this process, on this test's vocabulary with the session's dictionary index."""
    return run_cli


def test_add_list_remove_backup_restore(run, tmp_path: Path) -> None:
    added = run("vocab", "add", "长", "--pinyin", "zhang3", "--context", "他长大了。", "--translation", "He grew up.", "--json")
    assert added.returncode == 0, added.stderr
    record = json.loads(added.stdout)
    assert (record["simplified"], record["pinyin"], record["contexts"][0]["translation"]) == ("长", "zhang3", "He grew up.")
    assert "to grow" in record["definitions"]
    run("vocab", "add", "银行", "--context", "我去银行。", "--status", "known")
    again = run("vocab", "add", "银行", "--context", "银行关门了。", "--json")
    assert len(json.loads(again.stdout)["contexts"]) == 2
    listed = json.loads(run("vocab", "list", "--json").stdout)
    assert [(w["simplified"], w["status"]) for w in listed] == [("长", "new"), ("银行", "known")]
    backup = tmp_path / "backup.sqlite3"
    assert run("vocab", "backup", str(backup)).returncode == 0
    assert run("vocab", "remove", "长").returncode == 0
    assert [w["simplified"] for w in json.loads(run("vocab", "list", "--json").stdout)] == ["银行"]
    assert run("vocab", "restore", str(backup)).returncode == 0
    assert len(json.loads(run("vocab", "list", "--json").stdout)) == 2


def test_bad_vocab_input_exits_2(run, tmp_path: Path) -> None:
    missing = run("vocab", "remove", "不存在")
    assert missing.returncode == 2 and "not in the vocabulary" in missing.stderr
    bad = run("vocab", "restore", str(tmp_path / "nope.sqlite3"))
    assert bad.returncode == 2 and "No such file" in bad.stderr
    status = run("vocab", "add", "好", "--status", "bogus")
    assert status.returncode == 2


def test_export_cli(run, tmp_path: Path) -> None:
    run("vocab", "add", "银行", "--context", "我去银行。", "--translation", "I go to the bank.")
    out = tmp_path / "words.apkg"
    done = run("export", "--format", "apkg", "--output", str(out), "--deck", "Chinese::Reading", "--cards", "recognition,cloze")
    assert done.returncode == 0, done.stderr
    assert "1 word (2 cards)" in done.stdout and out.stat().st_size > 1000
    csv_done = run("export", "--format", "csv", "--output", str(tmp_path / "words.csv"))
    assert csv_done.returncode == 0 and "exported 1 word to" in csv_done.stdout  # (a CSV has rows, not cards)
    bad = run("export", "--format", "apkg", "--output", str(tmp_path / "x.apkg"), "--cards", "bogus")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    nowhere = run("export", "--format", "csv", "--output", str(tmp_path / "no" / "x.csv"))
    assert nowhere.returncode == 2 and "does not exist" in nowhere.stderr
    wrong = run("export", "--format", "docx", "--output", "x")
    assert wrong.returncode == 2


def test_cli_says_when_a_damaged_vocabulary_was_moved_aside(run, studyapp_home: Path) -> None:
    home = studyapp_home
    (home / "data").mkdir(parents=True)
    (home / "data" / "vocabulary.sqlite3").write_bytes(b"\x00garbage" * 1000)
    result = run("vocab", "list")
    assert result.returncode == 0 and "damaged" in result.stderr
    assert list((home / "data").glob("vocabulary.sqlite3.damaged-*"))
