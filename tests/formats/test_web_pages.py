"""Saved web pages: the article's paragraphs, without menus, banners, comments or footers."""

from __future__ import annotations

from pathlib import Path

from builders import INTERLEAVED_ARTICLE, INTERLEAVED_PAGE_PAIRS, ONE_BLOCK_ARTICLE, ONE_BLOCK_PAGE_PAIRS, page

from studyapp.core.text.importers import open_document
from studyapp.core.text.importers.html_blocks import parse_html


def test_interleaved_page_gives_the_article_pairs_only(tmp_path: Path) -> None:
    document = open_document(page(tmp_path / "news.html", INTERLEAVED_ARTICLE))
    assert [list(pair) for pair in document.pairs()] == INTERLEAVED_PAGE_PAIRS
    assert document.title == "城市新图书馆开放"


def test_page_with_both_languages_in_each_block(tmp_path: Path) -> None:
    document = open_document(page(tmp_path / "river.htm", ONE_BLOCK_ARTICLE))
    assert [list(pair) for pair in document.pairs()] == ONE_BLOCK_PAGE_PAIRS
    assert document.blocks[0].kind == "heading"


def test_page_without_article_markup_loses_its_menus_and_link_lists(tmp_path: Path) -> None:
    path = tmp_path / "plain.html"
    path.write_text(
        "<html><body><div id='menu'><a href='/'>Home 首页</a></div>"
        "<div class='content'><h2>Tea</h2><h2>茶</h2><p>Tea came to Europe in the 17th century.</p><p>茶在17世纪传到了欧洲。</p></div>"
        "<div><a href='/x'>More stories about tea and coffee</a> <a href='/y'>更多关于茶的故事</a></div>"
        "<div class='footer'>Contact us 联系我们</div></body></html>",
        encoding="utf-8",
    )
    assert open_document(path).pairs() == [("Tea", "茶"), ("Tea came to Europe in the 17th century.", "茶在17世纪传到了欧洲。")]


def test_main_with_a_sidebar_gives_way_to_its_article(tmp_path: Path) -> None:
    teasers = "".join(f"<div class='teaser'><p>Story {n}: a long teaser text about something else entirely.</p></div>" for n in range(3))
    path = tmp_path / "main.html"
    path.write_text(f"<main><article><p>Snow fell in the north overnight.</p><p>北方夜间下了雪。</p></article>{teasers}</main>", encoding="utf-8")
    assert open_document(path).pairs() == [("Snow fell in the north overnight.", "北方夜间下了雪。")]


def test_gbk_page(tmp_path: Path) -> None:
    path = tmp_path / "gbk.html"
    path.write_bytes('<html><head><meta charset="gbk"></head><body><p>It is cold.</p><p>天气很冷。</p></body></html>'.encode("gbk"))
    assert open_document(path).pairs() == [("It is cold.", "天气很冷。")]


def test_whitespace_is_collapsed_as_a_browser_does() -> None:
    blocks = parse_html("<p>It was\n   late.</p><p>天色\n  已晚。</p><pre>a  b\n  c</pre>").blocks
    assert [b.lines for b in blocks] == [("It was late.",), ("天色已晚。",), ("a  b", "  c")]


def test_text_is_never_interpreted_as_markup_twice() -> None:
    blocks = parse_html("<p>Use &lt;b&gt; for bold &amp; more.</p><p>用 &lt;b&gt; 表示粗体。</p>").blocks
    assert [b.lines[0] for b in blocks] == ["Use <b> for bold & more.", "用 <b> 表示粗体。"]


def test_endless_nesting_is_read_in_time_proportional_to_its_length() -> None:
    import time

    start = time.perf_counter()
    blocks = parse_html("<div>" * 50_000 + "<p>Deep.</p><p>很深。</p>" + "<span>" * 200_000).blocks
    assert time.perf_counter() - start < 5
    assert [b.lines for b in blocks] == [("Deep.",), ("很深。",)]


def test_page_without_headings_is_titled_by_its_title_element(tmp_path: Path) -> None:
    path = tmp_path / "snow.html"
    path.write_text(
        "<html><head><title>Snow 下雪</title></head><body>"
        "<p>Snow fell in the north overnight.</p><p>北方夜间下了雪。</p></body></html>",
        encoding="utf-8",
    )
    document = open_document(path)
    assert document.pairs() == [("Snow fell in the north overnight.", "北方夜间下了雪。")]
    assert document.title == "Snow 下雪"
