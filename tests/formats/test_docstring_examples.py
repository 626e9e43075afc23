"""The worked examples in the docstrings of the format and alignment modules hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "studyapp.core.text.document",
    "studyapp.core.text.importers.html_blocks",
    "studyapp.core.text.importers.structured",
    "studyapp.core.text.importers.subtitle_formats",
    "studyapp.core.library.contents",
    "studyapp.core.language.reading_model",
    "studyapp.core.language.definition_text",
    "studyapp.core.text.bitext",
    "studyapp.core.text.bitext_costs",
    "studyapp.core.text.bitext_anchors",
    "studyapp.core.text.bitext_units",
    "studyapp.core.text.bitext_learning",
    "studyapp.core.text.bitext_pairs",
    "studyapp.core.text.bitext_tables",
    "studyapp.core.text.numerals",
    "studyapp.core.text.numeral_values",
    "studyapp.core.links.pinyin_names",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
