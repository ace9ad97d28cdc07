"""Meetings made of distinctive sentences, and each minutes format read back as text,
for the "nothing lost" property (issue 11, ``test_nothing_lost``).

A meeting is drawn as a small ``MeetingSpec`` (how many items, and the shapes they take
in turn: paragraphs, nested lists, decisions, actions, papers, sub-items) and built
into the interchange document the app exports (docs/interchange.md), its minutes in
the stored rich-text subset. Words come from a vocabulary by a seed in the spec, with
real-world punctuation a format must escape; every sentence carries a token of its own
("s00042"), so it is found once, and its place says whether the order held. Each
``Sentence`` is kept as the minutes word it: a resolution reads on from its label
("RESOLVED that ..."); an action never opens with its owner's name (narrative minutes
drop "DCC to" after "DCC –").

Each format is read as a reader gets it: PDF by ``pdftotext`` (or pypdf), Word by
python-docx in body order, HTML by ``html.parser``, Markdown rendered by markdown-it-py
and read as HTML, plain text as it is; each as blocks (paragraphs, list items, cells;
a PDF's lines) in reading order.
"""

from __future__ import annotations

import html
import io
import itertools
import random
import re
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Final

import docx
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from pypdf import PdfReader

from minute_taker.domain.enums import VoteChoice
from minute_taker.domain.papers import paper_label
from minute_taker.domain.voting import Voter, counts, named_vote_text
from minute_taker.export.styles import style_for

Json = dict[str, Any]

FORMATS: Final = ("pdf", "docx", "html", "md", "txt")
STYLES: Final = ("committee-minutes", "action-notes")
MAX_DEPTH: Final = 2  # sub-items nest three levels: 1, 1.1, 1.1.1

VOCABULARY: Final = (
    "budget", "review", "members", "quarterly", "estates", "fleet", "training", "custody",
    "partners", "audit", "assurance", "outcomes", "figures", "council", "panel", "district",
    "officers", "volunteers", "contract", "tender", "savings", "reserves", "forecast",
    "staffing", "vacancies", "recruitment", "wellbeing", "complaints", "victims", "response",
    "neighbourhood", "rural", "burglary", "vehicles", "drones", "cameras", "analysts",
    "briefing", "timetable", "summer", "winter", "spring", "programme", "strategy", "plan",
    "policy", "governance", "scrutiny", "inspection", "report", "appendix", "update",
    "proposal", "options", "risks", "benefits", "costs", "capital", "revenue", "grant",
    "bid", "lease", "hall", "roof", "repairs", "insurance", "broker", "treasurer",
    "secretary", "chair", "deputy", "working", "group", "consultation", "survey", "residents",
    "schools", "youth", "safeguarding", "hotels", "motorway", "patrol", "firearms", "inquest",
)
# Real-world punctuation a format must escape and read back ("&amp;" as typed, too),
# and characters Markdown or Typst would act on; some may open a sentence.
DECORATIONS: Final = (
    "it’s", "members'", "don't", "£12,500", "£3m", "2017–18", "–", "“interim”", '"draft"',
    "‘pilot’", "A&E", "R&D", "&", "<", ">", "<5%", ">90%", "&amp;", "<b>", "Q&A:",
    "O’Neill's", "(see appendix)", "x<y>z", "[draft]", "#5", "$100", "@chair", "snake_case",
    "C++", "~40", "10\u00a0am", "*", "`code`",
)
OPENERS: Final = ("£3m", "“Interim”", "<5%", "R&D", "2017–18", "‘Pilot’", "[Draft]", "#5")
KINDS: Final = ("resolved", "agreed", "noted")
PEOPLE: Final = (  # (name, title, role, abbreviation, initials)
    ("Avery Quinlan", None, "Police and Crime Commissioner", "PCC", "AQ"),
    ("Bea Marchetti", "Cllr", "Deputy Chief Constable", "DCC", "BM"),
    ("Cass Oduya", None, "Assistant Chief Constable", "ACC", "CO"),
    ("Dev Halloran", "Inspector", "Staff Officer", "SO", "DH"),
    ("Eli Brannagh", None, "Chief Executive", "CEX", "EB"),
    ("Fen Adeyemi", None, "Policy Officer", None, "FA"),
)


# --- what hypothesis draws ------------------------------------------------------------------

