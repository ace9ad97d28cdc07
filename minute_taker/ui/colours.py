"""Colours that stay readable in a light theme, a dark theme and at any font size.

Text takes its colour from the palette wherever it can. Where a colour says something
(an error, an overrun, the banner over a read-only book), it is chosen against the
palette it is drawn on: a light theme gets a dark shade, a dark theme a light one, and
a banner that sets its background sets its text too. ``contrast`` is WCAG 2's ratio;
the tests hold every pair used here to 4.5:1, the level for normal text.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from PySide6.QtGui import QColor, QPalette

MIN_CONTRAST: Final = 4.5  # WCAG 2, AA, normal text


class Shades(NamedTuple):
    """One meaning in a light and a dark theme."""

    light: str
    dark: str

    def on(self, palette: QPalette) -> QColor:
        return QColor(self.dark if is_dark(palette) else self.light)


class BannerColours(NamedTuple):
    background: QColor
    text: QColor
    border: QColor


# Errors, refusals, and "not saved": red, on the window or an editor's base.
ERROR: Final = Shades(light="#a40000", dark="#ff8a80")
# An item that has run over its planned time (the agenda and the notes heading).
OVERRUN: Final = Shades(light="#b00020", dark="#ff8a80")
# Passages a review marks, and its comments: still read as text, so the same rule.
REVIEW_NOTE: Final = Shades(light="#7a1f00", dark="#ffab91")
DIMMED: Final = Shades(light="#5f5f5f", dark="#b0b0b0")
# Behind a decision's passage in the notes: the palette's text stays readable on it.
DECISION_PASSAGE: Final = Shades(light="#dcefdc", dark="#1f4a2a")

_BANNERS: Final = {
    # kind: (light background, text, border), (dark background, text, border)
    "read-only": (("#fff4ce", "#3d2e00", "#c19c00"), ("#4a3900", "#ffe9a6", "#c19c00")),
    "not-saved": (("#fde7e9", "#600000", "#a40000"), ("#5c1014", "#ffd7d9", "#ff8a80")),
}


def dark_palette() -> QPalette:
    """A dark theme as a desktop in dark mode gives Qt: light text on dark windows and
    fields. The tests hold every colour here to MIN_CONTRAST on it, and the README's
    dark screenshot is taken in it (tools/demo_at_item.py --dark)."""
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"),
                         (QPalette.ColorRole.WindowText, "#eeeeee"),
                         (QPalette.ColorRole.Base, "#1e1e1e"),
                         (QPalette.ColorRole.AlternateBase, "#2a2a2a"),
                         (QPalette.ColorRole.Text, "#eeeeee"),
                         (QPalette.ColorRole.Button, "#353535"),
                         (QPalette.ColorRole.ButtonText, "#eeeeee"),
                         (QPalette.ColorRole.Highlight, "#2f65ca"),
                         (QPalette.ColorRole.HighlightedText, "#ffffff"),
                         (QPalette.ColorRole.PlaceholderText, "#9a9a9a")):
        palette.setColor(role, QColor(colour))
    return palette


def is_dark(palette: QPalette) -> bool:
    """A theme whose windows are dark (light text on a dark ground)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def banner_colours(kind: str, palette: QPalette) -> BannerColours:
    """Background, text and border of a banner of ``kind`` ("read-only", "not-saved")."""
    light, dark = _BANNERS[kind]
    background, text, border = dark if is_dark(palette) else light
    return BannerColours(QColor(background), QColor(text), QColor(border))


def banner_style(kind: str, palette: QPalette, object_name: str) -> str:
    """The style sheet of a banner (the frame called ``object_name``): its ground, its
    border and its labels' text together, for the theme in use. A ground set alone left
    the theme's light text on it in a dark theme (1.13:1)."""
    colours = banner_colours(kind, palette)
    return (f"#{object_name} {{ background: {colours.background.name()};"
            f" border: 1px solid {colours.border.name()}; }}"
            f" #{object_name} QLabel {{ color: {colours.text.name()}; }}")


def text_style(colour: QColor, *, bold: bool = False) -> str:
    """A style sheet that sets only the text's colour (and weight)."""
    return f"color: {colour.name()};" + (" font-weight: bold;" if bold else "")


def luminance(colour: QColor) -> float:
    """WCAG 2's relative luminance of an sRGB colour."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(one: QColor, other: QColor) -> float:
    """WCAG 2's contrast ratio, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
