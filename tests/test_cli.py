"""The command line: ``studyapp pairs`` as scripts use it."""

from __future__ import annotations

import json
from pathlib import Path

RESOURCES = Path(__file__).parents[1] / "resources"


def test_pairs_json_on_the_bundled_sample(run_cli) -> None:
    result = run_cli("pairs", str(RESOURCES / "sample.md"), "--json")
    assert result.returncode == 0, result.stderr
    pairs = json.loads(result.stdout)
    assert pairs[0][0] is None and pairs[0][1]  # Chinese-only title
    assert all(isinstance(p, list) and len(p) == 2 for p in pairs)
    assert sum(1 for e, c in pairs if e and c) >= 15


def test_pairs_listing_is_readable(run_cli) -> None:
    result = run_cli("pairs", str(RESOURCES / "sample.md"))
    assert result.returncode == 0
    assert "[1] heading" in result.stdout and "EN: " in result.stdout and "ZH: " in result.stdout


def test_unknown_option_exits_2(run_cli) -> None:
    result = run_cli("pairs", "--bogus")
    assert result.returncode == 2
