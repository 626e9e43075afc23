"""Importing an exported .apkg or Anki text file with the real Anki library, as a learner's Anki would (tests import it by name:
pytest puts this folder on sys.path for tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

from anki import import_export_pb2 as ie
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest


def import_apkg(col: Collection, path: Path) -> ie.ImportResponse.Log:
    """Import the package at ``path`` into ``col`` (new notes added, newer ones updated); Anki's import log."""
    options = ImportAnkiPackageOptions(merge_notetypes=False, update_notes=ie.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
                                       update_notetypes=ie.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER, with_scheduling=False)
    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=options)).log


def import_text(col: Collection, path: Path) -> ie.ImportResponse.Log:
    """Import an Anki text file (its header lines say deck, note type and columns) into ``col``; Anki's import log."""
    return col.import_csv(ie.ImportCsvRequest(path=str(path), metadata=col.get_csv_metadata(str(path), None))).log
