"""What the minutes say, read out of a meeting interchange document.

The wording (English dates whatever the locale, decision labels, due phrases, who
came and went at which item) is settled here, apart from the markup, so both
layouts and every writer (HTML, Word, text) say the same thing in the same words.
So are the decisions a publisher must get right the same way everywhere: what a
public version leaves of a confidential item (``Entry.shown``,
``Entry.private_stub``), when the full version is not for publication, when the
chair signs, and which abbreviations are spelled out where (``AbbreviationSpeller``).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import Any, Final

from minute_taker.domain.attendance_notes import (
    Movement,
    capacity_label,
    movement_sentence,
    movement_subject,
)
from minute_taker.domain.attendance_wording import (
    listed_organisation,
    substitute_listing,
    with_organisation,
)
from minute_taker.domain.decision_marks import Placement, passages, place_in_notes
from minute_taker.domain.enums import AttendanceRole, AttendanceStatus, VoteChoice
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.papers import paper_label
from minute_taker.domain.records import PersonInfo
from minute_taker.domain.voting import (
    Presence,
    Voter,
    first_inquorate,
    named_vote_text,
    parse_quorum,
)
from minute_taker.export.stamp import ApprovalStamp, stamp_of
from minute_taker.export.styles import HouseStyle, style_for

Json = Mapping[str, Any]

STYLES: Final = ("narrative", "action_notes")
# Attendance groups by the house style's heading keys, in the order minutes list them:
# the members, those before the committee, others present, then who was not there.
ATTENDANCE_GROUPS: Final = ("present", "in_attendance", "also_present", "officers",
                            "apologies", "absent")
DRAFT_BANNER: Final = "DRAFT \u2013 not yet approved"
NOT_FOR_PUBLICATION: Final = "NOT FOR PUBLICATION \u2013 contains confidential (exempt) items"
SIGNATURE_BLANK: Final = "____________"
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
# Due phrases read on from "due" in lower case ("due by end January 2018"); anything
# else may start with a name ("November's HTA") and keeps its capital.
_LOWER_FIRST = frozenset({"by", "in", "within", "when", "once", "before", "after", "at",
                          "on", "for", "next", "end", "as", "following", "ahead", "until",
                          "no", "the"})


# --- words ------------------------------------------------------------------------------

def long_date(value: dt.date) -> str:
    """"Tuesday 31 October 2017": English names whatever locale Qt has set for strftime."""
    return f"{_DAY_NAMES[value.weekday()]} {day_month_year(value)}"


def day_month_year(value: dt.date) -> str:
    """"31 October 2017", with no leading zero on any platform."""
    return f"{value.day} {_MONTH_NAMES[value.month - 1]} {value.year}"


def clock(value: str | None) -> str:
    """"10:30" from the document's "10:30" or "10:30:00"; "" when not recorded."""
    return f"{dt.time.fromisoformat(value):%H:%M}" if value else ""


def decision_wording(kind: str, text: str) -> tuple[str, str]:
    """The label and the rest: ("RESOLVED", "that ...") or ("AGREED:", "...").

    Minutes run a resolution on from its label ("RESOLVED that the Panel notes"),
    so a leading "That" loses its capital; the other kinds take a colon.
    """
    text = text.strip()
    if kind == "resolved":
        if text[:5].lower() == "that ":
            return "RESOLVED", f"that {text[5:]}"
        return "RESOLVED:", text
    return f"{kind.upper()}:", text


def as_sentence(value: str) -> str:
    """Text as typed, closed with a full stop only if it has no end mark of its own."""
    value = value.strip()
    return value if value.endswith((".", "!", "?")) else f"{value}."


def due_phrase(action: Json) -> str:
    """What follows "due": "by end January 2018", "when drafted", "10 November 2017"."""
    text = (action["due_text"] or "").strip()
    if text:
        first = text.split()[0]
        return first.lower() + text[len(first):] if first.lower() in _LOWER_FIRST else text
    return day_month_year(dt.date.fromisoformat(action["due_date"])) \
        if action["due_date"] else ""


# --- words a reader sees: what the glossary looks for ----------------------------------

class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(fragment: str) -> str:
    """The words a reader sees in an HTML fragment."""
    parser = _TextOf()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts)


