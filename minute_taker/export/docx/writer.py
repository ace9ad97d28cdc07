"""Minutes as a Word document: real styles, lists, tables, page numbers, a running header.

Officers edit and file minutes in Word, so the export is a document they can work
with, not a picture of the HTML: every paragraph carries a named style from the
house style's ``template.docx`` ("Item Heading", "Resolution", "List Bullet 2"...),
lists are Word lists, the items and actions are tables whose header row repeats,
and the footer counts "Page X of Y" with PAGE and NUMPAGES fields. The words and
their order are the HTML page's (``sections``) in each layout, banners included;
the rules behind them (what a public version keeps of a confidential item, when
the chair signs, which abbreviations are spelled out) come from ``content``.

What the HTML page says once at the top, a printed Word file also says on every
page: the running header names the committee and the meeting date, and says DRAFT
until the minutes are approved and NOT FOR PUBLICATION on a full version that holds
confidential items.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Mapping
from typing import Any, Final

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.image.exceptions import UnrecognizedImageError
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from minute_taker.export.content import (
    ActionOrigin,
    clock,
    contact_words,
    day_month_year,
    held_line,
    next_meeting_words,
    read_minutes,
    used_abbreviations,
)
from minute_taker.export.docx.html import (
    Flow,
    ListStarts,
    ParagraphStyles,
    add_run,
    xml_text,
)
from minute_taker.export.docx.layouts import (
    Page,
    action_notes_items,
    actions_table,
    add_table,
    attendance,
    declarations,
    details_table,
    narrative_items,
)
from minute_taker.export.docx.styles import (
    define_styles,
    drop_thumbnail,
    right_tab,
    set_up_page,
)
from minute_taker.export.styles import HouseStyle

__all__ = ["DRAFT_MARK", "NOT_FOR_PUBLICATION_MARK", "docx_bytes"]

# What the running header of every page says (the first page's banners say more).
DRAFT_MARK: Final = "DRAFT"
NOT_FOR_PUBLICATION_MARK: Final = "NOT FOR PUBLICATION"
_LOGO_HEIGHT: Final = Cm(1.7)  # the HTML letterhead's 64 pixels
_PICTURES: Final = (".png", ".jpg", ".jpeg", ".gif")
# What may follow w:pBdr in a paragraph's properties (the schema fixes their order).
_AFTER_BORDERS: Final = tuple(f"w:{tag}" for tag in (
    "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange"))


def docx_bytes(document: Mapping[str, Any], *, house: HouseStyle, public: bool,
               draft: bool | None = None,
               origins: Mapping[str, ActionOrigin] | None = None) -> bytes:
    """A meeting's minutes as a Word document in ``house``'s layout.

    ``document`` is a meeting interchange document (``interchange.export_meeting``).
    ``public`` withholds confidential items; ``draft`` marks the pages DRAFT (by
    default unless the meeting is approved). ``origins``: where each carried action was
    first raised (``content.read_minutes``).
    """
    minutes = read_minutes(document, public=public, draft=draft, house=house,
                           origins=origins)
    word = _blank_document(house)
    speller = minutes.speller()
    body = Flow(word, ParagraphStyles(word), speller)
    page = Page(word=word, m=minutes, house=house, body=body,
                lists=ListStarts(word), speller=speller)
    _write(page)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


# --- the document ---------------------------------------------------------------------------

def _blank_document(house: HouseStyle) -> Any:
    """The house template emptied of its specimen text, or python-docx's blank one styled."""
    template = house.docx_template
    word = docx.Document(str(template)) if template else docx.Document()
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    define_styles(word, house, replace=template is None)
    if template is None:
        set_up_page(word.sections[0])
    drop_thumbnail(word)
    return word


