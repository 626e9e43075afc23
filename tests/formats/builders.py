"""Test books, pages and subtitle files built from string templates (nothing downloaded).

``build_epub`` writes an EPUB 2 or 3 with the standard library's zipfile:
``mimetype`` first and stored, ``META-INF/container.xml``, a package
document, a navigation document (EPUB 3) or NCX (EPUB 2), and one XHTML file
per chapter. Keyword arguments make the broken books the tests need.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

XHTML = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
<head><title>{title}</title><link rel="stylesheet" type="text/css" href="style.css"/></head>
<body>
{body}
</body>
</html>
"""

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="{opf}" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""

OPF = """<?xml version="1.0" encoding="utf-8"?>
{doctype}<package xmlns="http://www.idpf.org/2007/opf" version="{version}" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:12345678-1234-1234-1234-123456789abc</dc:identifier>
    <dc:title>{title}</dc:title>
    <dc:language>{language}</dc:language>
    <meta property="dcterms:modified">2024-01-01T00:00:00Z</meta>
  </metadata>
  <manifest>
{items}
  </manifest>
  <spine{toc}>
{itemrefs}
  </spine>
</package>
"""

NAV = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>Contents</title></head>
<body>
<nav epub:type="landmarks"><ol><li><a href="text/ch1.xhtml">Begin reading</a></li></ol></nav>
<nav epub:type="toc" id="toc"><h1>Contents</h1>
<ol>
{entries}
</ol>
</nav>
</body>
</html>
"""

NCX = """<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
  <head><meta name="dtb:uid" content="urn:uuid:12345678-1234-1234-1234-123456789abc"/></head>
  <docTitle><text>{title}</text></docTitle>
  <navMap>
{points}
  </navMap>
