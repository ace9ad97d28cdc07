"""The parts of the minutes page, as each house style lays them out.

Kept apart from the wording (``content``) and the page shell (``layout``) so the
markup of both house styles reads in one place. Each part writes what an item owns
after that item's ``<a name="item-UID">`` and before the next item's: the review
window finds the item under the cursor by those anchors.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
from collections.abc import Sequence
from typing import Final

from minute_taker.domain.richtext import sanitise_html
from minute_taker.export.content import (
    ATTENDANCE_GROUPS,
    DRAFT_BANNER,
    NOT_FOR_PUBLICATION,
    SIGNATURE_BLANK,
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
    held_line,
    item_declarations,
    long_date,
    minute_taker_words,
    next_meeting_words,
    owed,
    paper_words,
    quorum_sentence,
    reported,
    used_abbreviations,
    visible_text,
    vote_note,
)
from minute_taker.export.styles import HouseStyle

ITEM_ANCHOR_PREFIX: Final = "item-"
# In the paragraph that prints an item's agenda description, which comes between the
# heading and the minutes text: a reader of the rendered page (the review window)
# can start the item's minutes text after that paragraph.
DESCRIPTION_ANCHOR_PREFIX: Final = "description-"
CLOSE_ANCHOR: Final = '<a name="close"></a>'
__all__ = ["CLOSE_ANCHOR", "DESCRIPTION_ANCHOR_PREFIX", "DRAFT_BANNER", "ITEM_ANCHOR_PREFIX",
           "NOT_FOR_PUBLICATION", "action_notes_items", "actions_table", "attendance",
           "closing", "contact", "declarations", "escape", "glossary", "narrative_items", "notices",
           "signature", "title_block"]

_GAP = "&#160;&#160;&#160;"
_IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
                ".gif": "image/gif"}
LOGO_HEIGHT: Final = 64  # pixels; the width follows the picture's proportions


def escape(value: object) -> str:
    """Everything the document holds is plain text; some of it lands inside attributes."""
    return html.escape(str(value), quote=True)


def _text(value: str) -> str:
    """Plain text as HTML: escaped, its line breaks kept."""
    return "<br>".join(escape(line) for line in value.strip().splitlines())


# --- header: title, attendance, declarations ---------------------------------------------

def title_block(m: Minutes) -> list[str]:
    """The style's logo and organisation, then committee and meeting as each layout heads them."""
    committee, meeting = m.committee["name"], m.meeting["title"]
    out = _letterhead(m)
    if m.style == "narrative":
        out.append(f'<h1 class="committee">{escape(committee)}</h1>')
        if meeting.strip() != committee.strip():
            out.append(f'<p class="subtitle"><b>{escape(meeting)}</b></p>')
        out.append(f'<p class="held">{escape(held_line(m.meeting))}</p>')
        return out + (_contact_line(m) if m.contact_at == "head" else [])
    subtitle = "Meeting notes" if committee in meeting else f"{committee} \u2013 meeting notes"
    return [*out, f'<h1 class="meeting">{escape(meeting)}</h1>',
            f'<p class="subtitle">{escape(subtitle)}</p>', _details_table(m)]


def _letterhead(m: Minutes) -> list[str]:
    out = []
    logo = logo_data_uri(m)
    if logo:
        out.append(f'<p class="logo"><img src="{logo}" height="{LOGO_HEIGHT}" alt=""></p>')
    organisation = m.house.organisation.strip()
    if organisation:
        out.append(f'<p class="organisation">{escape(organisation)}</p>')
    return out


def logo_data_uri(m: Minutes) -> str:
    """The style's logo inside the page itself, so an exported file needs nothing beside it.

    "" when there is none, or it is not a PNG, JPEG or GIF, or it cannot be read.
    """
    path = m.house.logo
    kind = _IMAGE_TYPES.get(path.suffix.lower()) if path else None
    if path is None or kind is None:
        return ""
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def _details_table(m: Minutes) -> str:
    meeting = m.meeting
    times = " \u2013 ".join(t for t in (clock(meeting["start_time"]),
                                        clock(meeting["end_time"])) if t)
    rows = [("Date", long_date(dt.date.fromisoformat(meeting["date"]))), ("Time", times),
            ("Venue", meeting["venue"] or ""), ("Chair", m.name(meeting["chair"])),
            ("Minute-taker", minute_taker_words(m))]
    if m.contact_at == "head":
        rows.append((escape(m.house.heading("contact")), contact_words(m.meeting)))
    cells = "".join(f'<tr><th scope="row" class="label">{label}:</th><td>{escape(value)}</td>'
                    '</tr>'
                    for label, value in rows if value)
    return f'<table class="people details" cellspacing="0" cellpadding="2">{cells}</table>'


