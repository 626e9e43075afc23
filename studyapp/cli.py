"""The ``studyapp`` command: the window, and subcommands for scripting.

``studyapp [FILE]`` opens the window (on FILE, else the last document, else
the bundled sample). Subcommands print results for scripts and tests::

    studyapp pairs FILE [--json]            studyapp pairs EN_FILE ZH_FILE [--json]
    studyapp links FILE [--json]
    studyapp lookup WORD [--json]
    echo 文本 | studyapp annotate [--json] [--sandhi]
    studyapp vocab add WORD [--context S --translation T --document P --status S --json]
    studyapp vocab list [--json] | remove WORD | backup FILE | restore FILE
    studyapp export --format apkg|anki-txt|pleco|csv --output FILE [--deck D --cards ... --status ...]

Bad input exits with status 2 and one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Callable, Sequence

from studyapp import vocab_cli
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


def _cmd_lookup(args: argparse.Namespace) -> int:
    from studyapp.core.language.engine import Language

    result = Language().lookup(args.word)
    if args.json:
        _print_json(result.as_json())
        return 0
    if not result.found and not result.breakdown:
        print(f"{args.word}: not in the dictionary")
        return 0
    for entry in result.entries:
        head = entry.simplified if entry.simplified == entry.traditional else f"{entry.simplified} ({entry.traditional})"
        level = f"  HSK {entry.hsk}" if entry.hsk else ""
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


def _cmd_annotate(args: argparse.Namespace) -> int:
    from studyapp.core.language.engine import Language

    data = sys.stdin.buffer.read().decode("utf-8", "replace")
    lines = data.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    records = Language().annotate(lines, sandhi=args.sandhi)
    for tokens in records:
        if args.json:
            sys.stdout.write(json.dumps({"tokens": tokens}, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(" ".join(f"{t['text']}[{' '.join(t['pinyin'])}]" if t["pinyin"] else t["text"] for t in tokens) + "\n")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from studyapp.core.study.export.job import ExportRequest, export_words
    from studyapp.core.study.vocabulary import VocabularyStore

    cards = tuple(c.strip() for c in args.cards.split(",") if c.strip())
    request = ExportRequest(args.format, Path(args.output), args.deck, cards, args.status, args.tag, args.hsk, args.document,
                            only_not_exported=args.only_new)
    store = VocabularyStore.open()
    try:
        result = export_words(store, request)
    finally:
        store.close()
    print(f"exported {result.words} words ({result.cards} cards) to {result.path}")
    return 0


def _print_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def _open(args: argparse.Namespace):
    """One bilingual file, or an English file and a Chinese file."""
    from studyapp.core.text.importers import open_document, open_two_documents

    if getattr(args, "chinese_file", None):
        from studyapp.core.language.engine import Language
        from studyapp.core.links.word_links import WordLinker

        linker = WordLinker(Language())
        return open_two_documents(args.file, args.chinese_file, lexical=lambda en, zh: linker.overlap(zh, en))
    return open_document(args.file)


def _cmd_links(args: argparse.Namespace) -> int:
    from studyapp.core.language.engine import Language
    from studyapp.core.reading.session import ReadingSession

    session = ReadingSession(Language())
    session.open(_open(args))
    out = []
    for block, found in zip(session.document.blocks, session.link_document()):
        english = block.english.text if block.english else None
        chinese = block.chinese.text if block.chinese else None
        if found is None or not english or not chinese:
            out.append({"english": english, "chinese": chinese, "sentences": [], "links": []})
            continue
        sentences = [[english[e[0]:e[1]] if e else None, chinese[z[0]:z[1]] if z else None] for e, z in found.sentences]
        links = [{"zh": list(link.zh), "en": [list(span) for span in link.en]} for link in found.links]
        out.append({"english": english, "chinese": chinese, "sentences": sentences, "links": links})
    if args.json:
        _print_json(out)
    else:
        for item in out:
            for link in item["links"]:
                zh = item["chinese"][link["zh"][0]:link["zh"][1]]
                print(zh, "->", " ".join(item["english"][a:b] for a, b in link["en"]))
    return 0


SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {
    "pairs": ("print the aligned English/Chinese pairs of a document (or of an English and a Chinese file)", _cmd_pairs),
    "links": ("print the sentences and word links of each aligned pair", _cmd_links),
    "lookup": ("look a word up in CC-CEDICT", _cmd_lookup),
    "annotate": ("segment stdin (one paragraph per line) with pinyin", _cmd_annotate),
    "vocab": ("the saved-word list", lambda args: vocab_cli.run(args)),
    "export": ("export the vocabulary as flashcards (Anki, Pleco, CSV)", lambda args: _cmd_export(args)),
}


def _subcommand_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="studyapp", description="Read bilingual English-Chinese texts.")
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
    export.add_argument("--format", required=True, choices=("apkg", "anki-txt", "pleco", "csv"))
    export.add_argument("--output", required=True, help="the file to write")
    export.add_argument("--deck", default="studyapp::Vocabulary", help="deck (Anki, nested with ::) or category (Pleco)")
    export.add_argument("--cards", default="recognition,recall,cloze", help="card types: recognition, recall, cloze (comma-separated)")
    export.add_argument("--status", choices=("new", "learning", "known"))
    export.add_argument("--tag")
    export.add_argument("--hsk", type=int, choices=range(1, 8), metavar="LEVEL")
    export.add_argument("--document", help="only words saved from this document (path or title)")
    export.add_argument("--only-new", action="store_true", help="only words added or changed since they were last exported")
    return parser


def _bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is out of range ({low} to {high})")
        return value

    return parse


def _window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studyapp",
        description="Open the reader window. Subcommands: " + ", ".join(SUBCOMMANDS) + ".",
    )
    parser.add_argument("file", nargs="?", help="document to open (default: the last one, or the sample)")
    parser.add_argument("--screenshot", metavar="OUT.png", help="render the window to a PNG and exit")
    parser.add_argument("--layout-json", metavar="OUT.json", help="write where every line, character and syllable of the page is drawn, and exit")
    parser.add_argument("--width", type=_bounded_int(1, 20000), default=1200, help="window width for --screenshot and --layout-json")
    parser.add_argument("--height", type=_bounded_int(1, 20000), default=800, help="window height for --screenshot and --layout-json")
    parser.add_argument("--pinyin", choices=("off", "all", "unknown"), help="pinyin over the characters")
    parser.add_argument("--zoom", type=_bounded_int(25, 400), metavar="PCT", help="text size in percent of the default (100)")
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
        args = _window_parser().parse_args(argv)
        if args.install_desktop or args.uninstall_desktop:
            from studyapp import desktop_entry

            return desktop_entry.run(uninstalling=args.uninstall_desktop)
        from studyapp.ui.app import run_app

        return run_app(args.file, screenshot=args.screenshot, size=(args.width, args.height), pinyin=args.pinyin, lookup=args.lookup,
                       quit_after_paint=args.quit_after_paint, layout_json=args.layout_json, zoom=args.zoom)
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