def used_abbreviations(abbreviations: Sequence[Json], text: str) -> list[tuple[str, str]]:
    """The committee's abbreviations that occur in ``text`` as whole words, sorted.

    Case matters: "SO" is an abbreviation, "so" is not.
    """
    return sorted((a["short"], a["expansion"]) for a in abbreviations
                  if re.search(rf"(?<!\w){re.escape(a['short'])}(?!\w)", text))


# A tag, comment or declaration in markup whose text is escaped (as every writer here
# escapes it): what lies between two of these is a text node.
_MARKUP = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_RAW_TEXT = re.compile(r"<(/?)(script|style|title|textarea)\b", re.IGNORECASE)


class AbbreviationSpeller:
    """Spells each committee abbreviation out where a reader first meets it.

    "PCC" reads "PCC (Police and Crime Commissioner)" the first time and "PCC" after
    (whole words, case-sensitive, as the glossary finds them). A first use already
    written as "Police and Crime Commissioner (PCC)" (a capacity, say) counts as
    spelled out. One speller serves one rendering, fed its text in reading order:
    what it has seen carries over from call to call.
    """

    def __init__(self, abbreviations: Sequence[Json]) -> None:
        self.expansions = {str(a["short"]): str(a["expansion"]).strip() for a in abbreviations
                           if str(a["short"]).strip() and str(a["expansion"]).strip()}
        self.seen: set[str] = set()
        shorts = sorted(self.expansions, key=len, reverse=True)
        # A possessive keeps its "'s" before the expansion: "PCC's (...) office".
        self._pattern = re.compile(
            rf"(?<!\w)({'|'.join(map(re.escape, shorts))})(?!\w)(['\u2019]s(?!\w))?") \
            if shorts else None

    def spell(self, text: str) -> str:
        """Plain text with each abbreviation not met before spelled out."""
        if self._pattern is None or len(self.seen) == len(self.expansions):
            return text
        return self._pattern.sub(lambda match: self._first_use(match, text), text)

    def _first_use(self, match: re.Match[str], text: str) -> str:
        short = match.group(1)
        if short in self.seen:
            return match.group(0)
        self.seen.add(short)
        expansion = self.expansions[short]
        before = text[:match.start()].rstrip()
        if before.endswith("(") and \
                before[:-1].rstrip().casefold().endswith(expansion.casefold()):
            return match.group(0)
        return f"{match.group(0)} ({expansion})"

    def spell_html(self, fragment: str) -> str:
        """An HTML fragment spelled out in its text nodes only, never in a tag or attribute.

        The fragment must escape its text (``<`` as ``&lt;``), as sanitised minutes and
        everything the writers here produce do; a text node that changes is escaped
        again, so the result is as safe as what came in.
        """
        out: list[str] = []
        raw = ""  # inside <script>, <style>, <title>: not text a reader sees
        for index, part in enumerate(_MARKUP.split(fragment)):
            if index % 2:
                tag = _RAW_TEXT.match(part)
                if tag:
                    raw = "" if tag.group(1) else tag.group(2).lower()
                out.append(part)
                continue
            plain = html.unescape(part)
            spelled = plain if raw else self.spell(plain)
            out.append(part if spelled == plain else html.escape(spelled, quote=True))
        return "".join(out)


# --- reading the document ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Entry:
    """One item in agenda order, with what this rendering does with it."""

    item: Json
    depth: int
    confidential: bool  # its own flag or an ancestor's
    withheld: bool  # left out of a public version
    withheld_root: bool  # the top of a withheld branch: shown as number, title, private line

    @property
    def shown(self) -> bool:
        """Whether the item appears at all: of a withheld branch, only its top does."""
        return not self.withheld or self.withheld_root

    @property
    def private_stub(self) -> bool:
        """Shown by its number, its title and the line saying it was taken in private."""
        return self.withheld_root


