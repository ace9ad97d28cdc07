"""The minutes of one meeting as the page data the Typst program lays out.

It reads the same ``content.Minutes`` as the HTML and Word writers and says the same
things in the same words (``content`` owns the wording); the blocks it makes
(``blocks``) carry only text, so the PDF engine never reads anything a user
typed as markup. The order is the order minutes are read in: the banners, the title,
who was there, declarations, the items, the actions arising, the close, the
abbreviations used, and last the chair's signature.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Final

from minute_taker.domain.richtext import sanitise_html
from minute_taker.export.content import (
    ATTENDANCE_GROUPS,
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
    vote_note,
)
from minute_taker.export.pdf import blocks as pb

Block = pb.Block

_GROUPS: Final = ATTENDANCE_GROUPS
SECTION_FILL: Final = "#f2f2f2"
SIGNATURE_BLANK: Final = "____________________"


def page_data(m: Minutes, *, header_left: str, header_right: str, marks: Sequence[str],
              title: str) -> dict[str, Any]:
    """Everything the Typst program needs, ready for ``json.dumps``: ``pdf.render_pdf``
    adds the logo and the DRAFT watermark's drawing."""
    blocks = body_blocks(m)
    return {
        "title": title, "author": m.house.organisation or m.committee["name"],
        "keywords": ["minutes", *([m.stamp.metadata] if m.stamp else [])],
        "style": {"font_size": int(m.house.font_size_pt),
                  "heading_colour": m.house.heading_colour},
        "header_left": header_left, "header_right": header_right, "marks": list(marks),
        "draft_watermark": m.draft,
        "logo_alt": f"{m.house.organisation or m.committee['name']} logo",
        "blocks": blocks,
    }


def body_blocks(m: Minutes) -> list[Block]:
    blocks = [*_notices(m), *_title(m), *_attendance(m), *_declarations(m)]
    blocks += _narrative_items(m) if m.style == "narrative" else _action_notes_items(m)
    if m.style == "action_notes":
        blocks += _actions_table(m)
    blocks += _closing(m)
    # The glossary lists what the page uses as written, before first uses are spelled out.
    used = used_abbreviations(m.committee["abbreviations"], " ".join(pb.texts(blocks)))
    speller = m.speller()
    if speller is not None:
        pb.rewrite_text(blocks, speller.spell)
    if m.lists_abbreviations and used:
        blocks += _glossary(m, used)
    if m.signature_wanted:
        blocks.append({"k": "signature", "runs": [pb.run(
            f"Signed: {SIGNATURE_BLANK} {m.house.heading('signature')}"
            f"\u2003\u2003Date: {SIGNATURE_BLANK}")]})
    if m.contact_at == "foot":  # below the signature, as ModernGov prints it
        blocks += [{"k": "space", "size": 1}, _contact(m)]
    if m.stamp is not None:
        blocks.append({"k": "approval", "runs": [pb.run(m.stamp.text)]})
    return blocks


# --- the head of the minutes ---------------------------------------------------------------

def _notices(m: Minutes) -> list[Block]:
    return [{"k": "banner", "kind": kind, "text": words} for kind, words in m.banners]


def _title(m: Minutes) -> list[Block]:
    committee, meeting = m.committee["name"], m.meeting["title"]
    out: list[Block] = []
    if m.house.organisation.strip():
        out.append(pb.par(pb.run(m.house.organisation.strip(), bold=True),
                          cls="organisation"))
    if m.style == "narrative":
        out.append(pb.heading(1, committee, outlined=False))
        if meeting.strip() != committee.strip():
            out.append(pb.par(pb.run(meeting, bold=True), cls="subtitle"))
        out.append(pb.text_par(held_line(m.meeting), cls="held"))
        return out + ([_contact(m)] if m.contact_at == "head" else [])
    subtitle = "Meeting notes" if committee in meeting else f"{committee} \u2013 meeting notes"
    return [*out, pb.heading(1, meeting, outlined=False), pb.text_par(subtitle, "subtitle"),
            _details(m)]


def _details(m: Minutes) -> Block:
    meeting = m.meeting
    times = " \u2013 ".join(t for t in (clock(meeting["start_time"]),
                                        clock(meeting["end_time"])) if t)
    rows = [("Date", long_date(dt.date.fromisoformat(meeting["date"]))), ("Time", times),
            ("Venue", meeting["venue"] or ""), ("Chair", m.name(meeting["chair"])),
            ("Minute-taker", minute_taker_words(m))]
    if m.contact_at == "head":
        rows.append((m.house.heading("contact"), contact_words(meeting)))
    return pb.table(["auto", 1], [[pb.cell(pb.label(f"{name}:")), pb.cell(pb.text_par(value))]
                                  for name, value in rows if value])


