"""Many short strings held as one: no Python object per string.

A dict or set of 200,000 short Chinese words costs ~90 bytes a word for the
string objects and ~40 more for the table; here the words' text is one string
and each word is two offsets into it, plus, when ``indexed``, its hash in a
sorted array, where the hash's first bits say where to look (``bisect`` then
has one or two entries to search; the text is compared too, so a hash
collision is harmless). About 13 bytes a word, and a lookup takes ~1 µs. Strings are numbered in the order added. Example::

    >>> words = PackedStrings()
    >>> [words.add(w) for w in ("认真", "说", "慢慢")]
    [0, 1, 2]
    >>> words.find("说"), words.find("西瓜"), words[2], len(words)
    (1, -1, '慢慢', 3)
"""

from __future__ import annotations

import io
import threading
from array import array
from bisect import bisect_left
from collections.abc import Iterator

_OFFSET = 1 << 63  # makes a hash (a signed 64-bit number) count from 0


class PackedStrings:
    """Strings numbered in the order added; ``find`` (when ``indexed``) gives a string's number.

    Add from one thread; once added, read from any (the first read packs, under a lock).
    """

    def __init__(self, indexed: bool = True) -> None:
        self._indexed = indexed
        self._text = ""  # once packed (on the first read)
        self._writing: io.StringIO | None = io.StringIO()  # while adding
        self._starts = array("I", [0])  # string k is text[starts[k]:starts[k + 1]]
        self._hashes = array("q")  # by number while adding; sorted once packed
        self._number_of = array("I")  # the number of each sorted hash
        self._packing = threading.Lock()
        self._shift = 64  # a hash's bucket is (hash + 2**63) >> shift ...
        self._firsts = array("I", [0, 0])  # ... and its entries in the sorted hashes start at firsts[bucket]

    def add(self, text: str) -> int:
        """Adds ``text`` (again, if it is there already) and returns its number."""
        if self._writing is None:  # packed already: take up the text again, hashes by number
            self._writing = io.StringIO()
            self._writing.write(self._text)
            self._text = ""
            by_number = array("q", bytes(8 * len(self._hashes)))
            for at, number in enumerate(self._number_of):
                by_number[number] = self._hashes[at]
            self._hashes, self._number_of, self._firsts = by_number, array("I"), array("I", [0, 0])
        self._starts.append(self._starts[-1] + self._writing.write(text))
        if self._indexed:
            self._hashes.append(hash(text))
        return len(self._starts) - 2

    def _pack(self) -> str:
        """The joined text, with the hashes sorted for ``find`` (once, after the last add)."""
        with self._packing:
            if self._writing is not None:
                order = sorted(range(len(self._hashes)), key=self._hashes.__getitem__)
                self._number_of = array("I", order)
                self._hashes = array("q", (self._hashes[k] for k in order))
                del order
                self._index_buckets()
                self._text, self._writing = self._writing.getvalue(), None  # last: readers go by it
            return self._text

    def _index_buckets(self) -> None:
        """About one sorted hash per bucket: ``firsts`` by counting, then adding up."""
        bits = max(1, len(self._hashes).bit_length() - 1)
        self._shift = 64 - bits
        firsts = array("I", bytes(4 * ((1 << bits) + 1)))
        for value in self._hashes:
            firsts[((value + _OFFSET) >> self._shift) + 1] += 1
        total = 0
        for bucket, count in enumerate(firsts):
            total += count
            firsts[bucket] = total
        self._firsts = firsts

    def find(self, text: str) -> int:
        """The number of ``text``, or -1 when it was never added."""
        if not self._indexed:
            raise TypeError("these strings are not indexed")
        packed = self._text if self._writing is None else self._pack()
        wanted = hash(text)
        hashes, starts = self._hashes, self._starts
        bucket = (wanted + _OFFSET) >> self._shift
        end = self._firsts[bucket + 1]
        at = bisect_left(hashes, wanted, self._firsts[bucket], end)
        while at < end and hashes[at] == wanted:
            number = self._number_of[at]
            if packed[starts[number] : starts[number + 1]] == text:
                return number
            at += 1
        return -1

    def __getitem__(self, number: int) -> str:
        if not 0 <= number < len(self):
            raise IndexError(number)
        return (self._text if self._writing is None else self._pack())[self._starts[number] : self._starts[number + 1]]

    def __iter__(self) -> Iterator[str]:
        packed, starts = self._pack(), self._starts
        for k in range(len(self)):
            yield packed[starts[k] : starts[k + 1]]

    def __len__(self) -> int:
        return len(self._starts) - 1
