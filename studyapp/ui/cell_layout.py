"""Chinese set in cells: one per character, its syllable centred over it, lines justified.

Qt-free: the caller measures each cell (the character's advance, the blank
half of a full-width punctuation mark, the width of the syllable over it) and
gets back where every cell, character and syllable goes. The rules:

* A cell is as wide as the wider of its character and its syllable; both are
  centred in it, so a syllable sits exactly over its character. The
  characters, not the syllables, make the line's edges: a wide syllable at
  either end overhangs into the margin.
* Syllables keep ``syllable_gap`` apart inside a word and ``word_gap`` between
  words; space is added between characters only where the pinyin needs it.
* Punctuation is glued: a closing mark sits right after its character (under
  the overhang of that character's syllable), an opening mark right before
  the next one; two marks in a row lose the blank half of the first (。” is
  1.5 em, not 2). No line starts with a closing mark (，。、：；！？）」』”·)
  nor ends with an opening one (（「『“); a dash or an ellipsis (——, ……) is
  never split; an opening mark that begins a line loses the blank before it
  (the line does not look indented). When the next unbreakable run does not
  fit and ending the line before it would spread it more than ``push_in`` em
  a gap, the line's marks are squeezed to their ink, last first, if that
  makes room.
* Lines break between any two characters, but a line prefers to end between
  words when that costs at most ``keep_words`` em of extra spacing per gap.
* Every line but the last of a paragraph (or one before a newline) is
  justified: the space left over is spread evenly over the gaps between
  characters (never between a character and the punctuation glued to it);
  past ``max_gap`` em a gap, squeezed marks get their blank back first and
  the spaces around Latin words take what is still left.

Example, every character 10 wide (a mark's blank half 5), a measure of 48::

    >>> from studyapp.ui.chinese_cells import kind_of
    >>> cells = [CellSpec(k, k + 1, kind_of(c), 10.0, 5.0 if kind_of(c) != HAN else 0.0)
    ...          for k, c in enumerate("我们走吧。好的！")]
    >>> laid = lay_out_cells(cells, 48.0, Spacing(em=10.0), 20.0, 15.0)
    >>> ["".join("我们走吧。好的！"[k] for k in line.pieces) for line in laid.lines]
    ['我们走吧。', '好的！']
    >>> [c.glyph_x for c in laid.lines[0].cells]   # 。 pushed in (else 8 px over 2 gaps), 1 px added a gap
    [0.0, 11.0, 22.0, 33.0, 43.0]
"""

from __future__ import annotations

from collections.abc import Sequence

from studyapp.ui.chinese_cells import CLOSE, HAN, OPEN, SPACE, CellLine, CellSpec, PlacedCell, Spacing, can_break, squeezes
from studyapp.ui.line_breaking import LaidLine, Piece, SideLayout


def _groups(cells: Sequence[CellSpec], start: int, end: int) -> list[list[int]]:
    """The unbreakable runs of ``cells[start:end]``."""
    groups, k = [], start
    while k < end:
        stop = k + 1
        while stop < end and not can_break(cells[stop - 1], cells[stop]):
            stop += 1
        groups.append(list(range(k, stop)))
        k = stop
    return groups


