"""The parts of the minutes in Word, as each house style lays them out.

These follow ``sections`` (the HTML renderer) part for part, in plain text rather
than markup, so the Word file says what the published page says in the same words
and order; the tests compare the two. Where the HTML uses a table (attendance, the
action-notes items and actions), so does Word, with a header row that repeats on
every page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from minute_taker.export.content import (
    ATTENDANCE_GROUPS,
    AbbreviationSpeller,
    Entry,
    Json,
    Minutes,
    action_line,
    action_note,
    action_owner,
    action_progress,
    action_text,
    attendance_group,
    attendee_capacity,
    attendee_words,
    clock,
    contact_words,
    day_month_year,
    decision_wording,
    declaration_sentences,
    declarations_section_wanted,
    item_declarations,
    long_date,
    minute_taker_words,
    owed,
    paper_words,
    quorum_sentence,
    reported,
    visible_text,
    vote_note,
)
from minute_taker.export.docx.html import Flow, ListStarts, add_hyperlink, add_run
from minute_taker.export.docx.html import write_html as write_minutes_html
from minute_taker.export.docx.styles import MUTED_COLOUR, NOTICE_COLOUR
from minute_taker.export.styles import HouseStyle

Table = Any  # python-docx ships no type information
GROUPS: Final = ATTENDANCE_GROUPS
_HEADER_FILL: Final = "E8E8E8"
_SECTION_FILL: Final = "F2F2F2"
_SHORT_ITEM: Final = 700  # characters: a row this short moves to the next page whole


@dataclass
class Page:
    """What every part writes into and with: the document, the minutes and the house."""

    word: Any
    m: Minutes
    house: HouseStyle
    body: Flow
    lists: ListStarts
    speller: AbbreviationSpeller | None

    def cell(self, cell: Any, *, spell: bool = True) -> Flow:
        """A table cell to write into, starting in the paragraph it opens with."""
        return Flow(cell, self.body.styles, self.speller if spell else None,
                    spare=cell.paragraphs[0])


# --- tables -------------------------------------------------------------------------------

def add_table(page: Page, widths: Sequence[float], *, grid: bool,
              header: Sequence[str] = ()) -> Table:
    """A fixed-width table; a grid one has a shaded header row repeated on each page."""
    table = page.word.add_table(rows=0, cols=len(widths))
    table.style = "Table Grid" if grid else None
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    _cell_margins(table, grid)
    if header:
        row = table.add_row()
        for cell, text in zip(row.cells, header, strict=True):
            page.cell(cell).text("Normal", ("bold", text))
            shade(cell, _HEADER_FILL)
        _row_flag(row, "w:cantSplit")
        _row_flag(row, "w:tblHeader")
    return table


def shade(cell: Any, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    later = [qn(f"w:{t}") for t in ("noWrap", "tcMar", "textDirection", "tcFitText", "vAlign",
                                    "hideMark")]
    follower = next((c for c in properties if c.tag in later), None)
    if follower is not None:
        follower.addprevious(shading)
    else:
        properties.append(shading)


def _row_flag(row: Any, tag: str) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement(tag))


def keep_row_whole(row: Any) -> None:
    _row_flag(row, "w:cantSplit")


def _cell_margins(table: Any, grid: bool) -> None:
    """Grid cells get room to breathe; a borderless table lines up with the text margin."""
    top, side = (57, 85) if grid else (14, 0)
    margins = parse_xml(
        f'<w:tblCellMar {nsdecls("w")}><w:top w:w="{top}" w:type="dxa"/>'
        f'<w:left w:w="{side}" w:type="dxa"/><w:bottom w:w="{top}" w:type="dxa"/>'
        f'<w:right w:w="{side or 113}" w:type="dxa"/></w:tblCellMar>')
    properties = table._tbl.tblPr
    look = properties.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        properties.append(margins)


def _label_rows(page: Page, table: Table,
                rows: Sequence[tuple[str, Sequence[Sequence[str]]]],
                *, merge: bool) -> None:
    """Rows under a label that spans them, as the HTML's ``rowspan`` labels do."""
    for label, members in rows:
        first = len(table.rows)
        for values in members:
            row = table.add_row()
            keep_row_whole(row)
            for cell, value in zip(row.cells[1:], values, strict=True):
                page.cell(cell).text("Normal", value)
        label_cell = table.cell(first, 0)
        if merge and len(members) > 1:
            label_cell = label_cell.merge(table.cell(first + len(members) - 1, 0))
        page.cell(label_cell).text("Normal", ("bold", label))


# --- top of the minutes -------------------------------------------------------------------

