"""Word links: glosses, inflections, names, sentence alignment, and the gold set."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from studyapp.core.links.english_lemmas import lemmas
from studyapp.core.links.lexicon import DictionaryGlossary
from studyapp.core.links.word_links import WordLinker, rank_senses, skeleton
from studyapp.core.text.importers.two_files import open_two_files

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def linker(language) -> WordLinker:
    return WordLinker(language)


def linked(linker: WordLinker, zh: str, en: str) -> dict[str, tuple[str, ...]]:
    return {link.zh_text: link.en_texts for link in linker.link_sentence(zh, en)}


def test_inflected_english_links_to_the_gloss(linker) -> None:
    got = linked(linker, "美国对中国进口商品加征关税，双方正在谈判。", "The US put tariffs on Chinese imports, and the two sides negotiated.")
    assert got["关税"] == ("tariffs",) and got["谈判"] == ("negotiated",)


def test_multi_word_gloss(linker) -> None:
    assert linked(linker, "我们参观了白宫。", "We visited the White House.")["白宫"] == ("White", "House")


def test_transliterated_names_and_split_names(linker) -> None:
    got = linked(linker, "贝森特和卢特尼克拒绝置评。", "Mr. Bessent and Mr. Lutnick declined to comment.")
    assert got["贝森特"] == ("Bessent",) and got["卢特尼克"] == ("Lutnick",)
    assert skeleton("Bessent") == skeleton("beisente")


def test_nothing_rather_than_a_guess(linker) -> None:
    assert linked(linker, "他喋喋不休。", "The weather is nice today.") == {}


def test_each_english_word_is_used_once(linker) -> None:
    links = linker.link_sentence("中国和中国人", "China")
    assert sum(1 for link in links if link.en_texts) <= 1


def test_lemmas() -> None:
    assert lemmas("tariffs") & lemmas("tariff") and lemmas("went") & {"go"} and lemmas("children") & {"child"}
    assert "china" in lemmas("Chinese")


def test_sense_used_by_the_translation_comes_first(language) -> None:
    ranked = rank_senses(language.lookup("行"), ["row"])
    assert ranked.entries[0].pinyin == "hang2" and ranked.entries[0].definitions[0] == "row"


def test_two_file_import_aligns_paragraphs(tmp_path: Path, linker) -> None:
    (tmp_path / "en.md").write_text(
        "# The Market\n\nThe market opens at seven in the morning.\n\nA short note that nobody translated.\n\n"
        "Fish sellers arrive first and leave before noon.\n", encoding="utf-8")
    (tmp_path / "zh.md").write_text("# 市场\n\n市场早上七点开门。\n\n鱼贩最先到，中午前就离开。\n", encoding="utf-8")
    document = open_two_files(tmp_path / "en.md", tmp_path / "zh.md", DictionaryGlossary(linker.dictionary))
    assert document.pairs() == [
        ("The Market", "市场"),
        ("The market opens at seven in the morning.", "市场早上七点开门。"),
        ("A short note that nobody translated.", None),
        ("Fish sellers arrive first and leave before noon.", "鱼贩最先到，中午前就离开。"),
    ]


def test_links_cli_structure(run_cli, dictionary_ready) -> None:
    result = run_cli("links", str(ROOT / "resources" / "sample.md"), "--json")
    assert result.returncode == 0, result.stderr
    pairs = json.loads(result.stdout)
    expected = json.loads(run_cli("pairs", str(ROOT / "resources" / "sample.md"), "--json").stdout)
    assert [[p["english"], p["chinese"]] for p in pairs] == expected
    total = 0
    for pair in pairs:
        for en, zh in pair["sentences"]:
            assert en is None or en in pair["english"]
            assert zh is None or zh in pair["chinese"]
        for link in pair["links"]:
            a, b = link["zh"]
            assert 0 <= a < b <= len(pair["chinese"])
            for s, e in link["en"]:
                assert pair["english"][s:e].isalpha() or "'" in pair["english"][s:e] or "-" in pair["english"][s:e]
            total += 1
    assert total > 150


def test_gold_set_precision_and_recall(linker) -> None:
    spec = importlib.util.spec_from_file_location("bench_links", ROOT / "benchmarks" / "bench_links.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    items = [json.loads(line) for line in bench.GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    counts = bench.evaluate(linker, items)
    assert counts["gold"] >= 300
    assert counts["right"] / counts["predicted"] >= 0.95
    assert counts["right"] / counts["gold"] >= 0.68


def test_names_found_in_the_english_are_joined(language, linker) -> None:
    from studyapp.core.links.word_links import join_names
    from studyapp.core.text.document import Block, Side

    zh, en = "卢特尼克拒绝置评。", "Mr. Lutnick declined to comment."
    tokens, readings = language.read_many([zh])[0]
    found = linker.link_pair(Block("paragraph", Side(en, "en", 0, 0), Side(zh, "zh", 0, 0)), tokens, readings)
    assert "卢特尼克" in found.names
    joined, joined_readings = join_names(tokens, readings, found.names)
    assert joined[0].text == "卢特尼克" and joined[0].kind == "name" and len(joined_readings[0]) == 4
    assert "".join(t.text for t in joined) == zh


def test_link_pair_given_tokens_without_readings_says_so(language, linker) -> None:
    from studyapp.core.text.document import Block, Side

    zh, en = "双方正在谈判。", "The two sides negotiated."
    tokens, _ = language.read_many([zh])[0]
    with pytest.raises(ValueError, match="readings"):
        linker.link_pair(Block("paragraph", Side(en, "en", 0, 0), Side(zh, "zh", 0, 0)), tokens, None)


def test_two_file_import_keeps_lines_in_neither_language(tmp_path: Path) -> None:
    (tmp_path / "en.md").write_text("2024-05-01\n\nThe market opens at seven.\n", encoding="utf-8")
    (tmp_path / "zh.md").write_text("2024-05-01\n\n市场七点开门。\n", encoding="utf-8")
    pairs = open_two_files(tmp_path / "en.md", tmp_path / "zh.md").pairs()
    assert pairs == [("2024-05-01", "2024-05-01"), ("The market opens at seven.", "市场七点开门。")]


def test_reverse_candidates_come_from_the_aligned_sentence(linker) -> None:
    words = ["中国", "是", "美国", "最大", "的", "国家", "安全", "威胁", "之一", "贸易", "伙伴"]
    assert linker.translations_in("threats", words) == ["威胁"]
    assert linker.translations_in("partner", words) == ["伙伴"]
    assert linker.translations_in("the", words) == []
