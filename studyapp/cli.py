"""The ``studyapp`` command: the window, and subcommands for scripting.

``studyapp [FILE]`` opens the window (on FILE, else the last document, else
the bundled sample). Subcommands print results for scripts and tests::

    studyapp pairs FILE [--json]            studyapp pairs EN_FILE ZH_FILE [--json]
    studyapp links FILE [--json]
    studyapp lookup WORD [--json]
    echo 文本 | studyapp annotate [--json] [--sandhi]
    studyapp vocab add WORD [--context S --translation T --document P --status S --json]
    studyapp vocab list [--json] | remove WORD | backup FILE | restore FILE
    studyapp export --format FORMAT --output FILE [--deck D --cards ... --status ...]  (formats: export/formats.py)
    studyapp review due [--now T] [--json] | answer CARD again|hard|good|easy [--now T] [--json]
    studyapp stats [--now T] [--json]

Bad input exits with status 2 and one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence

from studyapp import __version__
from studyapp.arguments import Parser, UsageError, check_window_options, screenshot_size, unknown_command, zoom_percent
from studyapp.core.errors import StudyappError

EXIT_BAD_INPUT = 2


def _cmd_pairs(args: argparse.Namespace) -> int:
    document = _open(args)
    pairs = document.pairs()
    if args.json:
        json.dump([list(p) for p in pairs], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for number, (block, (english, chinese)) in enumerate(zip(document.blocks, pairs), 1):
        print(f"[{number}] {block.kind}" + (f"  {block.time.interval}" if block.time else ""))
        print(f"  EN: {english if english is not None else '-'}")
        print(f"  ZH: {chinese if chinese is not None else '-'}")
    return 0


#: The longest text ``lookup`` takes: a phrase, cut into words when the dictionary lacks it.
MAX_LOOKUP_CHARS = 100


def _cmd_lookup(args: argparse.Namespace) -> int:
    from studyapp.core.language.engine import Language
    from studyapp.core.language.hsk import level_label

    if not args.word.strip():
        raise UsageError("give a word to look up")
    if len(args.word) > MAX_LOOKUP_CHARS:
        raise StudyappError(f"that text is {len(args.word):,} characters long; look up a word or phrase of up to {MAX_LOOKUP_CHARS} characters")
    result = Language().lookup(args.word)
    if args.json:
        _print_json(result.as_json())
        return 0
    if not result.found and not result.breakdown:
        print(f"{args.word}: not in the dictionary")
        return 0
    for entry, traditional in _merged(result.entries):
        head = entry.simplified if traditional == [entry.simplified] else f"{entry.simplified} ({', '.join(t for t in traditional if t != entry.simplified)})"
        level = f"  {level_label(entry.hsk)}" if entry.hsk else ""
        print(f"{head}  {entry.pinyin_marks}{level}")
        for number, definition in enumerate(entry.definitions, 1):
            print(f"  {number}. {definition}")
        if entry.classifiers:
            print(f"  classifiers: {', '.join(entry.classifiers)}")
        for ref in entry.references:
            print(f"  {ref.kind} {ref.simplified}[{ref.pinyin}]: {'; '.join(ref.definitions[:4])}")
    if result.breakdown:
        print(f"{args.word}: not in the dictionary; breakdown:")
        for piece in result.pieces:
            first = piece.entries[0] if piece.entries else None
            print(f"  {piece.text}  {first.pinyin_marks if first else ''}  {'; '.join(first.definitions[:3]) if first else ''}")
    return 0


def _merged(entries: Sequence) -> list[tuple]:
    """Entries that differ only in their traditional form, shown once: (entry, [traditional forms])."""
    merged: dict[tuple, tuple] = {}
    for entry in entries:
        key = (entry.simplified, entry.pinyin, entry.definitions, entry.classifiers, entry.references)
        merged.setdefault(key, (entry, []))[1].append(entry.traditional)
    return list(merged.values())


def _cmd_annotate(args: argparse.Namespace) -> int:
    """One line out per line in, written as it is read: a long line never has to fit in memory whole."""
    from studyapp.core.language.engine import Language

    opening, separator, closing = ('{"tokens": [', ", ", "]}\n") if args.json else ("", " ", "\n")
    current, first = None, True
    for number, records in Language().annotate_stream(_stdin_lines(), sandhi=args.sandhi):
        if number != current:
            sys.stdout.write((closing if current is not None else "") + opening)
            current, first = number, True
        for record in records:
            sys.stdout.write(("" if first else separator) + _shown_token(record, args.json))
            first = False
    if current is not None:
        sys.stdout.write(closing)
    return 0


def _shown_token(record: dict, as_json: bool) -> str:
    """A token as ``annotate`` prints it: a JSON object, or ``银行[yin2 hang2]``."""
    if as_json:
        return json.dumps(record, ensure_ascii=False)
    return f"{record['text']}[{' '.join(record['pinyin'])}]" if record["pinyin"] else record["text"]


def _stdin_lines() -> Iterator[str]:
    """Standard input line by line (UTF-8, bad bytes replaced; CRLF or LF endings)."""
    for raw in sys.stdin.buffer:
        line = raw.decode("utf-8", "replace")
        line = line[:-1] if line.endswith("\n") else line
        yield line[:-1] if line.endswith("\r") else line


def _cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from studyapp.core.study.export.job import ExportRequest, export_words
    from studyapp.core.study.vocabulary import VocabularyStore
    from studyapp.core.study.word_filter import WordFilter

    cards = tuple(c.strip() for c in args.cards.split(",") if c.strip())
    words = WordFilter(status=args.status, tag=args.tag, hsk=args.hsk, document=args.document, changed_since_export=args.only_new)
    request = ExportRequest(args.format, Path(args.output), args.deck, cards, words)
    store = VocabularyStore.open()
    try:
        result = export_words(store, request)
    finally:
        store.close()
    print(f"exported {result.summary()} to {result.path}")
    return 0


def _print_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def _open(args: argparse.Namespace):
    """One bilingual file, or an English file and a Chinese file."""
    from studyapp.core.text.importers import open_document, open_two_documents

    if getattr(args, "chinese_file", None):
        from studyapp.core.language.engine import Language
        from studyapp.core.links.lexicon import DictionaryGlossary
        from studyapp.core.links.word_links import WordLinker

        language = Language()
        linker = WordLinker(language)
        return open_two_documents(args.file, args.chinese_file, lexical=lambda en, zh: linker.overlap(zh, en),
                                  glossary=DictionaryGlossary(language.dictionary))
    return open_document(args.file)


# The subcommands' modules load when a subcommand runs: opening the window needs none of them.

def _cmd_vocab(args: argparse.Namespace) -> int:
    from studyapp import vocab_cli

    return vocab_cli.run(args)


def _cmd_review(args: argparse.Namespace) -> int:
    from studyapp import review_cli

    return review_cli.run(args)


def _cmd_links(args: argparse.Namespace) -> int:
    from studyapp.core.language.engine import Language
    from studyapp.core.reading.session import ReadingSession

    session, document = ReadingSession(Language()), _open(args)
    session.open(document)
    out: list[dict[str, object]] = []
    lines: list[str] = []  # "word -> its English" without --json
    for block, found in zip(document.blocks, session.link_document()):
        english = block.english.text if block.english else None
        chinese = block.chinese.text if block.chinese else None
        if found is None or not english or not chinese:
            out.append({"english": english, "chinese": chinese, "sentences": [], "links": []})
            continue
        sentences = [[english[e[0]:e[1]] if e else None, chinese[z[0]:z[1]] if z else None] for e, z in found.sentences]
        links = [{"zh": list(link.zh), "en": [list(span) for span in link.en]} for link in found.links]
        out.append({"english": english, "chinese": chinese, "sentences": sentences, "links": links})
        lines += [f"{chinese[link.zh[0]:link.zh[1]]} -> {' '.join(english[a:b] for a, b in link.en)}" for link in found.links]
    if args.json:
        _print_json(out)
    else:
        for line in lines:
            print(line)
    return 0


SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {
    "pairs": ("print the aligned English/Chinese pairs of a document (or of an English and a Chinese file)", _cmd_pairs),
    "links": ("print the sentences and word links of each aligned pair", _cmd_links),
    "lookup": ("look a word up in CC-CEDICT", _cmd_lookup),
    "annotate": ("segment stdin (one paragraph per line) with pinyin", _cmd_annotate),
    "vocab": ("the saved-word list", _cmd_vocab),
    "export": ("export the vocabulary as flashcards (Anki, Pleco, CSV)", _cmd_export),
    "review": ("review saved words: today's cards, answering one", _cmd_review),
    "stats": ("review statistics", _cmd_review),
}


def _subcommand_parser() -> argparse.ArgumentParser:
    from studyapp import review_cli, vocab_cli
    from studyapp.core.study.export import CARD_KINDS, DEFAULT_DECK
    from studyapp.core.study.export.formats import FORMATS
    from studyapp.core.study.vocabulary import STATUSES

    parser = Parser(prog="studyapp", description="Read bilingual English-Chinese texts.")
    parser.add_argument("--version", action="version", version=f"studyapp {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    pairs = sub.add_parser("pairs", help=SUBCOMMANDS["pairs"][0])
    pairs.add_argument("file", help="a bilingual .md, .txt, .epub, .html, .srt, .vtt or .ass file (or the English file of two)")
    pairs.add_argument("chinese_file", nargs="?", help="the Chinese file, when the texts are in two files")
    pairs.add_argument("--json", action="store_true", help="print a JSON list of [english, chinese] pairs")
    links = sub.add_parser("links", help=SUBCOMMANDS["links"][0])
    links.add_argument("file", help="a bilingual .md, .txt, .epub, .html, .srt, .vtt or .ass file (or the English file of two)")
    links.add_argument("chinese_file", nargs="?", help="the Chinese file, when the texts are in two files")
    links.add_argument("--json", action="store_true", help="one object per pair: english, chinese, sentences, links")
    lookup = sub.add_parser("lookup", help=SUBCOMMANDS["lookup"][0])
    lookup.add_argument("word", help="a Chinese word, simplified or traditional")
    lookup.add_argument("--json", action="store_true", help="print the entries as JSON")
    annotate = sub.add_parser("annotate", help=SUBCOMMANDS["annotate"][0])
    annotate.add_argument("--json", action="store_true", help="one JSON object per input line")
    annotate.add_argument("--sandhi", action="store_true", help="tone sandhi of 一 and 不 as spoken")
    vocab_cli.add_parser(sub)
    export = sub.add_parser("export", help=SUBCOMMANDS["export"][0])
    export.add_argument("--format", required=True, choices=list(FORMATS))
    export.add_argument("--output", required=True, help="the file to write")
    export.add_argument("--deck", default=DEFAULT_DECK, help="deck (Anki, nested with ::) or category (Pleco)")
    export.add_argument("--cards", default=",".join(CARD_KINDS), help=f"card types: {', '.join(CARD_KINDS)} (comma-separated)")
    export.add_argument("--status", choices=STATUSES)
    export.add_argument("--tag")
    export.add_argument("--hsk", type=int, choices=range(1, 8), metavar="LEVEL")
    export.add_argument("--document", help="only words saved from this document (path or title)")
    export.add_argument("--only-new", action="store_true", help="only words added or changed since they were last exported")
    review_cli.add_parsers(sub)
    return parser


def _window_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="studyapp",
        description="Open the reader window. Subcommands: " + ", ".join(SUBCOMMANDS) + ".",
    )
    parser.add_argument("--version", action="version", version=f"studyapp {__version__}")
    parser.add_argument("file", nargs="?", help="document to open (default: the last one, or the sample); or the English file of two")
    parser.add_argument("chinese_file", nargs="?", help="the Chinese file, when the text is in two files")
    parser.add_argument("--screenshot", metavar="OUT.png", help="render the window to a PNG and exit")
    parser.add_argument("--layout-json", metavar="OUT.json", help="write where every line, character and syllable of the page is drawn, and exit")
    parser.add_argument("--width", type=screenshot_size, help="window width for --screenshot or --layout-json (default 1200)")
    parser.add_argument("--height", type=screenshot_size, help="window height for --screenshot or --layout-json (default 800)")
    parser.add_argument("--pinyin", choices=("off", "all", "unknown"), help="pinyin over the characters")
    parser.add_argument("--zoom", type=zoom_percent, metavar="PCT", help="text size in percent of the default (100)")
    parser.add_argument("--lookup", metavar="WORD", help="with --screenshot: look up the first WORD on the page")
    parser.add_argument("--quit-after-paint", action="store_true", help=argparse.SUPPRESS)  # start-up benchmark
    parser.add_argument("--install-desktop", action="store_true", help="add studyapp to this user's application menu (launcher, icon, file types)")
    parser.add_argument("--uninstall-desktop", action="store_true", help="remove what --install-desktop added")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        if argv and argv[0] in SUBCOMMANDS:
            args = _subcommand_parser().parse_args(argv)
            return SUBCOMMANDS[args.command][1](args)
        complaint = unknown_command(argv[0], list(SUBCOMMANDS)) if argv and not argv[0].startswith("-") else None
        if complaint:
            raise UsageError(complaint)
        args = _window_parser().parse_args(argv)
        if args.install_desktop or args.uninstall_desktop:
            from studyapp import desktop_entry

            return desktop_entry.run(uninstalling=args.uninstall_desktop)
        check_window_options(args)
        if args.chinese_file:  # a text in two files: opened through the pair file that names them
            from studyapp.core.text.importers.pair_file import write_pair

            args.file = str(write_pair(args.file, args.chinese_file))
        from studyapp.ui.app import run_app

        size = (args.width or 1200, args.height or 800)
        return run_app(args.file, screenshot=args.screenshot, size=size, pinyin=args.pinyin, lookup=args.lookup,
                       quit_after_paint=args.quit_after_paint, layout_json=args.layout_json, zoom=args.zoom)
    except SystemExit as exc:  # --help and --version print and stop here
        return exc.code if isinstance(exc.code, int) else 0
    except StudyappError as exc:
        print(f"studyapp: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UnicodeError:  # e.g. a command-line argument that is not valid UTF-8
        print("studyapp: error: an argument or the input is not valid UTF-8 text", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
