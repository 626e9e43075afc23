"""``studyapp vocab ...``: the vocabulary from the command line.

add WORD (looked up in CC-CEDICT; the first entry unless --pinyin picks a
reading), list, remove, backup FILE, restore FILE.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from studyapp.core.errors import StudyappError
from studyapp.core.study.vocabulary import STATUSES, Context, VocabularyStore, WordData, WordRecord
from studyapp.core.text.char_classes import count_han

#: The longest word ``vocab add`` saves (CC-CEDICT's longest headwords are about half as long).
MAX_WORD_CHARS = 64


def add_parser(sub) -> None:
    vocab = sub.add_parser("vocab", help="the saved-word list: add, list, remove, backup, restore")
    actions = vocab.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="save a word")
    add.add_argument("word")
    add.add_argument("--pinyin", help="the reading to save, numbered (e.g. 'zhang3'); default: the first entry's")
    add.add_argument("--context", help="the sentence the word came from")
    add.add_argument("--translation", help="that sentence's English")
    add.add_argument("--document", help="the document it came from")
    add.add_argument("--status", choices=STATUSES, default="new")
    add.add_argument("--json", action="store_true")
    listing = actions.add_parser("list", help="print the saved words")
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--status", choices=STATUSES)
    remove = actions.add_parser("remove", help="delete a saved word (all its readings)")
    remove.add_argument("word")
    backup = actions.add_parser("backup", help="copy the vocabulary database to FILE")
    backup.add_argument("file")
    restore = actions.add_parser("restore", help="replace the vocabulary with the backup FILE (the current one is backed up first)")
    restore.add_argument("file")


def record_json(record: WordRecord) -> dict:
    return {
        "id": record.id, "simplified": record.simplified, "traditional": record.traditional, "pinyin": record.pinyin,
        "definitions": list(record.definitions), "note": record.note, "hsk": record.hsk, "status": record.status, "familiarity": record.familiarity,
        "tags": list(record.tags), "created": record.created, "updated": record.updated, "damaged": record.damaged,
        "contexts": [{"sentence": c.sentence, "translation": c.translation, "document_title": c.document_title,
                      "document_path": c.document_path, "position": c.position} for c in record.contexts],
    }


def run(args: argparse.Namespace) -> int:
    store = VocabularyStore.open()
    if store.recovered_from_damage:
        print(f"studyapp: warning: the vocabulary file was damaged; it was moved to {store.recovered_from_damage} "
              "and a new one started (backups are in the backups folder)", file=sys.stderr)
    try:
        return _ACTIONS[args.action](store, args)
    finally:
        store.close()


def _add(store: VocabularyStore, args: argparse.Namespace) -> int:
    from studyapp.core.language.engine import Language

    if len(args.word) > MAX_WORD_CHARS:
        raise StudyappError(f"a saved word has at most {MAX_WORD_CHARS} characters (this one has {len(args.word):,})")
    if not count_han(args.word):
        raise StudyappError(f"{args.word!r} is not a Chinese word")
    language = Language()
    result = language.lookup(args.word)
    entries = list(result.entries)
    wanted = _numbered(args.pinyin) if args.pinyin else ""
    if wanted:
        entries = [e for e in entries if _numbered(e.pinyin) == wanted]
        if result.entries and not entries:
            readings = ", ".join(sorted({e.pinyin for e in result.entries}))
            raise StudyappError(f"{args.word} has no reading {args.pinyin!r}; the dictionary has: {readings}")
    if entries:
        e = entries[0]
        data = WordData(e.simplified, e.traditional, e.pinyin, e.definitions, e.hsk, status=args.status)
    elif result.pieces:
        definitions = [f"{p.text}: {p.entries[0].definitions[0]}" for p in result.pieces if p.entries and p.entries[0].definitions]
        pinyin = " ".join(_syllables(args.pinyin)) if args.pinyin else " ".join(p.entries[0].pinyin if p.entries else "" for p in result.pieces)
        data = WordData(args.word, args.word, pinyin, definitions, result.hsk, status=args.status)
    else:
        raise StudyappError(f"{args.word!r} is not Chinese text")
    context = None
    if args.context:
        document = args.document or ""
        tokens = language.annotate([args.context])[0]
        reading = " ".join(s for t in tokens if t["pinyin"] for s in t["pinyin"])
        context = Context(args.context, args.translation or "", Path(document).stem if document else "", document, sentence_pinyin=reading)
    record = store.save(data, context)
    if args.status != "new" and record.status != args.status:
        record = store.update(record.id, status=args.status)
    if args.json:
        print(json.dumps(record_json(record), ensure_ascii=False))
    else:
        print(f"saved {record.simplified} [{record.pinyin}] ({record.status}), {len(record.contexts)} context(s)")
    return 0


def _syllables(pinyin: str) -> list[str]:
    """``zhǎng`` / ``ZHANG3`` / ``zhang3`` / ``yínháng`` -> numbered syllables in lower case."""
    from studyapp.core.language.pinyin_spelling import normalise_numbered
    from studyapp.core.study.word_filter import normalise_pinyin_query

    text = normalise_pinyin_query(pinyin)  # tone marks become numbers, spaces go
    return [normalise_numbered(s).lower() for s in re.findall(r"[a-zü:]+[1-5]?", text)] if text else []


def _numbered(pinyin: str) -> str:
    return "".join(s if s[-1].isdigit() else s + "5" for s in _syllables(pinyin))


def _list(store: VocabularyStore, args: argparse.Namespace) -> int:
    records = store.words(status=args.status)
    if args.json:
        json.dump([record_json(r) for r in records], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for r in records:
            print(f"{r.simplified}\t{r.pinyin}\t{r.status}\t{'; '.join(r.definitions[:3])}")
    damaged = [r.simplified for r in records if r.damaged]
    if damaged:
        shown = ", ".join(damaged[:5]) + (f" and {len(damaged) - 5} more" if len(damaged) > 5 else "")
        print(f"studyapp: warning: {len(damaged)} saved word(s) could not be read as saved and are listed as stored: {shown}", file=sys.stderr)
    return 0


def _remove(store: VocabularyStore, args: argparse.Namespace) -> int:
    found = store.find(args.word)
    if not found:
        raise StudyappError(f"{args.word} is not in the vocabulary")
    for record in found:
        store.remove(record.id)
    print(f"removed {args.word} ({len(found)} reading(s))")
    return 0


def _backup(store: VocabularyStore, args: argparse.Namespace) -> int:
    target = store.backup(Path(args.file))
    print(f"backed up {store.count()} words to {target}")
    return 0


def _restore(store: VocabularyStore, args: argparse.Namespace) -> int:
    restored = store.restore_from(Path(args.file))
    repaired = f"; repaired {restored.repaired} word(s) whose meanings were unreadable (kept as their raw text)" if restored.repaired else ""
    print(f"restored {store.count()} words from {args.file}; the previous vocabulary is kept in {restored.previous}{repaired}")
    return 0


_ACTIONS = {"add": _add, "list": _list, "remove": _remove, "backup": _backup, "restore": _restore}
