"""Documents of the shapes users bring, written for these tests, against hand-made pairings.

``tests/data/shapes``: a story in two files with one sentence per line; an
article in two files paragraphed differently (a paragraph split in English, a
translator's note only in Chinese); a dialogue in two files with speaker
labels; a translated manual keeping the English in HTML comments, with
shortcodes, code and addresses in the Chinese; times written differently in
the two languages. Then more of each, written without looking at how the
aligner works: dialogues in one file and in two, manuals with tables, lists
and code, numbers written out (九点, 三百六十万, 百分之十七), untranslated
bylines and captions, translator's notes, quotations with ? and ! in both
languages, interleaved articles with titles, captions and bylines. Each
must pair exactly as its ``.expected.json`` says.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studyapp.core.links.lexicon import DictionaryGlossary
from studyapp.core.text.importers import open_document
from studyapp.core.text.importers.bilingual_text import document_from_text
from studyapp.core.text.importers.two_files import open_two_files

SHAPES = Path(__file__).parents[1] / "data" / "shapes"
CASES = sorted(p.name[: -len(".expected.json")] for p in SHAPES.glob("*.expected.json"))


def pair_f1(got: list, want: list) -> float:
    """Pair-level F1: a pair counts when both of its sides are exactly as expected."""
    right = len({tuple(p) for p in got} & {tuple(p) for p in want})
    return 2 * right / (len(got) + len(want))


def test_every_shape_has_a_case() -> None:
    assert len(CASES) >= 5


@pytest.mark.parametrize("name", CASES)
def test_shape_pairs_exactly_as_expected(name: str, dictionary) -> None:
    want = [tuple(p) for p in json.loads((SHAPES / f"{name}.expected.json").read_text(encoding="utf-8"))]
    english = next(SHAPES.glob(f"{name}.en.*"), None)
    if english is not None:
        document = open_two_files(english, next(SHAPES.glob(f"{name}.zh.*")), DictionaryGlossary(dictionary))
    else:
        document = open_document(next(p for p in SHAPES.glob(f"{name}.*") if not p.name.endswith(".json")))
    assert document.pairs() == want, f"pair F1 {pair_f1(document.pairs(), want):.2f}"


def test_a_file_without_blank_lines_is_aligned_line_by_line(dictionary) -> None:
    document = open_two_files(SHAPES / "letters_in_spring.en.txt", SHAPES / "letters_in_spring.zh.txt", DictionaryGlossary(dictionary))
    assert len(document.blocks) == 30
    assert document.pairs()[0] == ("Translated from the Chinese by the author's sister.", None)


def test_a_chinese_line_full_of_markup_is_chinese() -> None:
    from studyapp.core.text.importers.bilingual_text import document_from_text

    text = ('<!--\nLabels are attached to {{< glossary_tooltip text="objects" term_id="object" >}}.\n-->\n'
            '标签附加到 {{< glossary_tooltip text="对象" term_id="object" >}} 上，见 `kubectl label` 和 https://example.org/docs/labels/。\n')
    assert document_from_text(text).pairs() == [
        ("Labels are attached to objects.", "标签附加到 对象 上，见 kubectl label 和 https://example.org/docs/labels/。")]


def test_sentence_lines_with_section_breaks_are_still_lines() -> None:
    from studyapp.core.text.importers.two_files import lines_are_units

    sentences = "\n".join(f"Sentence number {n} ends here." for n in range(12))
    assert lines_are_units(sentences)
    assert lines_are_units(sentences + "\n\n" + sentences)  # a section break
    wrapped = "The river was quiet in the\nmorning, and the fishermen\nwere already out on the water.\n\nBy noon the market was\nfull of people.\n"
    assert not lines_are_units(wrapped)
    assert not lines_are_units("One paragraph.\n\nAnother paragraph.\n")


def test_a_long_file_of_lines_keeps_every_line_whole(tmp_path: Path) -> None:
    # Longer than the longest paragraph read whole: cut into pieces at line breaks only.
    english = [f"Line {n} says hello. It is line number {n} of the file." for n in range(1, 400)]
    chinese = [f"第{n}行向你问好，它是文件的第{n}行。" for n in range(1, 400)]
    (tmp_path / "long.en").write_text("\n".join(english) + "\n", encoding="utf-8")
    (tmp_path / "long.zh").write_text("\n".join(chinese) + "\n", encoding="utf-8")
    assert sum(map(len, english)) > 10_000
    assert open_two_files(tmp_path / "long.en", tmp_path / "long.zh").pairs() == list(zip(english, chinese))


def test_a_table_keeps_its_rows_and_pairs_with_its_translation() -> None:
    document = open_document(SHAPES / "ferry_timetable_table.md")
    tables = [b for b in document.blocks if "|" in b.english.text]
    assert [b.english.text.count("\n") + 1 for b in tables] == [4, 3]  # header and rows, one line each
    assert all("-" not in b.english.text + b.chinese.text for b in tables)  # no |---| delimiter row
    assert tables[1].chinese.text.splitlines() == ["季节 | 每天班次", "夏季 | 6", "冬季 | 3"]
    assert all(b.kind == "paragraph" for b in tables)  # rows, not bulleted list items


def test_a_tables_rows_in_another_language_stay_in_its_table() -> None:
    text = ("Keep the defaults unless you know better.\n\n除非确有把握，请保留默认值。\n\n"
            "| Setting | Default |\n|---|---|\n| `keep` | 7 |\n| `path` | /var/log |\n\n"
            "| 设置 | 默认值 |\n|---|---|\n| `keep` | 7 |\n| `path` | /var/log |\n")
    assert document_from_text(text).pairs()[-1] == (
        "Setting | Default\nkeep | 7\npath | /var/log", "设置 | 默认值\nkeep | 7\npath | /var/log")