</ncx>
"""

BILLION_LAUGHS = """<!DOCTYPE package [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
"""


@dataclass
class Chapter:
    """One content document: its file name (under text/), body markup and nav entry."""

    name: str
    body: str
    title: str = ""  # the entry in the table of contents ("" for none)
    fragment: str = ""  # the entry points at this id
    linear: bool = True
    sub: list[tuple[str, str]] = field(default_factory=list)  # (title, fragment) entries one level down


def build_epub(
    path: Path,
    chapters: list[Chapter],
    *,
    title: str = "A Bilingual Book",
    language: str = "zh",
    version: int = 3,
    spine_order: list[int] | None = None,
    drop_files: tuple[str, ...] = (),
    extra_files: dict[str, bytes] | None = None,
    opf_doctype: str = "",
    bad_idref: bool = False,
) -> Path:
    """Write an EPUB at ``path`` and return it."""
    order = spine_order if spine_order is not None else list(range(len(chapters)))
    files: dict[str, bytes] = {
        "META-INF/container.xml": CONTAINER.format(opf="OEBPS/content.opf").encode(),
        "OEBPS/style.css": b"p { margin: 0 }",
        "OEBPS/images/cover.png": b"\x89PNG\r\n\x1a\n" + bytes(64),
    }
    items = ['    <item id="css" href="style.css" media-type="text/css"/>',
             '    <item id="cover" href="images/cover.png" media-type="image/png"/>']
    for n, chapter in enumerate(chapters):
        files[f"OEBPS/text/{chapter.name}"] = XHTML.format(title=escape(chapter.title or chapter.name), body=chapter.body).encode()
        items.append(f'    <item id="c{n}" href="text/{chapter.name}" media-type="application/xhtml+xml"/>')
    if version == 3:
        files["OEBPS/nav.xhtml"] = NAV.format(entries=_nav_entries(chapters)).encode()
        items.append('    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>')
        toc = ""
    else:
        files["OEBPS/toc.ncx"] = NCX.format(title=escape(title), points=_ncx_points(chapters)).encode()
        items.append('    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>')
        toc = ' toc="ncx"'
    nonlinear = ' linear="no"'
    itemrefs = [f'    <itemref idref="c{n}"{"" if chapters[n].linear else nonlinear}/>' for n in order]
    if bad_idref:
        itemrefs.append('    <itemref idref="nowhere"/>')
    files["OEBPS/content.opf"] = OPF.format(
        doctype=opf_doctype, version="3.0" if version == 3 else "2.0", title=escape(title), language=language,
        items="\n".join(items), toc=toc, itemrefs="\n".join(itemrefs),
    ).encode()
    files.update(extra_files or {})
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), b"application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for name, data in files.items():
            if name not in drop_files:
                archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def _href(chapter: Chapter, fragment: str) -> str:
    return f"text/{chapter.name}" + (f"#{fragment}" if fragment else "")


def _nav_entries(chapters: list[Chapter]) -> str:
    out = []
    for chapter in chapters:
        if not chapter.title:
            continue
        sub = "".join(f'<li><a href="{_href(chapter, f)}">{escape(t)}</a></li>' for t, f in chapter.sub)
        out.append(f'<li><a href="{_href(chapter, chapter.fragment)}">{escape(chapter.title)}</a>' + (f"<ol>{sub}</ol>" if sub else "") + "</li>")
    return "\n".join(out)


def _ncx_points(chapters: list[Chapter]) -> str:
    out = []
    for n, chapter in enumerate(chapters):
        if not chapter.title:
            continue
        sub = "".join(
            f'<navPoint id="p{n}-{k}"><navLabel><text>{escape(t)}</text></navLabel><content src="{_href(chapter, f)}"/></navPoint>'
            for k, (t, f) in enumerate(chapter.sub)
        )
        out.append(f'    <navPoint id="p{n}" playOrder="{n + 1}"><navLabel><text>{escape(chapter.title)}</text></navLabel>'
                   f'<content src="{_href(chapter, chapter.fragment)}"/>{sub}</navPoint>')
    return "\n".join(out)


def paragraphs(*pairs: tuple[str, str]) -> str:
    """English and Chinese paragraphs, each followed by its translation."""
    return "\n".join(f"<p>{escape(en)}</p>\n<p>{escape(zh)}</p>" for en, zh in pairs)


# --- the shapes the tests open ---------------------------------------------------

CHAPTER_ONE = """<section epub:type="chapter">
<header><h1 id="start">Chapter One</h1><h1>第一章</h1></header>
<p>The lake was calm that <ruby>morning<rt>x</rt></ruby>, and the boats were in the harbour.<a epub:type="noteref" href="#n1">1</a></p>
<p>那天早上湖面很平静，<ruby>船<rt>chuán</rt></ruby>都停在<ruby>港<rp>(</rp><rt>gǎng</rt><rp>)</rp></ruby>里。<sup><a href="#n2">2</a></sup></p>
<p class="illustration"><img src="../images/cover.png" alt="A picture of the lake at dawn"/></p>
<aside epub:type="footnote" id="n1"><p>A harbour is a sheltered place for ships.</p></aside>
<aside epub:type="footnote" id="n2"><p>港是船停泊的地方。</p></aside>
<h2 id="market">The Market</h2>
<h2>市场</h2>
<p>She walked to the market.<br/>她走到市场。</p>
<ul><li>Apples</li><li>Pears</li></ul>
<ul><li>苹果</li><li>梨</li></ul>
<p>He said nothing at
  all for a long time.</p>
<p>他很长时间
  什么也没说。</p>
</section>"""

CHAPTER_TWO = """<h1>Chapter Two（第二章）</h1>
<div class="para"><p>It rained all day, and the river rose.</p></div>
<div class="para"><p>下了一整天的雨，河水涨了。</p></div>
<p>Nobody went out.</p>
<p>没有人出门。</p>"""

INTERLEAVED_PAIRS = [
    ["Chapter One", "第一章"],
    ["The lake was calm that morning, and the boats were in the harbour.", "那天早上湖面很平静，船都停在港里。"],
    ["The Market", "市场"],
    ["She walked to the market.", "她走到市场。"],
    ["Apples\nPears", "苹果\n梨"],
    ["He said nothing at all for a long time.", "他很长时间什么也没说。"],
    ["A harbour is a sheltered place for ships.", "港是船停泊的地方。"],
    ["Chapter Two", "第二章"],
    ["It rained all day, and the river rose.", "下了一整天的雨，河水涨了。"],
    ["Nobody went out.", "没有人出门。"],
]


def interleaved_book(path: Path, version: int = 3) -> Path:
    """One book, each paragraph followed by its translation; two chapters, the second first in the zip."""
    chapters = [
        Chapter("b-two.xhtml", CHAPTER_TWO, title="Chapter Two 第二章"),
        Chapter("a-one.xhtml", CHAPTER_ONE, title="Chapter One 第一章", fragment="start", sub=[("The Market 市场", "market")]),
    ]
    return build_epub(path, chapters, version=version, spine_order=[1, 0])


TWO_BOOK_TEXT = [
    ("The Tea Road", "茶路"),
    ("Tea came to Europe in the 17th century, carried by Dutch ships.", "茶在17世纪由荷兰船只运到欧洲。"),
    ("At first it was a medicine sold by apothecaries.", "起初，它是药剂师出售的一种药。"),
    ("By 1750 it was the national drink of England.", "到1750年，它已成为英国的国饮。"),
]


def two_books(folder: Path) -> tuple[Path, Path]:
    """An English book and its Chinese translation."""
    def book(name: str, side: int, language: str) -> Path:
        heading, *body = [pair[side] for pair in TWO_BOOK_TEXT]
        markup = f"<h1>{escape(heading)}</h1>\n" + "\n".join(f"<p>{escape(p)}</p>" for p in body)
        return build_epub(folder / name, [Chapter("c1.xhtml", markup, title=heading)], title=heading, language=language)

    return book("tea-en.epub", 0, "en"), book("tea-zh.epub", 1, "zh")


PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title} | Example News 示例新闻</title>
<style>p {{ color: #333 }}</style>
<script>document.write("<p>Not text. 不是正文。</p>");</script></head>
<body class="has-sidebar">
<header class="site-header"><a href="/">Example News 示例新闻</a>
<nav><ul><li><a href="/world">World 世界</a></li><li><a href="/business">Business 商业</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">Home 首页</a> › <a href="/dual">Dual-language 双语</a></div>
<main>
<article>
{article}
<div class="share-buttons"><a href="#">Share 分享</a> <a href="#">Post 发布</a></div>
</article>
<aside class="related"><h3>Related 相关报道</h3><ul><li><a href="/a">Museum reopens after repairs 博物馆修缮后重新开放</a></li></ul></aside>
<ul class="more"><li><a href="/b">Markets rally on Monday</a></li><li><a href="/c">周一股市上涨</a></li></ul>
</main>
<div id="comments"><p>Great news! 好消息！</p></div>
<footer><p>© 2024 Example News. All rights reserved. 版权所有。</p></footer>
</body></html>
"""

INTERLEAVED_ARTICLE = """<h1>City opens new library</h1>
<h1>城市新图书馆开放</h1>
<p>The city opened its largest public library on Monday, with room for two million books.</p>
<p>周一，该市最大的公共图书馆开放，可容纳两百万册图书。</p>
<figure><img src="library.jpg" alt="The library at night"><figcaption>The new library at night.</figcaption></figure>
<p>Readers queued for hours before the doors opened.</p>
<p>开门前，读者排了几个小时的队。</p>"""

INTERLEAVED_PAGE_PAIRS = [
    ["City opens new library", "城市新图书馆开放"],
    ["The city opened its largest public library on Monday, with room for two million books.", "周一，该市最大的公共图书馆开放，可容纳两百万册图书。"],
    ["The new library at night.", None],
    ["Readers queued for hours before the doors opened.", "开门前，读者排了几个小时的队。"],
]

ONE_BLOCK_ARTICLE = """<h1>River clean-up begins 河道清理工作开始</h1>
<p>Volunteers gathered at the bridge at dawn.<br>志愿者们黎明时分在桥边集合。</p>
<p>They collected forty bags of rubbish in three hours. 他们三个小时收集了四十袋垃圾。</p>
<p>The work will continue every Saturday until June.
<br/>
这项工作将在每个星期六继续，直到六月。</p>"""

ONE_BLOCK_PAGE_PAIRS = [
    ["River clean-up begins", "河道清理工作开始"],
    ["Volunteers gathered at the bridge at dawn.", "志愿者们黎明时分在桥边集合。"],
    ["They collected forty bags of rubbish in three hours.", "他们三个小时收集了四十袋垃圾。"],
    ["The work will continue every Saturday until June.", "这项工作将在每个星期六继续，直到六月。"],
]


def page(path: Path, article: str, title: str = "Library") -> Path:
    path.write_text(PAGE.format(title=title, article=article), encoding="utf-8")
    return path


SRT_BILINGUAL = """1
00:00:01,000 --> 00:00:03,200
<i>Where are you going?</i>
你要去哪儿？

2
00:00:03,500 --> 00:00:05,000
{\\an8}Home. It's late.
回家。太晚了。

3
00:00:06,000 --> 00:00:07,500
♪ ♪

4
00:01:02,250 --> 00:01:04,000
- Wait for me!
- 等等我！
"""

SUBTITLE_PAIRS = [
    ["Where are you going?", "你要去哪儿？"],
    ["Home. It's late.", "回家。太晚了。"],
    ["- Wait for me!", "- 等等我！"],
]
SUBTITLE_TIMES = [(1000, 3200), (3500, 5000), (62250, 64000)]

VTT_BILINGUAL = """WEBVTT - a film

NOTE This note is not a subtitle.
It has two lines.

STYLE
::cue { color: yellow }

intro
00:01.000 --> 00:03.200 align:start position:10%
<v Anna>Where are you going?</v>
<c.zh>你要去哪儿？</c>

00:00:03.500 --> 00:00:05.000
Home. It&apos;s late.
回家。太晚了。

00:00:06.000 --> 00:00:07.500
♪ ♪

01:02.250 --> 01:04.000
- Wait for me!
- 等等我！
"""

ASS_TWO_STYLES = """[Script Info]
ScriptType: v4.00+
PlayResX: 1920
PlayResY: 1080

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: CN,Noto Sans CJK SC,60,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,0,2,10,10,60,1
Style: EN,Arial,44,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,0,2,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:01.00,0:00:03.20,CN,,0,0,0,,你要去哪儿？
Dialogue: 0,0:00:01.00,0:00:03.20,EN,,0,0,0,,{\\i1}Where are you going?{\\i0}
Comment: 0,0:00:02.00,0:00:03.00,EN,,0,0,0,,a translator's comment
Dialogue: 0,0:00:03.50,0:00:05.00,CN,,0,0,0,,回家。\\N太晚了。
Dialogue: 0,0:00:03.50,0:00:05.00,EN,,0,0,0,,Home.\\NIt's late.
Dialogue: 0,0:00:06.00,0:00:07.50,EN,,0,0,0,,{\\p1}m 0 0 l 100 0 100 100 0 100{\\p0}
Dialogue: 0,0:01:02.25,0:01:04.00,CN,,0,0,0,,- 等等我！
Dialogue: 0,0:01:02.25,0:01:04.00,EN,,0,0,0,,- Wait for me!
"""

# Two files of one film, cut differently: the English second line is two Chinese cues.
SRT_ENGLISH = """1
00:00:01,000 --> 00:00:03,200
Where are you going?

2
00:00:03,500 --> 00:00:07,000
Home. It's late, and the last bus has gone.

3
00:01:02,250 --> 00:01:04,000
- Wait for me!
"""

SRT_CHINESE = """1
00:00:01,050 --> 00:00:03,150
你要去哪儿？

2
00:00:03,550 --> 00:00:05,000
回家。太晚了，

3
00:00:05,000 --> 00:00:06,900
末班车已经走了。

4
00:01:02,250 --> 00:01:04,000
- 等等我！
"""

TWO_FILE_SUBTITLE_PAIRS = [
    ["Where are you going?", "你要去哪儿？"],
    ["Home. It's late, and the last bus has gone.", "回家。太晚了，末班车已经走了。"],
    ["- Wait for me!", "- 等等我！"],
]
