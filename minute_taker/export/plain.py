"""Minutes as plain text or Markdown, for pasting into an e-mail.

The same reading of the document as the other formats (``content.read_minutes``),
so the words are the same; only the markup differs. Markdown keeps bold and
italic and nested lists; plain text keeps the lists and drops emphasis. Text a
user typed is never read as Markdown markup: characters Markdown would act on are
escaped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any

from minute_taker.domain.richtext import sanitise_html
from minute_taker.export.content import (
    Entry,
    Minutes,
    attendance_group,
    attendee_capacity,
    attendee_words,
    clock,
    decision_wording,
    declaration_sentences,
    due_phrase,
    held_line,
    long_date,
    read_minutes,
    signature_line,
    used_abbreviations,
    vote_note,
)
from minute_taker.export.styles import HouseStyle

Json = Mapping[str, Any]
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")  # "&amp;" would show as "&"
# Four spaces make a code block. Only after a line break: text may come in pieces
# (a paragraph's words after its bold ones), and a piece's first space is a space.
_MD_INDENT = re.compile(r"(?<=\n)[ \t]+")
_MD_BLOCK_MARK = re.compile(r"^([-+=])", re.MULTILINE)  # bullets, rules, underlines
_MD_LIST_NUMBER = re.compile(r"^(\d+)([.)])(?=[ \t]|$)", re.MULTILINE)  # not "1.2"
_MD_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def md_escape(text: str) -> str:
    """Typed text shown as typed in Markdown (CommonMark with GFM): no emphasis, code,
    links, headings, rules, lists, strike-through or entities it did not type. The
    indentation of a typed line is dropped, as Markdown would not show it either."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    text = _MD_BLOCK_MARK.sub(r"\\\1", _MD_INDENT.sub("", text))
    return _MD_LIST_NUMBER.sub(r"\1\\\2", text)