def details_table(page: Page) -> None:
    """Action notes open with the meeting's facts in a two-column block."""
    m, meeting = page.m, page.m.meeting
    times = " \u2013 ".join(t for t in (clock(meeting["start_time"]),
                                        clock(meeting["end_time"])) if t)
    rows = [("Date", long_date(dt.date.fromisoformat(meeting["date"]))), ("Time", times),
            ("Venue", meeting["venue"] or ""), ("Chair", m.name(meeting["chair"])),
            ("Minute-taker", minute_taker_words(m))]
    if m.contact_at == "head":
        rows.append((page.house.heading("contact"), contact_words(meeting)))
    table = add_table(page, (3.5, 13.5), grid=False)
    _label_rows(page, table, [(f"{label}:", [[value]]) for label, value in rows if value],
                merge=False)
    page.body.paragraph("Normal")


def attendance(page: Page) -> None:
    """Who was there, grouped with their capacities, as the reference minutes list them."""
    m, house = page.m, page.house
    groups = [(f"{house.heading(key)}:",
               [(attendee_words(m, row), attendee_capacity(row, m.people.get(row["person"])))
                for row in m.doc["attendance"] if attendance_group(row) == key]) for key in GROUPS]
    groups = [(label, rows) for label, rows in groups if rows]
    if not groups:
        return
    narrative = m.style == "narrative"
    if narrative:
        table = add_table(page, (4.6, 4.9, 7.5), grid=False)
    else:
        page.body.text("Heading 1", "Attendance")
        table = add_table(page, (4.4, 4.8, 7.8), grid=True, header=("", "Name", "Capacity"))
    _label_rows(page, table, groups, merge=not narrative)
    page.body.paragraph("Normal")
    sentences = list(m.movements.unplaced)
    if not narrative:  # the reference notes footnote the asterisked names
        for found in (*m.movements.arrivals.values(), *m.movements.departures.values()):
            sentences += found
    for sentence in sentences:
        page.body.text("Movement", ("*" if not narrative else "") + sentence)


def declarations(page: Page) -> None:
    m = page.m
    lines = declaration_sentences(m)
    if not declarations_section_wanted(m, lines):
        return
    page.body.text("Heading 1", page.house.heading("declarations"))
    for line in lines or ["None."]:
        page.body.text("Minutes Text", line)


# --- an item ------------------------------------------------------------------------------

def heading(page: Page, flow: Flow, style: str, entry: Entry, *, numbered: bool,
            label: bool) -> None:
    """Number, tab, title; the CONFIDENTIAL label after it in the full version."""
    item = entry.item
    paragraph = flow.paragraph(style)
    if numbered and item["number"]:
        add_run(paragraph, f"{page.house.item_number(item['number'])}\t")
    add_run(paragraph, flow.spelled(item["title"]))
    if label and entry.confidential and not entry.withheld:
        add_run(paragraph, "   ")
        run = add_run(paragraph, "CONFIDENTIAL", bold=True)
        run.font.color.rgb = RGBColor.from_string(NOTICE_COLOUR)
        run.font.size = Pt(max(page.house.font_size_pt - 2, 6))


def _decision(page: Page, flow: Flow, decision: Json) -> None:
    label, rest = decision_wording(decision["kind"], decision["text"])
    flow.text("Resolution", ("bold", label), f" {rest}")
    note = vote_note(page.m, decision)
    if note:
        flow.text("Minutes Text", note)


def _documents(flow: Flow, item: Json) -> None:
    documents = item.get("documents") or []
    if not documents:
        return
    flow.text("Minutes Text", ("bold", "Supporting documents:"))
    for doc in documents:
        paragraph = flow.paragraph("List Bullet")
        location = str(doc["location"])
        title = flow.spelled(doc["title"])
        if location.startswith(("http://", "https://")):
            add_hyperlink(paragraph, title, location)
        else:
            add_run(paragraph, title)
        label = paper_words(doc)[len(doc["title"]):]  # " PDF 182 KB", after the title
        if label:
            add_run(paragraph, label)


def _movements(flow: Flow, sentences: Sequence[str]) -> None:
    for sentence in sentences:
        flow.text("Movement", sentence)


def inline_action(page: Page, flow: Flow, action: Json) -> None:
    """"ACTION: DCC – Share the briefing with the PCC's office (due by end January 2018)",
    or one reported on under matters arising (``content.action_line``)."""
    label, rest = action_line(page.m, action)
    flow.text("Action", ("bold", label), f" {rest}")


def item_body(page: Page, flow: Flow, entry: Entry) -> None:
    """Everything the item owns, in the order minutes read: what was put, what was said,
    who came in, what was decided and who is to act, the papers, who then left."""
    m, item, uid = page.m, entry.item, entry.item["uid"]
    quorum = quorum_sentence(m, uid)
    if quorum:
        flow.text("Minutes Text", quorum)
    if item["description"].strip():
        flow.text("Agenda Text", "\n".join(item["description"].strip().splitlines()))
    for sentence in item_declarations(m, uid):
        flow.text("Minutes Text", sentence)
    if item["minutes_html"].strip():
        write_minutes_html(flow, item["minutes_html"], page.lists)
    _movements(flow, m.movements.arrivals.get(uid, []))
    for decision in item["decisions"]:
        _decision(page, flow, decision)
    actions = m.item_actions(uid)
    if m.style == "narrative":
        for action in actions:
            inline_action(page, flow, action)
    elif actions:
        flow.text("Minutes Text", ("bold", f"{page.house.heading('actions_arising')}:"))
        for action in actions:
            flow.text("List Bullet", action_note(m, action))
    _documents(flow, item)
    _movements(flow, m.movements.departures.get(uid, []))


