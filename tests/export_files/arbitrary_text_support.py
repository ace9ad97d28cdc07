"""Hostile typed text for ``test_arbitrary_text``: the strategies that make it, a meeting
built from it through the services, and readers that take each export apart again.

Every field a user can type gets the same hostile text followed by a marker naming the
field (``zxtitlezx``), so a test can say which field went wrong; the text comes first
so that what a value starts with (``=`` in a spreadsheet, ``#`` in Markdown) is tested.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import shutil
import zipfile
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Final
from xml.etree import ElementTree

from docx.document import Document as WordDocument
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from minute_taker.domain.enums import (
    AttendanceRole,
    AttendanceStatus,
    DecisionKind,
    VoteChoice,
)
from minute_taker.domain.records import Abbreviation
from minute_taker.export import formats
from minute_taker.export.styles import load_style
from minute_taker.services import (
    actions,
    agenda,
    attendance,
    committees,
    decisions,
    documents,
    meetings,
    people,
    publishing,
)
from minute_taker.store.book import MinuteBook

HOSTILE: Final = (
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><b>', "'><i>x</i>",
    "</p></body>", "<a href='javascript:alert(1)'>", "javascript:alert(1)", "&amp;", "&lt;",
    "&#60;script&#62;", "&nbsp;", "&bogus;", "]]>", "<![CDATA[x]]>", "<!--", "-->",
    "<?xml ?>", "<!DOCTYPE html>", "{{7*7}}", "${x}", '=HYPERLINK("http://evil","x")',
    "=1+1", "+1", "-1", "@SUM(A1)", "*", "**", "_", "__", "#", "# ", "[x](http://a)",
    "![x](http://a)", "<http://a>", "`", "```", "\\", "|", "> ", "- ", "1. ", "\\n", ";",
    ",", ":", "BEGIN:VEVENT", "END:VCALENDAR", " ", "  ", "<", ">", "&", '"', "'", "=",
)
# C0 controls, DEL, and the other characters that end or bend a line somewhere.
CONTROL: Final = (*(chr(c) for c in range(0x20)), "\x7f", "\r\n", "\x85", "\u2028", "\u2029",
                  "\xa0", "\u200b", "\ufeff", "\ufffe", "\uffff", "\U0001f600")
# Anything storable: lone surrogates cannot be written to the book (or to UTF-8) at all.
_ANY_CHARACTER = st.characters(exclude_categories=("Cs",))

# The fields a user types, each named by its marker.
FIELDS: Final = (
    "committee", "title", "venue", "person", "honorific", "abbr", "capacity", "officer",
    "interest", "nature", "item", "description", "notes", "decision", "notvoting",
    "action", "owner", "due", "update", "document", "location", "subitem", "expansion",
    "organisation", "present", "officers", "declarations", "arising", "glossary", "next",
    # what real minutes carry (issue 17): the next meeting's venue, the contact officer,
    # the council a substitute sits for, someone in attendance, a paper's format
    "nextvenue", "contactname", "contactdetails", "substitute", "member", "council",
    "attendee", "format", "attending", "contact",
    # a member named in a recorded vote (issue 17, point 7)
    "voter",
)
HEADING_FIELDS: Final = {"present": "present", "officers": "officers",
                         "declarations": "declarations", "arising": "actions_arising",
                         "glossary": "abbreviations", "next": "next_meeting",
                         "attending": "in_attendance", "contact": "contact"}
MAX_FORMAT: Final = 20  # a paper's format is a short name ("PDF")
# Abbreviations a committee might list: punctuation, never words a typed text holds.
SHORTS: Final = ("QX&Y", "Q<X>", "QX*", "=QX", "QX_Q", "Q'X", "QX\\")
# Pasted rich text that holds every element of the stored subset, every way it nests, and
# text that goes on in a list item after the list inside it.
BENIGN_RICH: Final = ("<p>Plain <strong>bold</strong> <em>italic</em> <u>under</u><br>next"
                      "</p><ul><li>one<ol><li>two<ul><li>three</li></ul></li></ol>after</li>"
                      "</ul><ol><li>four</li></ol>")
STYLE_NAME: Final = "typed"  # a house style of the user's own, written per example


def typed_text(max_parts: int = 10) -> st.SearchStrategy[str]:
    """Arbitrary text, mostly the fragments that break exporters, glued together."""
    part = st.one_of(st.sampled_from(HOSTILE), st.sampled_from(CONTROL),
                     st.text(_ANY_CHARACTER, max_size=6))
    return st.lists(part, max_size=max_parts).map("".join)


def pasted_html() -> st.SearchStrategy[str]:
    """What a paste or an imported file might hold as an item's minutes."""
    tags = st.sampled_from(["<p>", "</p>", "<b>", "</b>", "<em>", "<ul><li>", "</li></ul>",
                            "<ol><li>", "<br>", "<div class=x>", "<span style=x>", "</span>",
                            "<table><tr><td>", "</td></tr></table>", "<a href=x>", "</a>"])
    return st.lists(st.one_of(tags, typed_text(3)), max_size=12).map("".join)


