"""Properties of the bilingual importer on generated documents (Hypothesis).

Whatever the blocks, languages and order: within each language the blocks
keep file order, and every unit of the file is shown exactly once.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from studyapp.core.text.align import align_units
from studyapp.core.text.document import Document
from studyapp.core.text.importers.bilingual_text import block_from_bead, document_from_text, parse_units

ENGLISH = st.sampled_from([
    "a.", "The river was quiet.", "Tickets cost 40 yuan for adults.", "He asked, \"How much is this?\" and laughed.",
    "Note: this paragraph was not translated at all, it is the author's own remark.", "## Spring", "1. Boil water.\n2. Add tea.",
    "Open at 9:00 and close at 17:00.", "Photo: the main hall.",
])
CHINESE = st.sampled_from([
    "一。", "一一。", "河面很安静。", "成人票40元。", "“这个多少钱？”他问，然后笑了。", "### 春天", "1、烧水。\n2、放茶叶。",
    "早上九点开门，下午五点关门。", "译者注：作者的话。", "（译者注：原文没有这一段，这里是译者补充的背景介绍。）",
])
OTHER = st.sampled_from(["```\npip install x\n```", "2024-05-01", "---", "<!--\nThe English kept in a comment.\n-->"])
BLOCK = st.one_of(ENGLISH, CHINESE, OTHER, st.tuples(ENGLISH, CHINESE).map("\n".join))
DOCUMENTS = st.lists(BLOCK, min_size=1, max_size=14).map("\n\n".join)

# Enough examples to find the old order bug in a few seconds, few enough for CI.
PROPERTIES = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def _document(text: str) -> Document | None:
    langs = {u.lang for u in parse_units(text)}
    return document_from_text(text) if {"en", "zh"} <= langs else None


@PROPERTIES
@given(DOCUMENTS)
@example("a.\n\n一一。\n\n一。")
@example("译者注：作者的话。\n\na.\n\n一一。")
def test_each_language_keeps_file_order(text: str) -> None:
    document = _document(text)
    if document is None:
        return
    for lang in ("en", "zh"):
        starts = [side.start for b in document.blocks for side in (b.english, b.chinese) if side is not None and side.lang == lang]
        assert starts == sorted(starts), (lang, document.pairs())


@PROPERTIES
@given(DOCUMENTS)
@example("a.\n\n一一。\n\n一。")
@example("a.\n\n一。\n\na.")
def test_every_unit_is_shown_exactly_once(text: str) -> None:
    document = _document(text)
    if document is None:
        return
    units = parse_units(text)
    beads = align_units(units)
    shown = sorted(k for bead in beads for k in bead.english + bead.chinese)
    assert shown == list(range(len(units)))  # each unit once, none twice
    assert len(document.blocks) == len(beads)
    for block, bead in zip(document.blocks, beads):
        assert block == block_from_bead(units, bead)
