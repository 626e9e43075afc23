"""Alignment of hand-written messy bilingual documents against hand-made pairings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studyapp.core.text.importers import open_document

MESSY = Path(__file__).parents[1] / "data" / "messy"
CASES = sorted(MESSY.glob("*.expected.json"))


def _document_for(expected: Path) -> Path:
    stem = expected.name[: -len(".expected.json")]
    return next(p for p in MESSY.iterdir() if p.stem == stem and not p.name.endswith(".json"))


def test_there_are_messy_documents() -> None:
    assert len(CASES) >= 12


@pytest.mark.parametrize("expected", CASES, ids=lambda p: p.name.split(".")[0])
def test_messy_document_pairs_exactly_as_expected(expected: Path) -> None:
    want = [tuple(pair) for pair in json.loads(expected.read_text(encoding="utf-8"))]
    assert open_document(_document_for(expected)).pairs() == want
