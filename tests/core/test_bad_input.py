"""Bad files give one clear line, never a traceback, in the library and the CLI."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from studyapp.core.errors import DocumentError
from studyapp.core.text.importers import open_document

BILINGUAL = "The lake is calm today, and the boats are all in the harbour.\n\n今天湖面很平静，船都停在港里。\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.md", b"", "is empty"),
        ("blank.md", b"\n\n  \n", "contains no text"),
        ("binary.md", bytes(range(256)) * 4, "binary"),
        ("english.md", b"Only English here.\n\nAnd more English.\n", "No Chinese text"),
        ("chinese.md", "只有中文。\n\n还是中文。\n".encode(), "No English text"),
        ("latin1.md", "Caf\xe9 cr\xe8me, tr\xe8s \xe9l\xe9gant \xa9 \xae \xb1".encode("latin-1") * 3, "not a text file"),
    ],
)
def test_bad_content_is_reported(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        open_document(_write(tmp_path, name, data))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="No such file"):
        open_document(tmp_path / "missing.md")
    with pytest.raises(DocumentError, match="folder"):
        open_document(tmp_path)


def test_fifty_megabyte_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(DocumentError, match="too large"):
        open_document(path)


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "gbk"]
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_encodings_and_line_endings(tmp_path: Path, encoding: str, newline: str) -> None:
    path = _write(tmp_path, "doc.txt", BILINGUAL.replace("\n", newline).encode(encoding))
    assert open_document(path).pairs() == [
        ("The lake is calm today, and the boats are all in the harbour.", "今天湖面很平静，船都停在港里。")
    ]


def test_utf8_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "bom.md", codecs.BOM_UTF8 + ("# 标题\n\n" + BILINGUAL).encode())
    assert open_document(path).pairs()[0] == (None, "标题")


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "No such file"), (b"\x00\x01\x02binary\xff\xfe\x00", "binary"), (b"", "is empty")],
)
def test_cli_exits_2_with_one_line(run_cli, tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "input.md"
    if content is not None:
        path.write_bytes(content)
    result = run_cli("pairs", str(path), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.stderr


def test_cli_argument_that_is_not_utf8_exits_2(run_cli) -> None:
    import os

    result = run_cli("vocab", "remove", os.fsdecode(b"\xff"))  # how Python hands over such an argument
    assert result.returncode == 2 and "Traceback" not in result.stderr
