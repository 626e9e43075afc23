"""Books, pages and subtitles that cannot be read give one clear line (exit status 2 on the CLI)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from builders import BILLION_LAUGHS, SRT_BILINGUAL, Chapter, build_epub, interleaved_book, page, paragraphs

from studyapp.cli import main
from studyapp.core.errors import DocumentError
from studyapp.core.text.importers import open_document

BODY = paragraphs(("It is cold today.", "今天很冷。"))
AES = "http://www.w3.org/2001/04/xmlenc#aes128-cbc"
ENCRYPTION = """<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
<enc:EncryptedData><enc:EncryptionMethod Algorithm="{algorithm}"/>
<enc:CipherData><enc:CipherReference URI="OEBPS/{target}"/></enc:CipherData></enc:EncryptedData></encryption>"""


def _book(tmp: Path, **kwargs) -> Path:
    return build_epub(tmp / "bad.epub", [Chapter("c.xhtml", BODY, title="One")], **kwargs)


def _zip_bomb(tmp: Path) -> Path:
    return _book(tmp, extra_files={"OEBPS/text/c.xhtml": b"<html><body><p>" + b" " * (40 * 1024 * 1024) + b"</p></body></html>"})


def _many_big_members(tmp: Path) -> Path:
    chapters = [Chapter(f"c{n}.xhtml", "", title=f"{n}") for n in range(4)]
    filler = b"<html><body><p>" + b" " * (30 * 1024 * 1024) + b"</p></body></html>"
    return build_epub(tmp / "bad.epub", chapters, extra_files={f"OEBPS/text/c{n}.xhtml": filler for n in range(4)})


def _not_a_zip(tmp: Path) -> Path:
    path = tmp / "bad.epub"
    path.write_text("This is a text file named like a book.\n这是一个文本文件。\n", encoding="utf-8")
    return path


def _plain_zip(tmp: Path) -> Path:
    path = tmp / "bad.epub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return path


def _file(name: str, text: str) -> Callable[[Path], Path]:
    def write(tmp: Path) -> Path:
        (tmp / name).write_text(text, encoding="utf-8")
        return tmp / name

    return write


BAD = {
    "not a zip": (_not_a_zip, "not an EPUB book"),
    "zip that is not an EPUB": (_plain_zip, "is a zip archive, not an EPUB book"),
    "DRM-encrypted text": (lambda t: _book(t, extra_files={"META-INF/encryption.xml": ENCRYPTION.format(algorithm=AES, target="text/c.xhtml").encode()}), "protected by DRM"),
    "Adobe rights file": (lambda t: _book(t, extra_files={"META-INF/rights.xml": b"<rights/>"}), "protected by DRM"),
    "missing spine item": (lambda t: _book(t, drop_files=("OEBPS/text/c.xhtml",)), "spine item OEBPS/text/c.xhtml is missing"),
    "spine naming nothing": (lambda t: _book(t, bad_idref=True), "which the manifest lacks"),
    "missing package document": (lambda t: _book(t, drop_files=("OEBPS/content.opf",)), "package document OEBPS/content.opf is missing"),
    "package that is not XML": (lambda t: _book(t, extra_files={"OEBPS/content.opf": b"<package><unclosed>"}), "not well-formed XML"),
    "entity expansion in the package": (lambda t: _book(t, opf_doctype=BILLION_LAUGHS), "declares XML entities"),
    "entity expansion in a chapter": (
        lambda t: _book(t, extra_files={"OEBPS/text/c.xhtml": (BILLION_LAUGHS.replace("package", "html") + "<html><body><p>&d;</p><p>冷。</p></body></html>").encode()}),
        "declares XML entities",
    ),
    "zip bomb": (_zip_bomb, "as a zip bomb does"),
    "members that add up to a bomb": (_many_big_members, "as a zip bomb does"),
    "book without Chinese": (lambda t: _book(t, extra_files={"OEBPS/text/c.xhtml": b"<html><body><p>Only English.</p></body></html>"}), "No Chinese text"),
    "page without Chinese": (lambda t: page(t / "bad.html", "<p>Only English here.</p><p>And more.</p>"), "No Chinese text found in"),
    "empty page": (_file("bad.html", ""), "is empty"),
    "broken time code": (_file("bad.srt", SRT_BILINGUAL.replace("00:00:03,500", "00:00:0x,500")), "line 7 should be a time code"),
    "cue ending before it starts": (_file("bad.srt", SRT_BILINGUAL.replace("00:00:05,000", "00:00:02,000")), "ends before it starts"),
    "subtitle text without any time code": (_file("bad.srt", "Hello.\n你好。\n"), "line 1 should be a time code"),
    "WebVTT without its header": (_file("bad.vtt", "00:01.000 --> 00:02.000\nHi.\n你好。\n"), "not a WebVTT file"),
    "broken ASS timing": (_file("bad.ass", "[Events]\nFormat: Layer, Start, End, Style, Text\nDialogue: 0,0:00:0x.00,0:00:02.00,Default,你好\n"), "broken subtitle file"),
    "subtitles without Chinese": (_file("bad.srt", "1\n00:00:01,000 --> 00:00:02,000\nHello.\n"), "No Chinese text"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_file_is_one_clear_line_and_exit_2(tmp_path: Path, capsys, case: str) -> None:
    make, message = BAD[case]
    path = make(tmp_path)
    with pytest.raises(DocumentError, match=message):
        open_document(path)
    assert main(["pairs", str(path), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and message in err


def test_font_obfuscation_is_not_drm(tmp_path: Path) -> None:
    extra = {"META-INF/encryption.xml": ENCRYPTION.format(algorithm="http://www.idpf.org/2008/embedding", target="fonts/a.otf").encode()}
    assert open_document(_book(tmp_path, extra_files=extra)).pairs() == [("It is cold today.", "今天很冷。")]


def test_cli_process_reports_a_drm_book_without_a_traceback(tmp_path: Path) -> None:
    path = _book(tmp_path, extra_files={"META-INF/rights.xml": b"<rights/>"})
    result = subprocess.run([sys.executable, "-m", "studyapp", "pairs", str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"studyapp: error: {path} is protected by DRM; studyapp can only read books without DRM"]


def test_good_book_still_opens_after_the_checks(tmp_path: Path) -> None:
    assert open_document(interleaved_book(tmp_path / "ok.epub")).blocks
