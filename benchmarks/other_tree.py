"""Run a snippet against another studyapp source tree, for same-run baselines.

A benchmark compares this tree with an older one (e.g. the rules before the
reading model: ``git archive 56cc768 | tar -x -C /tmp/old``) by running
Python code in a child process whose ``studyapp`` (and ``studyapp.resources``,
the top-level ``resources/`` folder) come from that tree. The snippet reads a
JSON payload from stdin and writes a JSON answer to stdout. Example::

    >>> run_in_tree(Path("/tmp/old"), "import json, sys; json.dump(len(json.load(sys.stdin)), sys.stdout)", [1, 2])  # doctest: +SKIP
    2
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

_PRELUDE = """
import importlib.util, sys
from pathlib import Path
_root = Path(sys.argv[1])
_spec = importlib.util.spec_from_file_location("studyapp.resources", _root / "resources" / "__init__.py", submodule_search_locations=[str(_root / "resources")])
sys.modules["studyapp.resources"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sys.modules["studyapp.resources"])
"""


def run_in_tree(root: Path, code: str, payload: Any) -> Any:
    """``code``'s JSON answer to ``payload``, run with ``root``'s studyapp."""
    env = dict(os.environ, PYTHONPATH=str(root))
    done = subprocess.run([sys.executable, "-c", _PRELUDE + code, str(root)], input=json.dumps(payload), capture_output=True, text=True, env=env, cwd=root)
    if done.returncode:
        raise RuntimeError(f"{root}: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}")
    return json.loads(done.stdout)


def parse_trees(specs: list[str]) -> list[tuple[str, Path]]:
    """``NAME=DIR`` arguments as (name, resolved folder)."""
    out = []
    for spec in specs:
        name, _, folder = spec.partition("=")
        if not folder or not Path(folder, "studyapp").is_dir():
            raise SystemExit(f"--compare wants NAME=DIR with a studyapp source tree in DIR, not {spec!r}")
        out.append((name, Path(folder).resolve()))
    return out
