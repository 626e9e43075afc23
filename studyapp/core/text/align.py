"""Aligning English and Chinese paragraphs (and, later, sentences).

A monotone dynamic programme over the English and the Chinese sequences finds
the cheapest chain of *beads*: 1-1, 1-0, 0-1, 2-1 and 1-2 (2-2 on request).
A bead's cost adds

* the prior of its type (1-1 is most common);
* a Gale-Church length cost fitted to English-Chinese: a translation of ``e``
  English characters has about ``N(0.26 e, 0.27 e)`` ideographs (Latin
  letters and digits inside Chinese count 0.26 each);
* shared numbers and Latin-script names (a bonus), numbers on both sides with
  none shared (a penalty); numbers are compared as :mod:`studyapp.core.text.numerals`
  writes them (九点 = 9:00, 340万 = 3.4 million);
* headings against headings (bonus), against paragraphs (penalty), and never
  merged with another unit; captions and credits likewise, against their own kind;
* in *interleaved* documents (translation next to original), the distance
  between the two sides in the file, and a bonus for sharing one source block;
* an optional lexical score ``lexical(english, chinese) -> 0..1``
  (dictionary overlap), plugged in by the caller.

Example: a paragraph broken across a blank line, answered by one Chinese
paragraph, is a 2-1 bead::

    >>> en = [Item("During the long winter, the old fisherman", position=0),
    ...       Item("mended his nets by the fire every evening.", position=1)]
    >>> zh = [Item("漫长的冬天里，老渔夫每天晚上都在炉火旁补渔网。", lang="zh", position=2)]
    >>> align(en, zh, interleaved=True)
    [((0, 1), (0,))]

The search is banded: in an interleaved document around the Chinese units
that stand near each English unit, otherwise around the diagonal.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence

from studyapp.core.text.apparatus import is_caption, is_translators_note
from studyapp.core.text.char_classes import count_han
from studyapp.core.text.dialogue import neighbour_speakers, speaker_label
from studyapp.core.text.numerals import numbers_in
from studyapp.core.text.reading_order import AlignedBead, document_order, with_untranslated

#: Ideographs per English character, and the variance per English character.
ZH_PER_EN_CHAR = 0.26
VARIANCE_PER_EN_CHAR = 0.27

_PRIORS = {(1, 1): 0.89, (1, 0): 0.02, (0, 1): 0.02, (2, 1): 0.0445, (1, 2): 0.0445, (2, 2): 0.011}
_EMPTY: frozenset[str] = frozenset()
_EN_NAME_RE = re.compile(r"\b[A-Z][A-Za-z'’\-]+")
_ZH_LATIN_DIGIT_RE = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+")
_ZH_LATIN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]+")
_COMMON_CAPITALS = frozenset(
    ["The", "A", "An", "In", "On", "At", "Of", "For", "And", "But", "Or", "If", "It", "He", "She", "We", "They", "I", "You", "This", "That", "These", "Those", "Mr", "Mrs", "Ms", "Dr", "St", "His", "Her", "Its", "Our", "Their", "As", "By", "To", "From", "With", "When", "While", "After", "Before"]
)

_INV_SQRT2 = 1 / math.sqrt(2)
#: A merged bead whose lengths fit this badly is not worth scoring further:
#: all the bonuses together cannot bring it back.
_HOPELESS = 16.0

Lexical = Callable[[str, str], float]


class Item:
    """One unit to align, with the features the costs use.

    English names are extracted only when some Chinese unit is compared with
    this one and has Latin words of its own (rare), to keep books fast.
    """

    __slots__ = ("_names", "block", "caption", "heading", "lang", "length", "listing", "numbers", "position", "speaker", "text")

    def __init__(
        self, text: str, lang: str = "en", heading: bool = False, position: int = 0, block: int = -1, listing: bool = False,
        caption: bool = False,
    ) -> None:
        self.text, self.lang, self.heading, self.caption = text, lang, heading, caption
        self.position, self.block, self.listing = position, block, listing
        self._names: frozenset[str] | None = None
        if lang == "zh":
            other = sum(map(len, _ZH_LATIN_DIGIT_RE.findall(text)))
            self.length = count_han(text) + ZH_PER_EN_CHAR * other
            if other:
                self._names = frozenset(w.lower() for w in _ZH_LATIN_WORD_RE.findall(text))
            else:
                self._names = frozenset()
        else:
            self.length = float(len(text))
        self.numbers = numbers_in(text)
        self.speaker = speaker_label(text) if ":" in text[:24] or "：" in text[:8] else ""

    @property
    def names(self) -> frozenset[str]:
        """Latin-script names: capitalised words in English, Latin words in Chinese."""
        if self._names is None:
            self._names = frozenset(w.lower() for w in _EN_NAME_RE.findall(self.text) if w not in _COMMON_CAPITALS)
        return self._names

    def __repr__(self) -> str:
        return f"Item({self.text[:20]!r}, {self.lang!r})"


Bead = tuple[tuple[int, ...], tuple[int, ...]]


def align(
    english: Sequence[Item],
    chinese: Sequence[Item],
    *,
    interleaved: bool = False,
    lexical: Lexical | None = None,
    allow_2_2: bool = False,
    band: int | None = None,
) -> list[Bead]:
    """The cheapest monotone chain of beads covering both sequences."""
    scorer = _BeadScorer(english, chinese, interleaved, lexical)
    lo, hi = _band(english, chinese, interleaved, band)
    beads = _search(scorer, lo, hi, (0, len(english), 0, len(chinese)), allow_2_2)
    if interleaved:
        conflicts = scorer.expect_directions(beads)
        prefix = _prefixes(beads)
        for first, last in reversed(_windows(conflicts, len(beads), reach=6)):
            (i0, j0), (i1, j1) = prefix[first], prefix[last + 1]
            beads[first : last + 1] = _search(scorer, lo, hi, (i0, i1, j0, j1), allow_2_2)
    return beads


def _prefixes(beads: list[Bead]) -> list[tuple[int, int]]:
    """``(i, j)`` prefix lengths before each bead, and after the last one."""
    out, i, j = [(0, 0)], 0, 0
    for es, zs in beads:
        i, j = i + len(es), j + len(zs)
        out.append((i, j))
    return out


def _windows(centres: list[int], count: int, reach: int) -> list[tuple[int, int]]:
    """Merged ranges ``[c - reach, c + reach]`` of bead indices, clipped to ``count``."""
    windows: list[tuple[int, int]] = []
    for c in sorted(centres):
        first, last = max(0, c - reach), min(count - 1, c + reach)
        if windows and first <= windows[-1][1] + 1:
            windows[-1] = (windows[-1][0], max(windows[-1][1], last))
        else:
            windows.append((first, last))
    return windows


def _search(
    scorer: _BeadScorer, lo: list[int], hi: list[int], span: tuple[int, int, int, int], allow_2_2: bool
) -> list[Bead]:
    """The banded dynamic programme from cell (i0, j0) to (i1, j1).

    ``cost[i][j - lo[i]]`` is the cheapest chain covering english[i0:i] and
    chinese[j0:j]; the moves are unrolled because this runs for every cell.
    """
    i0, i1, j0, j1 = span
    lo = [max(lo[i], j0) for i in range(i1 + 1)]
    hi = [min(hi[i], j1) for i in range(i1 + 1)]
    lo[i0], hi[i1] = j0, j1
    skip = scorer.priors[(1, 0)]
    inf = math.inf
    bead, one_to_one = scorer.cost, scorer.cost_1_1
    cost: dict[int, list[float]] = {}
    back: dict[int, list[int]] = {}
    for i in range(i0, i1 + 1):
        lo_i, hi_i = lo[i], hi[i]
        row = [inf] * max(hi_i - lo_i + 1, 0)
        row_back = [-1] * len(row)
        prev = cost.get(i - 1)
        lo_p, hi_p = (lo[i - 1], hi[i - 1]) if prev is not None else (0, -1)
        prev2 = cost.get(i - 2)
        lo_p2, hi_p2 = (lo[i - 2], hi[i - 2]) if prev2 is not None else (0, -1)
        for j in range(lo_i, hi_i + 1):
            if i == i0 and j == j0:
                row[0] = 0.0
                continue
            best, move = inf, -1
            if j > lo_i:  # 0-1
                best, move = row[j - 1 - lo_i] + skip, 2
            if prev is not None:
                if lo_p <= j <= hi_p and prev[j - lo_p] + skip < best:  # 1-0
                    best, move = prev[j - lo_p] + skip, 1
                if lo_p < j <= hi_p + 1 and prev[j - 1 - lo_p] < inf:  # 1-1
                    total = prev[j - 1 - lo_p] + one_to_one(i - 1, j - 1)
                    if total < best:
                        best, move = total, 0
                if lo_p + 1 < j <= hi_p + 2 and prev[j - 2 - lo_p] < inf:  # 1-2
                    total = prev[j - 2 - lo_p] + bead(i - 1, i, j - 2, j, best - prev[j - 2 - lo_p])
                    if total < best:
                        best, move = total, 4
            if prev2 is not None:
                if lo_p2 < j <= hi_p2 + 1 and prev2[j - 1 - lo_p2] < inf:  # 2-1
                    total = prev2[j - 1 - lo_p2] + bead(i - 2, i, j - 1, j, best - prev2[j - 1 - lo_p2])
                    if total < best:
                        best, move = total, 3
                if allow_2_2 and lo_p2 + 1 < j <= hi_p2 + 2 and prev2[j - 2 - lo_p2] < inf:  # 2-2
                    total = prev2[j - 2 - lo_p2] + bead(i - 2, i, j - 2, j, best - prev2[j - 2 - lo_p2])
                    if total < best:
                        best, move = total, 5
            row[j - lo_i] = best
            row_back[j - lo_i] = move
        cost[i] = row
        back[i] = row_back
    return _trace(back, lo, (i0, j0), (i1, j1))


_MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2))


def _trace(back: dict[int, list[int]], lo: list[int], start: tuple[int, int], end: tuple[int, int]) -> list[Bead]:
    beads: list[Bead] = []
    i, j = end
    while (i, j) != start:
        di, dj = _MOVES[back[i][j - lo[i]]]
        beads.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def _band(english: Sequence[Item], chinese: Sequence[Item], interleaved: bool, width: int | None) -> tuple[list[int], list[int]]:
    """Per English prefix length ``i``, the range of Chinese prefix lengths searched."""
    n_en, n_zh = len(english), len(chinese)
    if interleaved:
        positions = [c.position for c in chinese]
        centre, k = [], 0
        for e in english:
            while k < n_zh and positions[k] < e.position:
                k += 1
            centre.append(k)
        width = 1 if width is None else width
    else:
        centre = [round(i * n_zh / max(n_en, 1)) for i in range(n_en)]
        width = (30 + max(n_en, n_zh) // 20) if width is None else width
    centre.append(n_zh)
    # Ranges reach back to the previous centre too: a Chinese-first document with an
    # untranslated Chinese paragraph puts the right cell below this row's centre.
    lo = [max(0, min(centre[max(i - 1, 0)], centre[i]) - width) for i in range(n_en + 1)]
    hi = [min(n_zh, max(centre[i], centre[min(i + 1, n_en)]) + width) for i in range(n_en + 1)]
    lo[0], hi[n_en] = 0, n_zh
    return lo, hi


class _BeadScorer:
    """Cost of the bead english[i0:i1] <-> chinese[j0:j1]; see the module docstring.

    The cost runs for every cell of the band, so features sit in flat lists
    and the common 1-1 case needs no slicing or set unions.
    """

    def __init__(self, english: Sequence[Item], chinese: Sequence[Item], interleaved: bool, lexical: Lexical | None):
        self.en, self.zh = english, chinese
        self.interleaved = interleaved
        self.lexical = lexical
        self.priors = {k: -math.log(v) for k, v in _PRIORS.items()}
        self.prior_1_1 = self.priors[(1, 1)]
        self.len_en = [e.length for e in english]
        self.len_zh = [z.length for z in chinese]
        self.cum_en = list(itertools.accumulate(self.len_en, initial=0.0))
        self.cum_zh = list(itertools.accumulate(self.len_zh, initial=0.0))
        # 1 for a heading, 2 for a caption or credit: each pairs with its own kind, neither merges.
        self.head_en = [2 if e.caption else int(e.heading) for e in english]
        self.head_zh = [2 if z.caption else int(z.heading) for z in chinese]
        self.pos_en = [e.position for e in english]
        self.pos_zh = [z.position for z in chinese]
        self.block_en = [e.block for e in english]
        self.block_zh = [z.block for z in chinese]
        self.list_en = [e.listing for e in english]
        self.list_zh = [z.listing for z in chinese]
        # Dialogue: which English speaker label is which Chinese one, from the lines standing together.
        self.speakers = neighbour_speakers(english, chinese) if interleaved else {}
        self.speaker_en = [e.speaker for e in english]
        self.speaker_zh = [z.speaker for z in chinese]
        # For bounding merged beads (which join two units at most on a side).
        self.num_en = [bool(e.numbers) for e in english]
        self.num_zh = [bool(z.numbers) for z in chinese]
        self.names_zh = [bool(z.names) for z in chinese]
        self.base_bonus = (1.5 if interleaved else 0.0) + (3.0 if lexical is not None else 0.0)
        #: Per English unit, the order its neighbours were translated in:
        #: +1 English first, -1 Chinese first, 0 unknown. Set between passes.
        self.expected: list[int] = []

    def expect_directions(self, beads: list[Bead], window: int = 6) -> list[int]:
        """Learn each English unit's expected order from the neighbouring beads.

        Returns the indices of beads that go against their neighbours: an
        untranslated paragraph otherwise lets the pairs around it slip by one,
        into the wrong order. Those stretches are worth a second pass.
        """
        directions: list[tuple[int, int, int]] = []  # (bead index, english index, direction)
        for k, (es, zs) in enumerate(beads):
            if es and zs:
                if self.pos_en[es[-1]] < self.pos_zh[zs[0]]:
                    directions.append((k, es[0], 1))
                elif self.pos_zh[zs[-1]] < self.pos_en[es[0]]:
                    directions.append((k, es[0], -1))
        expected = [0] * len(self.en)
        running = list(itertools.accumulate((d for _, _, d in directions), initial=0))
        for n, (_, i, d) in enumerate(directions):  # the votes of up to ``window`` neighbours on each side
            vote = running[min(len(directions), n + 1 + window)] - running[max(0, n - window)] - d
            expected[i] = (vote > 0) - (vote < 0) if abs(vote) >= 2 else 0
        conflicts = [k for k, i, d in directions if expected[i] == -d]
        self.expected = expected if conflicts else []
        return conflicts

    def _direction(self, i: int, j: int, english_first: bool, chinese_first: bool) -> float:
        if not self.expected:
            return 0.0
        want = self.expected[i]
        return 2.5 if (want == 1 and chinese_first) or (want == -1 and english_first) else 0.0

    def cost(self, i0: int, i1: int, j0: int, j1: int, bound: float = math.inf) -> float:
        """The bead's cost; ``math.inf`` if it cannot come under ``bound``."""
        n_e, n_z = i1 - i0, j1 - j0
        if not n_e or not n_z:
            return self.priors[(n_e, n_z)]
        if n_e == 1 and n_z == 1:
            return self.cost_1_1(i0, j0)
        cost = self.priors[(n_e, n_z)]
        best_bonus = self._best_bonus(i0, i1, j0, j1)
        if cost - best_bonus >= bound:
            return math.inf  # even a perfect fit could not beat the cell's best
        cost += self._length(self.cum_en[i1] - self.cum_en[i0], self.cum_zh[j1] - self.cum_zh[j0])
        if cost > _HOPELESS:
            return cost
        if cost - best_bonus >= bound:
            return math.inf
        if any(self.head_en[i0:i1]) or any(self.head_zh[j0:j1]):
            cost += 8.0  # headings are never merged
        if len(set(self.list_en[i0:i1] + self.list_zh[j0:j1])) > 1:
            cost += 6.0  # nor lists with paragraphs
        if self.speakers:
            cost += self._speaker_cost(i0, i1, j0, j1)
        cost += self._direction(i0, j0, self.pos_en[i1 - 1] < self.pos_zh[j0], self.pos_zh[j1 - 1] < self.pos_en[i0])
        if self.interleaved:
            cost += self._distance(i0, i1, j0, j1)
        return cost + self._evidence(i0, i1, j0, j1)

    def _speaker_cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Lines of one speaker may merge; lines of two may not, nor speakers that do not match."""
        english = {s for s in self.speaker_en[i0:i1] if s}
        chinese = {s for s in self.speaker_zh[j0:j1] if s}
        if len(english) > 1 or len(chinese) > 1:
            return 6.0
        if english and chinese and next(iter(english)) in self.speakers:
            return -1.0 if self.speakers[next(iter(english))] in chinese else 4.0
        return 0.0

    def _best_bonus(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """The most the rest of a merged bead's cost can take off (all evidence shared)."""
        bonus = self.base_bonus + (1.0 if self.speakers else 0.0)
        if self.num_en[i0] + self.num_en[i1 - 1] and self.num_zh[j0] + self.num_zh[j1 - 1]:
            bonus += 3.2
        if self.names_zh[j0] + self.names_zh[j1 - 1]:
            bonus += 3.0
        return bonus

    def cost_1_1(self, i: int, j: int) -> float:
        """The common case, kept free of slicing and set unions."""
        le = self.len_en[i]
        le = le if le > 1.0 else 1.0
        tail = math.erfc(abs(self.len_zh[j] - ZH_PER_EN_CHAR * le) / math.sqrt(VARIANCE_PER_EN_CHAR * le) * _INV_SQRT2)
        cost = self.prior_1_1 - math.log(tail if tail > 1e-30 else 1e-30)
        head_e, head_z = self.head_en[i], self.head_zh[j]
        if head_e or head_z:
            cost += -1.0 if head_e == head_z else 3.0
        if self.list_en[i] != self.list_zh[j]:
            cost += 3.0
        if self.expected:
            cost += self._direction(i, j, self.pos_en[i] < self.pos_zh[j], self.pos_zh[j] < self.pos_en[i])
        if self.interleaved:
            if self.block_en[i] == self.block_zh[j]:
                cost -= 1.5
            else:
                gap = abs(self.pos_zh[j] - self.pos_en[i]) - 1
                if gap > 0:
                    cost += 1.5 * gap if gap < 6 else 9.0
        e, z = self.en[i], self.zh[j]
        if e.speaker in self.speakers and z.speaker:
            cost += -1.0 if self.speakers[e.speaker] == z.speaker else 4.0
        if e.numbers or z.numbers:
            cost += _number_cost(e.numbers, z.numbers)
        if z.names:
            cost -= 1.0 * min(len(z.names & e.names), 3)
        if self.lexical is not None:
            cost -= 3.0 * (self.lexical(e.text, z.text) - 0.15)
        return cost

    @staticmethod
    def _length(le: float, lz: float) -> float:
        le = le if le > 1.0 else 1.0
        tail = math.erfc(abs(lz - ZH_PER_EN_CHAR * le) / math.sqrt(VARIANCE_PER_EN_CHAR * le) * _INV_SQRT2)
        return -math.log(tail if tail > 1e-30 else 1e-30)

    def _distance(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Closeness in the file: same source block, or adjacent blocks. Across blocks,
        a merged bead whose paragraphs have another bead's among them, or whose
        translation sits inside its original (English, Chinese, English), costs
        ``_APART`` for each: a file that alternates paragraph by paragraph is paired
        as laid out unless the evidence is strong (MAC-Test chapters written as
        alternating paragraphs: 75% of the pairs kept without this, 86% with it)."""
        blocks = set(self.block_en[i0:i1])
        blocks.update(self.block_zh[j0:j1])
        if len(blocks) == 1:
            return -1.5
        first_en, last_en, first_zh, last_zh = self.pos_en[i0], self.pos_en[i1 - 1], self.pos_zh[j0], self.pos_zh[j1 - 1]
        gap = max(first_zh - last_en, first_en - last_zh) - 1
        # (positions rise along each side: the bead spans its first to its last paragraph)
        among = max(last_en, last_zh) - min(first_en, first_zh) + 1 - (i1 - i0) - (j1 - j0)
        inside = not (last_en < first_zh or last_zh < first_en)
        return (0.0 if gap <= 0 else min(1.5 * gap, 9.0)) + _APART * (among + inside)

    def _evidence(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Shared numbers and Latin names, and the optional lexical score."""
        cost = 0.0
        es, zs = self.en[i0:i1], self.zh[j0:j1]
        e_num = es[0].numbers.union(*(e.numbers for e in es[1:]))
        z_num = zs[0].numbers.union(*(z.numbers for z in zs[1:]))
        z_names = zs[0].names.union(*(z.names for z in zs[1:]))
        if e_num or z_num:
            cost += _number_cost(e_num, z_num)
        if z_names:
            e_names = es[0].names.union(*(e.names for e in es[1:]))
            cost -= 1.0 * min(len(z_names & e_names), 3)
        if self.lexical is not None:
            en_text = " ".join(e.text for e in es)
            zh_text = "".join(z.text for z in zs)
            cost -= 3.0 * (self.lexical(en_text, zh_text) - 0.15)
        return cost


#: What a merged bead pays, in an interleaved file, per paragraph of another bead
#: among its own and for a translation inside its original (see ``_distance``).
_APART = 5.0


def _number_cost(english: frozenset[str], chinese: frozenset[str]) -> float:
    """Shared numbers are evidence for a pair; numbers on one side only, against."""
    if english and chinese:
        shared = len(english & chinese)
        return -0.8 * min(shared, 4) if shared else 1.0
    return 0.5


def is_interleaved(langs: Sequence[str]) -> bool:
    """True when translations stand next to their originals.

    Counts changes of language along the document: an interleaved document
    changes language at almost every unit, two concatenated halves once.
    """
    switches = sum(1 for a, b in zip(langs, langs[1:]) if a != b)
    return switches >= 0.4 * min(langs.count("en"), langs.count("zh"))


def align_units(units: Sequence, lexical: Lexical | None = None) -> list[AlignedBead]:
    """Align a document's units (objects with ``lang``, ``text``, ``block`` and
    ``heading_like``); units in neither language stand alone, and so do
    translator's notes; captions and credits align like headings. Beads come
    back in document order."""
    notes = {k for k, u in enumerate(units) if u.lang and is_translators_note(u.text)}
    en_idx = [k for k, u in enumerate(units) if u.lang == "en" and k not in notes]
    zh_idx = [k for k, u in enumerate(units) if u.lang == "zh" and k not in notes]
    interleaved = is_interleaved([u.lang for u in units if u.lang])

    def item(k: int) -> Item:
        u = units[k]
        caption = is_caption(u.text, u.lang)
        return Item(u.text, u.lang, u.heading_like, position=k, block=u.block, listing=u.kind == "list", caption=caption)

    beads = align([item(k) for k in en_idx], [item(k) for k in zh_idx], interleaved=interleaved, lexical=lexical)
    chain = [AlignedBead(tuple(en_idx[i] for i in e), tuple(zh_idx[j] for j in z)) for e, z in beads]
    chain = with_untranslated(chain, [k for k in notes if units[k].lang == "en"], [k for k in notes if units[k].lang == "zh"])
    return document_order(chain, [k for k, u in enumerate(units) if not u.lang])
