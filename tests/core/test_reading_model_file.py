"""The reading model's file: what is saved is what is loaded, however it is held in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.core.language.reading_model import STATUSES, Evidence, PackedTable, ReadingModel

TABLE = {
    ("还", "L1", "他"): {"hai2": 6.0, "huan2": 2.0},
    ("还", "R1", "钱"): {"huan2": 9.0, "hai2": 1.0},
    ("还", "L1", "^"): {"hai2": 3.0},
    ("得", "L1", "跑"): {"de5": 4.0, "dei3": 0.5},
    ("得", "LR", "我走"): {"dei3": 7.0},
}


def model() -> ReadingModel:
    weights = {status: (0.3, 1.0, 0.5, 0.5, 0.6, 1.7) for status in STATUSES}
    return ReadingModel(weights, dict(TABLE), priors={"还": {"hai2": 10.0, "huan2": 1.0}}, trained={"还": {"hai2": 5.0, "huan2": 5.0}},
                        rules={("还", "huan2", 1): {"fired_right": 3.0, "is": 4.0, "fired_wrong": 1.0, "is_not": 20.0}})


def test_a_saved_model_loads_with_the_same_table_marginals_and_choices(tmp_path: Path) -> None:
    built = model()
    built.save(tmp_path / "m.tsv.gz")
    loaded = ReadingModel.load(tmp_path / "m.tsv.gz")
    assert isinstance(loaded.table, PackedTable)
    assert dict(loaded.table.items()) == TABLE
    assert loaded.marginals == built.marginals == {"还": {"hai2": 9.0, "huan2": 2.0}, "得": {"de5": 4.0, "dei3": 0.5}}
    assert loaded.weights == built.weights and loaded.priors == built.priors and loaded.rules == built.rules
    for text, i in (("他还钱了", 1), ("我得走", 1), ("跑得快", 1)):
        candidates = ["hai2", "huan2"] if text[i] == "还" else ["de5", "dei3"]
        alone = Evidence({}, status="alone")
        assert built.features(text, i, candidates, alone) == loaded.features(text, i, candidates, alone)
    assert loaded.rule_strength("还", ("huan2", 1)) == built.rule_strength("还", ("huan2", 1)) > 0  # the rules' pooled rates too


def test_the_packed_table_is_a_mapping() -> None:
    table = PackedTable()
    table.add("还", "R1", "钱", "huan2:9 hai2:1")
    assert ("还", "R1", "钱") in table and ("还", "R1", "书") not in table
    assert table.get(("还", "R1", "书")) is None
    with pytest.raises(KeyError):
        table[("还", "R1", "书")]
    assert list(table) == [("还", "R1", "钱")] and len(table) == 1



def test_the_packed_table_finds_what_a_dict_finds_in_any_order_and_after_more_adds() -> None:
    import random

    rng = random.Random(3)
    chars, kinds = "还得行长为了的着", ("L1", "R1", "L2", "R2", "LR", "LC", "RC")
    entries = {(rng.choice(chars), rng.choice(kinds), "".join(rng.choices("他钱走快^$了", k=rng.randint(1, 2)))): f"hai2:{n} huan2:{n % 7}"
               for n in range(3000)}
    items = list(entries.items())
    rng.shuffle(items)
    half = len(items) // 2
    table = PackedTable()
    for (char, kind, ctx), counts in items[:half]:
        table.add(char, kind, ctx, counts)
    assert table.get(items[0][0]) is not None and table.get(items[-1][0]) is None  # looked up, then more added
    for (char, kind, ctx), counts in items[half:]:
        table.add(char, kind, ctx, counts)
    assert len(table) == len(entries) and set(table) == set(entries)
    for key, counts in entries.items():
        assert table[key] == {r: float(n) for r, n in (item.split(":") for item in counts.split())}
    absent = [(char, kind, ctx + "乙") for char, kind, ctx in entries]
    assert all(table.get(key) is None and key not in table for key in absent)