@dataclass(frozen=True, slots=True)
class ActionOrigin:
    """Where an action carried from meeting to meeting was first raised.

    The interchange document does not say (it holds one meeting), so the publishing
    service reads it from the book and passes it beside the document.
    """

    meeting_date: dt.date
    item_number: str = ""
    series_uid: str = ""  # the first action's uid: one calendar event, however often carried

    def words(self) -> str:
        """"the meeting of 10 January 2026, item 5", as the minutes name it."""
        where = f", item {self.item_number}" if self.item_number else ""
        return f"the meeting of {day_month_year(self.meeting_date)}{where}"


def _plain_house() -> HouseStyle:
    return HouseStyle(name="", title="", layout="narrative")


@dataclass(slots=True)
class Movements:
    """Comings and goings, placed where the minutes record them."""

    arrivals: dict[str, list[str]] = field(default_factory=dict)
    departures: dict[str, list[str]] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)  # only a time was recorded
    movers: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Minutes:
    """The document with lookups built once, and the options of this rendering."""

    doc: Json
    style: str
    public: bool
    draft: bool
    people: Mapping[str, PersonInfo]
    entries: tuple[Entry, ...]
    movements: Movements
    house: HouseStyle = field(default_factory=_plain_house)
    origins: Mapping[str, ActionOrigin] = field(default_factory=dict)  # by action uid
    inquorate_item: str | None = None  # the first item at which the meeting was inquorate

    @property
    def not_for_publication(self) -> bool:
        """The full version of minutes with confidential (exempt) business in them."""
        return not self.public and any(e.confidential for e in self.entries)

    @property
    def banners(self) -> list[tuple[str, str]]:
        """What the top of the first page must say, as (kind, words), most urgent first."""
        found = [("draft", DRAFT_BANNER)] if self.draft else []
        if self.not_for_publication:
            found.append(("not-for-publication", NOT_FOR_PUBLICATION))
        return found

    @property
    def private_line(self) -> str:
        """What stands in a public version for the business of an item taken in private."""
        return self.house.heading("private_item")

    @property
    def stamp(self) -> ApprovalStamp | None:
        """The approval the file carries in its last line and metadata (export/stamp.py);
        None for a draft."""
        if self.draft:
            return None
        return stamp_of(self.doc, public=self.public, style=self.house.name)

    @property
    def signature_wanted(self) -> bool:
        """Approved narrative minutes end with a line for the chair to sign, if the style says."""
        return self.style == "narrative" and self.house.signature_line and not self.draft

    @property
    def contact_at(self) -> str:
        """Where the contact officer is printed: "head", "foot" or "" (not at all, or
        there is no contact to print)."""
        place = self.house.contact
        return place if place in ("head", "foot") and contact_words(self.meeting) else ""

    @property
    def spells_out_abbreviations(self) -> bool:
        return self.house.abbreviations in ("first_use", "both")

    @property
    def lists_abbreviations(self) -> bool:
        return self.house.abbreviations in ("glossary", "both")

    def speller(self) -> AbbreviationSpeller | None:
        """A fresh speller for one pass over these minutes, or None if the style has none."""
        return AbbreviationSpeller(self.committee["abbreviations"]) \
            if self.spells_out_abbreviations else None

    @property
    def meeting(self) -> Json:
        meeting: Json = self.doc["meeting"]
        return meeting

    @property
    def committee(self) -> Json:
        committee: Json = self.doc["committee"]
        return committee

    @property
    def numbers(self) -> dict[str, str]:
        return {e.item["uid"]: e.item["number"] for e in self.entries}

    @property
    def withheld_uids(self) -> set[str]:
        """Items whose business a public version keeps back, with declarations about them."""
        return {e.item["uid"] for e in self.entries if e.withheld}

    def name(self, uid: str | None) -> str:
        person = self.people.get(uid) if uid else None
        return person.display_name if person else ""

    def item_actions(self, item_uid: str) -> list[Json]:
        return [a for a in self.doc["actions"] if a["item"] == item_uid]

    def loose_actions(self) -> list[Json]:
        """Actions tied to no item the minutes show (withheld ones excepted)."""
        known = self.numbers
        return [a for a in self.doc["actions"] if a["item"] not in known]

    def visible_actions(self) -> list[Json]:
        """Actions in the order of the items they arose from, loose ones last."""
        order = {e.item["uid"]: i for i, e in enumerate(self.entries) if not e.withheld}
        known = self.numbers
        shown = [a for a in self.doc["actions"] if a["item"] in order or a["item"] not in known]
        return sorted(shown, key=lambda a: order.get(a["item"], len(order)))


