"""The package of an EPUB 2 or 3 book: its zip, spine, metadata and table of contents.

An EPUB is a zip holding ``META-INF/container.xml``, which names the package
document (OPF); the OPF lists the files (manifest), their reading order
(spine), the title, and the table of contents (an EPUB 3 navigation
document, or an EPUB 2 NCX). This module reads those, refusing what it
cannot read honestly:

* a zip that is not an EPUB, a damaged zip, a spine item that is missing;
* a book protected by DRM (``rights.xml``, or content named in
  ``encryption.xml`` with anything but font obfuscation);
* XML that declares entities (defusedxml refuses them), and members that
  decompress to more than :data:`MAX_MEMBER_BYTES` or, together, more than
  :data:`MAX_TEXT_BYTES` (zip bombs): the zip's own sizes are checked first,
  and reading stops at the cap whatever they claim.

Example: ``Package.open("book.epub").spine`` lists the content documents in
reading order, each ``(path inside the zip, linear)``.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import cast
from urllib.parse import unquote, urldefrag
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml

from studyapp.core.errors import DocumentError

#: The most a single member may decompress to, and all text members together.
MAX_MEMBER_BYTES = 32 * 1024 * 1024
MAX_TEXT_BYTES = 96 * 1024 * 1024
MAX_ENTRIES = 50_000
#: A content document's declarations (its DTD) must end within its first bytes.
PROLOG_BYTES = 4096
_ENTITY_RE = re.compile(rb"<!ENTITY", re.I)
_SUBSET_RE = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.I)
CONTENT_TYPES = ("application/xhtml+xml", "text/html", "application/xml", "text/xml")
#: Encryption that only obfuscates embedded fonts: the text is readable.
FONT_OBFUSCATION = ("http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC")
_NS = {
    "container": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "enc": "http://www.w3.org/2001/04/xmlenc#",
}
#: Manifest id -> (zip path, media type, properties).
_Manifest = dict[str, tuple[str, str, str]]


@dataclass(frozen=True, slots=True)
class TocEntry:
    """A table-of-contents entry: its title, the zip path it points into, the fragment and depth."""

    title: str
    path: str
    fragment: str
    level: int


@dataclass
class Package:
    """An opened EPUB: call :meth:`read` for a member's bytes, within the caps."""

    zip: zipfile.ZipFile
    name: str
    title: str = ""
    spine: list[str] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    text_bytes: int = 0  # declared size of the spine's content documents
    _read_total: int = 0

    @classmethod
    def open(cls, path: str | Path) -> Package:
        archive = _open_zip(Path(path))
        package = cls(archive, str(path))
        try:
            package._load()
        except BaseException:
            archive.close()
            raise
        return package

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self, member: str, head: int | None = None) -> bytes:
        """A member's bytes (its first ``head`` bytes), refusing one that decompresses beyond the caps.

        The zip's declared size is a true cap: zipfile never returns more.
        """
        try:
            info = self.zip.getinfo(member)
        except KeyError:
            raise DocumentError(f"{self.name} is damaged: {member} is missing") from None
        budget = min(MAX_MEMBER_BYTES, MAX_TEXT_BYTES - self._read_total)
        if info.file_size > budget:
            raise _bomb(self.name, member)
        try:
            with self.zip.open(info) as handle:
                data = handle.read(budget + 1 if head is None else min(head, budget + 1))
        except RuntimeError:  # a password-protected member
            raise DocumentError(f"{self.name} is encrypted; studyapp can only read books without DRM") from None
        except NotImplementedError:
            raise DocumentError(f"{self.name} uses a zip compression studyapp cannot read") from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise DocumentError(f"{self.name} is damaged ({member}: {exc})") from None
        if len(data) > budget:
            raise _bomb(self.name, member)
        if head is None:
            self._read_total += len(data)
        return data

    def check_contents(self) -> None:
        """Refuse now what reading every content document would refuse later (sizes
        beyond the caps, declared entities), so that a book's beginning is never shown
        when the whole cannot open."""
        total = 0
        for member in self.spine:
            total += self.zip.getinfo(member).file_size
            if total > MAX_TEXT_BYTES:
                raise _bomb(self.name, member)
            prolog = self.read(member, head=PROLOG_BYTES)
            declares = _ENTITY_RE.search(prolog)
            subset = _SUBSET_RE.search(prolog)
            if declares or (subset and b"]" not in prolog[subset.end():]):
                raise DocumentError(f"{self.name}: {member} declares XML entities; studyapp refuses such documents")

    def _xml(self, member: str) -> Element:
        try:
            # defusedxml has no type information; its fromstring returns the standard library's Element.
            root = parse_xml(self.read(member), forbid_dtd=False, forbid_entities=True, forbid_external=True)
            return cast(Element, root)
        except DefusedXmlException:
            raise DocumentError(f"{self.name} is refused: {member} declares XML entities") from None
        except ParseError as exc:
            raise DocumentError(f"{self.name} is damaged: {member} is not well-formed XML ({exc})") from None

    def _load(self) -> None:
        names = set(self.zip.namelist())
        if "META-INF/container.xml" not in names:
            raise DocumentError(f"{self.name} is a zip archive, not an EPUB book (it has no META-INF/container.xml)")
        _refuse_drm(self, names)
        rootfile = self._xml("META-INF/container.xml").find(".//container:rootfile", _NS)
        opf_path = rootfile.get("full-path", "") if rootfile is not None else ""
        if opf_path not in names:
            raise DocumentError(f"{self.name} is damaged: its package document {opf_path or '(none)'} is missing")
        opf = self._xml(opf_path)
        base = posixpath.dirname(opf_path)
        manifest = {
            item.get("id", ""): (_join(base, item.get("href", "")), item.get("media-type", ""), item.get("properties", ""))
            for item in opf.iterfind("opf:manifest/opf:item", _NS)
        }
        self.title = " ".join((opf.findtext("opf:metadata/dc:title", "", _NS) or "").split())
        self._load_spine(opf, manifest, names)
        self._load_toc(opf, manifest, names)

    def _load_spine(self, opf: Element, manifest: _Manifest, names: set[str]) -> None:
        linear: list[str] = []
        auxiliary: list[str] = []
        for itemref in opf.iterfind("opf:spine/opf:itemref", _NS):
            idref = itemref.get("idref", "")
            if idref not in manifest:
                raise DocumentError(f"{self.name} is damaged: its spine names {idref!r}, which the manifest lacks")
            member, media_type, _ = manifest[idref]
            if member not in names:
                raise DocumentError(f"{self.name} is damaged: spine item {member} is missing")
            if media_type in CONTENT_TYPES or member.endswith((".xhtml", ".html", ".htm")):
                (auxiliary if itemref.get("linear") == "no" else linear).append(member)
        # Non-linear items (notes, pop-ups) are read after the main text.
        self.spine = list(dict.fromkeys(linear + auxiliary))
        if not self.spine:
            raise DocumentError(f"{self.name} has no text to read (its spine is empty)")
        self.text_bytes = sum(self.zip.getinfo(m).file_size for m in self.spine)

    def _load_toc(self, opf: Element, manifest: _Manifest, names: set[str]) -> None:
        nav = next((m for m, _, props in manifest.values() if "nav" in props.split() and m in names), None)
        if nav is not None:
            self.toc = _nav_entries(self.read(nav).decode("utf-8", "replace"), posixpath.dirname(nav))
        spine = opf.find("opf:spine", _NS)
        ncx_id = spine.get("toc", "") if spine is not None else ""
        ncx = manifest.get(ncx_id, (None,))[0] or next((m for m, t, _ in manifest.values() if t == "application/x-dtbncx+xml"), None)
        if not self.toc and ncx in names:
            self.toc = _ncx_entries(self._xml(ncx), posixpath.dirname(ncx))


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        if path.is_dir():
            raise DocumentError(f"{path} is a folder, not a book")
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise DocumentError(f"No such file: {path}") from None
    except PermissionError:
        raise DocumentError(f"Cannot read {path}: permission denied") from None
    except (zipfile.BadZipFile, OSError, EOFError):
        raise DocumentError(f"{path} is not an EPUB book (it is not a zip archive, or a damaged one)") from None
    if len(archive.infolist()) > MAX_ENTRIES:
        archive.close()
        raise DocumentError(f"{path} is refused: it holds more than {MAX_ENTRIES:,} files")
    return archive


