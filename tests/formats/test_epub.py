"""EPUB books: spine order, headings, paragraphs, ruby, notes, images, lists, chapters."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import INTERLEAVED_PAIRS, Chapter, build_epub, interleaved_book, paragraphs

from studyapp.core.text.importers import open_document, open_preview
from studyapp.core.text.importers.epub import read_epub


@pytest.mark.parametrize("version", [3, 2])
def test_interleaved_book_pairs_each_paragraph_with_its_translation(tmp_path: Path, version: int) -> None:
    document = open_document(interleaved_book(tmp_path / "book.epub", version))
    assert [list(pair) for pair in document.pairs()] == INTERLEAVED_PAIRS
    assert document.title == "A Bilingual Book"


def test_headings_keep_their_levels_and_lists_stay_lists(tmp_path: Path) -> None:
    document = open_document(interleaved_book(tmp_path / "book.epub"))
    kinds = [(block.kind, block.level) for block in document.blocks]
    assert kinds[:5] == [("heading", 1), ("paragraph", 0), ("heading", 2), ("paragraph", 0), ("list", 0)]


def test_ruby_annotations_images_and_note_marks_are_not_text(tmp_path: Path) -> None:
    text = "\n".join(f"{e}\n{z}" for e, z in open_document(interleaved_book(tmp_path / "book.epub")).pairs())
    for absent in ("chuán", "gǎng", "(", "picture of the lake", "morningx"):
        assert absent not in text
    assert "harbour.1" not in text and "港里。2" not in text


@pytest.mark.parametrize("version", [3, 2])
def test_chapters_come_from_the_navigation_and_point_at_their_headings(tmp_path: Path, version: int) -> None:
    document = open_document(interleaved_book(tmp_path / "book.epub", version))
    chapters = [(c.title, c.level, document.pairs()[c.block]) for c in document.chapters]
    assert chapters == [
        ("Chapter One 第一章", 1, ("Chapter One", "第一章")),
        ("The Market 市场", 2, ("The Market", "市场")),
        ("Chapter Two 第二章", 1, ("Chapter Two", "第二章")),
    ]


def test_footnotes_are_read_after_their_chapter_text(tmp_path: Path) -> None:
    body = (
        '<p>First paragraph.<a epub:type="noteref" href="#n">*</a></p><p>第一段。</p>'
        '<aside epub:type="footnote" id="n"><p>The note.</p><p>注释。</p></aside>'
        "<p>Second paragraph.</p><p>第二段。</p>"
    )
    book = build_epub(tmp_path / "notes.epub", [Chapter("c.xhtml", body, title="One"), Chapter("d.xhtml", paragraphs(("Next.", "下一章。")))])
    assert open_document(book).pairs() == [
        ("First paragraph.", "第一段。"), ("Second paragraph.", "第二段。"), ("The note.", "注释。"), ("Next.", "下一章。"),
    ]


def test_non_linear_spine_items_come_after_the_main_text(tmp_path: Path) -> None:
    chapters = [Chapter("notes.xhtml", paragraphs(("Notes.", "注释。")), linear=False), Chapter("c.xhtml", paragraphs(("Text.", "正文。")))]
    assert open_document(build_epub(tmp_path / "b.epub", chapters)).pairs() == [("Text.", "正文。"), ("Notes.", "注释。")]


def test_a_big_book_opens_with_a_preview_of_its_first_chapters(tmp_path: Path) -> None:
    pair = ("The rain fell on the roofs of the old town all through the night.", "整夜，雨落在老城的屋顶上。")
    chapters = [Chapter(f"c{n:03d}.xhtml", f"<h1>Chapter {n}</h1><h1>第{n}章</h1>" + paragraphs(*[pair] * 40), title=f"Chapter {n}") for n in range(60)]
    book = build_epub(tmp_path / "big.epub", chapters)
    preview = open_preview(book, chars=20_000)
    whole = open_document(book)
    assert preview is not None and not preview.complete and whole.complete
    assert 0 < len(preview.blocks) < len(whole.blocks) // 4
    assert preview.pairs() == whole.pairs()[: len(preview.blocks)]


def test_a_small_book_needs_no_preview(tmp_path: Path) -> None:
    assert open_preview(interleaved_book(tmp_path / "book.epub")) is None


def test_chinese_in_another_encoding_declared_by_the_document(tmp_path: Path) -> None:
    body = "<p>It is cold.</p><p>天气很冷。</p>"
    book = build_epub(tmp_path / "gbk.epub", [Chapter("c.xhtml", "")],
                      extra_files={"OEBPS/text/c.xhtml": f'<?xml version="1.0" encoding="gbk"?><html><body>{body}</body></html>'.encode("gbk")})
    assert open_document(book).pairs() == [("It is cold.", "天气很冷。")]


def test_the_text_read_is_fingerprinted(tmp_path: Path) -> None:
    first = read_epub(interleaved_book(tmp_path / "a.epub"))
    again = read_epub(interleaved_book(tmp_path / "b.epub"))
    assert first.sha1 == again.sha1 and len(first.sha1) == 40


def test_no_preview_is_shown_of_a_book_that_cannot_open_whole(tmp_path: Path) -> None:
    from builders import BILLION_LAUGHS

    from studyapp.core.errors import DocumentError

    pair = ("The rain fell on the roofs of the old town all through the night.", "整夜，雨落在老城的屋顶上。")
    chapters = [Chapter(f"c{n:03d}.xhtml", paragraphs(*[pair] * 40)) for n in range(60)]
    last = (BILLION_LAUGHS.replace("package", "html") + "<html><body><p>&d;</p></body></html>").encode()
    book = build_epub(tmp_path / "bad-end.epub", chapters, extra_files={"OEBPS/text/c059.xhtml": last})
    with pytest.raises(DocumentError, match="declares XML entities"):
        open_preview(book, chars=20_000)


def test_a_book_whose_beginning_is_in_one_language_opens_without_a_preview(tmp_path: Path) -> None:
    english = "The rain fell on the roofs of the old town all through the night. " * 3
    chapters = [Chapter(f"e{n:03d}.xhtml", "".join(f"<p>{english}</p>" for _ in range(40))) for n in range(30)]
    chapters += [Chapter(f"z{n:03d}.xhtml", "".join("<p>整夜，雨落在老城的屋顶上。整夜，雨落在老城的屋顶上。</p>" for _ in range(40))) for n in range(30)]
    book = build_epub(tmp_path / "halves.epub", chapters)
    assert open_preview(book, chars=20_000) is None
    pairs = open_document(book).pairs()
    assert sum(1 for e, z in pairs if e and z) > 100


def test_a_broken_byte_in_a_chapter_does_not_stop_the_book(tmp_path: Path) -> None:
    broken = "<html><body><p>It is cold.</p><p>天气很冷。</p><p>It is c#old.</p><p>冷。</p></body></html>".encode().replace(b"#", b"\xff")
    book = build_epub(tmp_path / "b.epub", [Chapter("c.xhtml", "")], extra_files={"OEBPS/text/c.xhtml": broken})
    assert open_document(book).pairs() == [("It is cold.", "天气很冷。"), ("It is c\ufffdold.", "冷。")]
