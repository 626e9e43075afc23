"""studyapp.core must run without Qt: importing all of it never loads PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import studyapp.core


def test_core_modules_never_import_pyside6() -> None:
    names = [m.name for m in pkgutil.walk_packages(studyapp.core.__path__, "studyapp.core.")]
    assert len(names) >= 8
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
