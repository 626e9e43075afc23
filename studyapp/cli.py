"""The ``studyapp`` command: the window, and subcommands for scripting.

``studyapp [FILE]`` opens the window (on FILE, else the last document, else
the bundled sample). Subcommands print results for scripts and tests::

    studyapp pairs FILE [--json]

Bad input exits with status 2 and one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Callable, Sequence

from studyapp.core.errors import StudyappError

EXIT_BAD_INPUT = 2


def _cmd_pairs(args: argparse.Namespace) -> int:
    from studyapp.core.importers import open_document

    document = open_document(args.file)
    pairs = document.pairs()
    if args.json:
        json.dump([list(p) for p in pairs], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for number, (block, (english, chinese)) in enumerate(zip(document.blocks, pairs), 1):
        print(f"[{number}] {block.kind}")
        print(f"  EN: {english if english is not None else '-'}")
        print(f"  ZH: {chinese if chinese is not None else '-'}")
    return 0


SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {
    "pairs": ("print the aligned English/Chinese pairs of a document", _cmd_pairs),
}


def _subcommand_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="studyapp", description="Read bilingual English-Chinese texts.")
    sub = parser.add_subparsers(dest="command", required=True)
    pairs = sub.add_parser("pairs", help=SUBCOMMANDS["pairs"][0])
    pairs.add_argument("file", help="a bilingual .md or .txt file")
    pairs.add_argument("--json", action="store_true", help="print a JSON list of [english, chinese] pairs")
    return parser


def _window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studyapp",
        description="Open the reader window. Subcommands: " + ", ".join(SUBCOMMANDS) + ".",
    )
    parser.add_argument("file", nargs="?", help="document to open (default: the last one, or the sample)")
    parser.add_argument("--screenshot", metavar="OUT.png", help="render the window to a PNG and exit")
    parser.add_argument("--width", type=int, default=1200, help="window width for --screenshot")
    parser.add_argument("--height", type=int, default=800, help="window height for --screenshot")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            args = _subcommand_parser().parse_args(argv)
            return SUBCOMMANDS[args.command][1](args)
        args = _window_parser().parse_args(argv)
        from studyapp.ui.app import run_app

        return run_app(args.file, screenshot=args.screenshot, size=(args.width, args.height))
    except StudyappError as exc:
        print(f"studyapp: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
