"""Make the small CJK fonts the geometry tests load (tests/fonts/).

CI has no Chinese font, and metrics must not depend on which one a machine
has, so the tests bring their own: subsets of Noto Sans CJK SC and TC (SIL
Open Font License 1.1, see tests/fonts/OFL.txt) holding just the characters of
the bundled sample and the page fixtures, renamed so that they never stand
in for an installed Noto font. Needs fontTools (``pip install fonttools``)
and the Noto CJK collection (Debian: ``fonts-noto-cjk``)::

    python tools/make_test_fonts.py [--noto /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fonts"
SOURCES = [ROOT / "resources" / "sample.md", *sorted((ROOT / "tests" / "data" / "page").glob("*.md"))]
#: Punctuation and symbols a Chinese text may use, kept whatever the fixtures hold.
EXTRA = "，。、；：？！（）「」『』“”‘’《》〈〉【】…—·～　"
FACES = {"SC": "Noto Sans CJK SC", "TC": "Noto Sans CJK TC"}


def characters() -> str:
    text = "".join(path.read_text(encoding="utf-8") for path in SOURCES) + EXTRA
    ascii_range = "".join(chr(c) for c in range(0x20, 0x7F))
    return "".join(sorted({c for c in text if ord(c) >= 0x80} | set(ascii_range)))


def make(collection: Path, face: str, family: str, out: Path) -> int:
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    font = next(f for f in TTCollection(str(collection)).fonts if f["name"].getDebugName(1) == face)
    options = subset.Options()
    options.layout_features = ["kern", "halt", "vhal", "palt"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.prune_unicode_ranges = False  # keep the ranges and code pages that tell Qt this font is Chinese
    options.prune_codepage_ranges = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters())
    subsetter.subset(font)
    name = font["name"]
    for record in list(name.names):
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID in (4,):
            record.string = f"{family} Regular"
        elif record.nameID in (3, 6, 20):
            record.string = family.replace(" ", "") + "-Regular"
    font.save(str(out))
    return out.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--noto", type=Path, default=Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"))
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for script, face in FACES.items():
        family = f"Studyapp Test CJK {script}"
        out = OUT / f"StudyappTestCJK{script}-Regular.otf"
        size = make(args.noto, face, family, out)
        print(f"{out.relative_to(ROOT)}: {family}, {len(characters())} characters, {size:,} bytes")


if __name__ == "__main__":
    main()