def _person(raw: Json) -> PersonInfo:
    # Interchange people have no database id; 0 stands in, nothing here looks at it.
    return PersonInfo(id=0, uid=raw["uid"], name=raw["name"], title=raw.get("title"),
                      role=raw.get("role"), abbreviation=raw.get("abbreviation"),
                      initials=raw.get("initials"), organisation=raw.get("organisation"),
                      email=raw.get("email"))


def _flatten(items: Sequence[Json], public: bool, depth: int = 0,
             inherited: bool = False) -> Iterator[Entry]:
    for item in items:
        secret = inherited or bool(item["confidential"])
        withheld = public and secret
        yield Entry(item, depth, secret, withheld, withheld and not inherited)
        yield from _flatten(item.get("children", []), public, depth + 1, secret)


def _movements(attendance: Sequence[Json], people: Mapping[str, PersonInfo],
               numbers: Mapping[str, str]) -> Movements:
    """Each recorded arrival and departure as the sentence minutes print."""
    found = Movements()
    for row in attendance:
        person = people.get(row["person"])
        if row["status"] != "present" or person is None:
            continue
        subject = movement_subject(person.display_name, person.abbreviation)
        kinds: tuple[tuple[Movement, str, str, dict[str, list[str]]], ...] = (
            ("arrived", "arrived_during_item", "arrived_at", found.arrivals),
            ("left", "left_after_item", "left_at", found.departures))
        for kind, item_key, time_key, place in kinds:
            item_uid, at = row[item_key], row[time_key]
            number = numbers.get(item_uid) if item_uid else None
            sentence = movement_sentence(subject, kind, number or None,
                                         dt.time.fromisoformat(at) if at else None)
            if sentence is None:
                continue
            found.movers.add(person.uid)
            if item_uid in numbers:
                place.setdefault(item_uid, []).append(sentence)
            else:
                found.unplaced.append(sentence)
    return found


def house_for(document: Json, *, style: str | None = None,
              house: HouseStyle | None = None) -> tuple[str, HouseStyle]:
    """The layout and the house style of one rendering.

    ``style`` is a layout ("narrative", "action_notes") or a style's name; without a
    ``house``, the style it names (or the committee's) supplies texts, fonts and logo.
    A layout given outright wins over the house style's own.
    """
    if house is None:
        name = style or document["committee"]["house_style"]
        try:
            house = style_for(name)
        except ValidationError as exc:
            raise ValueError(f"Unknown house style {name!r}: expected {' or '.join(STYLES)} "
                             f"or a style's name. {exc}") from exc
    elif style is not None and style not in STYLES:
        raise ValueError(f"Unknown house style {style!r} beside a house style: expected "
                         f"{' or '.join(STYLES)}.")
    return (style if style in STYLES else house.layout), house


def read_minutes(document: Json, *, public: bool = False, draft: bool | None = None,
                 style: str | None = None, house: HouseStyle | None = None,
                 origins: Mapping[str, ActionOrigin] | None = None) -> Minutes:
    """The document read once, so each part of the page looks things up, not searches.

    ``origins``: where each carried action was first raised, by its uid (the document
    does not say); without it a carried action is printed with its update but no origin.
    """
    layout, house = house_for(document, style=style, house=house)
    if draft is None:
        draft = document["meeting"]["status"] != "approved"
    people = {p["uid"]: _person(p) for p in document["people"]}
    entries = tuple(_flatten(document["items"], public))
    numbers = {e.item["uid"]: e.item["number"] for e in entries}
    m = Minutes(doc=document, style=layout, public=public, draft=draft, people=people,
                entries=entries,
                movements=_movements(document["attendance"], people, numbers), house=house,
                origins=dict(origins or {}),
                inquorate_item=inquorate_from(document, entries))
    return replace(m, entries=tuple(replace(e, item=decisions_in_place(m, e.item))
                                    for e in entries))


