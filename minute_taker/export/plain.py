"""Minutes as plain text or Markdown, for pasting into an e-mail.

The same reading of the document as the other formats (``content.read_minutes``),
so the words are the same; only the markup differs. Stored minutes are read into
lines by ``plain_markup``, which also owns the escaping. Markdown keeps bold and
italic and nested lists; plain text keeps the lists and drops emphasis. Text a
user typed is never read as Markdown markup: characters Markdown would act on are
escaped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from minute_taker.domain.richtext import sanitise_html
from minute_taker.export.content import (
    ATTENDANCE_GROUPS,
    ActionOrigin,
    Entry,
    Minutes,
    action_line,
    attendance_group,
    attendee_capacity,
    attendee_words,
    clock,
    contact_words,
    decision_wording,
    declaration_sentences,
    declarations_section_wanted,
    held_line,
    item_declarations,
    next_meeting_words,
    paper_words,
    quorum_sentence,
    read_minutes,
    signature_line,
    used_abbreviations,
    vote_note,
)
from minute_taker.export.plain_markup import BLANK_LINES, MD_ESCAPED, html_lines, md_escape
from minute_taker.export.styles import HouseStyle

Json = Mapping[str, Any]
def _emphasis(delimiter: str, value: str) -> str:
    """Typed text in bold or italics that Markdown shows so: each line escaped and
    trimmed (a delimiter beside a space is text), empty lines left out (one would end
    the paragraph), line breaks kept as hard breaks."""
    lines = [md_escape(line.strip()) for line in value.splitlines() if line.strip()]
    text = "  \n".join(lines)
    return f"{delimiter}{text}{delimiter}" if text else ""


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
        elif level <= 2:
            self.out += ["", value.upper(), ("=" if level == 1 else "-") * len(value), ""]
        else:
            self.out += ["", value, ""]

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
        if m.contact_at == "head":
            self._contact()
        self._attendance()
        self._declarations()
        for entry in m.entries:
            self._item(entry)
        loose = m.loose_actions()
        if loose:  # tied to no item the minutes show: the page lists them after the items
            self.heading(2, "Other actions")
            for action in loose:
                self._action(action)
        self._close()
        return re.sub(r"\n{3,}", "\n\n", "\n".join(self.out)).strip() + "\n"

    def _notices(self) -> None:
        for _kind, words in self.m.banners:
            self.para(self._strong(words))

    def _strong(self, value: str) -> str:
        if not self.markdown:
            return value.upper()
        # Typed (a house style's headings): trimmed, so "**" is never beside a space,
        # and no blank line, which would end the paragraph inside the bold.
        words = BLANK_LINES.sub(r"\1", md_escape(value.strip()))
        return f"**{words}**" if words else ""

    def _attendance(self) -> None:
        groups: dict[str, list[str]] = {}
        for row in self.m.doc["attendance"]:
            # Comings and goings are said under the items, so no footnote star here.
            words = attendee_words(self.m, row, mark_movers=False)
            capacity = attendee_capacity(row, self.m.people.get(row["person"]))
            groups.setdefault(attendance_group(row), []).append(
                f"{words}, {capacity}" if capacity else words)
        for key in ATTENDANCE_GROUPS:
            if key in groups:
                self.para(self._strong(self.house.heading(key)) + ": "
                          + self.text("; ".join(groups[key])) + ".")
        for sentence in self.m.movements.unplaced:  # only a time was recorded
            self.para(self.text(sentence))

    def _declarations(self) -> None:
        sentences = declaration_sentences(self.m)
        if not declarations_section_wanted(self.m, sentences):
            return
        self.heading(2, self.house.heading("declarations"))
        for sentence in sentences or ["None."]:
            self.para(self.text(sentence))

    def _item(self, entry: Entry) -> None:
        """An item as the HTML page has it, in the same order (``sections._item_body``)."""
        item, uid = entry.item, entry.item["uid"]
        if entry.withheld:
            self._withheld(entry)
            return
        self._item_heading(entry)
        quorum = quorum_sentence(self.m, uid)
        if quorum:
            self.para(self.text(quorum))
        if entry.confidential and not self.m.public:
            self.para(self._strong("Confidential"))
        if item["description"].strip():
            value = item["description"].strip()
            self.para(_emphasis("*", value) if self.markdown else value)
        for sentence in item_declarations(self.m, uid):
            self.para(self.text(sentence))
        minutes_html = item["minutes_html"]
        if self.speller is not None:
            minutes_html = self.speller.spell_html(sanitise_html(minutes_html))
        lines = html_lines(minutes_html, markdown=self.markdown)
        if lines:
            self.out += ["", *lines, ""]
        self._movements(self.m.movements.arrivals.get(uid, []))
        for decision in item["decisions"]:
            label, rest = decision_wording(decision["kind"], decision["text"])
            self.para(f"{self._strong(label)} {self.text(rest)}")
            note = vote_note(self.m, decision)
            if note:
                self.para(self.text(note))
        for action in self.m.item_actions(uid):
            self._action(action)
        documents = item.get("documents") or []
        if documents:
            self.para(self.text("Supporting documents:"))
            self.out += [f"{'-' if self.markdown else '•'} {self._document(d)}"
                         for d in documents]
            self.out.append("")
        self._movements(self.m.movements.departures.get(uid, []))

    def _item_heading(self, entry: Entry) -> None:
        # The HTML page's heading levels, so Markdown shows the same outline.
        item = entry.item
        number = self.house.item_number(item["number"])
        self.heading(min(entry.depth + 2, 4), f"{number} {item['title']}".strip())

    def _withheld(self, entry: Entry) -> None:
        """A public version's withheld item: number, title and the private line at the top
        of its branch, then the comings and goings recorded at it, as the page keeps."""
        uid = entry.item["uid"]
        if entry.private_stub:
            self._item_heading(entry)
            self.para(self.text(self.m.private_line))
        self._movements([*self.m.movements.arrivals.get(uid, []),
                         *self.m.movements.departures.get(uid, [])])

    def _movements(self, sentences: list[str]) -> None:
        for sentence in sentences:
            self.para(self.text(sentence))

    def _action(self, action: Json) -> None:
        """"ACTION: DCC – Share the briefing (due by end January 2018)", the page's words,
        or "DONE: ..." with its update (``content.action_line``)."""
        label, rest = action_line(self.m, action)
        self.para(f"{self._bold(label)} {self.text(rest)}")

    def _bold(self, value: str) -> str:
        """Bold in Markdown where the page is; plain text as it is (not in capitals)."""
        return self._strong(value) if self.markdown else value

    def _document(self, document: Json) -> str:
        """A paper's title and where it is, as text: a link only where the reader's own
        program makes one."""
        title, location = paper_words(document), document["location"]
        return self.text(f"{title} ({location})" if location else title)

    def _close(self) -> None:
        meeting = self.m.meeting
        if meeting["end_time"]:
            self.para(self.text(f"The meeting closed at {clock(meeting['end_time'])}."))
        when = next_meeting_words(meeting)
        if when:
            self.para(f"{self._bold(self.house.heading('next_meeting') + ':')} "
                      f"{self.text(when)}")
        if self.m.lists_abbreviations:
            written = "\n".join(self.out)
            if self.markdown:  # look for QX_Q, not the QX\_Q the reader will see as QX_Q
                written = MD_ESCAPED.sub(r"\1", written)
            used = used_abbreviations(self.m.committee["abbreviations"], written)
            if used:
                self.heading(2, self.house.heading("abbreviations"))
                # One a line: Markdown needs a hard break, or it runs them together.
                end = "  " if self.markdown else ""
                self.out += [f"{self.text(short)}: {self.text(long)}{end}"
                             for short, long in used]
        if self.m.signature_wanted:  # last: the chair signs under everything above
            self.para(self.text(signature_line(self.house)))
        if self.m.contact_at == "foot":  # below the signature, as ModernGov prints it
            self._contact()
        if self.m.stamp is not None:  # and under that, the approval it was published from
            self.para(self.text(self.m.stamp.text))


    def _contact(self) -> None:
        """"Contact: Jackie Irvin, Policy Officer, OPCC", a paragraph of its own (the
        glossary's lines before it end in no blank line)."""
        self.out.append("")
        self.para(f"{self._bold(self.house.heading('contact') + ':')} "
                  f"{self.text(contact_words(self.m.meeting))}")


def render_text(document: Json, *, house: HouseStyle, public: bool, markdown: bool,
                draft: bool | None = None,
                origins: Mapping[str, ActionOrigin] | None = None) -> str:
    """The minutes as Markdown (``markdown``) or plain text; ``origins`` as
    ``content.read_minutes`` has them."""
    m = read_minutes(document, public=public, draft=draft, house=house, origins=origins)
    return _Writer(m, house, markdown).run()