class _Breaker:
    """Greedy line breaking of one hard-broken run of cells (see the module docstring)."""

    def __init__(self, cells: Sequence[CellSpec], measure: float, spacing: Spacing, advances: list[float], shifts: list[float]) -> None:
        self.cells, self.measure, self.spacing = cells, measure + 0.01, spacing
        self.advances, self.shifts = advances, shifts
        self.lines: list[tuple[list[int], frozenset[int]]] = []  # indices, marks pushed in
        self.line = self._new_line()

    def _new_line(self, indices: Sequence[int] = (), squeezed: frozenset[int] = frozenset()) -> CellLine:
        line = CellLine(self.cells, self.advances, self.shifts, self.spacing, squeezed)
        line.extend(self._unspaced(indices))
        return line

    def _unspaced(self, indices: Sequence[int]) -> list[int]:
        """``indices`` without the spaces that would begin a line."""
        first = next((p for p, k in enumerate(indices) if self.cells[k].kind != SPACE), len(indices))
        return list(indices[first:])

    def run(self, start: int, end: int) -> list[tuple[list[int], frozenset[int]]]:
        for group in _groups(self.cells, start, end):
            self._add(group if self.line.indices else self._unspaced(group))
        if self.line.indices:
            self._finish(self.line)
        return self.lines

    def _finish(self, line: CellLine, keep: int | None = None) -> None:
        self.lines.append((line.indices[:keep], line.squeezed))

    def _add(self, group: list[int]) -> None:
        if not group:
            return
        line, mark = self.line, self.line.mark()
        line.extend(group)
        if line.extent <= self.measure:
            return
        line.rewind(mark)
        if not line.indices:  # alone and still too wide: cut it cell by cell
            for k in group:
                self._add_cell(k)
            return
        if self._loose_without(group) and self._push_in(group):
            return
        keep = self._word_start(group[0])
        self._finish(line, keep)
        self.line = self._new_line(line.indices[keep:])
        self._add(group)

    def _loose_without(self, group: list[int]) -> bool:
        """Would ending the line before ``group`` spread it more than ``push_in`` em a gap?"""
        gaps = len(_justifiable(self.cells, self.line.indices))
        leftover = self.measure - self.line.extent
        return not gaps or leftover / gaps > self.spacing.push_in * self.spacing.em

    def _push_in(self, group: list[int]) -> bool:
        """Make room for ``group`` by squeezing the line's marks, last first; True if it fits."""
        indices = self.line.indices + group
        squeezed = set(self.line.squeezed)
        trial = self._new_line(indices, self.line.squeezed)
        need = trial.extent - self.measure
        for k in reversed(indices):
            if need <= 0:
                break
            if self._squeezable(k) and k not in squeezed:
                squeezed.add(k)
                need -= self.cells[k].blank
        if need > 0:
            return False
        trial = self._new_line(indices, frozenset(squeezed))
        if trial.extent > self.measure:
            return False
        self._finish(trial)
        self.line = self._new_line()
        return True

    def _squeezable(self, k: int) -> bool:
        """A mark that may lose its blank half: not one already squeezed next to another mark,
        nor an opening mark right after another (two marks keep half an em between them)."""
        cells = self.cells
        cell = cells[k]
        if cell.kind not in (CLOSE, OPEN) or cell.blank <= 0 or self.advances[k] != cell.advance:
            return False
        return not (cell.kind == OPEN and k > 0 and cells[k - 1].kind in (CLOSE, OPEN))

    def _add_cell(self, k: int) -> None:
        mark = self.line.mark()
        self.line.extend([k])
        if self.line.extent > self.measure and len(self.line.indices) > 1:
            self.line.rewind(mark)
            self._finish(self.line)
            self.line = self._new_line([k])

    def _word_start(self, next_cell: int) -> int:
        """Where to end the line before ``next_cell``: at its end, or earlier at the start
        of the word ``next_cell`` continues, if justifying the shorter line stays tight."""
        cells, indices = self.cells, self.line.indices
        word = cells[next_cell].word
        if word < 0 or cells[indices[-1]].word != word or cells[next_cell].kind != HAN:
            return len(indices)
        keep = len(indices)
        while keep > 0 and cells[indices[keep - 1]].word == word:
            keep -= 1
        if keep < 2 or not can_break(cells[indices[keep - 1]], cells[indices[keep]]):
            return len(indices)
        gaps = _justifiable(cells, indices[:keep])
        leftover = self.measure - self.line.extents[keep - 1]
        return keep if gaps and leftover / len(gaps) <= self.spacing.keep_words * self.spacing.em else len(indices)


def _justifiable(cells: Sequence[CellSpec], line: Sequence[int]) -> list[int]:
    """Positions ``p`` in ``line`` where space may be added before ``line[p]``."""
    return [p for p in range(1, len(line)) if can_break(cells[line[p - 1]], cells[line[p]])]


def lay_out_cells(cells: Sequence[CellSpec], measure: float, spacing: Spacing, line_height: float, baseline: float) -> SideLayout:
    """Break ``cells`` into justified lines of ``measure`` and place them.

    The layout's pieces are the cells; each line's ``xs``/``widths`` split the
    line between its cells (for hit-testing and highlights), its ``cells`` say
    where each character and syllable is drawn.
    """
    advances, shifts = squeezes(cells)
    pieces = [Piece(c.start, c.end, hard=c.hard) for c in cells]
    broken: list[tuple[list[int], frozenset[int], bool]] = []  # indices, marks pushed in, last of its paragraph
    starts = [0] + [k for k in range(1, len(cells)) if cells[k].hard] + [len(cells)]
    for start, end in zip(starts, starts[1:]):
        paragraph = _Breaker(cells, measure, spacing, advances, shifts).run(start, end)
        broken += [(indices, squeezed, n == len(paragraph) - 1) for n, (indices, squeezed) in enumerate(paragraph)]
    lines = []
    for row, (indices, squeezed, last) in enumerate(broken):
        first = indices[0]
        if cells[first].kind == OPEN and advances[first] == cells[first].advance:  # （ at a line's start: no blank before it
            squeezed = squeezed | {first}
        placed = CellLine(cells, advances, shifts, spacing, squeezed)
        placed.extend(indices)
        lines.append(_laid_line(placed, row * line_height, line_height, baseline, None if last else measure))
    return SideLayout(pieces, lines, len(lines) * line_height)


