"""``studyapp lookup`` and ``studyapp annotate`` as scripts use them."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def run(run_cli, dictionary_ready):
    """``studyapp ARGS`` in this process, with the session's dictionary index."""
    return run_cli


def test_lookup_json_lists_every_reading(run) -> None:
    result = run("lookup", "长", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["query"] == "长"
    pinyins = [e["pinyin"] for e in data["entries"]]
    assert "chang2" in pinyins and "zhang3" in pinyins
    first = data["entries"][0]
    assert set(first) >= {"simplified", "traditional", "pinyin", "pinyin_marks", "definitions", "classifiers", "hsk"}
    assert first["pinyin_marks"] == "cháng" and first["traditional"] == "長"


def test_lookup_json_breakdown(run) -> None:
    data = json.loads(run("lookup", "亿美元", "--json").stdout)
    assert data["entries"] == [] and data["breakdown"] == ["亿", "美元"]


def test_annotate_json_covers_each_line(run) -> None:
    lines = ["我去银行取钱。他说：2020 年 GDP 增长了 5%。", "", "He said 你好"]
    result = run("annotate", "--json", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(objects) == 3
    for line, obj in zip(lines, objects):
        tokens = obj["tokens"]
        assert "".join(t["text"] for t in tokens) == line
        assert [t["start"] for t in tokens] == [sum(len(x["text"]) for x in tokens[:k]) for k in range(len(tokens))]
    first = objects[0]["tokens"]
    bank = next(t for t in first if t["text"] == "银行")
    assert bank == {"text": "银行", "start": 2, "kind": "word", "pinyin": ["yin2", "hang2"], "in_dictionary": True, "hsk": bank["hsk"]}
    assert {t["kind"] for t in first} >= {"word", "punct", "number", "latin", "space"}


def test_annotate_handles_ten_thousand_lines(run) -> None:
    lines = [f"第{n}行：我们今天学习了{n % 97}个新词。" for n in range(10_000)]
    result = run("annotate", "--json", stdin="\n".join(lines))
    assert result.returncode == 0, result.stderr[-500:]
    assert len(result.stdout.splitlines()) == 10_000


def test_pairs_of_two_files(run, tmp_path) -> None:
    (tmp_path / "en.md").write_text("# Tea\n\nTea came to Europe in the 17th century.\n", encoding="utf-8")
    (tmp_path / "zh.md").write_text("# 茶\n\n茶在17世纪传到了欧洲。\n", encoding="utf-8")
    result = run("pairs", str(tmp_path / "en.md"), str(tmp_path / "zh.md"), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [["Tea", "茶"], ["Tea came to Europe in the 17th century.", "茶在17世纪传到了欧洲。"]]