def _refuse_drm(package: Package, names: set[str]) -> None:
    if "META-INF/rights.xml" in names or "META-INF/sinf.xml" in names:
        raise DocumentError(f"{package.name} is protected by DRM; studyapp can only read books without DRM")
    if "META-INF/encryption.xml" not in names:
        return
    for data in package._xml("META-INF/encryption.xml").iterfind(".//enc:EncryptedData", _NS):
        method = data.find("enc:EncryptionMethod", _NS)
        if method is None or method.get("Algorithm") not in FONT_OBFUSCATION:
            raise DocumentError(f"{package.name} is protected by DRM (its text is encrypted); studyapp can only read books without DRM")


def _bomb(name: str, member: str) -> DocumentError:
    mb = 1024 * 1024
    return DocumentError(
        f"{name} is refused: {member} would decompress beyond {MAX_MEMBER_BYTES // mb} MB "
        f"(or the book's text beyond {MAX_TEXT_BYTES // mb} MB), as a zip bomb does"
    )


def _join(base: str, href: str) -> str:
    """A zip path for ``href`` relative to the folder ``base`` (without its fragment)."""
    href = unquote(urldefrag(href)[0])
    return posixpath.normpath(posixpath.join(base, href)) if href else ""


def _split_href(base: str, href: str) -> tuple[str, str]:
    path, fragment = urldefrag(href)
    return _join(base, path), unquote(fragment)


