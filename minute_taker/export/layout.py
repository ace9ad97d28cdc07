"""The minutes of a meeting in their final, publishable layout, as HTML.

One renderer serves both the chair's review window (a QTextBrowser, which knows
only a subset of HTML 4 and CSS 2) and the HTML export (a browser, on screen or
printed), so what the chair approves is what gets published. That is why it sticks
to headings, paragraphs, lists and tables styled through class selectors: no flex,
no grid, no CSS variables.

It reads a meeting interchange document (docs/interchange.md) instead of the
store, so it needs neither Qt nor a database and lays out any exported file.
Every item heading carries ``<a name="item-UID">``: the review window reads those
anchors back to know which item the cursor is in, so everything an item owns
(its minutes, decisions, actions, comings and goings) is written after its own
anchor and before the next item's. The HTML file is the same page made HTML5 for a
browser (``browser_html``): ids for those anchors, CSS for Qt's table attributes.

The wording lives in ``content`` and the parts of the page in ``sections``, so a
change to how minutes say something is made once for both layouts; this module
assembles the page, styles it from the house style, and is what the rest of the
app imports.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from minute_taker.export.content import (
    STYLES,
    ActionOrigin,
    Json,
    clock,
    day_month_year,
    decision_wording,
    long_date,
    read_minutes,
    used_abbreviations,
    visible_text,
)
from minute_taker.export.sections import (
    CLOSE_ANCHOR,
    DESCRIPTION_ANCHOR_PREFIX,
    DRAFT_BANNER,
    ITEM_ANCHOR_PREFIX,
    NOT_FOR_PUBLICATION,
    action_notes_items,
    actions_table,
    approval_record,
    attendance,
    closing,
    contact,
    declarations,
    escape,
    glossary,
    narrative_items,
    notices,
    signature,
    title_block,
)
from minute_taker.export.stamp import MARK as STAMP_MARK
from minute_taker.export.styles import HouseStyle

__all__ = [
    "CLOSE_ANCHOR",
    "CSS",
    "DESCRIPTION_ANCHOR_PREFIX",
    "DRAFT_BANNER",
    "ITEM_ANCHOR_PREFIX",
    "NOT_FOR_PUBLICATION",
    "STYLES",
    "Json",
    "clock",
    "day_month_year",
    "decision_wording",
    "house_css",
    "long_date",
    "render_minutes",
    "used_abbreviations",
    "visible_text",
]

# The fixed part of the stylesheet. ``house_css`` follows it with the house style's
# font, print size and heading colour, and alone sets them: QTextBrowser keeps the
# first font-family it meets, not the last. Sizes are in em: QTextBrowser ignores em
# and sizes headings from the widget's own font, so the review window follows the
# user's font settings, while a browser uses these and print fixes the body at the
# style's size.
CSS: Final = """
body { color: #111111; background-color: #ffffff; }
h1 { font-size: 1.6em; margin-top: 6px; margin-bottom: 2px; }
h2 { font-size: 1.3em; margin-top: 18px; margin-bottom: 6px; }
h3 { font-size: 1.12em; margin-top: 14px; margin-bottom: 4px; }
h4 { font-size: 1em; margin-top: 12px; margin-bottom: 4px; }
p { margin-top: 3px; margin-bottom: 6px; }
ul, ol { margin-top: 2px; margin-bottom: 6px; }
li { margin-bottom: 3px; }
table { border-collapse: collapse; }
.subtitle { font-size: 1.1em; margin-top: 0; margin-bottom: 10px; }
.draft-banner { background-color: #fdecea; color: #9b1c1c; font-weight: bold;
                text-align: center; border: 2px solid #9b1c1c; padding: 4px;
                margin-bottom: 10px; }
.not-for-publication-banner { background-color: #fff3cd; color: #9b1c1c; font-weight: bold;
                              text-align: center; border: 2px solid #9b1c1c; padding: 4px;
                              margin-bottom: 10px; }
.organisation { font-weight: bold; font-size: 1.15em; margin-bottom: 2px; }
.logo { margin-bottom: 4px; }
.private-item { font-style: italic; }
.signature { margin-top: 36px; }
.confidential { color: #9b1c1c; font-size: 0.8em; font-weight: bold; }
.description { color: #333333; font-style: italic; }
.movement { font-style: italic; }
.decision { margin-top: 6px; }
.vote { color: #333333; }
.label { font-weight: bold; margin-bottom: 2px; }
th.label { text-align: left; vertical-align: top; background-color: transparent; }
.muted { color: #555555; font-size: 0.85em; }
.next-meeting { margin-top: 18px; }
.contact { margin-top: 18px; }
table.people td, table.people th { padding: 2px 14px 2px 0; vertical-align: top; }
td.name { white-space: nowrap; }
table.grid th, table.grid td { border: 1px solid #8c8c8c; padding: 4px 6px;
                               vertical-align: top; text-align: left; }
table.grid th { background-color: #e8e8e8; }
table.glossary td { padding: 1px 14px 1px 0; vertical-align: top; }
td.num { font-weight: bold; white-space: nowrap; }
td.body h2, td.body h3, td.body h4 { margin-top: 0; }
table.items, table.actions-arising { margin-top: 12px; margin-bottom: 12px; }
tr.section td { background-color: #f2f2f2; }
@page { margin: 2cm; }
@media print {
  a { color: #111111; }
  thead { display: table-header-group; }
  h2, h3, h4 { page-break-after: avoid; page-break-inside: avoid; }
  body.draft::after { content: "DRAFT"; position: fixed; top: 40%; left: 0; right: 0;
                      text-align: center; font-size: 120pt; font-weight: bold;
                      color: rgba(155, 28, 28, 0.10); transform: rotate(-30deg);
                      z-index: -1; }
}
"""


_FAMILY = re.compile(r"[A-Za-z0-9][A-Za-z0-9 \-]*")
_GENERIC_FAMILIES = frozenset({"serif", "sans-serif", "monospace", "cursive", "fantasy"})
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}|[A-Za-z]{3,20}")


def house_css(house: HouseStyle) -> str:
    """The house style's font, print size and heading colour, to follow ``CSS``.

    A style is a file anyone can pass round: a font or colour that is not plainly one
    is left out rather than written into the stylesheet.
    """
    families = [name for part in house.font_family.split(",")
                if _FAMILY.fullmatch(name := part.strip().strip("'\"").strip())]
    fonts = [f if f.lower() in _GENERIC_FAMILIES else f'"{f}"' for f in families]
    if not any(f.lower() in _GENERIC_FAMILIES for f in families):
        fonts.append("sans-serif")
    colour = house.heading_colour if _COLOUR.fullmatch(house.heading_colour) else "#1f3864"
    return (f"body {{ font-family: {', '.join(fonts)}; }}\n"
            f"h1, h2, h3, h4, .organisation {{ color: {colour}; }}\n"
            f"@media print {{ body {{ font-size: {int(house.font_size_pt)}pt; }} }}\n")


# A full version with confidential items is marked on every printed page, in the top
# margin (browsers that know margin boxes; the banner heads the first page anyway).
# Last in the sheet, so a reader that stumbles on nested rules loses nothing after it.
_NOT_FOR_PUBLICATION_PAGES: Final = """@media print {
  @page { @top-center { content: "NOT FOR PUBLICATION"; color: #9b1c1c; font-weight: bold;
                        font-size: 9pt; font-family: Arial, Helvetica, sans-serif; } }
}
"""


# --- the page -------------------------------------------------------------------------

def render_minutes(document: Json, *, public: bool = False, draft: bool | None = None,
                   style: str | None = None, house: HouseStyle | None = None,
                   for_browser: bool = False,
                   origins: Mapping[str, ActionOrigin] | None = None) -> str:
    """A meeting's minutes as a complete HTML page in their publishable layout.

    ``document`` is a meeting interchange document as ``interchange.export_meeting``
    returns it. ``public`` gives the version for publication: a confidential item
    keeps its number and title and says it was considered in private, and nothing
    else of it (sub-items, minutes, decisions, actions, declarations) is shown;
    otherwise such items are labelled CONFIDENTIAL and the page is headed NOT FOR
    PUBLICATION. ``draft`` shows the DRAFT banner (default: unless the meeting is
    approved). ``house`` is the house style (organisation, logo, fonts, heading
    texts, abbreviations, signature line); without it, the style ``style`` names or
    the committee's. ``style`` ("narrative" or "action_notes") chooses the layout
    over the house style's own. ``for_browser`` gives the page as HTML5 for a file
    (``browser_html``); without it, the markup the review window reads. ``origins``:
    where each carried action was first raised (``content.read_minutes``).
    """
    m = read_minutes(document, public=public, draft=draft, style=style, house=house,
                     origins=origins)
    items = narrative_items(m) if m.style == "narrative" else action_notes_items(m)
    actions = actions_table(m) if m.style == "action_notes" else []
    close = closing(m)
    body = "\n".join([*notices(m), *title_block(m), *attendance(m), *declarations(m),
                      *items, *actions, *close])
    speller = m.speller()
    words = glossary(m, body) if m.lists_abbreviations else []
    signed = signature(m, anchored=not close and not words)
    foot = contact(m, anchored=not close and not words and not signed)
    back = [*words, *signed, *foot, *approval_record(m)]
    classes = " ".join(["minutes", m.style.replace("_", "-"), *(["draft"] if m.draft else []),
                        *(["not-for-publication"] if m.not_for_publication else [])])
    marks = [w for w, on in (("draft", m.draft),
                             ("not for publication", m.not_for_publication)) if on]
    title = m.meeting["title"] + (f" ({', '.join(marks)})" if marks else "")
    page = "\n".join([
        "<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
        *([f'<meta name="{STAMP_MARK}" content="{escape(m.stamp.metadata)}">']
          if m.stamp else []),
        f"<title>{escape(title)}</title>",
        f"<style>{CSS}{house_css(m.house)}"
        f"{_NOT_FOR_PUBLICATION_PAGES if m.not_for_publication else ''}</style>",
        "</head>", f'<body class="{classes}">', speller.spell_html(body) if speller else body,
        *back, "</body>", "</html>", ""])
    return browser_html(page) if for_browser else page


# --- the same page for a browser ---------------------------------------------------------

# QTextBrowser knows tables by HTML 4 attributes and finds items by <a name> anchors;
# HTML5 has neither. These rewrite only the markup this module and ``sections`` write:
# typed text is escaped and stored minutes hold no attributes, so nothing typed matches.
_ANCHORED = re.compile(r'(<(?:h[1-6]|p)\b[^>]*)><a name="([^"]*)"></a>')
_ANCHOR = re.compile(r'<a name="([^"]*)"></a>')
_SPACING = re.compile(r' cell(?:spacing|padding)="[^"]*"')
_WIDTH = re.compile(r' width="([0-9.]+)(%?)"')
_COLUMN_HEADER = re.compile(r"<th(?![^>]*\bscope=)([ >])")
_CORNER = re.compile(r"<th></th>")
_GLOSSARY_TERM = re.compile(r'<td class="abbr"><b>([^<]*)</b></td>')
# What the attributes said, as CSS; the glossary's terms are row headers now.
BROWSER_CSS: Final = """table.glossary th { font-weight: bold; text-align: left;
                    padding: 1px 14px 1px 0; vertical-align: top; }
"""


def browser_html(page: str) -> str:
    """A rendered page as valid HTML5 for a browser: ids where the review window has
    anchors, CSS where it has table attributes, every header cell scoped to its row or
    column (a screen reader names the column of a cell by it)."""
    page = _ANCHORED.sub(r'\1 id="\2">', page)
    page = _ANCHOR.sub(r'<span id="\1"></span>', page)
    page = _SPACING.sub("", page)
    page = _WIDTH.sub(lambda w: f' style="width: {w.group(1)}{w.group(2) or "px"}"', page)
    page = _CORNER.sub("<td></td>", page)
    page = _GLOSSARY_TERM.sub(r'<th scope="row" class="abbr">\1</th>', page)
    page = _COLUMN_HEADER.sub(r'<th scope="col"\1', page)
    return page.replace("<style>", f"<style>\n{BROWSER_CSS}", 1)
