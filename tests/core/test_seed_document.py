"""The user's own example document (a news article) aligns pair for pair."""

from __future__ import annotations

from studyapp.core.text.importers import open_document


def test_seed_gives_45_pairs_with_title_and_joined_paragraph(seed_path) -> None:
    document = open_document(seed_path)
    pairs = document.pairs()
    assert len(pairs) == 45
    english, title = pairs[0]
    assert english is None and title.startswith("特朗普希望")
    assert document.blocks[0].is_heading
    # Every other block is a full pair.
    assert all(e and c for e, c in pairs[1:])
    # The English paragraph broken across a blank line is one pair.
    broken = [e for e, _ in pairs if e and "negotiate with him based on his fundamental" in e]
    assert len(broken) == 1
    # "## The view from Beijing" answered by "### 北京的看法"; an unmarked heading pair.
    assert ("The view from Beijing", "北京的看法") in pairs
    assert ("The question of investment", "投资问题") in pairs
    # Inline markdown is rendered away.
    assert not any("](" in (e or "") + (c or "") for e, c in pairs)
    assert any(e and "$200 billion" in e for e, _ in pairs)


def test_seed_pairs_are_consecutive_in_the_file(seed_path) -> None:
    document = open_document(seed_path)
    for block in document.blocks[1:]:
        first, second = sorted((block.english, block.chinese), key=lambda side: side.start)
        gap = document_text_between(seed_path, first.end, second.start)
        assert gap.strip() == "", (block.english.text[:40], gap[:80])


def document_text_between(path, start: int, end: int) -> str:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    return text[start:end]