@dataclass(frozen=True)
class BlockSpec:
    """One block of an item's minutes: a paragraph of ``size`` sentences (split by
    ``<br>`` when ``extra``), or a list ``levels`` deep with ``size`` items a level (and,
    when ``extra``, text after a sublist inside its item)."""

    kind: str  # "p", "ul" or "ol"
    size: int
    levels: int = 1
    extra: bool = False


@dataclass(frozen=True)
class ItemSpec:
    """The shape of an item; the words come from ``seed``."""

    seed: int
    depth: int = 0  # wanted depth; at most one more than the item before
    title_words: int = 4
    description: int = 0  # sentences
    blocks: tuple[BlockSpec, ...] = ()
    emphasis: int = 0  # 0: none, 1: bold/italic/underline words, 2: with spaces inside
    decisions: int = 0
    actions: int = 0
    papers: int = 0
    confidential: bool = False


@dataclass(frozen=True)
class MeetingSpec:
    """``items`` items, taking the shapes of ``patterns`` in turn (the seed moved on each
    time, so no two items say the same)."""

    items: int
    patterns: tuple[ItemSpec, ...]
    declarations: int = 0
    movements: int = 0
    loose_actions: int = 0
    approved: bool = False
    public: bool = False


def block_specs() -> st.SearchStrategy[BlockSpec]:
    return st.one_of(
        st.builds(BlockSpec, st.just("p"), st.integers(1, 6), st.just(1), st.booleans()),
        st.builds(BlockSpec, st.sampled_from(["ul", "ol"]), st.integers(1, 3),
                  st.integers(1, 3), st.booleans()))


def item_specs() -> st.SearchStrategy[ItemSpec]:
    return st.builds(
        ItemSpec, seed=st.integers(0, 2**16), depth=st.integers(0, MAX_DEPTH),
        title_words=st.one_of(st.integers(1, 8), st.integers(9, 40)),
        description=st.integers(0, 3),
        blocks=st.lists(block_specs(), max_size=5).map(tuple),
        emphasis=st.integers(0, 2), decisions=st.integers(0, 3),
        actions=st.integers(0, 3), papers=st.integers(0, 3),
        confidential=st.integers(0, 7).map(lambda n: n == 0))


def meeting_specs(min_items: int = 1, max_items: int = 40,
                  max_patterns: int = 12) -> st.SearchStrategy[MeetingSpec]:
    """Meetings of ``min_items`` to ``max_items`` items; up to ``max_patterns`` item
    shapes are drawn (and taken in turn), so a long meeting stays a small draw."""
    return st.builds(
        MeetingSpec, items=st.integers(min_items, max_items),
        patterns=st.lists(item_specs(), min_size=1, max_size=max_patterns).map(tuple),
        declarations=st.integers(0, 3), movements=st.integers(0, 4),
        loose_actions=st.integers(0, 2), approved=st.booleans(), public=st.booleans())


# --- the meeting built ----------------------------------------------------------------------

@dataclass(frozen=True)
class Sentence:
    """A sentence as the minutes show it. ``secret``: of a confidential item (or one
    under it), or a declaration about one, so kept out of a public version unless
    ``public_too`` (the top confidential item's title, which it shows). ``block``: the
    paragraph or list item of the minutes it is in; ``depth``: its item's."""

    token: str
    text: str
    kind: str
    secret: bool = False
    public_too: bool = False
    block: int | None = None
    depth: int = 0

    def shown(self, public: bool) -> bool:
        return not (public and self.secret and not self.public_too)


@dataclass
class Meeting:
    document: Json
    sentences: list[Sentence]  # in the order the minutes must show them
    # The same, with the declarations about items in the section at the top, where a
    # house style without declarations_in_place prints them.
    section_order: list[Sentence] = field(default_factory=list)

    def expected(self, public: bool, style: str | None = None) -> list[Sentence]:
        order = self.sentences
        if style is not None and not style_for(style).declarations_in_place:
            order = self.section_order or self.sentences
        return [s for s in order if s.shown(public)]

    def withheld(self, public: bool) -> list[Sentence]:
        return [s for s in self.sentences if not s.shown(public)]

    def summary(self) -> str:
        items = sum(1 for s in self.sentences if s.kind == "title")
        return f"{items} items, {len(self.sentences)} sentences"


def uid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


