"""Inline markdown rendered away to plain text, in time linear in the text.

Documents keep their text as plain text: links keep their words, emphasis
markers and code backticks go, backslash escapes become the character. Nothing
here produces or interprets HTML. Example::

    >>> plain_text(r"a **bold** [deal](#) for \\$200 and `x_y`")
    'a bold deal for $200 and x_y'

Every step is a single left-to-right pass (a markdown file can be any text,
and a regular expression that searches forward from each opening mark takes
quadratic time on a paragraph of ``[`` or backticks):

1. backslash escapes and code spans are set aside in private-use characters,
   so ``\\*`` or ```a*b*``` are never read as emphasis. A code span closes at
   the next run of exactly as many backticks (found through one list of
   runs per length);
2. images ``![alt](src)``, links ``[text](url)`` (one level of parentheses in
   the url) and reference links ``[text][ref]`` keep their words; where each
   closing bracket and each url ends is looked up once, not once per ``[``;
3. emphasis: runs of ``*``, ``_`` and ``~~`` are matched like brackets on a
   stack per character: ``**a *b* c**`` -> ``a b c``. A run opens when
   followed by a non-space, closes when preceded by one; ``_`` not inside a
   word (``snake_case`` stays); ``2 * 3 * 4`` stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_MARKUP_CHAR_RE = re.compile(r"[\\`*_\[<~]")
_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
_BACKTICKS_RE = re.compile(r"`+")
_PAREN_RE = re.compile(r"[()]")
_AUTOLINK_RE = re.compile(r"<((?:https?|mailto|ftp):[^<>\s]+)>")
_DELIMITER_RE = re.compile(r"\*+|_+|~+")
# Private-use characters stand in for escaped characters and code spans while
# the other rules run.
_SLOT_BASE = 0xF0000
_SLOTS = 0x110000 - _SLOT_BASE
_SLOT_RE = re.compile("[\U000f0000-\U000fffff]")


def plain_text(text: str) -> str:
    """Render inline markdown in ``text`` to plain text."""
    if not _MARKUP_CHAR_RE.search(text):
        return text
    slots: list[str] = []
    slot_of: dict[str, str] = {}

    def keep(literal: str) -> str:
        if literal not in slot_of:
            if len(slots) == _SLOTS:  # a text with more distinct code spans than slots: the rest stays as it is
                return literal
            slots.append(literal)
            slot_of[literal] = chr(_SLOT_BASE + len(slots) - 1)
        return slot_of[literal]

    if _SLOT_RE.search(text):  # the text's own private-use characters come back as they were
        text = _SLOT_RE.sub(lambda m: keep(m.group(0)), text)
    if "\\" in text:
        text = _ESCAPE_RE.sub(lambda m: keep(m.group(1)), text)
    if "`" in text:
        text = _code_spans(text, keep)
    if "](" in text:
        text = _bracketed(text, "![", _Tails(text).image)
        text = _bracketed(text, "[", _Tails(text).link)
    if "][" in text:
        text = _bracketed(text, "[", _Tails(text).reference)
    if "<" in text:
        text = _AUTOLINK_RE.sub(r"\1", text)
    if "*" in text or "_" in text or "~~" in text:
        text = _emphasis(text)
    if slots:
        text = _SLOT_RE.sub(lambda m: _restore(m.group(0), slots), text)
    return text


def _restore(char: str, slots: list[str]) -> str:
    index = ord(char) - _SLOT_BASE
    return slots[index] if 0 <= index < len(slots) else char


# --- code spans -------------------------------------------------------------------------


def _code_spans(text: str, keep: Callable[[str], str]) -> str:
    """```x``` -> x (set aside): each run of backticks closes at the next run of the same length."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS_RE.finditer(text)]
    if len(runs) < 2:
        return text
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    cursor = {length: 0 for length in by_length}
    out, pos, index = [], 0, 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        k = cursor[end - start]
        while k < len(same) and same[k] <= index:
            k += 1
        cursor[end - start] = k
        if k == len(same):  # no closing run: literal backticks
            index += 1
            continue
        closing = same[k]
        content = text[end : runs[closing][0]]
        out += [text[pos:start], keep(content.strip() or content)]
        pos, index = runs[closing][1], closing + 1
    out.append(text[pos:])
    return "".join(out)


# --- images and links -------------------------------------------------------------------------


