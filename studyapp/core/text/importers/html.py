"""Saved web pages (``.html``, ``.htm``) -> Document: the article, not the page around it.

News sites' dual-language pages put each paragraph next to its translation,
or both languages in one block (``<p>English<br>中文</p>``); documentation
translated in place does the same. Around the article sit menus, banners,
share buttons, comments and footers. The page is read in three steps:

1. the block parser drops what is never the article: ``nav``, ``aside``,
   ``form``, ``footer``, the site's ``header``, and elements whose class or
   id names a menu, sidebar, banner, comments, share buttons...;
2. if the page marks its article (``<article>``, ``itemprop=articleBody``),
   or else its main content (``<main>``, ``role=main``), only that is kept:
   the innermost such element holding at least :data:`ARTICLE_SHARE` of the
   largest one's text (a list of teaser ``<article>`` elements gives way to
   the story, a story's ``<article>`` to its ``articleBody``);
3. blocks that are mostly link text (lists of related stories) are dropped.

Example: a page with a menu, an article of two paragraphs and their
translations, and a footer gives two pairs.
"""

from __future__ import annotations

from pathlib import Path

from studyapp.core.text.align import Lexical
from studyapp.core.text.document import Document
from studyapp.core.text.importers.bilingual_text import Unit
from studyapp.core.text.importers.html_blocks import HtmlBlock, ParsedHtml, parse_html
from studyapp.core.text.importers.structured import document_from_units, units_from_blocks
from studyapp.core.text.importers.textfile import read_text

#: An article element must hold this share of the largest one's text to be chosen over it.
ARTICLE_SHARE = 0.6
#: A block with more of its text inside links than this is navigation.
LINK_SHARE = 0.6


def open_file(path: str | Path, lexical: Lexical | None = None) -> Document:
    """Read the article of the page at ``path`` and align it."""
    decoded = read_text(path)
    page = parse_html(decoded.text, web=True, name=str(path))
    units = units_from_blocks(article_blocks(page))
    return document_from_units(units, where=str(path), path=str(path), untitled=page.title, source_hash=decoded.sha1, lexical=lexical)


def open_preview(path: str | Path, chars: int) -> Document | None:
    """Web pages are small enough to open whole."""
    return None


def file_units(path: str | Path) -> list[Unit]:
    """The article's units, for aligning a page with its translation in another file."""
    return units_from_blocks(article_blocks(parse_html(read_text(path).text, web=True, name=str(path))))


def article_blocks(page: ParsedHtml) -> list[HtmlBlock]:
    """The blocks of the page's article, without link lists."""
    blocks = page.blocks
    root = _article_root(blocks, page.root_kinds)
    if root is not None:
        blocks = [b for b in blocks if root in b.roots]
    return [b for b in blocks if not _mostly_links(b)]


def _article_root(blocks: list[HtmlBlock], kinds: dict[int, str]) -> int | None:
    """The innermost marked article (else main) element holding enough of the text, if any."""
    text: dict[int, int] = {}
    depth: dict[int, int] = {}
    for block in blocks:
        size = sum(len(line) for line in block.lines)
        for level, root in enumerate(block.roots):
            text[root] = text.get(root, 0) + size
            depth[root] = level
    if not text:
        return None
    if any(kinds.get(root) == "article" for root in text):
        text = {root: size for root, size in text.items() if kinds.get(root) == "article"}
    largest = max(text.values())
    candidates = [root for root, size in text.items() if size >= ARTICLE_SHARE * largest]
    return max(candidates, key=lambda root: (depth[root], text[root]))


def _mostly_links(block: HtmlBlock) -> bool:
    size = sum(len(line.replace(" ", "")) for line in block.lines)
    return block.kind != "heading" and size > 0 and block.link_chars > LINK_SHARE * size

