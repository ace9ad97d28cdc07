"""Writes resources/typst/draft-watermark.svg: the word DRAFT as outlines.

The PDF's DRAFT watermark must be seen but not be text (a search, a copy or a screen
reader would otherwise meet "DRAFT" in the middle of the minutes), and Typst keeps the
text of an SVG as text. So the word is drawn here once, as paths, from the shipped
Liberation Sans Bold. Needs fontTools, which the app does not:

    python -m venv /tmp/ft && /tmp/ft/bin/pip install fonttools
    /tmp/ft/bin/python tools/make_watermark.py
"""

from __future__ import annotations

from pathlib import Path

from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
WORD = "DRAFT"
FILL = "#f8e6e6"  # opaque: drawn under the text, there is nothing for it to show through


def main() -> None:
    font = TTFont(ROOT / "resources" / "fonts" / "LiberationSans-Bold.ttf")
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    hmtx = font["hmtx"]
    pen, bounds = SVGPathPen(glyphs), BoundsPen(glyphs)
    x = 0
    for char in WORD:
        name = cmap[ord(char)]
        # Font units grow upwards, SVG's downwards: flip y.
        glyphs[name].draw(TransformPen(pen, (1, 0, 0, -1, x, 0)))
        glyphs[name].draw(TransformPen(bounds, (1, 0, 0, -1, x, 0)))
        x += hmtx[name][0]
    left, top, right, bottom = bounds.bounds
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" '
           f'viewBox="{left} {top} {right - left} {bottom - top}">'
           f'<path fill="{FILL}" d="{pen.getCommands()}"/></svg>\n')
    (ROOT / "resources" / "typst" / "draft-watermark.svg").write_text(svg, encoding="utf-8")


if __name__ == "__main__":
    main()