def _properties(page: Page) -> None:
    """File properties name the meeting, not python-docx or whoever made the template."""
    m, props = page.m, page.word.core_properties
    marks = [w for w, on in (("draft", m.draft), ("not for publication", m.not_for_publication))
             if on]
    # Typed text, so only what XML can hold: lxml refuses a pasted control character.
    props.title = xml_text(m.meeting["title"] + (f" ({', '.join(marks)})" if marks else ""))
    props.subject = xml_text(m.committee["name"])
    props.author = props.last_modified_by = xml_text(page.house.organisation
                                                     or m.committee["name"])
    props.keywords = "minutes" if m.stamp is None else f"minutes, {xml_text(m.stamp.metadata)}"
    props.comments = props.category = ""
    props.revision = 1
    props.created = props.modified = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _write(page: Page) -> None:
    m = page.m
    _properties(page)
    _header(page)
    _footer(page)
    for _kind, words in m.banners:
        page.body.text("Notice", words)
    _title(page)
    attendance(page)
    declarations(page)
    if m.style == "narrative":
        narrative_items(page)
    else:
        action_notes_items(page)
        actions_table(page)
    _closing(page)
    if m.lists_abbreviations:
        _glossary(page)
    if m.signature_wanted:  # last: the chair signs under everything the minutes say
        _signature(page)
    if m.contact_at == "foot":  # below the signature, as ModernGov prints it
        _contact(page).paragraph_format.space_before = Pt(18)
    if m.stamp is not None:  # and under that, the approval it was published from
        line = page.body.text("Minutes Text", m.stamp.text)
        line.paragraph_format.space_before = Pt(18)


# --- header and footer ----------------------------------------------------------------------

def _header(page: Page) -> None:
    """Committee and date on every page, with the markings the pages must carry."""
    m, house = page.m, page.house
    section = page.word.sections[0]
    section.different_first_page_header_footer = False
    header = section.header
    header.is_linked_to_previous = False
    paragraph = _only_paragraph(header, "Header")
    right_tab(paragraph, section.page_width - section.left_margin - section.right_margin)
    who = " \u2013 ".join(p for p in (house.organisation.strip(), m.committee["name"]) if p)
    add_run(paragraph, f"{who}\t{day_month_year(dt.date.fromisoformat(m.meeting['date']))}")
    marks = [DRAFT_MARK] * m.draft + [NOT_FOR_PUBLICATION_MARK] * m.not_for_publication
    if marks:
        paragraph = header.add_paragraph(style="Notice")
        add_run(paragraph, "   \u00b7   ".join(marks))
        paragraph.paragraph_format.space_before = Pt(2)
    paragraph.paragraph_format.space_after = Pt(0)
    _rule_below(paragraph)


def _rule_below(paragraph: Any) -> None:
    """A hairline under the running header, between it and the minutes."""
    properties = paragraph._p.get_or_add_pPr()
    borders = parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" '
                        'w:space="4" w:color="A6A6A6"/></w:pBdr>')
    properties.insert_element_before(borders, *_AFTER_BORDERS)


def _footer(page: Page) -> None:
    """"Page X of Y" from Word's own fields, so it stays right after any edit."""
    section = page.word.sections[0]
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = _only_paragraph(footer, "Footer")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(paragraph, "Page ")
    _field(paragraph, "PAGE", "1")
    add_run(paragraph, " of ")
    _field(paragraph, "NUMPAGES", "1")