def withheld(page: Page, flow: Flow, entry: Entry, style: str, *, numbered: bool) -> None:
    """A withheld item: its number, title and the line saying it was taken in private,
    at the top of its branch; then only the comings and goings recorded at it, which
    say who was there for the rest of the meeting."""
    if entry.private_stub:
        heading(page, flow, style, entry, numbered=numbered, label=False)
        flow.text("Minutes Text", ("italic", page.m.private_line))
    uid = entry.item["uid"]
    _movements(flow, [*page.m.movements.arrivals.get(uid, []),
                      *page.m.movements.departures.get(uid, [])])


# --- the two layouts of the items ---------------------------------------------------------

def narrative_items(page: Page) -> None:
    """Items in running order under numbered headings; loose actions at the end."""
    for entry in page.m.entries:
        style = f"Heading {min(entry.depth + 1, 3)}"
        if entry.withheld:
            withheld(page, page.body, entry, style, numbered=True)
            continue
        heading(page, page.body, style, entry, numbered=True, label=True)
        item_body(page, page.body, entry)
    loose = page.m.loose_actions()
    if loose:
        page.body.text("Heading 1", "Other actions")
        for action in loose:
            inline_action(page, page.body, action)


def action_notes_items(page: Page) -> None:
    """The items table: number, the notes with their actions, and who is to act."""
    m = page.m
    table = add_table(page, (1.4, 13.0, 2.6), grid=True, header=("No.", "Item", "Action"))
    for entry in m.entries:
        if not entry.shown and not _has_movements(m, entry):
            continue
        row = table.add_row()
        if entry.withheld or _short(entry.item):
            keep_row_whole(row)  # LibreOffice would split even a two-line row at a page end
        number, body, owners = (page.cell(c) for c in row.cells)
        if entry.withheld:
            if entry.private_stub:
                number.text("Normal", ("bold", page.house.item_number(entry.item["number"])))
            withheld(page, body, entry, "Item Heading", numbered=False)
            continue
        number.text("Normal", ("bold", page.house.item_number(entry.item["number"])))
        heading(page, body, "Item Heading", entry, numbered=False, label=True)
        item_body(page, body, entry)
        for action in m.item_actions(entry.item["uid"]):
            owner = action_owner(m, action) if owed(action) else ""
            if owner:
                owners.text("Normal", owner)
        if entry.depth == 0 and entry.item.get("children"):
            for cell in row.cells:
                shade(cell, _SECTION_FILL)
    page.body.paragraph("Normal")


def _short(item: Json) -> bool:
    return len(visible_text(item["minutes_html"])) + len(item["description"]) < _SHORT_ITEM


def _has_movements(m: Minutes, entry: Entry) -> bool:
    uid = entry.item["uid"]
    return bool(m.movements.arrivals.get(uid) or m.movements.departures.get(uid))


def actions_table(page: Page) -> None:
    """The "Actions arising" log: every action shown, by the item it arose from."""
    m = page.m
    page.body.text("Heading 1", page.house.heading("actions_arising"))
    actions = m.visible_actions()
    if not actions:
        page.body.text("Minutes Text", "There were no actions arising.")
        return
    progress = any(reported(m, a) for a in actions)  # else the column only takes room
    widths: tuple[float, ...] = (1.4, 9.0, 2.6, 4.0)
    header: tuple[str, ...] = ("No.", "Action", "Owner", "Due")
    if progress:
        widths, header = (1.4, 6.0, 2.2, 3.2, 4.2), (*header, page.house.heading("update"))
    table = add_table(page, widths, grid=True, header=header)
    numbers = m.numbers
    for action in actions:
        row = table.add_row()
        keep_row_whole(row)
        number, text, owner, due, *update = (page.cell(c) for c in row.cells)
        number.text("Normal", ("bold", numbers.get(action["item"]) or "\u2013"))
        text.text("Normal", action_text(m, action))
        owner.text("Normal", action_owner(m, action))
        _due_cell(page, due, action)
        for cell in update:
            cell.text("Normal", action_progress(m, action))
    page.body.paragraph("Normal")


def _due_cell(page: Page, flow: Flow, action: Json) -> None:
    """The due date as the minutes worded it, with the calendar date under it if known."""
    date = day_month_year(dt.date.fromisoformat(action["due_date"])) \
        if action["due_date"] else ""
    text = (action["due_text"] or "").strip()
    paragraph = flow.text("Normal", text or date)
    if text and date:
        add_run(paragraph, "\n")
        run = add_run(paragraph, date)
        run.font.color.rgb = RGBColor.from_string(MUTED_COLOUR)
        run.font.size = Pt(max(page.house.font_size_pt - 2, 6))