@dataclass(frozen=True, slots=True)
class Typed:
    """One example: what the user typed everywhere, and how the minutes are styled."""

    text: str
    rich: str = BENIGN_RICH
    short: str = "QX&Y"
    style: str = "committee-minutes"
    layout: str = "narrative"  # of the user's own style
    spell_out: bool = True  # the user's own style spells abbreviations out at first use
    overrides: Mapping[str, str] = field(default_factory=dict)

    def value(self, name: str) -> str:
        """What was typed into the field ``name``."""
        if name in self.overrides:
            return self.overrides[name]
        typed = f"{self.text}zx{name}zx"
        if name == "format":  # as much of the typed text as a format holds
            return typed[-MAX_FORMAT:]
        return f"https://example.org/{typed}" if name == "location" else typed

    @property
    def shown_fields(self) -> frozenset[str]:
        """Fields whose text the minutes formats print (the house style's own included)."""
        own = {"organisation", *HEADING_FIELDS} if self.style == STYLE_NAME else set()
        return frozenset(set(FIELDS) - {"update", "location", "organisation",
                                        *HEADING_FIELDS} | own)

    @property
    def spells_out(self) -> bool:
        return self.style == STYLE_NAME and self.spell_out

    def rich_fragment(self) -> str:
        """The pasted minutes of the sub-item, between paragraphs that mark where."""
        return f"<p>zxrichzx</p>{self.rich}<p>zxrichendzx</p>"

    def notes(self) -> str:
        """The plain notes as typed: the abbreviation in the middle, to be spelled out."""
        return f"{self.value('notes')} {self.short} zxendzx"


def toml_string(value: str) -> str:
    """A TOML basic string holding exactly ``value``, control characters and all."""
    return '"' + "".join(ch if " " <= ch <= "~" and ch not in '"\\' else f"\\U{ord(ch):08X}"
                         for ch in value) + '"'


def write_style(folder: Path, typed: Typed) -> Path:
    """The user's own house style, its organisation and headings typed like the rest."""
    own = folder / STYLE_NAME
    if own.is_dir():
        return folder
    own.mkdir(parents=True)
    template = load_style("committee-minutes").docx_template
    assert template is not None
    shutil.copy(template, own / "template.docx")
    headings = "\n".join(f"{key} = {toml_string(typed.value(name))}"
                         for name, key in HEADING_FIELDS.items())
    (own / "style.toml").write_text(
        f'title = "Typed"\nlayout = "{typed.layout}"\n'
        f"organisation = {toml_string(typed.value('organisation'))}\n"
        f'abbreviations = "{"both" if typed.spell_out else "glossary"}"\n'
        f"[headings]\n{headings}\n", encoding="utf-8")
    return folder