def _laid_line(placed: CellLine, top: float, line_height: float, baseline: float, justify_to: float | None) -> LaidLine:
    """A placed line as a LaidLine, justified to ``justify_to`` (None: left-aligned)."""
    extras = _justification(placed, justify_to)
    offsets, shift = [], 0.0
    for p in range(len(placed.indices)):
        shift += extras.get(p, 0.0)
        offsets.append(shift)
    cells = [PlacedCell(c.glyph_x + d, c.glyph_w, c.draw_x + d, c.ruby_x + d) for c, d in zip(placed.placed, offsets)]
    boxes = [(x + d, w) for (x, w), d in zip(placed.boxes, offsets)]
    xs, widths = _partition(cells, boxes)
    line = LaidLine(top, line_height, top + baseline, list(placed.indices), xs, widths)
    line.cells, line.last = cells, justify_to is None
    return line


def _justification(placed: CellLine, justify_to: float | None) -> dict[int, float]:
    """The space to add before each position of the line: the leftover spread evenly.
    Past ``max_gap`` em a gap, squeezed marks first get their blank back, then the
    spaces (around Latin words) take the rest."""
    cells, indices, advances = placed.cells, placed.indices, placed.advances
    # A space that takes no room is not a gap of its own: the gap after it is the one.
    gaps = [p for p in _justifiable(cells, indices) if not (cells[indices[p]].kind == SPACE and advances[indices[p]] == 0)]
    leftover = (justify_to - placed.extent) if justify_to is not None else 0.0
    if leftover <= 0:
        return {}
    cap = placed.spacing.max_gap * placed.spacing.em
    extras: dict[int, float] = {}
    if not gaps or leftover / len(gaps) > cap:
        for p, blank in _restorable(placed):
            extras[p] = min(blank, leftover)
            leftover -= extras[p]
    if not gaps or leftover <= 0:
        return extras
    spaced = [p for p in gaps if any(cells[k].kind == SPACE and advances[k] > 0 for k in (indices[p - 1], indices[p]))]
    even = leftover / len(gaps)
    if even <= cap or not spaced or len(spaced) == len(gaps):
        shares = dict.fromkeys(gaps, even)
    else:
        shares = dict.fromkeys(gaps, cap)
        shares.update(dict.fromkeys(spaced, (leftover - cap * (len(gaps) - len(spaced))) / len(spaced)))
    for p, extra in shares.items():
        extras[p] = extras.get(p, 0.0) + extra
    return extras


def _restorable(placed: CellLine) -> list[tuple[int, float]]:
    """``(position, blank)`` where a squeezed mark's blank half can be given back:
    after a squeezed closing mark, before a squeezed opening one."""
    cells, indices = placed.cells, placed.indices
    found = []
    for p, k in enumerate(indices):
        cell = cells[k]
        squeezed = k in placed.squeezed or placed.advances[k] < cell.advance
        if squeezed and cell.kind == CLOSE and p + 1 < len(indices):
            found.append((p + 1, cell.blank))
        elif squeezed and cell.kind == OPEN and p > 0:
            found.append((p, cell.blank))
    return found


def _partition(cells: list[PlacedCell], boxes: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    """Split a line between its cells at the midpoints between their characters."""
    if not cells:
        return [], []
    cuts = [min(boxes[0][0], cells[0].glyph_x)]
    cuts += [(a.glyph_x + a.glyph_w + b.glyph_x) / 2 for a, b in zip(cells, cells[1:])]
    cuts.append(max(max(x + w for x, w in boxes), cells[-1].glyph_x + cells[-1].glyph_w))
    return cuts[:-1], [b - a for a, b in zip(cuts, cuts[1:])]