def decisions_in_place(m: Minutes, item: Json) -> Json:
    """The item as every format prints it: a decision kept in the notes is printed there,
    in the clerk's words with the house style's emphasis and its vote after the
    paragraph; ``decisions`` keeps those printed after the notes with their label (every
    decision from before marked passages, and one whose passage has left the notes)."""
    found = passages(item["minutes_html"])
    placed = {d["uid"]: Placement(m.house.decision_emphasis, vote_note(m, d))
              for d in item["decisions"] if d.get("in_notes") and d["uid"] in found}
    if not placed:
        return item
    return {**item, "minutes_html": place_in_notes(item["minutes_html"], placed),
            "decisions": [d for d in item["decisions"] if d["uid"] not in placed]}


def signature_line(house: HouseStyle) -> str:
    """"Signed: ____________ Chair    Date: ____________" as plain text."""
    return f"Signed: {SIGNATURE_BLANK} {house.heading('signature')}    Date: {SIGNATURE_BLANK}"


# --- sentences the minutes print --------------------------------------------------------

def held_line(meeting: Json) -> str:
    """Narrative minutes open with this sentence; action notes table the same facts."""
    words = ["Minutes of the meeting held"]
    if meeting["venue"]:
        words.append(f"at {meeting['venue']}")
    words.append(f"on {long_date(dt.date.fromisoformat(meeting['date']))}")
    if meeting["start_time"]:
        words.append(f"at {clock(meeting['start_time'])}")
    return " ".join(words) + "."


def next_meeting_words(meeting: Json) -> str:
    """"Tuesday 6 February 2018 at 10:30, Council Chamber, County Hall": the time only
    when one was fixed (the document holds "2018-02-06" or "2018-02-06T10:30"), the
    venue only when given; "" when there is no next meeting."""
    value = meeting.get("next_meeting_at")
    if not value:
        return ""
    day, _, time = str(value).partition("T")
    words = long_date(dt.date.fromisoformat(day))
    if time:
        words += f" at {clock(time)}"
    venue = (meeting.get("next_meeting_venue") or "").strip()
    return f"{words}, {venue}" if venue else words


def contact_words(meeting: Json) -> str:
    """"Jackie Irvin, Policy Officer, OPCC": the contact officer and the details given
    (a telephone number, an e-mail address) as typed, as the line after "Contact:"
    reads; "" when there is no contact."""
    parts = [(meeting.get(key) or "").strip() for key in ("contact_name", "contact_details")]
    return ", ".join(part for part in parts if part)


def paper_words(document: Json) -> str:
    """"Report PDF 182 KB": a paper's title, then its format and size as published."""
    label = paper_label(document.get("format"), document.get("size_bytes"))
    title = str(document["title"])
    return f"{title} {label}" if label else title


def action_owner(m: Minutes, action: Json) -> str:
    """Owners as written, else by abbreviation, initials or name."""
    written = action["owner_text"].strip()
    if written:
        return str(written)
    return ", ".join(m.people[uid].owner_label for uid in action["owners"] if uid in m.people)


def declaration_sentences(m: Minutes) -> list[str]:
    """The declarations printed in the section after the attendance: a general one, and
    one about an item ("declared an interest in item 4"), unless the house style prints
    declarations where they were made (``item_declarations``); one about a withheld item
    is withheld with it."""
    numbers, withheld, sentences = m.numbers, m.withheld_uids, []
    for row in m.doc["declarations"]:
        if _withheld_declaration(row, withheld) or _declared_at(m, row, numbers) is not None:
            continue
        sentences.append(_declared(m, row, numbers.get(row["item"])))
    return sentences


def _declared(m: Minutes, row: Json, number: str | None) -> str:
    """"Cllr Amos declared an interest in item 7: Trustee of a charity." An interest
    typed to run on from the name ("who was a trustee ...", "as a ...") stands beside
    it: "Cllr Amos, who was a trustee of the charity, declared an interest in item 7."."""
    where = f" in item {number}" if number else ""
    interest = str(row["interest"]).strip()
    if interest[:1].islower():
        return (f"{m.name(row['person'])}, {interest.rstrip('.')}, declared "
                f"{_interest_kind(row)}{where}.")
    return f"{m.name(row['person'])} declared {_interest_kind(row)}{where}: " \
        f"{as_sentence(interest)}"