def build_meeting(template: Path, folder: Path, typed: Typed) -> tuple[Path, int]:
    """A meeting with every typed field filled in, built through the services."""
    path = folder / "typed.minutebook"
    shutil.copy(template, path)
    v = typed.value
    with MinuteBook.open(path, actor="Clerk") as book:
        committee = committees.create_committee(
            book, v("committee"), standing_items=[],
            abbreviations=[Abbreviation(typed.short, v("expansion"))])
        chair = people.create_person(book, v("person"), title=v("honorific"),
                                     abbreviation=v("abbr"))
        officer = people.create_person(book, v("officer"))
        meeting = meetings.create_meeting(
            book, committee.id, v("title"), dt.date(2024, 5, 6), start_time=dt.time(10),
            end_time=dt.time(12), venue=v("venue"), chair_id=chair.id,
            minute_taker_id=officer.id)
        meetings.update_header(book, meeting.id,
                               next_meeting_date=dt.date(2024, 6, 3),
                               next_meeting_time=dt.time(10, 30),
                               next_meeting_venue=v("nextvenue"),
                               contact_name=v("contactname"),
                               contact_details=v("contactdetails"))
        item = agenda.add_item(book, meeting.id, v("item"), description=v("description"))
        # What the editor stores for typed text: the text, escaped, in a paragraph.
        agenda.set_item_minutes(book, item.id,
                                f"<p>{html.escape(typed.notes(), quote=False)}</p>")
        sub = agenda.add_item(book, meeting.id, v("subitem"), parent_id=item.id)
        agenda.set_item_minutes(book, sub.id, typed.rich_fragment())
        decision = decisions.record_decision(book, item.id, DecisionKind.NOTED, v("decision"),
                                             mover_id=chair.id, votes_for=3,
                                             not_voting=v("notvoting"))
        actions.capture_action(book, meeting.id, v("action"), owner_text=v("owner"),
                               item_id=item.id, due_date=dt.date(2024, 6, 1),
                               due_text=v("due"), update=v("update"))
        documents.add_document(book, item.id, v("document"), v("location"),
                               format=v("format"), size_bytes=186368)
        attendance.record_attendance(book, meeting.id, chair.id, capacity=v("capacity"))
        attendance.record_attendance(book, meeting.id, officer.id, role=AttendanceRole.OFFICER)
        member = people.create_person(book, v("member"))
        substitute = people.create_person(book, v("substitute"), organisation=v("council"))
        attendance.record_attendance(book, meeting.id, member.id,
                                     status=AttendanceStatus.APOLOGIES)
        attendance.record_attendance(book, meeting.id, substitute.id,
                                     role=AttendanceRole.SUBSTITUTE,
                                     substitute_for_id=member.id)
        attendee = people.create_person(book, v("attendee"))
        attendance.record_attendance(book, meeting.id, attendee.id,
                                     role=AttendanceRole.IN_ATTENDANCE)
        voter = people.create_person(book, v("voter"))
        attendance.record_attendance(book, meeting.id, voter.id)
        attendance.record_departure(book, meeting.id, chair.id, after_item_id=item.id,
                                    at=None)
        decisions.record_named_vote(book, decision.id, [(chair.id, VoteChoice.FOR),
                                                        (voter.id, VoteChoice.AGAINST)])
        attendance.add_declaration(book, meeting.id, chair.id, v("interest"),
                                   item_id=item.id, nature=v("nature"))
        # a general declaration, so the section after the attendance is printed too
        attendance.add_declaration(book, meeting.id, officer.id, v("interest"))
    return path, meeting.id


def build_action(template: Path, folder: Path, typed: Typed) -> tuple[Path, int]:
    """Only what an action list reads: committee, meeting, an item and its action."""
    path = folder / "typed.minutebook"
    shutil.copy(template, path)
    v = typed.value
    with MinuteBook.open(path, actor="Clerk") as book:
        committee = committees.create_committee(book, v("committee"), standing_items=[])
        meeting = meetings.create_meeting(book, committee.id, v("title"), dt.date(2024, 5, 6))
        item = agenda.add_item(book, meeting.id, v("item"))
        actions.capture_action(book, meeting.id, v("action"), owner_text=v("owner"),
                               item_id=item.id, due_date=dt.date(2024, 6, 1),
                               due_text=v("due"), update=v("update"))
    return path, meeting.id


def export(path: Path, meeting_id: int, fmt: str, out: Path, typed: Typed) -> Path:
    user_styles = write_style(out / "styles", typed) if typed.style == STYLE_NAME else None
    with MinuteBook.open(path) as book:
        request = formats.ExportRequest(meeting_id=meeting_id, fmt=fmt, public=None,
                                        style=typed.style)
        return publishing.export(book, request, out / f"minutes.{fmt}",
                                 user_styles=user_styles).path


# --- reading the exports back ----------------------------------------------------------------