class _Builder:
    """Builds the document in reading order, numbering sentences and uids as it goes."""

    def __init__(self, spec: MeetingSpec) -> None:
        self.spec = spec
        self.tokens, self.uids, self.blocks = itertools.count(1), itertools.count(101), 0
        self.sentences: list[Sentence] = []
        self.actions: list[Json] = []
        self.people = [uid(n + 1) for n in range(len(PEOPLE))]
        self.item_uids: list[str] = []
        self.secret_items: set[str] = set()
        self.item_end: dict[str, Sentence] = {}  # an item's last sentence before its notes

    # -- words ---------------------------------------------------------------------------
    def sentence_words(self, rng: random.Random, length: int) -> tuple[str, list[str]]:
        """A sentence's words: vocabulary, sometimes with real-world punctuation, and its
        token (never first), a capital first."""
        token = f"s{next(self.tokens):05d}"
        words = [rng.choice(VOCABULARY) for _ in range(max(1, length))]
        if rng.random() < 0.6:
            words.insert(rng.randrange(1, len(words) + 1), rng.choice(DECORATIONS))
        words.insert(rng.randrange(1, len(words) + 1), token)
        words[0] = words[0].capitalize()
        if rng.random() < 0.1:
            words.insert(0, rng.choice(OPENERS))
        return token, words

    def add(self, token: str, text: str, kind: str, **extra: Any) -> None:
        self.sentences.append(Sentence(token, text, kind, **extra))

    # -- the meeting ---------------------------------------------------------------------
    def build(self) -> Meeting:
        items = self.items()
        declarations = self.declarations()
        # A general declaration heads the minutes; one made at an item is printed under
        # it, after its title and agenda text (before its notes).
        declared = self.sentences[-len(declarations):] if declarations else []
        self.sentences = self.sentences[:len(self.sentences) - len(declared)]
        before = list(self.sentences)
        general = [s for s, d in zip(declared, declarations, strict=True) if d["item"] is None]
        for sentence, row in reversed(list(zip(declared, declarations, strict=True))):
            if row["item"] is not None:
                # inserted last first, so those at one item keep their order
                self.sentences.insert(self.sentences.index(self.item_end[row["item"]]) + 1,
                                      sentence)
        self.sentences = general + self.sentences
        self.section_order = declared + before
        rng = random.Random(self.spec.items * 11 + self.spec.loose_actions)  # tied to no item
        self.actions += [self.action(rng, None, False) for _ in range(self.spec.loose_actions)]
        # The close: the next meeting's venue, then the contact officer at the foot.
        venue_token, venue = self.sentence_words(rng, rng.randint(1, 4))
        venue_text = " ".join(venue)
        self.add(venue_token, f"at 10:30, {venue_text}", "next meeting")
        contact_token, contact = self.sentence_words(rng, rng.randint(2, 6))
        contact_details = " ".join(contact)
        self.add(contact_token, f"Contact: Sheena Jones, {contact_details}", "contact")
        document = {
            "format": "minute-taker.meeting", "format_version": 1,
            "committee": {"uid": uid(1000), "name": "Nothing Lost Panel", "short_name": "NLP",
                          "numbering_scheme": "decimal", "number_start": 1,
                          "house_style": "narrative", "standing_items": [],
                          "abbreviations": []},
            "people": [{"uid": self.people[n], "name": name, "title": title, "role": role,
                        "abbreviation": abbreviation, "initials": initials,
                        "organisation": "West Mercia Police", "email": None}
                       for n, (name, title, role, abbreviation, initials) in enumerate(PEOPLE)],
            "meeting": {"uid": uid(1001), "title": "Nothing Lost Panel – property meeting",
                        "date": "2024-05-06", "start_time": "10:30", "end_time": "12:30",
                        "venue": "Room 1.38 – Hindlip", "chair": self.people[0],
                        "minute_taker": self.people[5],
                        "status": "approved" if self.spec.approved else "draft",
                        "next_meeting_at": "2024-06-03T10:30", "number_start": None,
                        "next_meeting_venue": venue_text, "contact_name": "Sheena Jones",
                        "contact_details": contact_details},
            "attendance": self.attendance(),
            "declarations": declarations, "items": items, "actions": self.actions}
        tail = self.sentences[len(self.section_order):]  # the close, added after
        return Meeting(document, self.sentences, self.section_order + tail)

    def items(self) -> list[Json]:
        """The items in reading order; each pattern's depth is kept within reach of the
        item before (a sub-item needs a parent), numbered as the decimal scheme does."""
        top: list[Json] = []
        parents: list[Json] = []  # the open item at each depth
        secret_at: list[bool] = []  # whether each open item is confidential, with ancestors
        counts = [0] * (MAX_DEPTH + 2)
        for index in range(self.spec.items):
            pattern = self.spec.patterns[index % len(self.spec.patterns)]
            depth = min(pattern.depth, len(parents), MAX_DEPTH)
            del parents[depth:], secret_at[depth:]
            counts[depth] += 1
            counts[depth + 1:] = [0] * len(counts[depth + 1:])
            number = ".".join(str(n) for n in counts[:depth + 1])
            inherited = bool(secret_at) and secret_at[-1]
            item = self.item(pattern, index, number, depth, inherited)
            (parents[-1]["children"] if parents else top).append(item)
            parents.append(item)
            secret_at.append(inherited or pattern.confidential)
        return top

    def item(self, pattern: ItemSpec, index: int, number: str, depth: int,
             inherited: bool) -> Json:
        rng = random.Random(pattern.seed * 1000 + index)
        item_uid = uid(next(self.uids))
        self.item_uids.append(item_uid)
        secret = inherited or pattern.confidential
        if secret:
            self.secret_items.add(item_uid)
        token, words = self.sentence_words(rng, pattern.title_words)
        title = " ".join(words)
        self.add(token, title, "title", depth=depth, secret=secret, public_too=not inherited)
        description = []
        for _ in range(pattern.description):
            token, words = self.sentence_words(rng, rng.randint(4, 16))
            description.append(" ".join(words) + ".")
            self.add(token, description[-1], "description", secret=secret)
        self.item_end[item_uid] = self.sentences[-1]
        joiner = "\n" if rng.random() < 0.5 else " "
        minutes = "".join(
            f"<p>{self.text_html(rng, b.size, pattern.emphasis, secret, breaks=b.extra)}</p>"
            if b.kind == "p" else self.listed(rng, b, b.kind, 1, pattern.emphasis, secret)
            for b in pattern.blocks)
        # Decisions kept in the notes (a passage of their own after the narrative, so
        # printed before those printed after the notes), then the others.
        placing = sorted((rng.random() < 0.4 for _ in range(pattern.decisions)), reverse=True)
        decisions = [self.decision(rng, secret, in_notes=kept) for kept in placing]
        minutes += "".join(
            f'<p><a href="decision:{d["uid"]}">{html.escape(d["text"], quote=False)}</a></p>'
            for d in decisions if d["in_notes"])
        for _ in range(pattern.actions):
            self.actions.append(self.action(rng, item_uid, secret))
        documents = [self.paper(rng, secret) for _ in range(pattern.papers)]
        return {"uid": item_uid, "number": number, "title": title,
                "description": joiner.join(description),
                "presenter": rng.choice([None, "DCC", "Avery Quinlan"]),
                "minutes_html": minutes, "confidential": pattern.confidential,
                "started_at": None, "ended_at": None, "planned_minutes": None,
                "decisions": decisions, "documents": documents, "children": []}

    # -- minutes text --------------------------------------------------------------------
    def text_html(self, rng: random.Random, count: int, emphasis: int, secret: bool,
                  *, breaks: bool = False) -> str:
        """``count`` sentences of one block as stored HTML, some words emphasised."""
        self.blocks += 1
        parts = []
        for _ in range(count):
            token, words = self.sentence_words(rng, rng.randint(3, 30))
            words[-1] += rng.choice([".", ".", ".", "?", "!"])
            self.add(token, " ".join(words), "minutes", secret=secret, block=self.blocks)
            parts.append(self.emphasised(rng, words, emphasis))
        return ("<br>" if breaks else " ").join(parts)

    @staticmethod
    def emphasised(rng: random.Random, words: Sequence[str], emphasis: int) -> str:
        """Words as stored HTML with a run of them in bold, italic or underline (nested,
        sometimes); at ``emphasis`` 2 a space may sit inside the tags, as pasted text
        has it ("<strong>RESOLVED </strong>that")."""
        escaped = [html.escape(word, quote=False) for word in words]
        if not emphasis or rng.random() < 0.3:
            return " ".join(escaped)
        start = rng.randrange(len(escaped))
        end = rng.randrange(start, len(escaped)) + 1
        tags = rng.sample(["strong", "em", "u"], rng.randint(1, 2))
        opening = "".join(f"<{t}>" for t in tags)
        closing = "".join(f"</{t}>" for t in reversed(tags))
        inside = [emphasis == 2 and rng.random() < 0.5 for _ in "ab"]  # a space in the tags
        before = " ".join(escaped[:start]) + (" " if start and not inside[0] else "")
        lead = " " if start and inside[0] else ""
        trail = " " if end < len(escaped) and inside[1] else ""
        after = (" " if end < len(escaped) and not inside[1] else "") + " ".join(escaped[end:])
        return f"{before}{opening}{lead}{' '.join(escaped[start:end])}{trail}{closing}{after}"

    def listed(self, rng: random.Random, spec: BlockSpec, tag: str, level: int,
               emphasis: int, secret: bool) -> str:
        entries = []
        for index in range(spec.size):
            text = self.text_html(rng, rng.randint(1, 2), emphasis, secret)
            sub = more = ""
            if level < spec.levels and (index == 0 or rng.random() < 0.4):
                sub = self.listed(rng, spec, rng.choice(["ul", "ol"]), level + 1, emphasis,
                                  secret)
                if spec.extra and rng.random() < 0.5:
                    more = self.text_html(rng, 1, emphasis, secret)
            entries.append(f"<li>{text}{sub}{more}</li>")
        return f"<{tag}>{''.join(entries)}</{tag}>"

    # -- decisions, actions, papers ------------------------------------------------------
    def decision(self, rng: random.Random, secret: bool, *, in_notes: bool = False) -> Json:
        kind = rng.choice(KINDS)
        token, words = self.sentence_words(rng, rng.randint(4, 20))
        text = " ".join(words) + "."
        shown = text
        if in_notes:
            # In the clerk's words, sometimes with a label the house style may embolden.
            if kind == "resolved" and rng.random() < 0.5:
                text = shown = f"RESOLVED that {text[0].lower()}{text[1:]}"
        elif kind == "resolved" and rng.random() < 0.5:
            # "RESOLVED that ...": the minutes run a resolution on from its label.
            text, shown = f"That {text[0].lower()}{text[1:]}", f"that {text[0].lower()}{text[1:]}"
        self.add(token, shown, "decision", secret=secret)
        counted = rng.random() < 0.4
        votes = [rng.randint(0, 12) if counted else None for _ in range(3)]
        named = []
        if rng.random() < 0.3:  # a recorded vote, printed for the counts
            voters = rng.sample(range(3), rng.randint(1, 3))
            choices = [rng.choice(list(VoteChoice)) for _ in voters]
            named = [{"person": self.people[v], "vote": c.value}
                     for v, c in zip(voters, choices, strict=True)]
            votes = list(counts(choices))
            if not secret:  # its words hold no token to look for in a public version
                recorded = named_vote_text([Voter(PEOPLE[v][0], PEOPLE[v][1], c)
                                            for v, c in zip(voters, choices, strict=True)])
                self.add(f"v{next(self.tokens):05d}", recorded, "named vote")
        return {"uid": uid(next(self.uids)), "kind": kind, "text": text,
                "mover": rng.choice([None, *self.people]),
                "seconder": rng.choice([None, *self.people]),
                "votes_for": votes[0], "votes_against": votes[1], "votes_abstained": votes[2],
                "not_voting": rng.choice([None, None, "Cllr Bea Marchetti (absent)"]),
                "named_votes": named, "in_notes": in_notes}

    def action(self, rng: random.Random, item_uid: str | None, secret: bool) -> Json:
        token, words = self.sentence_words(rng, rng.randint(3, 18))
        text = " ".join(words) + rng.choice(["", "."])
        # An action's full stop gives way to its due phrase ("... (due by March).").
        self.add(token, text.rstrip("."), "action", secret=secret)
        owners = rng.sample(range(len(PEOPLE)), rng.randint(0, 2))
        written = ", ".join(PEOPLE[o][3] or PEOPLE[o][0] for o in owners)
        due_date = rng.choice([None, "2024-07-31", "2025-01-15"])
        due_text = rng.choice([None, None, "By end July 2024", "when the survey closes",
                               "Next meeting – June"])
        # An action reported on (matters arising): its update follows it, whatever its
        # status; a closed one must still come out whole.
        status = rng.choice(["open", "open", "done", "dropped", "carried_forward"])
        update = None
        if rng.random() < 0.4:
            token, words = self.sentence_words(rng, rng.randint(2, 12))
            update = " ".join(words) + rng.choice(["", "."])
            self.add(token, update.rstrip("."), "update", secret=secret)
        return {"uid": uid(next(self.uids)), "item": item_uid, "text": text,
                "owners": [self.people[o] for o in owners],
                "owner_text": rng.choice([written, ""]) if owners else rng.choice(["", "ALL"]),
                "due_date": due_date, "due_text": due_text, "status": status, "update": update}

    def paper(self, rng: random.Random, secret: bool) -> Json:
        token, words = self.sentence_words(rng, rng.randint(2, 12))
        title = " ".join(words)
        # Listed as published, its format and size after the title: "Report PDF 182 KB".
        kind, size = rng.choice([None, "PDF", "DOCX"]), rng.choice([None, 186368, 1468006])
        label = paper_label(kind, size)
        self.add(token, f"{title} {label}" if label else title, "paper", secret=secret)
        location = rng.choice(["", f"papers/{token}.pdf",
                               f"https://example.org/papers/{token}?a=1&b=2",
                               f"http://example.org/{token}.docx"])
        return {"uid": uid(next(self.uids)), "title": title, "location": location,
                "format": kind, "size_bytes": size}

    # -- around the items ----------------------------------------------------------------
    def declarations(self) -> list[Json]:
        rng = random.Random(self.spec.items * 7 + self.spec.declarations)
        found = []
        for _ in range(self.spec.declarations):
            item_uid = rng.choice([None, *self.item_uids])
            token, words = self.sentence_words(rng, rng.randint(4, 14))
            interest = " ".join(words) + "."
            self.add(token, interest, "declaration", secret=item_uid in self.secret_items)
            found.append({"person": rng.choice(self.people), "item": item_uid,
                          "interest": interest,
                          "nature": rng.choice([None, "Non-pecuniary", "Other registrable"])})
        return found

    def attendance(self) -> list[Json]:
        """Who came, with late arrivals during and departures after drawn items."""
        rng = random.Random(self.spec.items * 13 + self.spec.movements)
        rows = [{"person": person, "role": "officer" if index == 5 else "member",
                 "status": "present" if index in (0, 1, 5) else rng.choice(
                     ["present", "present", "apologies", "absent"]),
                 "substitute_for": None, "capacity": None, "arrived_during_item": None,
                 "arrived_at": None, "left_after_item": None, "left_at": None}
                for index, person in enumerate(self.people)]
        present = [row for row in rows if row["status"] == "present"]
        for _ in range(self.spec.movements):
            kind = rng.choice([("arrived_during_item", "arrived_at", "10:45"),
                               ("left_after_item", "left_at", "12:05")])
            row = rng.choice(present)
            row[kind[0]], row[kind[1]] = rng.choice(self.item_uids), rng.choice([None, kind[2]])
        return rows


