"""Flashcard export, checked with the real Anki library and by parsing files back."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest
from anki.collection import Collection
from anki_packages import import_apkg, import_text

from studyapp.core.study.export import ExportError
from studyapp.core.study.export.apkg import MODEL_NAME
from studyapp.core.study.export.job import ExportRequest, ExportResult, export_words
from studyapp.core.study.export.pleco import PLECO_NEWLINE
from studyapp.core.study.vocabulary import Context, VocabularyStore, WordData
from studyapp.core.study.word_filter import WordFilter


@pytest.fixture
def store(tmp_path: Path) -> VocabularyStore:
    ticks = iter(range(1_800_000_000, 1_900_000_000, 7))
    store = VocabularyStore.open(tmp_path / "v.sqlite3", clock=lambda: next(ticks))
    store.save(WordData("银行", "銀行", "yin2 hang2", ["bank"], 3, tags=["money"]),
               Context("我去银行取钱。", "I went to the bank to take out money.", "Errands", "/d/errands.md", 2, sentence_pinyin="wo3 qu4 yin2 hang2 qu3 qian2"))
    store.save(WordData("长", "長", "zhang3", ["to grow", "elder"], 2, note='as in "长大" <b>'), Context("#他长大了。", "He has grown up."))
    store.save(WordData("觉得", "覺得", "jue2 de5", ["to think"], 1, status="known"))  # no sentence: no cloze card
    return store


def fresh_collection(path: Path) -> Collection:
    return Collection(str(path))


def notes_by_hanzi(col: Collection) -> dict:
    return {col.get_note(nid)["Hanzi"]: col.get_note(nid) for nid in col.find_notes("")}


def test_apkg_lands_with_notes_cards_deck_and_fields(store: VocabularyStore, tmp_path: Path) -> None:
    out = tmp_path / "words.apkg"
    result = export_words(store, ExportRequest("apkg", out, deck="Chinese::Reading"))
    assert (result.words, result.cards) == (3, 8)  # 3 recognition + 3 recall + 2 cloze
    col = fresh_collection(tmp_path / "c.anki2")
    log = import_apkg(col, out)
    assert len(log.new) == 3
    assert col.note_count() == 3 and col.card_count() == 8
    assert "Chinese::Reading" in [d.name for d in col.decks.all_names_and_ids()]
    notes = notes_by_hanzi(col)
    bank = notes["银行"]
    assert bank.note_type()["name"] == MODEL_NAME
    assert list(bank.keys())[:4] == ["Hanzi", "Traditional", "Pinyin", "Meaning"]
    assert bank["Traditional"] == "銀行" and bank["Meaning"] == "bank"
    assert '<span class="tone2">yín</span>' in bank["Pinyin"]
    assert '<b class="hl">银行</b>' in bank["Sentence"] and "＿＿" in bank["SentenceCloze"] and "银行" not in bank["SentenceCloze"]
    assert bank["Translation"] == "I went to the bank to take out money." and bank["Source"] == "Errands"
    assert "money" in bank.tags
    assert notes["长"]["Notes"] == "as in &quot;长大&quot; &lt;b&gt;"  # the learner's text is never HTML
    card = col.get_card(col.find_cards("Hanzi:觉得")[0])
    assert "觉得" in card.question() and "to think" in card.answer()
    col.close()


def test_choosing_card_types(store: VocabularyStore, tmp_path: Path) -> None:
    out = tmp_path / "recall.apkg"
    export_words(store, ExportRequest("apkg", out, cards=("recall",)))
    col = fresh_collection(tmp_path / "c.anki2")
    import_apkg(col, out)
    assert col.card_count() == 3
    assert {col.get_card(c).template()["name"] for c in col.find_cards("")} == {"Recall"}
    col.close()


def test_exporting_again_after_edits_updates_instead_of_duplicating(store: VocabularyStore, tmp_path: Path) -> None:
    col = fresh_collection(tmp_path / "c.anki2")
    now = time.time()
    first = tmp_path / "first.apkg"
    export_words(store, ExportRequest("apkg", first, timestamp=now - 600))
    import_apkg(col, first)
    bank = store.find("银行")[0]
    store.update(bank.id, definitions=["bank (financial)"])
    second = tmp_path / "second.apkg"
    export_words(store, ExportRequest("apkg", second, timestamp=now - 60))
    log = import_apkg(col, second)
    assert (len(log.new), len(log.updated)) == (0, 3)
    assert col.note_count() == 3
    assert notes_by_hanzi(col)["银行"]["Meaning"] == "bank (financial)"
    col.close()


def test_anki_text_file_maps_fields_by_name_and_reimports_nothing(store: VocabularyStore, tmp_path: Path) -> None:
    col = fresh_collection(tmp_path / "c.anki2")
    package = tmp_path / "words.apkg"
    export_words(store, ExportRequest("apkg", package, timestamp=time.time() - 600))
    import_apkg(col, package)  # the note type must exist first
    store.update(store.find("长")[0].id, note="edited")
    text = tmp_path / "words.txt"
    export_words(store, ExportRequest("anki-txt", text))
    content = text.read_text(encoding="utf-8")
    assert content.startswith("#separator:tab\n#html:true\n#notetype:")
    assert not any(line.startswith("#") for line in content.splitlines()[9:])  # data lines never look like comments
    log = import_text(col, text)
    assert len(log.new) == 0 and len(log.updated) == 1
    assert col.note_count() == 3
    notes = notes_by_hanzi(col)
    assert notes["长"]["Notes"] == "edited" and notes["长"]["Sentence"].startswith("#他")
    again = import_text(col, text)
    assert len(again.new) == 0 and col.note_count() == 3
    col.close()


def test_pleco_file_parses_back(store: VocabularyStore, tmp_path: Path) -> None:
    out = tmp_path / "pleco.txt"
    export_words(store, ExportRequest("pleco", out, deck="Chinese::Reading"))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "//Chinese/Reading"
    rows = [line.split("\t") for line in lines[1:]]
    assert all(len(row) == 3 for row in rows)
    bank = next(row for row in rows if row[0] == "银行[銀行]")
    assert bank[1] == "yin2hang2"
    assert bank[2].split(PLECO_NEWLINE) == ["bank", "我去银行取钱。", "I went to the bank to take out money."]


def test_csv_parses_back(store: VocabularyStore, tmp_path: Path) -> None:
    out = tmp_path / "words.csv"
    export_words(store, ExportRequest("csv", out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert [r["simplified"] for r in rows] == ["银行", "长", "觉得"]
    assert rows[0]["pinyin"] == "yín háng" and rows[0]["sentence_pinyin"] == "wǒ qù yín háng qǔ qián"
    assert rows[1]["note"] == 'as in "长大" <b>'


def test_filters_and_only_new(store: VocabularyStore, tmp_path: Path) -> None:
    assert export_words(store, ExportRequest("csv", tmp_path / "k.csv", words=WordFilter(status="known"))).words == 1
    assert export_words(store, ExportRequest("csv", tmp_path / "t.csv", words=WordFilter(tag="money"))).words == 1
    export_words(store, ExportRequest("csv", tmp_path / "all.csv"))
    with pytest.raises(ExportError, match="No saved words"):
        export_words(store, ExportRequest("csv", tmp_path / "none.csv", words=WordFilter(changed_since_export=True)))
    store.update(store.find("长")[0].id, note="changed")
    assert export_words(store, ExportRequest("csv", tmp_path / "changed.csv", words=WordFilter(changed_since_export=True))).words == 1


def test_unwritable_path_is_a_clear_error_and_leaves_no_file(store: VocabularyStore, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_words(store, ExportRequest("apkg", tmp_path / "missing" / "x.apkg"))
    target = tmp_path / "existing.csv"
    target.write_text("keep me")
    blocker = tmp_path / "dir.csv"
    blocker.mkdir()
    with pytest.raises(ExportError):
        export_words(store, ExportRequest("csv", blocker))
    assert target.read_text() == "keep me"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_exported_files_are_ordinary_files(store: VocabularyStore, tmp_path: Path) -> None:
    import os
    import stat

    out = tmp_path / "words.csv"
    export_words(store, ExportRequest("csv", out))
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask


def test_notes_without_a_card_are_left_out(store: VocabularyStore, tmp_path: Path) -> None:
    result = export_words(store, ExportRequest("apkg", tmp_path / "cloze.apkg", cards=("cloze",)))
    assert (result.words, result.cards) == (2, 2)  # 觉得 has no sentence: no cloze card, no note
    assert store.find("觉得")[0].exported is None


def test_dictionary_references_are_written_out_on_every_card(tmp_path: Path) -> None:
    """CC-CEDICT's ``個|个[ge4]`` notation is the lookup panel's to read, not a card's:
    cards say ``个 (gè)``."""
    store = VocabularyStore.open(tmp_path / "v.sqlite3")
    store.save(WordData("箇", "箇", "ge4", ["variant of 個|个[ge4]", "see 苗栗縣|苗栗县[Miao2 li4 xian4]"], 0),
               Context("一箇人。", "One person."))
    written = ["variant of 个 (gè)", "see 苗栗县 (Miáo lì xiàn)"]
    export_words(store, ExportRequest("csv", tmp_path / "words.csv"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "words.csv").read_text(encoding="utf-8"), newline="")))
    assert rows[0]["meaning"] == "; ".join(written)
    export_words(store, ExportRequest("pleco", tmp_path / "pleco.txt"))
    assert (tmp_path / "pleco.txt").read_text(encoding="utf-8").splitlines()[1].split("\t")[2].startswith("; ".join(written))
    export_words(store, ExportRequest("apkg", tmp_path / "words.apkg"))
    col = fresh_collection(tmp_path / "c.anki2")
    import_apkg(col, tmp_path / "words.apkg")
    assert notes_by_hanzi(col)["箇"]["Meaning"] == "<br>".join(written)
    col.close()


def test_a_reference_whose_pinyin_has_u_umlaut_is_written_out_too(tmp_path: Path) -> None:
    """CC-CEDICT spells ü ``u:`` (``婦女節|妇女节[Fu4 nu:3 jie2]``): a card says ``妇女节 (Fù nǚ jié)``."""
    store = VocabularyStore.open(tmp_path / "v.sqlite3")
    store.save(WordData("三八", "三八", "San1 ba1", ["International Women's Day 婦女節|妇女节[Fu4 nu:3 jie2], 8th March"], 0))
    export_words(store, ExportRequest("csv", tmp_path / "words.csv"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "words.csv").read_text(encoding="utf-8"), newline="")))
    assert rows[0]["meaning"] == "International Women's Day 妇女节 (Fù nǚ jié), 8th March"


def test_the_summary_counts_one_word_and_one_card_in_the_singular() -> None:
    assert ExportResult(Path("a.apkg"), 1, 1).summary() == "1 word (1 card)"
    assert ExportResult(Path("a.apkg"), 2, 3).summary() == "2 words (3 cards)"
    assert ExportResult(Path("a.csv"), 2).summary() == "2 words"
