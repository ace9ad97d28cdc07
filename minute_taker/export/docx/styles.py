"""The Word styles exported minutes use, defined once for the templates and the writer.

``tools/make_docx_templates.py`` writes each built-in house style's ``template.docx``
with :func:`define_styles`; the writer calls the same function on python-docx's blank
document when a style has no template, and with ``replace=False`` on a template so a
style someone deleted while editing it in Word comes back instead of failing the
export. People restyle minutes in Word by editing these named styles, so the writer
uses them rather than direct formatting. The typography ``style.toml`` holds (font,
size, heading colour) is applied again at every export by :func:`apply_typography`:
editing that file is enough, without regenerating the template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from minute_taker.export.styles import HouseStyle

Document = Any  # python-docx ships no type information (mypy: ignore_missing_imports)

LIST_STYLES: Final = {
    "bullet": ("List Bullet", "List Bullet 2", "List Bullet 3"),
    "number": ("List Number", "List Number 2", "List Number 3"),
}
HEADING_STYLES: Final = ("Heading 1", "Heading 2", "Heading 3")
NOTICE_COLOUR: Final = "9B1C1C"
MUTED_COLOUR: Final = "404040"
ITEM_NUMBER_ROOM: Final = Cm(1.5)  # heading number, a tab, then the title
LIST_STEP_TWIPS: Final = 425  # 0.75 cm a level
# Fixed identifiers let the writer find the list definitions this module made, even
# in a template Word has saved again.
_LIST_NSIDS: Final = {"bullet": "4D54B001", "number": "4D54B002"}
_BULLETS: Final = ("\u2022", "\u25e6", "\u25aa")
_NUMBER_FORMATS: Final = ("decimal", "lowerLetter", "lowerRoman")
_DEFAULT_HEADING_COLOUR: Final = "1F3864"


@dataclass(frozen=True, slots=True)
class StyleSpec:
    """A paragraph style: sizes are points above the body size, colours hex or "heading"."""

    name: str
    purpose: str  # the template shows it beside the style, for whoever edits it in Word
    size: int = 0
    bold: bool | None = None
    italic: bool | None = None
    colour: str | None = None
    before: float = 0
    after: float = 6
    keep_next: bool = False
    centred: bool = False
    outline: int | None = None
    hanging: bool = False  # item headings hang their number in ITEM_NUMBER_ROOM


PARAGRAPH_STYLES: Final = (
    StyleSpec("Normal", "Body text and table cells.", after=0),
    StyleSpec("Organisation", "The organisation's name, above the title.", size=2, bold=True,
              colour="heading", keep_next=True, after=4),
    StyleSpec("Title", "The committee (narrative minutes) or the meeting (action notes).",
              size=9, bold=True, colour="heading", after=2, keep_next=True),
    StyleSpec("Subtitle", "The meeting under the committee's name, or \u201cMeeting notes\u201d.",
              size=2, bold=False, italic=False, colour=MUTED_COLOUR, after=8, keep_next=True),
    StyleSpec("Heading 1", "Top-level items and the sections of the minutes.", size=3,
              bold=True, colour="heading", before=16, after=4, keep_next=True, outline=0,
              hanging=True),
    StyleSpec("Heading 2", "Sub-items (1.1).", size=1, bold=True, colour="heading",
              before=12, after=3, keep_next=True, outline=1, hanging=True),
    StyleSpec("Heading 3", "Sub-sub-items (1.1.1) and deeper.", bold=True, italic=False,
              colour="heading", before=10, after=3, keep_next=True, outline=2, hanging=True),
    StyleSpec("Item Heading", "An item's title inside the action-notes table.", bold=True,
              colour="heading", after=3, keep_next=True),
    StyleSpec("Agenda Text", "What the agenda said an item was for.", italic=True,
              colour=MUTED_COLOUR),
    StyleSpec("Minutes Text", "The minutes of an item: what was reported and said.",
              before=3),
    StyleSpec("Resolution", "A decision; its label (RESOLVED, AGREED:) is bold.", before=6),
    StyleSpec("Action", "An action, its owner and when it is due.", before=2),
    StyleSpec("Movement", "Who arrived or left, and when.", italic=True),
    StyleSpec("Notice", "DRAFT and NOT FOR PUBLICATION, on top and in the header.", bold=True,
              colour=NOTICE_COLOUR, after=8, centred=True),
    StyleSpec("Header", "The running header: committee, date and markings.", size=-2,
              colour=MUTED_COLOUR),
    StyleSpec("Footer", "The page number.", size=-2, colour=MUTED_COLOUR),
    *(StyleSpec(name, "A level of a bulleted or numbered list in the minutes.", after=3)
      for names in LIST_STYLES.values() for name in names),
)


# --- the whole set ------------------------------------------------------------------------

def define_styles(document: Document, house: HouseStyle, *, replace: bool) -> None:
    """Every style the writer names; ``replace`` redefines those already there too."""
    styles = document.styles
    for spec in PARAGRAPH_STYLES:
        if spec.name in styles and not replace:
            continue
        style = styles[spec.name] if spec.name in styles else \
            styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        _configure(style, spec, house, styles["Normal"])
    if "Table Grid" not in styles:
        _add_table_grid(document)
    _ensure_list_numbering(document, replace=replace)
    apply_typography(document, house)
    if replace:
        _defaults_in_british_english(document)


def apply_typography(document: Document, house: HouseStyle) -> None:
    """The font, size and heading colour of ``style.toml``, over whatever the template says."""
    styles = document.styles
    normal = styles["Normal"]
    family = font_family(house)
    _set_font_family(normal.element.get_or_add_rPr(), family)
    normal.font.size = Pt(house.font_size_pt)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") \
        if defaults is not None else None
    if run_defaults is not None:
        _set_font_family(run_defaults, family)
    colour = heading_colour(house)
    for spec in PARAGRAPH_STYLES:
        if spec.colour == "heading" and spec.name in styles:
            styles[spec.name].font.color.rgb = colour


def font_family(house: HouseStyle) -> str:
    """Word takes one font name: the first of a CSS-like list ("Arial, Helvetica")."""
    first = house.font_family.split(",")[0].strip().strip("'\"").strip()
    return first or "Arial"


def heading_colour(house: HouseStyle) -> RGBColor:
    """The house colour, or the default one if ``style.toml`` holds no #rrggbb value."""
    value = house.heading_colour.strip().lstrip("#")
    return RGBColor.from_string(value.upper() if re.fullmatch(r"[0-9a-fA-F]{6}", value)
                                else _DEFAULT_HEADING_COLOUR)