def _declared_at(m: Minutes, row: Json, numbers: Mapping[str, str]) -> str | None:
    """The uid of the item a declaration is printed under, or None for the section.

    Where the house style prints declarations where they were made: the item it was made
    at, when recorded; otherwise (a declaration recorded before that was kept) the item
    the interest is in, as the panel's minutes record one made during that item."""
    if not m.house.declarations_in_place:
        return None
    made_at = row.get("made_at_item")
    if made_at is not None:
        return made_at if made_at in numbers else None
    return row["item"] if row["item"] in numbers else None


def _withheld_declaration(row: Json, withheld: set[str]) -> bool:
    """Kept out of a public version: about a withheld item, or made during one."""
    return row["item"] in withheld or row.get("made_at_item") in withheld


def _interest_kind(row: Json) -> str:
    """"an interest", "a disclosable pecuniary interest"."""
    nature = (row["nature"] or "").strip().lower()
    return f"{'an' if nature[:1] in 'aeiou' else 'a'} {nature} interest" if nature \
        else "an interest"


def item_declarations(m: Minutes, item_uid: str) -> list[str]:
    """Declarations made during the item, printed once, under it, as the panel's
    minutes word them: "A declaration of interest was made by Colonel Tony Ward who was
    a Member of the Trust, Integrity and Ethics Committee." (an interest in this item,
    or a general one); "Cllr Amos declared an interest in item 7: ..." for an interest
    in another item (made at the declarations item, say). An interest typed to run on
    from the name (starting in lower case: "who was...", "as a...") runs on; any other
    follows a colon."""
    numbers, withheld, sentences = m.numbers, m.withheld_uids, []
    if item_uid in withheld:
        return []
    for row in m.doc["declarations"]:
        if _declared_at(m, row, numbers) != item_uid or _withheld_declaration(row, withheld):
            continue
        if row["item"] not in (None, item_uid) and row["item"] in numbers:
            sentences.append(_declared(m, row, numbers[row["item"]]))
            continue
        interest = str(row["interest"]).strip()
        joint = " " if interest[:1].islower() else ": "
        sentences.append(f"A declaration of {_interest_kind(row).partition(' ')[2]} was made "
                         f"by {m.name(row['person'])}{joint}{as_sentence(interest)}")
    return sentences


def declarations_section_wanted(m: Minutes, sentences: Sequence[str]) -> bool:
    """The declarations section is printed for a general declaration, or, when there is
    none, as "None." only if the house style asks for it (``declarations_none``)."""
    return bool(sentences) or m.house.declarations_none


def named_vote_words(m: Minutes, decision: Json) -> str:
    """A recorded vote as councils print it ("For: Cllrs Amos, Baker (2). Against: Cllr
    Cole (1). Abstained: none."), or "" when none was taken."""
    voters = []
    for row in decision.get("named_votes") or []:
        person = m.people.get(row["person"])
        if person is not None:
            voters.append(Voter(person.name, person.title, VoteChoice(row["vote"])))
    return named_vote_text(voters) if voters else ""


def vote_note(m: Minutes, decision: Json) -> str:
    """"Moved by X, seconded by Y. Votes: 8 for, 2 against, 1 abstention." (or ""); a
    recorded vote replaces the counts with the names (``named_vote_words``)."""
    parts = []
    mover, seconder = m.name(decision["mover"]), m.name(decision["seconder"])
    movers = [f"Moved by {mover}" if mover else "",
              f"{'seconded' if mover else 'Seconded'} by {seconder}" if seconder else ""]
    if mover or seconder:
        parts.append(", ".join(p for p in movers if p) + ".")
    counts = [(decision["votes_for"], "for"), (decision["votes_against"], "against"),
              (decision["votes_abstained"],
               "abstention" if decision["votes_abstained"] == 1 else "abstentions")]
    named = named_vote_words(m, decision)
    if named:
        parts.append(named)
    elif any(n is not None for n, _ in counts):
        parts.append("Votes: " + ", ".join(f"{n} {w}" for n, w in counts if n is not None)
                     + ".")
    if decision.get("not_voting"):
        parts.append(f"Not voting: {as_sentence(decision['not_voting'])}")
    return " ".join(parts)