def _attendance(m: Minutes) -> list[Block]:
    """Who was there, grouped as the reference minutes group them, each with a capacity;
    then any coming or going not tied to an item (in action notes, all of them, as the
    footnote to the asterisked names)."""
    attendance = [r for group in _GROUPS for r in m.doc["attendance"]
                  if attendance_group(r) == group]
    if not attendance:
        return []
    footnotes = m.style == "action_notes"
    sentences = list(m.movements.unplaced)
    if footnotes:
        for found in (*m.movements.arrivals.values(), *m.movements.departures.values()):
            sentences += found
    moves = [pb.text_par(("*" if footnotes else "") + s, cls="movement") for s in sentences]
    rows = []
    for index, row in enumerate(attendance):
        group = attendance_group(row)
        first = index == 0 or attendance_group(attendance[index - 1]) != group
        span = sum(1 for r in attendance if attendance_group(r) == group)
        # Narrative minutes label each group once; the action notes' table names the
        # group in every row, so a reader of any one row knows how the person attended.
        if footnotes:
            head = [pb.cell(pb.text_par(m.house.heading(group)))]
        elif first:
            head = [pb.cell(pb.label(f"{m.house.heading(group)}:"), rowspan=span)]
        else:
            head = []
        capacity = attendee_capacity(row, m.people.get(row["person"]))
        rows.append([*head, pb.cell(pb.text_par(attendee_words(m, row))),
                     pb.cell(pb.text_par(capacity))])
    if m.style == "narrative":
        # The name column shares the width with the capacity: a substitute's line ("Cllr
        # Tony Miller for Cllr Stephen Mackay (Worcestershire County Council)") wraps
        # rather than squeezing the capacity to a word a line.
        return [pb.table(["auto", 1, 1], rows), *moves]
    return [pb.heading(2, "Attendance"),
            pb.table(["auto", 1, 1], rows, header=["Attended as", "Name", "Capacity"]),
            *moves]


def _declarations(m: Minutes) -> list[Block]:
    sentences = declaration_sentences(m)
    lines = [pb.text_par(sentence) for sentence in sentences]
    if not declarations_section_wanted(m, sentences):
        return []
    return [pb.heading(2, m.house.heading("declarations")), *(lines or [pb.text_par("None.")])]


# --- items ---------------------------------------------------------------------------------

def _heading(m: Minutes, entry: Entry, *, numbered: bool) -> Block:
    item = entry.item
    number = m.house.item_number(item["number"]) if numbered else ""
    mark = "CONFIDENTIAL" if entry.confidential and not entry.withheld else None
    return pb.heading(min(entry.depth + 2, 4), item["title"], number=number, mark=mark)


def _decision(m: Minutes, decision: Json) -> list[Block]:
    kind, rest = decision_wording(decision["kind"], decision["text"])
    out = [pb.par(pb.run(kind, bold=True), pb.run(" "), pb.lines(rest), cls="decision")]
    note = vote_note(m, decision)
    return [*out, pb.text_par(note, cls="vote")] if note else out


def _inline_action(m: Minutes, action: Json) -> Block:
    label, rest = action_line(m, action)
    return pb.par(pb.run(label, bold=True), pb.run(" "), pb.lines(rest), cls="action")


def _item_actions(m: Minutes, actions: Sequence[Json]) -> list[Block]:
    if not actions:
        return []
    if m.style == "narrative":
        return [_inline_action(m, a) for a in actions]
    return [pb.label(f"{m.house.heading('actions_arising')}:"),
            pb.bullets([[pb.text_par(action_note(m, a))] for a in actions])]


def _documents(item: Json) -> list[Block]:
    documents = item.get("documents") or []
    if not documents:
        return []
    rows = []
    for doc in documents:
        location = doc["location"]
        href = location if location.startswith(("http://", "https://")) else None
        label = paper_words(doc)[len(doc["title"]):]  # " PDF 182 KB", after the title
        rows.append([pb.par(pb.run(doc["title"], href=href), *([pb.run(label)] if label
                                                                else []))])
    return [pb.label("Supporting documents:"), pb.bullets(rows)]


def _movements(sentences: Sequence[str]) -> list[Block]:
    return [pb.text_par(s, cls="movement") for s in sentences]


def _item_body(m: Minutes, entry: Entry) -> list[Block]:
    """What was put, what was said, who came in, what was decided and who is to act,
    the papers, who then left: the order of ``sections._item_body``."""
    item, uid = entry.item, entry.item["uid"]
    quorum = quorum_sentence(m, uid)
    out: list[Block] = [pb.text_par(quorum, cls="quorum")] if quorum else []
    if item["description"].strip():
        out.append(pb.text_par(item["description"], cls="description"))
    out += [pb.text_par(s, cls="declaration") for s in item_declarations(m, uid)]
    if item["minutes_html"].strip():
        out += pb.minutes_blocks(sanitise_html(item["minutes_html"]))
    out += _movements(m.movements.arrivals.get(uid, []))
    for decision in item["decisions"]:
        out += _decision(m, decision)
    out += _item_actions(m, m.item_actions(uid))
    out += _documents(item)
    return out + _movements(m.movements.departures.get(uid, []))