class _Blocks(HTMLParser):
    """The stored rich-text subset as lines: paragraphs, and list items with their depth."""

    def __init__(self, markdown: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.markdown = markdown
        self.lines: list[str] = []
        self.current: list[str] = []
        self.lists: list[list[int]] = []  # per open list: [is_ordered, counter]
        self.prefix = ""
        self.opened: list[int] = []  # where each open emphasis mark is in ``current``

    def _flush(self) -> None:
        for start in reversed(self.opened):  # emphasis cannot span blocks in Markdown
            del self.current[start]
        text = " ".join("".join(self.current).split()).replace(" \x00 ", "\x00")
        text = text.replace("\x00", "  \n" if self.markdown else "\n")
        if text:
            self.lines.append(self.prefix + text)
        self.current, self.prefix, self.opened = [], "", []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        marks = {"strong": "**", "em": "*"} if self.markdown else {}
        if tag in ("ul", "ol"):
            self._flush()
            self.lists.append([tag == "ol", 0])
        elif tag == "li":
            self._flush()
            indent = "   " * (len(self.lists) - 1) if self.markdown else \
                "  " * (len(self.lists) - 1)
            state = self.lists[-1] if self.lists else [False, 0]
            state[1] += 1
            bullet = f"{state[1]}." if state[0] else ("-" if self.markdown else "•")
            self.prefix = f"{indent}{bullet} "
        elif tag == "p":
            self._flush()
        elif tag == "br":
            self.current.append(" \x00 ")  # a line break, kept through the space folding
        elif tag in marks:
            self.opened.append(len(self.current))
            self.current.append(marks[tag])

    def handle_endtag(self, tag: str) -> None:
        marks = {"strong": "**", "em": "*"} if self.markdown else {}
        if tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag in ("li", "p"):
            self._flush()
        elif tag in marks:
            if not self.opened:
                return  # opened in an earlier block, and dropped there
            start = self.opened.pop()
            if not "".join(self.current[start + 1:]).strip():
                del self.current[start]  # "**" around nothing is a rule ("****"), not bold
            else:
                self.current.append(marks[tag])

    def handle_data(self, data: str) -> None:
        self.current.append(md_escape(data) if self.markdown else data)


def html_lines(fragment: str, *, markdown: bool) -> list[str]:
    parser = _Blocks(markdown)
    parser.feed(sanitise_html(fragment))
    parser.close()
    parser._flush()
    return parser.lines


class _Writer:
    def __init__(self, m: Minutes, house: HouseStyle, markdown: bool) -> None:
        self.m, self.house, self.markdown = m, house, markdown
        self.out: list[str] = []
        self.speller = m.speller()

    def text(self, value: str) -> str:
        # A whole value: its own indentation too would start a code block in Markdown.
        return md_escape(value).lstrip(" \t") if self.markdown else value

    def heading(self, level: int, value: str) -> None:
        if self.markdown:
            self.out += ["", f"{'#' * level} {md_escape(value)}", ""]
        else:
            self.out += ["", value.upper() if level <= 2 else value,
                         ("=" if level == 1 else "-") * len(value) if level <= 2 else ""]

    def para(self, value: str) -> None:
        self.out += [value, ""]

    def run(self) -> str:
        m, meeting = self.m, self.m.meeting
        self._notices()
        if self.house.organisation:
            self.para(self.text(self.house.organisation))
        self.heading(1, m.committee["name"])
        self.para(self.text(meeting["title"]))
        self.para(self.text(held_line(meeting)))
        self._attendance()
        self._declarations()
        for entry in m.entries:
            self._item(entry)
        self._close()
        return re.sub(r"\n{3,}", "\n\n", "\n".join(self.out)).strip() + "\n"

    def _notices(self) -> None:
        for _kind, words in self.m.banners:
            self.para(self._strong(words))

    def _strong(self, value: str) -> str:
        return f"**{md_escape(value)}**" if self.markdown else value.upper()

    def _attendance(self) -> None:
        groups: dict[str, list[str]] = {}
        for row in self.m.doc["attendance"]:
            # Comings and goings are said under the items, so no footnote star here.
            words = attendee_words(self.m, row, mark_movers=False)
            capacity = attendee_capacity(row, self.m.people.get(row["person"]))
            groups.setdefault(attendance_group(row), []).append(
                f"{words}, {capacity}" if capacity else words)
        for key in ("present", "also_present", "officers", "apologies", "absent"):
            if key in groups:
                self.para(self._strong(self.house.heading(key)) + ": "
                          + self.text("; ".join(groups[key])) + ".")
        for sentence in self.m.movements.unplaced:  # only a time was recorded
            self.para(self.text(sentence))

    def _declarations(self) -> None:
        sentences = declaration_sentences(self.m)
        if not sentences and self.m.style == "action_notes":
            return
        self.heading(2, self.house.heading("declarations"))
        for sentence in sentences or ["None."]:
            self.para(self.text(sentence))

    def _item(self, entry: Entry) -> None:
        item = entry.item
        if entry.withheld and not entry.withheld_root:
            return
        self.heading(2 if entry.depth == 0 else 3, f"{item['number']} {item['title']}".strip())
        if entry.withheld:
            self.para(self.text(self.m.private_line))
            return
        if entry.confidential and not self.m.public:
            self.para(self._strong("Confidential"))
        if item["description"]:
            value = self.text(item["description"])
            self.para(f"*{value}*" if self.markdown else value)
        for sentence in self.m.movements.arrivals.get(item["uid"], []):
            self.para(self.text(sentence))
        minutes_html = item["minutes_html"]
        if self.speller is not None:
            minutes_html = self.speller.spell_html(sanitise_html(minutes_html))
        lines = html_lines(minutes_html, markdown=self.markdown)
        if lines:
            self.out += [*lines, ""]
        for decision in item["decisions"]:
            label, rest = decision_wording(decision["kind"], decision["text"])
            self.para(f"{self._strong(label)} {self.text(rest)}")
            note = vote_note(self.m, decision)
            if note:
                self.para(self.text(note))
        for action in self.m.item_actions(item["uid"]):
            owner = action["owner_text"]
            due = due_phrase(action)
            words = action["text"].strip()
            if due:
                words = f"{words.rstrip('.')} (due {due})."
            self.para(self.text(f"ACTION: {owner} – {words}" if owner else f"ACTION: {words}"))
        documents = item.get("documents") or []
        if documents:
            self.para(self.text("Supporting documents:"))
            self.out += [f"{'-' if self.markdown else '•'} {self._document(d)}"
                         for d in documents]
            self.out.append("")
        for sentence in self.m.movements.departures.get(item["uid"], []):
            self.para(self.text(sentence))

    def _document(self, document: Json) -> str:
        """A paper's title and where it is, as text: a link only where the reader's own
        program makes one."""
        title, location = document["title"], document["location"]
        return self.text(f"{title} ({location})" if location else title)

    def _close(self) -> None:
        meeting = self.m.meeting
        if meeting["end_time"]:
            self.para(self.text(f"The meeting closed at {clock(meeting['end_time'])}."))
        if meeting["next_meeting_at"]:
            when = dt.datetime.fromisoformat(meeting["next_meeting_at"])
            self.para(self.text(f"{self.house.heading('next_meeting')}: "
                                f"{long_date(when.date())} at {when:%H:%M}."))
        if self.m.signature_wanted:
            self.para(self.text(signature_line(self.house)))
        if self.m.lists_abbreviations:
            written = "\n".join(self.out)
            if self.markdown:  # look for QX_Q, not the QX\_Q the reader will see as QX_Q
                written = _MD_ESCAPED.sub(r"\1", written)
            used = used_abbreviations(self.m.committee["abbreviations"], written)
            if used:
                self.heading(2, self.house.heading("abbreviations"))
                self.out += [f"{self.text(short)}: {self.text(long)}" for short, long in used]


def render_text(document: Json, *, house: HouseStyle, public: bool, markdown: bool,
                draft: bool | None = None) -> str:
    """The minutes as Markdown (``markdown``) or plain text."""
    m = read_minutes(document, public=public, draft=draft, house=house)
    return _Writer(m, house, markdown).run()