def inquorate_from(document: Json, entries: Sequence[Entry]) -> str | None:
    """The uid of the first item at which the meeting was inquorate, or None (quorate
    throughout, or no quorum stated). The membership a share is taken of is the
    attendance's members, present or not: the document holds no list of the committee."""
    try:
        quorum = parse_quorum(document["committee"].get("quorum"))
    except ValidationError:
        return None
    if quorum is None or not entries:
        return None
    rows = document["attendance"]
    members = sum(row["role"] == "member" for row in rows)
    needed = quorum.needed(members)
    uids = [str(entry.item["uid"]) for entry in entries]
    index = {uid: i for i, uid in enumerate(uids)}
    people = [Presence(person_id=n, status=AttendanceStatus(row["status"]),
                       role=AttendanceRole(row["role"]),
                       arrived_item_id=index.get(row["arrived_during_item"]),
                       left_item_id=index.get(row["left_after_item"]))
              for n, row in enumerate(rows)]
    first = first_inquorate(people, range(len(uids)), needed)
    return None if first is None else uids[first]


def quorum_sentence(m: Minutes, item_uid: str) -> str:
    """"The meeting was inquorate from item 5 and the remaining items were noted only.",
    printed at the head of the first inquorate item when the house style asks for it."""
    if not m.house.quorum_statement or m.inquorate_item != item_uid:
        return ""
    number = m.numbers.get(item_uid, "")
    return (f"The meeting was inquorate from item {m.house.item_number(number).rstrip('.')}"
            " and the remaining items were noted only.")


# --- words every writer prints, without markup (sections.py escapes them) -------------

def attendee_capacity(row: Json, person: PersonInfo | None) -> str:
    """The capacity as minutes print it, without repeating a title the name already has."""
    found = row["capacity"] or (
        capacity_label(person.role, person.abbreviation) if person else None) or ""
    if person and person.title and found.startswith(f"{person.title}, "):
        found = found[len(person.title) + 2:]
    return str(found)


def attendance_group(row: Json) -> str:
    """The attendance group's heading key in the house style."""
    if row["status"] in ("apologies", "absent"):
        return str(row["status"])
    return {"guest": "also_present", "officer": "officers",
            "in_attendance": "in_attendance"}.get(row["role"], "present")


def _organisation(m: Minutes, row: Json) -> str:
    """The council (or other body) a member or substitute represents, as the list
    shows it: only where the clerk typed no capacity for the meeting (until
    organisations existed, the council went into the capacity) and the capacity shown
    does not name it already."""
    if row["role"] not in ("member", "substitute"):
        return ""
    person = m.people.get(row["person"])
    member = m.people.get(row["substitute_for"]) \
        if row["role"] == "substitute" and row["substitute_for"] else None
    return listed_organisation(typed_capacity=row["capacity"],
                               own=person.organisation if person else None,
                               represented=member.organisation if member else None,
                               capacity_shown=attendee_capacity(row, person))


def attendee_words(m: Minutes, row: Json, *, mark_movers: bool = True) -> str:
    """"Cllr Tony Miller for Cllr Stephen Mackay (Worcestershire County Council)",
    "Cllr Ann Hart (Chair) (Shropshire Council)"; in action notes "Martin Evans*" for
    one who came or went, which a footnote explains (``mark_movers``: where there is
    one)."""
    words = m.name(row["person"])
    if mark_movers and m.style == "action_notes" and row["person"] in m.movements.movers:
        words += "*"
    organisation = _organisation(m, row)
    if row["role"] == "substitute" and row["substitute_for"]:
        return substitute_listing(words, m.name(row["substitute_for"]), organisation)
    if m.style == "narrative" and row["person"] == m.meeting["chair"] \
            and row["status"] == "present":
        words += " (Chair)"
    return with_organisation(words, organisation)


def minute_taker_words(m: Minutes) -> str:
    """"Jackie Irvin, Policy Officer, OPCC": the header already says what she is doing."""
    uid = m.meeting["minute_taker"]
    person = m.people.get(uid) if uid else None
    if person is None:
        return ""
    row = next((r for r in m.doc["attendance"] if r["person"] == uid), None)
    found = attendee_capacity(row, person) if row else capacity_label(person.role, None)
    found = re.sub(r"\s*\((?:minutes|minute[- ]taker)\)\s*$", "", found or "",
                   flags=re.IGNORECASE)
    return f"{person.display_name}, {found}" if found else person.display_name