def build_meeting(spec: MeetingSpec) -> Meeting:
    return _Builder(spec).build()


# --- reading each format back ---------------------------------------------------------------

def squash(text: str) -> str:
    """White space as a reader sees it: every run of it one space."""
    return " ".join(text.split())


_BLOCK_TAGS: Final = frozenset({
    "p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr",
    "td", "th", "div", "body", "blockquote", "pre", "hr", "caption", "dl", "dt", "dd"})
_HIDDEN_TAGS: Final = frozenset({"head", "title", "style", "script", "template"})


class _HtmlText(HTMLParser):
    """An HTML page's visible text, as blocks in reading order: a block tag ends one,
    a line break is white space inside one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.parts: list[str] = []
        self.hidden = 0

    def flush(self) -> None:
        text = squash("".join(self.parts))
        if text:
            self.blocks.append(text)
        self.parts = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        elif tag in _BLOCK_TAGS:
            self.flush()
        elif tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK_TAGS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_blocks(page: str) -> list[str]:
    parser = _HtmlText()
    parser.feed(page)
    parser.close()
    parser.flush()
    return parser.blocks


# CommonMark with the GitHub tables and strike-through an e-mail or forge viewer adds.
MARKDOWN: Final = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def markdown_blocks(text: str) -> list[str]:
    """What a reader of the rendered Markdown sees: rendered to HTML, then read."""
    return html_blocks(MARKDOWN.render(text))


def docx_blocks(data: bytes) -> list[str]:
    """Every paragraph of the body in body order, a table's cells row by row (a merged
    cell once), tables inside cells too; the running header and footer are not the
    minutes and are left out."""
    document = docx.Document(io.BytesIO(data))
    return [squash(text) for text in _docx_walk(document) if text.strip()]


def _docx_walk(container: Any) -> Iterator[str]:
    for part in container.iter_inner_content():
        if hasattr(part, "rows"):
            seen: set[Any] = set()  # the cells' elements: held, so each keeps its identity
            for row in part.rows:
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.add(cell._tc)
                        yield from _docx_walk(cell)
        else:
            yield part.text


_LIST_MARK: Final = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s")


def txt_blocks(text: str) -> list[str]:
    """Plain text's blocks as a reader sees them: lines run on until a blank line or a
    list item's marker (a paragraph's line breaks and a list item's indented lines stay
    in it)."""
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if not line.strip() or _LIST_MARK.match(line):
            blocks.append([])
        if line.strip():
            blocks[-1].append(line)
    return [squash(" ".join(lines)) for lines in blocks if lines]


PDFTOTEXT: Final = shutil.which("pdftotext")
_NUMBER: Final = re.compile(r"^\d+(\.\d+)*$")  # an item number, a page number


def pdf_pages(path: Path) -> list[str]:
    """Each page's text in the order it is drawn: ``pdftotext -raw``, else pypdf (which
    reads that order too). Not pdftotext's reading order: that reads table cells side by
    side into one line, a title into the owner beside it ("Roof working grant ALL"), an
    action into its due date."""
    if PDFTOTEXT:
        done = subprocess.run([PDFTOTEXT, "-raw", "-enc", "UTF-8", str(path), "-"],
                              check=True, capture_output=True)
        return done.stdout.decode("utf-8").split("\f")
    return [page.extract_text() for page in PdfReader(path).pages]


@dataclass(frozen=True)
class PdfFurniture:
    """What a PDF prints besides the minutes that a page break puts inside a sentence.

    ``page``: the words of what every page repeats (running header, page number, a
    table's header row); a line of only these and numbers goes. ``owners`` (action
    notes): the owners column's words. A row's owners are drawn after the part of its
    notes on the same page, so they come between the halves of notes a page splits (on
    a line of their own, or ending the notes' last line there); they go from a line's
    end. No sentence loses a word so: each line of one holds a vocabulary word (lower
    case) or its punctuation, and none of those is furniture.
    """

    page: frozenset[str]
    owners: frozenset[str]

    @classmethod
    def of(cls, meeting: Meeting, style: str) -> PdfFurniture:
        document = meeting.document
        page = (document["committee"]["name"], "6 May 2024", "DRAFT \u00b7",
                "NOT FOR PUBLICATION", "Page of", "No. Item Action Owner Due")
        labels = {p["uid"]: p["abbreviation"] or p["initials"] or p["name"]
                  for p in document["people"]}
        owners = [] if style != "action-notes" else [
            written for action in document["actions"] for written in (
                action["owner_text"], ", ".join(labels[o] for o in action["owners"]))]
        return cls(*(frozenset(w for phrase in phrases for w in phrase.split())
                     for phrases in (page, owners)))

    def clean(self, line: str, before: str) -> str:
        """The line without furniture: "" if it is all furniture. A line of numbers
        after one that ends in a dash is the rest of a word the line break split
        ("2017–" "18"), not a page or item number."""
        words = line.split()
        while words and words[-1] in self.owners:
            words.pop()
        numbers = all(_NUMBER.match(w) for w in words)
        if numbers and before.endswith(("\u2013", "-")):
            return " ".join(words)
        return "" if all(w in self.page or _NUMBER.match(w) for w in words) else " ".join(words)


def pdf_blocks(path: Path, furniture: PdfFurniture) -> list[str]:
    """The pages' lines, their furniture left out."""
    lines: list[str] = []
    for page in pdf_pages(path):
        for line in page.splitlines():
            kept = furniture.clean(line, lines[-1] if lines else "")
            if kept:
                lines.append(kept)
    return lines
