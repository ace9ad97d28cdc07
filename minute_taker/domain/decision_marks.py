"""Decisions as marked passages of an item's notes.

Real minutes keep a decision where it was taken and in the clerk's words: "It was
agreed that the Panel would receive a report in March", or a "RESOLVED that ..."
paragraph among the narrative. Such a decision is stored as the words themselves,
wrapped in the one link the stored subset allows:

    <p>After discussion <a href="decision:UID">it was agreed that the Panel would
    receive a report in March</a>.</p>

``UID`` is the decision's uid; its row holds the kind, mover, seconder and votes, and
a copy of the words for lists and search. A passage may run over several runs of
emphasis or several paragraphs (one link per run, the same uid). Exports print the
words where they stand, with the emphasis the house style gives decisions, and the
vote after the paragraph that ends the passage (``place_in_notes``).

No Qt here: the editor's side is ui/capture/richtext_qt.py.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser

HREF_PREFIX = "decision:"
# A uid as the book makes them (uuid4), or as another program may: letters, digits,
# hyphens; nothing that could close the attribute or name a real place.
_UID = re.compile(r"[0-9A-Za-z][0-9A-Za-z-]{0,63}")
# The label a clerk may start a decision with, in any case: "RESOLVED that",
# "Agreed:", "NOTED -". "label" emphasis makes it bold, as minutes print labels.
_LABEL = re.compile(r"\s*(resolved|agreed|noted|decided|recommended)\b(\s*[:\u2013-])?",
                    re.IGNORECASE)
_BLOCKS = {"p", "ul", "ol"}
EMPHASES = ("none", "label", "bold", "italic")


def mark_href(uid: str) -> str:
    """The link target that marks the passage of decision ``uid``."""
    return f"{HREF_PREFIX}{uid}"


def uid_of(href: str | None) -> str | None:
    """The decision uid a link marks, or None if it is not a decision mark."""
    if href and href.startswith(HREF_PREFIX):
        uid = href[len(HREF_PREFIX):]
        if _UID.fullmatch(uid):
            return uid
    return None


def mark_uid(attrs: list[tuple[str, str | None]]) -> str | None:
    """The decision uid an ``<a>`` tag's attributes (as html.parser gives them) mark."""
    return uid_of(dict(attrs).get("href"))


# A mark as the sanitiser writes it, the uid in group 1.
SANITISED_MARK = re.compile(rf'<a href="{HREF_PREFIX}({_UID.pattern})">')