def action_words(action: Json, owner: str = "") -> str:
    """"Share the briefing (due by end January 2018)", without "DCC to" after "DCC –"."""
    text = str(action["text"]).strip()
    lead = f"{owner} to "
    if owner and text.startswith(lead) and len(text) > len(lead):
        text = text[len(lead)].upper() + text[len(lead) + 1:]
    due = due_phrase(action)
    return f"{text.rstrip('.')} (due {due})" if due else text


# --- an action reported on: matters arising -----------------------------------------------

_CLOSED_LABELS: Final = {"done": "DONE:", "dropped": "DROPPED:"}
_CLOSED_WORDS: Final = {"done": "Done.", "dropped": "Dropped."}


def action_label(action: Json) -> str:
    """"ACTION:" for an action still to do; "DONE:" or "DROPPED:" once it is not, so a
    reader scanning the margin for what is owed no longer finds it."""
    return _CLOSED_LABELS.get(action["status"], "ACTION:")


def reported(m: Minutes, action: Json) -> bool:
    """Whether the minutes report on the action: carried from an earlier meeting, given
    an update, or closed. Such an action reads as sentences, not as a bare action line."""
    return (action["uid"] in m.origins or bool((action["update"] or "").strip())
            or action["status"] in _CLOSED_LABELS)


def action_report(m: Minutes, action: Json) -> str:
    """What follows an action's words when it is reported on: where it was raised and
    the update given, "Arising from the meeting of 10 January 2026, item 5. Update:
    Shared on 2 February." (the reference notes' "Action arising from the July 2017
    meeting", then what was said of it); "" when there is neither."""
    parts = []
    origin = m.origins.get(action["uid"])
    if origin is not None:
        parts.append(f"Arising from {origin.words()}.")
    update = (action["update"] or "").strip()
    if update:
        parts.append(f"{m.house.heading('update')}: {as_sentence(update)}")
    return " ".join(parts)


def action_line(m: Minutes, action: Json) -> tuple[str, str]:
    """An action as narrative minutes print it, as (label, the rest):
    ("ACTION:", "DCC – Share the briefing (due by end January 2018)"), or reported on
    under matters arising: ("DONE:", "DCC – Share the Telford plan (due by 31 January
    2026). Arising from the meeting of 10 January 2026, item 5. Update: Shared.")."""
    owner = action_owner(m, action)
    words = (f"{owner} \u2013 " if owner else "") + action_words(action, owner)
    report = action_report(m, action)
    return action_label(action), f"{as_sentence(words)} {report}" if report else words


def action_note(m: Minutes, action: Json) -> str:
    """An action as the action-notes list prints it under its item (the owner stands in
    the Action column): its words, where it arose, the update, then "Done." or
    "Dropped." once closed."""
    words = action_words(action)
    if not reported(m, action):
        return words
    closed = _CLOSED_WORDS.get(action["status"], "")
    return " ".join(p for p in (as_sentence(words), action_report(m, action), closed) if p)


def action_progress(m: Minutes, action: Json) -> str:
    """The actions log's Update cell: "Done: Shared on 2 February.", "Dropped.", "Open:
    Drafting." (the status leads, so a done action cannot be read as owed)."""
    update = (action["update"] or "").strip()
    status = str(action["status"]).replace("_", " ").capitalize()
    if not update:
        return f"{status}." if action["status"] in _CLOSED_LABELS else ""
    return f"{status}: {as_sentence(update)}"


def owed(action: Json) -> bool:
    """Still to do: an action closed (done, dropped) has no one to name as owing it."""
    return action["status"] not in _CLOSED_LABELS


def action_text(m: Minutes, action: Json) -> str:
    """The actions log's Action cell: the action as typed and, if it was carried, where
    it was first raised."""
    text = str(action["text"]).strip()
    origin = m.origins.get(action["uid"])
    return f"{as_sentence(text)} Arising from {origin.words()}." if origin else text