def _ncx_entries(root: Element, base: str) -> list[TocEntry]:
    entries: list[TocEntry] = []

    def walk(parent: Element, level: int) -> None:
        for point in parent.iterfind("ncx:navPoint", _NS):
            label = " ".join((point.findtext("ncx:navLabel/ncx:text", "", _NS) or "").split())
            content = point.find("ncx:content", _NS)
            if label and content is not None:
                entries.append(TocEntry(label, *_split_href(base, content.get("src", "")), level))
            walk(point, level + 1)

    nav_map = root.find("ncx:navMap", _NS)
    if nav_map is not None:
        walk(nav_map, 1)
    return entries


def _nav_entries(markup: str, base: str) -> list[TocEntry]:
    parser = _NavParser()
    parser.feed(markup)
    parser.close()
    return [TocEntry(" ".join(title.split()), *_split_href(base, href), level) for title, href, level in parser.entries if title.strip()]


class _NavParser(HTMLParser):
    """The links of the ``<nav epub:type="toc">`` element, with their depth in its lists."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[tuple[str, str, int]] = []
        self.nav_depth = 0  # <nav> elements open since the table of contents began
        self.depth = 0
        self.link: list[str] | None = None
        self.href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "nav" and (self.nav_depth or "toc" in attributes.get("epub:type", "").split() or attributes.get("role") == "doc-toc"):
            self.nav_depth += 1
        elif self.nav_depth and tag == "ol":
            self.depth += 1
        elif self.nav_depth and tag == "a":
            self.link, self.href = [], attributes.get("href", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.nav_depth:
            self.nav_depth -= 1
        elif self.nav_depth and tag == "ol":
            self.depth -= 1
        elif tag == "a" and self.link is not None:
            if self.href:
                self.entries.append(("".join(self.link), self.href, max(self.depth, 1)))
            self.link = None

    def handle_data(self, data: str) -> None:
        if self.link is not None:
            self.link.append(data)