class HtmlAudit(HTMLParser):
    """Everything a browser would take for markup in a page, and the text it would show."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.other: list[str] = []
        self.parts: list[str] = []  # the text of the body, a newline for each <br>
        self.head: list[str] = []  # the title, and the exporter's own stylesheet
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, tuple(attrs)))
        self._in_head = self._in_head or tag == "head"
        if tag == "br":
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.other.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        self._in_head = self._in_head and tag != "head"

    def handle_data(self, data: str) -> None:
        (self.head if self._in_head else self.parts).append(data)

    def handle_comment(self, data: str) -> None:
        self.other.append(f"comment {data!r}")

    def handle_decl(self, decl: str) -> None:
        if decl != "DOCTYPE html":
            self.other.append(f"declaration {decl!r}")

    def unknown_decl(self, data: str) -> None:
        self.other.append(f"declaration {data!r}")

    def handle_pi(self, data: str) -> None:
        self.other.append(f"processing instruction {data!r}")

    @property
    def text(self) -> str:
        return "".join(self.parts)

    @property
    def head_text(self) -> str:
        return "".join(self.head)


def audit_html(page: str) -> HtmlAudit:
    audit = HtmlAudit()
    audit.feed(page)
    audit.close()
    return audit


_BLOCK_TAGS: Final = frozenset({"p", "br", "ul", "ol", "li"})


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def block_text(fragment: str) -> str:
    """The text of a stored rich-text fragment, a line break at each block's edges."""
    reader = _Blocks()
    reader.feed(fragment)
    reader.close()
    return "".join(reader.parts)


def docx_text(document: WordDocument) -> str:
    """Every paragraph of the body, tables and running header, one a line."""
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        paragraphs += [p for row in table.rows for cell in row.cells for p in cell.paragraphs]
    for section in document.sections:
        paragraphs += section.header.paragraphs
    return "\n".join(p.text for p in paragraphs)


# The parts of a Word file typed text can reach (styles, theme and settings come from
# the template and are left unparsed: reading them is most of the time a check takes).
TYPED_PARTS: Final = re.compile(r"word/(document|header\d*|footer\d*)\.xml|docProps/core\.xml"
                                r"|.*\.rels")


def docx_parts(data: bytes) -> dict[str, ElementTree.Element]:
    """The parts of a Word file typed text can reach, parsed; a part that is not
    well-formed XML fails the test, named."""
    parts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if TYPED_PARTS.fullmatch(name):
                try:
                    parts[name] = ElementTree.fromstring(archive.read(name))
                except ElementTree.ParseError as exc:
                    raise AssertionError(f"{name} is not well-formed: {exc}") from exc
    return parts


def ics_properties(text: str) -> list[tuple[str, str]]:
    """(name with parameters, value) per content line, unfolded (RFC 5545 3.1)."""
    unfolded = text.replace("\r\n ", "").replace("\r\n\t", "")
    lines = unfolded.split("\r\n")
    assert lines[-1] == "", "the calendar ends with CRLF"
    return [tuple(line.split(":", 1)) for line in lines[:-1]]  # type: ignore[misc]


def ics_unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])",
                  lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


_NOT_PRINTABLE: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def printable(text: str) -> str:
    """The rich-text subset keeps tab and newline of the C0 controls, and drops DEL."""
    return _NOT_PRINTABLE.sub("", text)


def xml_clean(text: str) -> str:
    """What XML 1.0 can hold."""
    return _NOT_XML.sub("", text)


def squash(text: str) -> str:
    return " ".join(text.split())


# --- Markdown, as a CommonMark renderer (with GFM tables and strike-through) reads it ----

_MARKDOWN: Final = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_INLINE_MARKUP: Final = ("em_open", "strong_open", "code_inline", "link_open", "image",
                         "html_inline", "html_block")


def markdown_tags(text: str) -> tuple[set[str], set[str]]:
    """The elements a renderer makes of ``text``, and the kinds of token it reads."""
    tokens = list(_walk(_MARKDOWN.parse(text)))
    return {t.tag for t in tokens if t.tag}, {t.type for t in tokens}


def markdown_text(text: str) -> list[str]:
    """The words a reader of the rendered Markdown sees, in order."""
    return [t.content for t in _walk(_MARKDOWN.parse(text))
            if t.type in ("text", "code_inline", "code_block", "fence")]


def inline_markup(text: str) -> Counter[str]:
    """How much inline markup a renderer reads outside the pasted rich text (whose own
    bold and italics are the user's to make)."""
    start, end = text.index("zxrichzx"), text.index("zxrichendzx")
    tokens = _walk(_MARKDOWN.parse(text[:start] + text[end:]))
    return Counter(t.type for t in tokens if t.type in _INLINE_MARKUP)


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _walk(token.children or [])


# The backslash escapes plain_markup.md_escape writes (CommonMark reads them all the same way).
# CommonMark: a backslash before any ASCII punctuation stands for that character.
MD_ESCAPED: Final = re.compile(r"\\([!-/:-@\[-`{-~])")


def md_unescape(text: str) -> str:
    """Markdown with its backslash escapes read back: the text as typed."""
    return MD_ESCAPED.sub(r"\1", text)