def _attendance_rows(m: Minutes) -> list[str]:
    rows: list[str] = []
    for group in ATTENDANCE_GROUPS:
        members = [r for r in m.doc["attendance"] if attendance_group(r) == group]
        for index, row in enumerate(members):
            # Row headers, so a screen reader names the group of each person.
            label = f'<th scope="row" class="label" rowspan="{len(members)}">' \
                f"{escape(m.house.heading(group))}:</th>" if index == 0 else ""
            capacity = escape(attendee_capacity(row, m.people.get(row["person"])))
            rows.append(f'<tr>{label}<td class="name">{escape(attendee_words(m, row))}</td>'
                        f"<td>{capacity}</td></tr>")
    return rows


def attendance(m: Minutes) -> list[str]:
    """Who was there, grouped as the reference minutes group them, each with a capacity."""
    rows = _attendance_rows(m)
    if not rows:
        return []
    if m.style == "narrative":
        return ['<table class="people attendance" cellspacing="0" cellpadding="2">',
                *rows, "</table>", *_unplaced_movements(m, footnotes=False)]
    head = '<thead><tr><th></th><th>Name</th><th>Capacity</th></tr></thead>'
    return ['<h2 class="section">Attendance</h2>',
            '<table class="grid attendance" cellspacing="0" cellpadding="4">', head, *rows,
            "</table>", *_unplaced_movements(m, footnotes=True)]


def _unplaced_movements(m: Minutes, *, footnotes: bool) -> list[str]:
    """Movements not tied to an item; action notes also footnote the asterisked names."""
    sentences = list(m.movements.unplaced)
    if footnotes:  # as the reference notes do, under the list that asterisks the names
        for found in (*m.movements.arrivals.values(), *m.movements.departures.values()):
            sentences += found
    prefix = "*" if footnotes else ""
    return [f'<p class="movement">{prefix}{escape(s)}</p>' for s in sentences]


def declarations(m: Minutes) -> list[str]:
    sentences = declaration_sentences(m)
    lines = [f'<p class="declaration">{escape(sentence)}</p>' for sentence in sentences]
    if not declarations_section_wanted(m, sentences):
        return []
    heading = f'<h2 class="section">{escape(m.house.heading("declarations"))}</h2>'
    return [heading, *(lines or ['<p class="declaration">None.</p>'])]


def notices(m: Minutes) -> list[str]:
    """The banners above everything: DRAFT, and NOT FOR PUBLICATION on a full version."""
    return [f'<p class="{kind}-banner">{escape(words)}</p>' for kind, words in m.banners]


# --- items --------------------------------------------------------------------------------

def _heading(house: HouseStyle, entry: Entry, *, numbered: bool) -> str:
    """The item's heading, carrying the anchor the review window finds the item by."""
    item = entry.item
    level = min(entry.depth + 2, 4)
    anchor = f'<a name="{ITEM_ANCHOR_PREFIX}{escape(item["uid"])}"></a>'
    number = f'<span class="num">{escape(house.item_number(item["number"]))}</span>{_GAP}' \
        if numbered and item["number"] else ""
    label = f'{_GAP}<span class="confidential">CONFIDENTIAL</span>' \
        if entry.confidential and not entry.withheld else ""
    return (f'<h{level} class="item">{anchor}{number}{escape(item["title"])}{label}'
            f"</h{level}>")


def _decision(m: Minutes, decision: Json) -> list[str]:
    label, rest = decision_wording(decision["kind"], decision["text"])
    out = [f'<p class="decision"><b>{label}</b> {escape(rest)}</p>']
    note = vote_note(m, decision)
    return [*out, f'<p class="vote">{escape(note)}</p>'] if note else out


def _inline_action(m: Minutes, action: Json) -> str:
    """"ACTION: DCC – Share the briefing with the PCC's office (due by end January 2018)",
    or one reported on under matters arising (``content.action_line``)."""
    label, rest = action_line(m, action)
    return f'<p class="action"><b>{escape(label)}</b> {escape(rest)}</p>'


def _item_actions(m: Minutes, actions: Sequence[Json]) -> list[str]:
    if not actions:
        return []
    if m.style == "narrative":
        return [_inline_action(m, a) for a in actions]
    rows = [f"<li>{escape(action_note(m, action))}</li>" for action in actions]
    label = escape(m.house.heading("actions_arising"))
    return [f'<p class="label">{label}:</p>', '<ul class="actions">', *rows, "</ul>"]