def set_up_page(section: Any) -> None:
    """A4 portrait with 2 cm margins, as UK committee papers are printed."""
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    section.header_distance = section.footer_distance = Cm(1)


def style_numbering(document: Document, name: str) -> tuple[int, int] | None:
    """(numId, ilvl) a list style numbers its paragraphs with, if it numbers them at all."""
    if name not in document.styles:
        return None
    num_pr = document.styles[name].element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    num_id = num_pr.find(qn("w:numId")) if num_pr is not None else None
    if num_id is None:
        return None
    ilvl = num_pr.find(qn("w:ilvl"))
    return int(num_id.get(qn("w:val"))), int(ilvl.get(qn("w:val"))) if ilvl is not None else 0


# --- one style -----------------------------------------------------------------------------

def _configure(style: Any, spec: StyleSpec, house: HouseStyle, normal: Any) -> None:
    """Redefine a style from nothing, so python-docx's blue Calibri headings go entirely."""
    element = style.element
    for tag in ("w:pPr", "w:rPr"):
        old = element.find(qn(tag))
        if old is not None:
            element.remove(old)
    if spec.name != "Normal":
        style.base_style = normal
    style.quick_style = True
    style.hidden = False
    style.unhide_when_used = False
    _paragraph_format(style, spec)
    _run_format(style, spec, house)
    if spec.outline is not None:  # last in a style's pPr, so appending keeps schema order
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(spec.outline))
        element.get_or_add_pPr().append(outline)


def _paragraph_format(style: Any, spec: StyleSpec) -> None:
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(spec.before), Pt(spec.after)
    fmt.line_spacing = 1.08
    fmt.widow_control = True
    if spec.keep_next:
        fmt.keep_with_next = fmt.keep_together = True
    if spec.centred:
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if spec.hanging:
        fmt.left_indent, fmt.first_line_indent = ITEM_NUMBER_ROOM, -ITEM_NUMBER_ROOM
        fmt.tab_stops.add_tab_stop(ITEM_NUMBER_ROOM)
    if spec.name in ("Header", "Footer"):
        # The writer sets the right-hand stop from the page's own text width.
        fmt.line_spacing = 1.0


