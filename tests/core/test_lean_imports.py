"""jieba imported without pkg_resources still segments; linecache lets go of module sources."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import linecache, sys
from PySide6.QtCore import QObject  # its import hook is what fills linecache
from studyapp.core.language.lean_imports import import_jieba
jieba = import_jieba()
print("pkg_resources" in sys.modules, any("jieba" in name for name in linecache.cache))
print("/".join(jieba.Tokenizer().cut("我们在北京学习中文")))
"""


def test_jieba_works_without_pkg_resources_and_its_sources_are_not_kept(tmp_path: Path) -> None:
    # A bare Tokenizer keeps its cache in the temporary folder: this test's own, not one warm from other runs.
    env = dict(os.environ, TMPDIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, env=env)
    assert (tmp_path / "jieba.cache").is_file()
    flags, words = done.stdout.splitlines()
    assert flags == "False False"
    assert words == "我们/在/北京/学习/中文"