def _documents(item: Json) -> list[str]:
    documents = item.get("documents") or []
    if not documents:
        return []
    rows = []
    for doc in documents:
        title, location = escape(doc["title"]), doc["location"]
        if location.startswith(("http://", "https://")):
            title = f'<a href="{escape(location)}">{title}</a>'
        label = paper_words(doc)[len(doc["title"]):]  # " PDF 182 KB", after the title
        rows.append(f"<li>{title}{escape(label)}</li>")
    return ['<p class="label">Supporting documents:</p>', '<ul class="documents">', *rows,
            "</ul>"]


def _movement_lines(sentences: Sequence[str]) -> list[str]:
    return [f'<p class="movement">{escape(s)}</p>' for s in sentences]


def _item_body(m: Minutes, entry: Entry) -> list[str]:
    """Everything the item owns, in the order minutes read: what was put, what was said,
    who came in, what was decided and who is to act, the papers, who then left."""
    item, uid = entry.item, entry.item["uid"]
    quorum = quorum_sentence(m, uid)
    out = [f'<p class="quorum">{escape(quorum)}</p>'] if quorum else []
    if item["description"].strip():
        anchor = f'<a name="{DESCRIPTION_ANCHOR_PREFIX}{escape(uid)}"></a>'
        out.append(f'<p class="description">{anchor}{_text(item["description"])}</p>')
    out += [f'<p class="declaration">{escape(s)}</p>' for s in item_declarations(m, uid)]
    if item["minutes_html"].strip():  # sanitised when stored; again here, in case
        out.append(sanitise_html(item["minutes_html"]))
    out += _movement_lines(m.movements.arrivals.get(uid, []))
    for decision in item["decisions"]:
        out += _decision(m, decision)
    out += _item_actions(m, m.item_actions(uid))
    out += _documents(item)
    return out + _movement_lines(m.movements.departures.get(uid, []))


def _withheld_notes(m: Minutes, entry: Entry) -> list[str]:
    """What a public version keeps under a withheld item: the line saying it was taken
    in private (at the top of the branch) and the comings and goings recorded at it,
    which say who was there for the rest of the meeting."""
    uid = entry.item["uid"]
    private = [f'<p class="private-item">{escape(m.private_line)}</p>'] \
        if entry.private_stub else []
    return private + _movement_lines([*m.movements.arrivals.get(uid, []),
                                      *m.movements.departures.get(uid, [])])


def narrative_items(m: Minutes) -> list[str]:
    """Items in running order; actions tied to no shown item still need a place to go."""
    out: list[str] = []
    for entry in m.entries:
        if entry.private_stub:
            out += [_heading(m.house, entry, numbered=True), *_withheld_notes(m, entry)]
        elif entry.withheld:
            out += _withheld_notes(m, entry)
        else:
            out += [_heading(m.house, entry, numbered=True), *_item_body(m, entry)]
    loose = m.loose_actions()
    if loose:
        out += ['<h2 class="section"><a name="other-actions"></a>Other actions</h2>',
                *(_inline_action(m, a) for a in loose)]
    return out


def action_notes_items(m: Minutes) -> list[str]:
    """Items as the reference notes lay them out: number, notes, and an action column."""
    rows = []
    for entry in m.entries:
        if entry.withheld and not entry.private_stub:
            notes = _withheld_notes(m, entry)
            rows += [f'<tr><td></td><td class="body">{"".join(notes)}</td><td></td></tr>'] \
                if notes else []
            continue
        actions = [] if entry.withheld else m.item_actions(entry.item["uid"])
        owners = "<br>".join(escape(o) for a in actions
                             if owed(a) and (o := action_owner(m, a)))
        parts = _withheld_notes(m, entry) if entry.withheld else _item_body(m, entry)
        body = "\n".join([_heading(m.house, entry, numbered=False), *parts])
        section = entry.depth == 0 and bool(entry.item.get("children"))
        rows.append(f'<tr class="{"section" if section else "item"}">'
                    f'<td class="num">{escape(m.house.item_number(entry.item["number"]))}</td>'
                    f'<td class="body">{body}</td><td class="owner">{owners}</td></tr>')
    head = ('<thead><tr><th width="8%">No.</th><th>Item</th>'
            '<th width="12%">Action</th></tr></thead>')
    return ['<table class="grid items" width="100%" cellspacing="0" cellpadding="5">', head,
            *rows, "</table>"]


