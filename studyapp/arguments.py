"""Command-line arguments: every mistake is one line and exit status 2.

argparse prints its usage and an error over several lines and exits by
itself; here its errors become ``UsageError`` (one line, caught by
``studyapp.cli.main``). A first word that is neither a command nor a file is
reported as an unknown command with the nearest one (``lookpu`` -> lookup),
not opened as a document; the window's options are checked before a window
exists (``--width 0``, ``--lookup`` without ``--screenshot``). Example::

    >>> unknown_command("lookpu", ["pairs", "links", "lookup"])  # doctest: +ELLIPSIS
    "no command 'lookpu' (did you mean lookup?); ..."
"""

from __future__ import annotations

import argparse
import difflib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from studyapp.core.errors import StudyappError

#: Sizes a screenshot may have (a bigger one would need gigabytes of memory).
SCREENSHOT_SIZES = (100, 8192)
#: Zooms the reader offers (its point sizes 7 to 36 are about 58% to 300%), with room either side.
ZOOM_PERCENTS = (25, 400)
_COMMAND_LIKE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


class UsageError(StudyappError):
    """The command line itself is wrong (a missing or unknown argument)."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one-line UsageErrors (its subcommand parsers too)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")


def unknown_command(word: str, commands: Sequence[str]) -> str | None:
    """The complaint about ``word`` as the first argument, or None if it may be a file to open."""
    if Path(word).exists() or not _COMMAND_LIKE_RE.match(word):
        return None
    close = difflib.get_close_matches(word, commands, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return f"no command {word!r}{hint}; the commands are {', '.join(commands)}, or give a file to open"


def screenshot_size(text: str) -> int:
    """``--width``/``--height``: a whole number of pixels within SCREENSHOT_SIZES."""
    return _whole_number(text, SCREENSHOT_SIZES, "a whole number of pixels")


def zoom_percent(text: str) -> int:
    """``--zoom``: the text size in percent of the default, within ZOOM_PERCENTS."""
    return _whole_number(text, ZOOM_PERCENTS, "a whole percentage")


def _whole_number(text: str, bounds: tuple[int, int], what: str) -> int:
    """``text`` as an int from ``bounds[0]`` to ``bounds[1]``; anything else is argparse's one-line complaint."""
    low, high = bounds
    try:
        value = int(text)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"must be {what} from {low} to {high} (got {text!r})")
    return value


def check_window_options(args: argparse.Namespace) -> None:
    """Options that only make sense with ``--screenshot`` or ``--layout-json``, and a file that must exist."""
    alone = [name for name in ("width", "height", "lookup") if getattr(args, name) is not None]
    if alone and not (args.screenshot or args.layout_json):
        raise UsageError(f"--{alone[0]} goes with --screenshot or --layout-json")
    if args.file is not None and not Path(args.file).exists():
        raise UsageError(f"No such file: {args.file}")