class _Tails:
    """Where the part after ``[label]`` ends, for each closing bracket, each found once.

    Positions are of the ``]``; the answer is the index just past the tail, or -1.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._url_end: dict[int, int] = {}
        self._found: dict[str, tuple[int, int]] = {}

    def next(self, char: str, position: int) -> int:
        """``text.find(char, position)``, answered from the last search when it covers ``position``."""
        searched_from, found = self._found.get(char, (len(self.text) + 1, 0))
        if searched_from <= position and (position <= found or found < 0):
            return found
        found = self.text.find(char, position)
        self._found[char] = (position, found)
        return found

    def image(self, close: int) -> int:
        """``](src)``: the source has no parentheses."""
        return self._enclosed(close, "(", ")")

    def link(self, close: int) -> int:
        """``](url)``: the url may hold one level of parentheses."""
        if not self.text.startswith("(", close + 1):
            return -1
        end = self._link_url_end(close + 2)
        return end + 1 if end >= 0 else -1

    def reference(self, close: int) -> int:
        """``][ref]``."""
        return self._enclosed(close, "[", "]")

    def _enclosed(self, close: int, opener: str, closer: str) -> int:
        """Just past ``closer`` when ``opener`` follows the ``]`` at ``close`` and ``closer`` comes later; else -1."""
        if not self.text.startswith(opener, close + 1):
            return -1
        end = self.next(closer, close + 2)
        return end + 1 if end >= 0 else -1

    def _link_url_end(self, start: int) -> int:
        """Index of the ``)`` closing a url that starts at ``start``, or -1.

        The walk hops from one ``(...)`` group to the next; every place it
        resumes from is remembered with the answer, so no stretch of text is
        walked twice however many links start before it.
        """
        text, visited, position = self.text, [], start
        while True:
            if position in self._url_end:
                result = self._url_end[position]
                break
            visited.append(position)
            paren = _PAREN_RE.search(text, position)
            if paren is None:
                result = -1
                break
            if text[paren.start()] == ")":
                result = paren.start()
                break
            group_end = self.next(")", paren.start() + 1)
            if group_end < 0:
                result = -1
                break
            position = group_end + 1
        for place in visited:
            self._url_end[place] = result
        return result


def _bracketed(text: str, opener: str, tail: Callable[[int], int]) -> str:
    """``<opener>label]<tail>`` -> label; a label holds no ``]`` (and, for links, at least one character)."""
    out, pos, close = [], 0, -1
    start = text.find(opener)
    while start >= 0:
        label_start = start + len(opener)
        if close < label_start:
            close = text.find("]", label_start)
            if close < 0:
                break
        end = tail(close) if (close > label_start or opener == "![") else -1
        if end >= 0:
            out += [text[pos:start], text[label_start:close]]
            pos = end
            start = text.find(opener, end)
        else:
            start = text.find(opener, start + 1)
    out.append(text[pos:])
    return "".join(out)


# --- emphasis ---------------------------------------------------------------------------


def _emphasis(text: str) -> str:
    """Drop emphasis markers that pair up (see the module docstring).

    Each run is looked at once: a run that can close pairs with the openers
    of its character on the stack, innermost first, two characters at a time
    where both have two (``**``), else one; what is left of a run that can
    open waits on the stack. Runs keep ``kept[i]`` of their characters.
    """
    spans: list[tuple[int, int]] = []
    kept: list[int] = []
    stacks: dict[str, list[int]] = {"*": [], "_": [], "~": []}
    for match in _DELIMITER_RE.finditer(text):
        start, end = match.span()
        char = text[start]
        if char == "~" and end - start != 2:
            continue  # only ~~strikethrough~~
        run = len(spans)
        spans.append((start, end))
        kept.append(end - start)
        can_open, can_close = _flanking(text, start, end, char)
        stack = stacks[char]
        while can_close and kept[run] and stack:
            opener = stack[-1]
            used = 2 if kept[opener] >= 2 and kept[run] >= 2 else 1
            kept[opener] -= used
            kept[run] -= used
            if not kept[opener]:
                stack.pop()
        if can_open and kept[run]:
            stack.append(run)
    out, pos = [], 0
    for (start, end), count in zip(spans, kept):
        out += [text[pos:start], text[start] * count]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _flanking(text: str, start: int, end: int, char: str) -> tuple[bool, bool]:
    """(can open, can close) for the run ``text[start:end]`` of ``char``, from the characters around it."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    can_open, can_close = not after.isspace(), not before.isspace()
    if char == "_":  # never inside a word: snake_case_name
        can_open = can_open and not (before.isascii() and before.isalnum())
        can_close = can_close and not (after.isascii() and after.isalnum())
    return can_open, can_close