def _only_paragraph(part: Any, style: str) -> Any:
    """The header's or footer's single paragraph, whatever the template left there."""
    paragraphs = part.paragraphs
    for extra in paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    for table in part.tables:
        table._tbl.getparent().remove(table._tbl)
    paragraph = paragraphs[0]
    for child in list(paragraph._p):
        if child.tag != qn("w:pPr"):
            paragraph._p.remove(child)
    paragraph.style = style
    return paragraph


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    """A complex field (begin, instruction, separate, result, end) Word and LibreOffice
    both update; ``shown`` is what a reader that cannot calculate it displays."""
    def char(kind: str) -> None:
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(mark)

    char("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    char("separate")
    add_run(paragraph, shown)
    char("end")


# --- title, close, signature, glossary ------------------------------------------------------

def _title(page: Page) -> None:
    """Committee, meeting and where it was held, as each house style heads them."""
    m, body = page.m, page.body
    committee, meeting = m.committee["name"], m.meeting["title"]
    _letterhead(page)
    if m.style == "narrative":
        body.text("Title", committee)
        if meeting.strip() != committee.strip():
            body.text("Subtitle", meeting)
        body.text("Minutes Text", held_line(m.meeting))
        if m.contact_at == "head":
            _contact(page)
        return
    subtitle = "Meeting notes" if committee in meeting else f"{committee} \u2013 meeting notes"
    body.text("Title", meeting)
    body.text("Subtitle", subtitle)
    details_table(page)


def _letterhead(page: Page) -> None:
    """The style's logo and organisation above the title, as the HTML page has them."""
    logo = page.house.logo
    if logo is not None and logo.suffix.lower() in _PICTURES and logo.is_file():
        # As on the HTML page, a logo that cannot be read is left out rather than fatal.
        with contextlib.suppress(OSError, ValueError, UnrecognizedImageError):
            page.body.paragraph("Normal").add_run().add_picture(str(logo), height=_LOGO_HEIGHT)
    organisation = page.house.organisation.strip()
    if organisation:
        page.body.text("Organisation", organisation)


def _closing(page: Page) -> None:
    m, meeting = page.m, page.m.meeting
    if m.style == "narrative" and meeting["end_time"]:
        page.body.text("Minutes Text", f"The meeting closed at {clock(meeting['end_time'])}.")
    when = next_meeting_words(meeting)
    if when:
        paragraph = page.body.text(
            "Minutes Text", ("bold", f"{page.house.heading('next_meeting')}:"), f" {when}")
        paragraph.paragraph_format.space_before = Pt(12)


def _contact(page: Page) -> Any:
    """"Contact: Jackie Irvin, Policy Officer, OPCC"."""
    return page.body.text("Minutes Text", ("bold", f"{page.house.heading('contact')}:"),
                          f" {contact_words(page.m.meeting)}")


def _signature(page: Page) -> None:
    """"Signed: ____ Chair    Date: ____", the blanks long enough to sign on."""
    section = page.word.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    line = page.body.text("Minutes Text", "Signed: \t", f" {page.house.heading('signature')}",
                          "\tDate: \t")
    fmt = line.paragraph_format
    fmt.space_before, fmt.keep_together = Pt(36), True
    for at, leader in ((0.55, WD_TAB_LEADER.LINES), (0.68, WD_TAB_LEADER.SPACES),
                       (1.0, WD_TAB_LEADER.LINES)):
        fmt.tab_stops.add_tab_stop(int(width * at), WD_TAB_ALIGNMENT.LEFT if at < 1
                                   else WD_TAB_ALIGNMENT.RIGHT, leader)


def _glossary(page: Page) -> None:
    """Only the abbreviations these minutes use, read from what the document now says.

    A paragraph's text with its tabs and line breaks, as python-docx reads it: an item
    heading is "239", a tab, "HMICFRS inspection", and "239HMICFRS" is no word."""
    body = page.word.element.body
    text = "\n".join(p.text for p in body.iter(qn("w:p")))
    used = used_abbreviations(page.m.committee["abbreviations"], text)
    if not used:
        return
    page.body.text("Heading 1", page.house.heading("abbreviations"))
    table = add_table(page, (2.6, 14.4), grid=False)
    for short, expansion in used:  # spelled out already: not through the speller
        cells = table.add_row().cells
        page.cell(cells[0], spell=False).text("Normal", ("bold", short))
        page.cell(cells[1], spell=False).text("Normal", expansion)


# --- the file --------------------------------------------------------------------------------
