"""What the minutes say, read out of a meeting interchange document.

The wording (English dates whatever the locale, decision labels, due phrases, who
came and went at which item) is settled here, apart from the markup, so both
house styles say the same thing in the same words and only differ in layout.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Final

from minute_taker.domain.attendance_notes import Movement, movement_sentence, movement_subject
from minute_taker.domain.records import PersonInfo

Json = Mapping[str, Any]

STYLES: Final = ("narrative", "action_notes")
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


# --- reading the document ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Entry:
    """One item in agenda order, with what this rendering does with it."""

    item: Json
    depth: int
    confidential: bool  # its own flag or an ancestor's
    withheld: bool  # left out of a public version
    withheld_root: bool  # the top of a withheld branch: what the public note counts


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


def read_minutes(document: Json, *, public: bool, draft: bool | None,
                 style: str | None) -> Minutes:
    """The document read once, so each part of the page looks things up, not searches."""
    style = style or document["committee"]["house_style"]
    if style not in STYLES:
        raise ValueError(f"Unknown house style {style!r}: expected one of {', '.join(STYLES)}.")
    if draft is None:
        draft = document["meeting"]["status"] != "approved"
    people = {p["uid"]: _person(p) for p in document["people"]}
    entries = tuple(_flatten(document["items"], public))
    numbers = {e.item["uid"]: e.item["number"] for e in entries}
    return Minutes(doc=document, style=style, public=public, draft=draft, people=people,
                   entries=entries,
                   movements=_movements(document["attendance"], people, numbers))


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


def action_owner(m: Minutes, action: Json) -> str:
    """Owners as written, else by abbreviation, initials or name."""
    written = action["owner_text"].strip()
    if written:
        return str(written)
    return ", ".join(m.people[uid].owner_label for uid in action["owners"] if uid in m.people)


def vote_note(m: Minutes, decision: Json) -> str:
    """"Moved by X, seconded by Y. Votes: 8 for, 2 against, 1 abstention." (or "")."""
    parts = []
    mover, seconder = m.name(decision["mover"]), m.name(decision["seconder"])
    movers = [f"Moved by {mover}" if mover else "",
              f"{'seconded' if mover else 'Seconded'} by {seconder}" if seconder else ""]
    if mover or seconder:
        parts.append(", ".join(p for p in movers if p) + ".")
    counts = [(decision["votes_for"], "for"), (decision["votes_against"], "against"),
              (decision["votes_abstained"],
               "abstention" if decision["votes_abstained"] == 1 else "abstentions")]
    if any(n is not None for n, _ in counts):
        parts.append("Votes: " + ", ".join(f"{n} {w}" for n, w in counts if n is not None)
                     + ".")
    if decision.get("not_voting"):
        parts.append(f"Not voting: {as_sentence(decision['not_voting'])}")
    return " ".join(parts)