def actions_table(m: Minutes) -> list[str]:
    """The "Actions arising" log: every action shown, by the item it arose from."""
    heading = ('<h2 class="section"><a name="actions-arising"></a>'
               f'{escape(m.house.heading("actions_arising"))}</h2>')
    actions = m.visible_actions()
    if not actions:
        return [heading, "<p>There were no actions arising.</p>"]
    numbers, rows = m.numbers, []
    progress = any(reported(m, a) for a in actions)  # else the column only takes room
    for action in actions:
        number = numbers.get(action["item"]) or "\u2013"
        update = f'<td class="update">{escape(action_progress(m, action))}</td>' \
            if progress else ""
        rows.append(f'<tr><td class="num">{escape(number)}</td>'
                    f'<td>{escape(action_text(m, action))}</td>'
                    f'<td class="owner">{escape(action_owner(m, action))}</td>'
                    f'<td class="due">{_due_cell(action)}</td>{update}</tr>')
    update_head = f'<th width="24%">{escape(m.house.heading("update"))}</th>' \
        if progress else ""
    head = ('<thead><tr><th width="8%">No.</th><th>Action</th><th width="12%">Owner</th>'
            f'<th width="20%">Due</th>{update_head}</tr></thead>')
    return [heading, '<table class="grid actions-arising" width="100%" cellspacing="0" '
            'cellpadding="5">', head, *rows, "</table>"]


def _due_cell(action: Json) -> str:
    """The due date as the minutes worded it, with the calendar date under it if known."""
    date = day_month_year(dt.date.fromisoformat(action["due_date"])) \
        if action["due_date"] else ""
    text = (action["due_text"] or "").strip()
    if text and date:
        return f'{escape(text)}<br><span class="muted">{escape(date)}</span>'
    return escape(text or date)


# --- the end: close, next meeting, abbreviations -----------------------------------------

def closing(m: Minutes) -> list[str]:
    """The close and the next meeting, after an anchor that belongs to no item."""
    meeting, lines = m.meeting, []
    if m.style == "narrative" and meeting["end_time"]:
        lines.append(("closed", f"The meeting closed at {clock(meeting['end_time'])}."))
    when = next_meeting_words(meeting)
    if when:
        lines.append(("next-meeting", f"<b>{escape(m.house.heading('next_meeting'))}:</b> "
                      f"{escape(when)}"))
    # QTextBrowser drops an anchor that stands outside a paragraph.
    return [f'<p class="{cls}">{"" if i else CLOSE_ANCHOR}{text}</p>'
            for i, (cls, text) in enumerate(lines)]


def signature(m: Minutes, *, anchored: bool) -> list[str]:
    """The chair's signature line, last of all (after the abbreviations); ``anchored``
    when nothing before it closed the last item's part of the page."""
    if not m.signature_wanted:
        return []
    anchor = CLOSE_ANCHOR if anchored else ""
    return [f'<p class="signature">{anchor}Signed: {SIGNATURE_BLANK} '
            f"{escape(m.house.heading('signature'))}{_GAP}&#160;Date: {SIGNATURE_BLANK}</p>"]


def _contact_line(m: Minutes, anchor: str = "") -> list[str]:
    return [f'<p class="contact">{anchor}<b>{escape(m.house.heading("contact"))}:</b> '
            f"{escape(contact_words(m.meeting))}</p>"]


def contact(m: Minutes, *, anchored: bool) -> list[str]:
    """"Contact: Sheena Jones, ..." at the foot, after the signature, where the house
    style puts it there; ``anchored`` as for ``signature``."""
    if m.contact_at != "foot":
        return []
    return _contact_line(m, CLOSE_ANCHOR if anchored else "")


def approval_record(m: Minutes) -> list[str]:
    """Approved minutes end with who approved them, when, and the record's SHA-256."""
    stamp = m.stamp
    return [] if stamp is None else [f'<p class="approval-record">{escape(stamp.text)}</p>']


def glossary(m: Minutes, body: str) -> list[str]:
    """Only the abbreviations this page uses, read from the page as a reader sees it."""
    used = used_abbreviations(m.committee["abbreviations"], visible_text(body))
    if not used:
        return []
    rows = "".join(f'<tr><td class="abbr"><b>{escape(s)}</b></td><td>{escape(e)}</td></tr>'
                   for s, e in used)
    return ['<h2 class="section"><a name="abbreviations"></a>'
            f'{escape(m.house.heading("abbreviations"))}</h2>',
            f'<table class="glossary" cellspacing="0" cellpadding="1">{rows}</table>']