def _withheld_notes(m: Minutes, entry: Entry) -> list[Block]:
    uid = entry.item["uid"]
    private = [pb.text_par(m.private_line, cls="private")] if entry.private_stub else []
    return private + _movements([*m.movements.arrivals.get(uid, []),
                                 *m.movements.departures.get(uid, [])])


def _narrative_items(m: Minutes) -> list[Block]:
    out: list[Block] = []
    for entry in m.entries:
        if entry.private_stub:
            out += [_heading(m, entry, numbered=True), *_withheld_notes(m, entry)]
        elif entry.withheld:
            out += _withheld_notes(m, entry)
        else:
            out += [_heading(m, entry, numbered=True), *_item_body(m, entry)]
    loose = m.loose_actions()
    if loose:
        out += [pb.heading(2, "Other actions"), *(_inline_action(m, a) for a in loose)]
    return out


def _action_notes_items(m: Minutes) -> list[Block]:
    """The reference notes' table: number, the item's notes, and who is to act."""
    rows = []
    for entry in m.entries:
        if entry.withheld and not entry.private_stub:
            notes = _withheld_notes(m, entry)
            if notes:
                rows.append([pb.cell(), pb.cell(*notes), pb.cell()])
            continue
        actions = [] if entry.withheld else m.item_actions(entry.item["uid"])
        owners = [pb.text_par(o) for a in actions if owed(a) and (o := action_owner(m, a))]
        body = _withheld_notes(m, entry) if entry.withheld else _item_body(m, entry)
        fill = SECTION_FILL if entry.depth == 0 and entry.item.get("children") else None
        rows.append([pb.cell(pb.text_par(m.house.item_number(entry.item["number"])),
                             fill=fill),
                     pb.cell(_heading(m, entry, numbered=False), *body, fill=fill),
                     pb.cell(*owners, fill=fill)])
    # An item's notes may run over a page: its row breaks, the header row repeats.
    return [pb.table(["auto", 1, "auto"], rows, header=["No.", "Item", "Action"],
                     breakable=True)]


def _actions_table(m: Minutes) -> list[Block]:
    heading = pb.heading(2, m.house.heading("actions_arising"))
    actions = m.visible_actions()
    if not actions:
        return [heading, pb.text_par("There were no actions arising.")]
    numbers, rows = m.numbers, []
    progress = any(reported(m, a) for a in actions)  # else the column only takes room
    for action in actions:
        update = [pb.cell(pb.text_par(action_progress(m, action)))] if progress else []
        rows.append([pb.cell(pb.text_par(numbers.get(action["item"]) or "\u2013")),
                     pb.cell(pb.text_par(action_text(m, action))),
                     pb.cell(pb.text_par(action_owner(m, action))),
                     pb.cell(*_due(action)), *update])
    if progress:
        return [heading, pb.table(["auto", 1, "auto", 0.35, 0.8], rows,
                                  header=["No.", "Action", "Owner", "Due",
                                          m.house.heading("update")])]
    return [heading, pb.table(["auto", 1, "auto", 0.35], rows,
                              header=["No.", "Action", "Owner", "Due"])]


def _due(action: Json) -> list[Block]:
    """The due date as the minutes worded it, with the calendar date under it if known."""
    date = day_month_year(dt.date.fromisoformat(action["due_date"])) \
        if action["due_date"] else ""
    text = (action["due_text"] or "").strip()
    if text and date:
        return [pb.text_par(text), pb.text_par(date, cls="muted")]
    return [pb.text_par(text or date)]


# --- the end -------------------------------------------------------------------------------

def _closing(m: Minutes) -> list[Block]:
    meeting, out = m.meeting, []
    if m.style == "narrative" and meeting["end_time"]:
        out.append(pb.text_par(f"The meeting closed at {clock(meeting['end_time'])}."))
    when = next_meeting_words(meeting)
    if when:
        out.append(pb.par(pb.run(f"{m.house.heading('next_meeting')}:", bold=True),
                          pb.run(f" {when}")))
    return out


def _contact(m: Minutes) -> Block:
    """"Contact: Jackie Irvin, Policy Officer, OPCC"."""
    return pb.par(pb.run(f"{m.house.heading('contact')}:", bold=True),
                  pb.run(f" {contact_words(m.meeting)}"), cls="contact")


def _glossary(m: Minutes, used: Sequence[tuple[str, str]]) -> list[Block]:
    rows = [[pb.cell(pb.par(pb.run(short, bold=True))), pb.cell(pb.text_par(expansion))]
            for short, expansion in used]
    return [pb.heading(2, m.house.heading("abbreviations")), pb.table(["auto", 1], rows)]