class _Passages(HTMLParser):
    """The words of each marked passage, and the top-level block each one ends in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: dict[str, list[str]] = {}
        self.last_block: dict[str, int] = {}
        self.open: list[str | None] = []  # the uid of each <a> open, None if no mark
        self.depth = 0
        self.block = 0

    def _current(self) -> str | None:
        return next((uid for uid in reversed(self.open) if uid), None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            uid = mark_uid(attrs)
            self.open.append(uid)
            if uid:
                self.words.setdefault(uid, [])
                self.last_block[uid] = self.block
            return
        if tag in ("p", "li", "br"):  # words either side of a break are two words
            for words in self.words.values():
                if words and words[-1] != " ":
                    words.append(" ")
        if tag in _BLOCKS:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            if self.open:
                self.open.pop()
            return
        if tag in _BLOCKS and self.depth:
            self.depth -= 1
            if not self.depth:
                self.block += 1

    def handle_data(self, data: str) -> None:
        uid = self._current()
        if uid:
            self.words[uid].append(data)
            self.last_block[uid] = self.block


def _read(fragment: str) -> _Passages:
    parser = _Passages()
    parser.feed(fragment)
    parser.close()
    return parser


def passages(fragment: str) -> dict[str, str]:
    """The words of each decision marked in a stored fragment, by uid, in the order the
    passages start; spaces collapsed, as a list or search shows them."""
    if HREF_PREFIX not in fragment:  # the common case, at every autosave
        return {}
    found = _read(fragment).words
    return {uid: text for uid, parts in found.items()
            if (text := " ".join("".join(parts).split()))}


@dataclass(frozen=True, slots=True)
class Placement:
    """How an export prints a decision kept in the notes."""

    emphasis: str = "none"  # one of EMPHASES: the house style's
    note: str = ""  # the vote, a paragraph after the passage ("" for none)


class _Placer(HTMLParser):
    """The fragment again, marks of ``placed`` turned into emphasis, others into plain
    words, each note a paragraph after the block its passage ends in."""

    def __init__(self, placed: Mapping[str, Placement], last_block: Mapping[str, int]) -> None:
        super().__init__(convert_charrefs=True)
        self.placed = placed
        self.notes_after: dict[int, list[str]] = {}
        for uid, block in last_block.items():
            if uid in placed and placed[uid].note:
                self.notes_after.setdefault(block, []).append(placed[uid].note)
        self.out: list[str] = []
        self.open: list[tuple[str | None, str]] = []  # (uid, closing markup) per <a>
        self.labelled: set[str] = set()
        self.depth = 0
        self.block = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            uid = mark_uid(attrs)
            placement = self.placed.get(uid) if uid is not None else None
            tags = {"bold": "strong", "italic": "em"}.get(
                placement.emphasis if placement else "none")
            self.open.append((uid if placement else None, f"</{tags}>" if tags else ""))
            if tags:
                self.out.append(f"<{tags}>")
            return
        self.out.append("<br>" if tag == "br" else f"<{tag}>")
        if tag in _BLOCKS:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            if self.open:
                self.out.append(self.open.pop()[1])
            return
        if tag == "br":
            return
        self.out.append(f"</{tag}>")
        if tag in _BLOCKS and self.depth:
            self.depth -= 1
            if not self.depth:
                self._notes(self.block)
                self.block += 1

    def _notes(self, block: int) -> None:
        for note in self.notes_after.pop(block, ()):
            self.out.append(f"<p>{html.escape(note, quote=False)}</p>")

    def handle_data(self, data: str) -> None:
        uid = next((uid for uid, _ in reversed(self.open) if uid), None)
        if uid and uid not in self.labelled and data.strip():
            self.labelled.add(uid)
            label = _LABEL.match(data)
            if label and self.placed[uid].emphasis == "label":
                self.out.append(f"<strong>{html.escape(data[:label.end()], quote=False)}"
                                "</strong>")
                data = data[label.end():]
        self.out.append(html.escape(data, quote=False))

    def result(self) -> str:
        self.close()
        for block in sorted(self.notes_after):
            self._notes(block)
        return "".join(self.out)


def place_in_notes(fragment: str, placed: Mapping[str, Placement]) -> str:
    """A stored fragment as an export prints it: the passages of ``placed`` decisions
    in the house style's emphasis, each with its note after the paragraph (or list)
    the passage ends in; any other mark (a decision since deleted, a mark another
    program wrote) is plain words. Nothing a reader would see is dropped."""
    if HREF_PREFIX not in fragment:
        return fragment
    placer = _Placer(placed, _read(fragment).last_block)
    placer.feed(fragment)
    return placer.result()


def rename_marks(fragment: str, uids: Mapping[str, str]) -> str:
    """The sanitised ``fragment`` with each mark of an old uid marking its new one."""
    changed = {old: new for old, new in uids.items() if old != new}
    if not changed or HREF_PREFIX not in fragment:
        return fragment
    return SANITISED_MARK.sub(
        lambda m: f'<a href="{mark_href(changed.get(m.group(1), m.group(1)))}">', fragment)


def strip_marks(fragment: str) -> str:
    """The fragment with every decision mark taken off and its words kept (pasted
    text: a copied passage must not become a second copy of its decision)."""
    return place_in_notes(fragment, {})
