#!/usr/bin/env python3
"""Regenerates share-card.otf: the characters of GB2312 (its 6,763 hanzi of levels 1 and
2, its punctuation and symbol rows), ASCII, CJK punctuation and full-width forms, cut from
Noto Sans CJK SC Bold as Debian's fonts-noto-cjk ships it.

    apt-get install fonts-noto-cjk && pip install fonttools
    python3 themes/default/fonts/subset.py

The generator draws the share cards of pages with it at build time (generator/src/cards/);
it is never published with the site.
"""
import pathlib
import sys

from fontTools import subset

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
# Index of "Noto Sans CJK SC Bold" in the collection (JP, KR, SC, TC, HK, then Mono).
FONT_NUMBER = 2
HERE = pathlib.Path(__file__).resolve().parent


def gb2312(rows):
    """Every character of the GB2312 rows `rows` (1-based, as the standard counts them)."""
    out = []
    for row in rows:
        for cell in range(1, 95):
            try:
                out.append(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # an unassigned cell
    return out


def characters():
    chars = set(gb2312(range(1, 10)))  # punctuation, numbers, Latin, Greek, kana, boxes
    # Level 1 (rows 16-55) and level 2 (56-87): level 1 alone lacks common title
    # characters such as 馨 (温馨).
    chars |= set(gb2312(range(16, 88)))
    chars |= {chr(c) for c in range(0x20, 0x7F)}  # ASCII
    chars |= {chr(c) for c in range(0x3000, 0x3040)}  # CJK symbols and punctuation
    chars |= {chr(c) for c in range(0xFF01, 0xFF5F)}  # full-width forms
    chars |= set("\u2014\u2018\u2019\u201c\u201d\u2026\u00b7\u2022")
    return "".join(sorted(chars))


def main():
    text = characters()
    out = HERE / "share-card.otf"
    args = [
        SOURCE,
        f"--font-number={FONT_NUMBER}",
        f"--text={text}",
        f"--output-file={out}",
        # Outlines and metrics are all the card needs: no hinting, no layout features.
        "--no-hinting",
        "--layout-features=",
        "--name-IDs=*",
        "--name-legacy",
    ]
    subset.main(args)
    print(f"{out.name}: {len(text)} characters, {out.stat().st_size} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
