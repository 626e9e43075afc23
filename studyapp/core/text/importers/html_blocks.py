"""HTML and XHTML -> the blocks of text a reader sees (for the EPUB and web-page importers).

A block is the text of one block-level element (a paragraph, a heading, a
list item, a table cell...) with its line breaks (``<br>``) kept and
whitespace collapsed as a browser would: a line break between Chinese
characters disappears, one between English words becomes a space. Ruby
annotations (``<rt>``, ``<rp>``), images, scripts and styles are dropped;
footnotes are marked (``note``) so the importer can keep them apart, and
note references (the superscript ``1`` in the text) are dropped. Example::

    >>> page = "<h2>Title</h2><p>One<br/>二</p><p><ruby>漢<rt>hàn</rt></ruby>字<sup><a href='#n1'>1</a></sup></p>"
    >>> [(b.kind, b.level, b.lines) for b in parse_html(page).blocks]
    [('heading', 2, ('Title',)), ('paragraph', 0, ('One', '二')), ('paragraph', 0, ('漢字',))]

The parser is the standard library's, which never expands entities declared
in a document type; a document that declares any is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from studyapp.core.errors import DocumentError
from studyapp.core.text.char_classes import is_cjk_boundary

BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"]
)
VOID_TAGS = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "image"])
#: Elements whose content is never text to read.
SKIPPED_TAGS = frozenset(
    ["head", "script", "style", "template", "noscript", "svg", "math", "rt", "rp", "object", "audio", "video", "canvas", "iframe", "select", "textarea", "button"]
)
#: Elements a web page's article does not hold (menus, banners, forms).
WEB_SKIPPED_TAGS = frozenset(["nav", "aside", "form", "dialog", "menu", "footer"])
_WEB_SKIP_WORDS = frozenset(
    ["nav", "navbar", "navigation", "menu", "footer", "sidebar", "breadcrumb", "breadcrumbs", "comment", "comments", "share", "sharing", "social", "advert", "advertisement", "ad", "ads", "banner", "cookie", "cookies", "related", "recommend", "recommended", "subscribe", "newsletter", "login", "signup", "popup", "modal", "masthead", "toolbar", "pagination", "copyright"]
)
_NOTE_TYPES = frozenset(["footnote", "footnotes", "endnote", "endnotes", "rearnote", "rearnotes"])
_NOTE_ROLES = frozenset(("doc-footnote", "doc-endnote", "doc-endnotes"))
#: Start tags that close an open element of these kinds (HTML's optional end tags).
_IMPLIED_CLOSE = {
    "rt": ("rt", "rp", "rb"), "rp": ("rt", "rp", "rb"), "rb": ("rt", "rp", "rb"),
    "li": ("li",), "dt": ("dt", "dd"), "dd": ("dt", "dd"), "p": ("p",),
    "tr": ("tr", "td", "th"), "td": ("td", "th"), "th": ("td", "th"), "option": ("option",),
}
#: Elements nested deeper than this are read as if they were not elements (a
#: page of endless unclosed tags costs time in proportion to its length).
MAX_DEPTH = 100
_BREAK = "\u2028"  # stands for <br> inside a block's text until it is cut into lines
_WS_RE = re.compile(r"[ \t\n\r\f\v\u00a0]+")
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\ufeff\u00ad]")
_WORD_SPLIT_RE = re.compile(r"[\s_\-]+")


@dataclass(frozen=True, slots=True)
class HtmlBlock:
    """The text of one block-level element."""

    kind: str  # "heading", "paragraph", "list" (an item) or "code"
    level: int  # heading level 1-6, else 0
    lines: tuple[str, ...]
    note: bool = False  # inside a footnote or endnote
    group: int = -1  # the list an item belongs to
    roots: tuple[int, ...] = ()  # enclosing <article>/<main> elements (web pages)
    link_chars: int = 0  # characters inside links, spaces not counted


@dataclass
class ParsedHtml:
    blocks: list[HtmlBlock] = field(default_factory=list)
    title: str = ""
    #: element id -> index of the first block at or after it (for links into the page).
    anchors: dict[str, int] = field(default_factory=dict)
    #: the ``roots`` of blocks: "article" (<article>, itemprop=articleBody) or "main" (<main>, role=main).
    root_kinds: dict[int, str] = field(default_factory=dict)


@dataclass(slots=True)
class _Open:
    tag: str
    skip: bool = False
    level: int = 0
    item: int = -1  # list id, for <li>
    note: bool = False
    root: int = -1
    pre: bool = False
    code: bool = False
    link: bool = False
    noteref: bool = False


def parse_html(markup: str, *, web: bool = False, name: str = "the page") -> ParsedHtml:
    """The blocks of ``markup``; ``web`` also drops menus, banners and footers."""
    parser = _BlockParser(web, name)
    parser.feed(markup)
    parser.close()
    parser.flush()
    return parser.result


class _BlockParser(HTMLParser):
    def __init__(self, web: bool, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.web, self.name = web, name
        self.result = ParsedHtml()
        self.stack: list[_Open] = []
        self.buffer: list[str] = []
        self.link_chars = 0
        self.lists = 0
        self.roots = 0
        self.in_title = False
        self.title: list[str] = []

    # --- elements -----------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "title" and not self.result.title:
            self.in_title = True
        if tag in VOID_TAGS:
            self._anchor(attributes)
            if tag == "br" and not self._skipping():
                self.buffer.append(_BREAK)
            elif tag == "hr":
                self.flush()
            return
        self._close_implied(tag)
        if tag in BLOCK_TAGS:
            self.flush()
        self._anchor(attributes)
        if len(self.stack) < MAX_DEPTH:
            self.stack.append(self._open(tag, attributes))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if not any(e.tag == tag for e in self.stack):
            return  # a stray end tag
        if tag in BLOCK_TAGS or any(e.tag in BLOCK_TAGS for e in self._above(tag)):
            self.flush()
        while self.stack:
            if self.stack.pop().tag == tag:
                break

    def _above(self, tag: str) -> list[_Open]:
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k].tag == tag:
                return self.stack[k:]
        return []

    def _close_implied(self, tag: str) -> None:
        closes = _IMPLIED_CLOSE.get(tag)
        if not closes:
            return
        block = next((e for e in reversed(self.stack) if e.tag in BLOCK_TAGS or e.tag in closes), None)
        if block is not None and block.tag in closes and (tag != "li" or block.tag == "li"):
            self.handle_endtag(block.tag)

    def _open(self, tag: str, attributes: dict[str, str]) -> _Open:
        parent = self.stack[-1] if self.stack else _Open("")
        element = _Open(tag, skip=parent.skip, level=parent.level, item=parent.item, note=parent.note, root=-1,
                        pre=parent.pre, code=parent.code, link=parent.link, noteref=parent.noteref)
        element.skip = element.skip or tag in SKIPPED_TAGS or "hidden" in attributes or self._boilerplate(tag, attributes)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            element.level = int(tag[1])
        elif tag in ("ul", "ol"):
            self.lists += 1
            element.item = -1 - self.lists  # a list, not yet an item in it
        elif tag == "li":
            element.item = -element.item - 1 if element.item < -1 else self._new_list()
        element.note = element.note or _is_note(tag, attributes, self.web)
        element.noteref = element.noteref or _is_noteref(tag, attributes, parent)
        element.pre = element.pre or tag == "pre"
        element.code = element.code or (element.pre and tag == "code")
        element.link = element.link or (tag == "a" and "href" in attributes)
        article = tag == "article" or attributes.get("itemprop") == "articleBody"
        if article or tag == "main" or attributes.get("role") == "main":
            self.roots += 1
            element.root = self.roots
            self.result.root_kinds[self.roots] = "article" if article else "main"
        return element

    def _new_list(self) -> int:
        self.lists += 1
        return self.lists

    def _boilerplate(self, tag: str, attributes: dict[str, str]) -> bool:
        if not self.web or tag in ("html", "body", "main", "article"):
            return False
        if tag in WEB_SKIPPED_TAGS or (tag == "header" and not any(e.root > 0 for e in self.stack)):
            return True
        words = set(_WORD_SPLIT_RE.split((attributes.get("class", "") + " " + attributes.get("id", "")).lower()))
        return bool(words & _WEB_SKIP_WORDS) or "display:none" in attributes.get("style", "").replace(" ", "")

    def _anchor(self, attributes: dict[str, str]) -> None:
        for key in ("id", "name"):
            if attributes.get(key):
                self.result.anchors.setdefault(attributes[key], len(self.result.blocks))

    def _skipping(self) -> bool:
        return bool(self.stack) and (self.stack[-1].skip or self.stack[-1].noteref)

    # --- text -----------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self._skipping():
            return
        self.buffer.append(data)
        if self.stack and self.stack[-1].link:
            self.link_chars += len("".join(data.split()))

    def unknown_decl(self, data: str) -> None:
        if data.startswith("CDATA["):
            self.handle_data(data[6:])

    def handle_decl(self, decl: str) -> None:
        if "<!ENTITY" in decl.upper():
            raise DocumentError(f"{self.name} declares XML entities; studyapp refuses such documents")

    def flush(self) -> None:
        """The text gathered since the last block boundary becomes a block."""
        if self.title and not self.result.title:
            self.result.title = collapse_whitespace("".join(self.title))
        raw, self.buffer = "".join(self.buffer), []
        links, self.link_chars = self.link_chars, 0
        if not raw.strip():
            return
        top = next((e for e in reversed(self.stack) if not e.skip), _Open(""))
        if top.pre:
            lines = [line.rstrip() for line in raw.replace(_BREAK, "\n").split("\n")]
            while lines and not lines[0].strip():
                lines.pop(0)
        else:
            lines = [collapse_whitespace(part) for part in raw.split(_BREAK)]
        lines = [line for line in lines if line.strip()]
        if not lines:
            return
        kind = "heading" if top.level else "code" if top.code else "list" if top.item >= 0 else "paragraph"
        roots = tuple(e.root for e in self.stack if e.root > 0)
        self.result.blocks.append(HtmlBlock(kind, top.level, tuple(lines), top.note, top.item if kind == "list" else -1, roots, links))


def collapse_whitespace(text: str) -> str:
    """Whitespace as a browser shows it: one space, or none where a line break meets Chinese.

    >>> collapse_whitespace("  天色\\n  已晚。 It was\\n late.  ")
    '天色已晚。 It was late.'
    """
    text = _INVISIBLE_RE.sub("", text)
    if "\n" not in text and "\r" not in text:
        return _WS_RE.sub(" ", text).strip()

    def space(match: re.Match) -> str:
        run = match.group()
        if "\n" in run or "\r" in run:
            before = text[match.start() - 1] if match.start() else ""
            after = text[match.end()] if match.end() < len(text) else ""
            if before and after and (is_cjk_boundary(before) or is_cjk_boundary(after)):
                return ""
        return " "

    return _WS_RE.sub(space, text).strip()


def _tokens(value: str) -> set[str]:
    return set(value.lower().split())


def _is_note(tag: str, attributes: dict[str, str], web: bool) -> bool:
    types = _tokens(attributes.get("epub:type", "")) | _tokens(attributes.get("type", ""))
    if types & _NOTE_TYPES or attributes.get("role", "") in _NOTE_ROLES:
        return True
    if tag == "aside" and not web:
        return True
    classes = attributes.get("class", "").lower()
    return tag != "a" and ("footnote" in classes or "endnote" in classes) and "ref" not in classes


def _is_noteref(tag: str, attributes: dict[str, str], parent: _Open) -> bool:
    if "noteref" in _tokens(attributes.get("epub:type", "")) or attributes.get("role") == "doc-noteref":
        return True
    classes = attributes.get("class", "").lower()
    if "noteref" in classes or "footnote-ref" in classes or "fnref" in classes:
        return True
    if tag == "a" and parent.tag == "sup" and "#" in attributes.get("href", ""):
        return True
    return tag == "sup" and parent.link and parent.tag == "a"