def _run_format(style: Any, spec: StyleSpec, house: HouseStyle) -> None:
    font = style.font
    if spec.name == "Normal":
        font.size = Pt(house.font_size_pt)
    elif spec.size:
        font.size = Pt(house.font_size_pt + spec.size)
    font.bold, font.italic = spec.bold, spec.italic
    if spec.colour == "heading":
        font.color.rgb = heading_colour(house)
    elif spec.colour:
        font.color.rgb = RGBColor.from_string(spec.colour)


def _set_font_family(run_properties: Any, family: str) -> None:
    """Name the font outright: theme fonts (Calibri, Cambria) would otherwise win."""
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme") or attribute.endswith("theme"):
            del fonts.attrib[attribute]
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), family)


def _defaults_in_british_english(document: Document) -> None:
    """Spell-check the minutes as UK English, whatever python-docx's blank file says."""
    language = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if language is not None:
        language.set(qn("w:val"), "en-GB")
        language.set(qn("w:eastAsia"), "en-GB")


def _add_table_grid(document: Document) -> None:
    """Word's own "Table Grid", for a template saved without it."""
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    document.styles.element.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="table" w:styleId="TableGrid">'
        '<w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        f'<w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr></w:style>'))


# --- list numbering ------------------------------------------------------------------------

def _ensure_list_numbering(document: Document, *, replace: bool) -> None:
    """Link each list style to one level of a multi-level bullet or number definition.

    One definition per kind, levels 0-2 for "List X", "List X 2", "List X 3", keeps the
    indents of mixed nested lists in step; the writer restarts numbering per list by
    adding a ``w:num`` that overrides the start (python-docx has no call for it).
    """
    numbering = document.part.numbering_part.element
    if replace:
        for child in list(numbering):
            if child.tag in (qn("w:abstractNum"), qn("w:num")):
                numbering.remove(child)
    for kind, names in LIST_STYLES.items():
        num_id: int | None = None
        for level, name in enumerate(names):
            if not replace and style_numbering(document, name) is not None:
                continue
            if num_id is None:
                num_id = _list_num(numbering, kind)
            num_pr = document.styles[name].element.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = level
            num_pr.get_or_add_numId().val = num_id


def _list_num(numbering: Any, kind: str) -> int:
    """The numId of this module's definition of ``kind``, adding the definition if missing."""
    nsid = _LIST_NSIDS[kind]
    found = numbering.xpath(f'./w:abstractNum[w:nsid/@w:val="{nsid}"]/@w:abstractNumId')
    if found:
        abstract_id = int(found[0])
    else:
        ids = [int(i) for i in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
        abstract_id = max(ids, default=-1) + 1
        definition = parse_xml(_abstract_xml(abstract_id, nsid, kind))
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(definition)
        else:
            numbering.append(definition)
    plain = numbering.xpath(f'./w:num[w:abstractNumId/@w:val="{abstract_id}"]'
                            "[not(w:lvlOverride)]/@w:numId")
    return int(plain[0]) if plain else int(numbering.add_num(abstract_id).numId)


def _abstract_xml(abstract_id: int, nsid: str, kind: str) -> str:
    levels = []
    for ilvl in range(9):
        if kind == "bullet":
            fmt, text = "bullet", _BULLETS[ilvl % 3]
        else:
            fmt, text = _NUMBER_FORMATS[ilvl % 3], f"%{ilvl + 1}."
        left = LIST_STEP_TWIPS * (ilvl + 1)
        levels.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{left}"/></w:tabs>'
            f'<w:ind w:left="{left}" w:hanging="{LIST_STEP_TWIPS}"/></w:pPr></w:lvl>')
    return (f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:nsid w:val="{nsid}"/><w:multiLevelType w:val="multilevel"/>'
            f'{"".join(levels)}</w:abstractNum>')


def drop_thumbnail(document: Document) -> None:
    """python-docx's blank file carries a preview picture of some other document."""
    package = document.part.package
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package.rels[r_id]


def right_tab(paragraph: Any, width: Any) -> None:
    """A right-aligned tab stop at the text's right edge (headers, footers)."""
    paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
