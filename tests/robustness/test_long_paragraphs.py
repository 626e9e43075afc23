"""A whole book on one line: memory stays bounded in `annotate` and in the reader."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from studyapp.core.text.importers import open_document

SENTENCES = ("杭州是浙江省的省会，有1200多万人口。", "湖面又宽又平静，四周是绿色的小山。", "我从上海坐高铁去了杭州！", "你去过西湖吗？")

#: Annotates stdin and reports its own peak memory (kB) on the last line of stderr
#: (VmHWM: ru_maxrss would include the memory of the parent it was forked from).
PEAK = textwrap.dedent(
    """
    import sys
    from studyapp.cli import main
    status = main(["annotate", "--json"])
    with open("/proc/self/status") as status_file:
        print(next(line.split()[1] for line in status_file if line.startswith("VmHWM:")), file=sys.stderr)
    sys.exit(status)
    """
)


def one_line(chars: int, seed: int = 0) -> str:
    out, n = [], seed
    while sum(map(len, out)) < chars:
        out.append(SENTENCES[n % len(SENTENCES)] + str(n))
        n += 1
    return "".join(out)


def annotate_peak(home: Path, line: str) -> tuple[list[dict], int]:
    env = dict(os.environ, STUDYAPP_HOME=str(home))
    result = subprocess.run([sys.executable, "-c", PEAK], input=line + "\n", capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr[-500:]
    return json.loads(result.stdout)["tokens"], int(result.stderr.split()[-1])


def test_annotate_memory_does_not_grow_with_the_length_of_a_line(language_home: Path) -> None:
    _short, short_peak = annotate_peak(language_home, one_line(2_000))
    line = one_line(100_000, seed=1)
    tokens, long_peak = annotate_peak(language_home, line)
    assert "".join(t["text"] for t in tokens) == line
    assert all(line[t["start"] : t["start"] + len(t["text"])] == t["text"] for t in tokens)
    assert long_peak - short_peak < 15_000, (short_peak, long_peak)  # kB; reading the line whole took about 30 MB more


def test_a_paragraph_longer_than_the_reader_handles_is_read_as_paragraphs(tmp_path: Path) -> None:
    from studyapp.core.text.importers.textfile import MAX_PARAGRAPH_CHARS, PIECE_CHARS, read_text

    line = one_line(MAX_PARAGRAPH_CHARS * 5)
    path = tmp_path / "book.md"
    path.write_text("An English paragraph about the lake.\n\n" + line + "\n", encoding="utf-8")
    text = read_text(path).text
    paragraphs = text.split("\n\n")
    assert max(len(p) for p in paragraphs) <= PIECE_CHARS
    assert "".join(paragraphs[1:]).strip() == line  # cut, nothing lost
    assert all(p.endswith(("。", "！", "？")) for p in paragraphs[1:-1])  # cut at sentence ends
    document = open_document(path)
    assert max(len(b.chinese.text) for b in document.blocks if b.chinese) <= PIECE_CHARS
