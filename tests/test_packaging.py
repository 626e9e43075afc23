"""What `pip install .` ships: every package of the source tree, every data file the code opens."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
#: Folders of the tree that are deliberately not installed.
NOT_SHIPPED = {"studyapp.resources.screenshots"}  # README pictures


def source_folder(package: str) -> Path:
    """studyapp.resources.icons -> resources/icons (package-dir); studyapp.core -> studyapp/core."""
    parts = package.split(".")
    if parts[:2] == ["studyapp", "resources"]:
        return ROOT / SETUPTOOLS["package-dir"]["studyapp.resources"] / Path(*parts[2:])
    return ROOT / Path(*parts)


def tree_packages() -> set[str]:
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "studyapp").rglob("__init__.py")}
    resources = ROOT / SETUPTOOLS["package-dir"]["studyapp.resources"]
    found |= {"studyapp.resources." + ".".join(d.relative_to(resources).parts) for d in resources.rglob("*") if d.is_dir() and d.name != "__pycache__"}
    return found | {"studyapp.resources"}


def test_every_package_of_the_tree_is_installed() -> None:
    assert set(SETUPTOOLS["packages"]) == tree_packages() - NOT_SHIPPED


def test_every_data_file_of_an_installed_package_is_installed() -> None:
    missing = []
    for package in SETUPTOOLS["packages"]:
        patterns = SETUPTOOLS.get("package-data", {}).get(package, [])
        for file in source_folder(package).iterdir():
            if file.is_file() and file.suffix not in (".py", ".pyc") and not any(fnmatch.fnmatch(file.name, p) for p in patterns):
                missing.append(f"{package}: {file.name}")
    assert missing == []
