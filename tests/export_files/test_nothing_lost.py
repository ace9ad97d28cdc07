"""Nothing lost, proven by property (issue 11): every sentence a meeting holds comes out
of every minutes format, whole and in order, in both house styles; and a public version
keeps back every sentence of a confidential item (its title aside), which the full
version shows.

"Every sentence" is each item's title, its agenda description, every sentence of its
minutes text, each decision, action (with the update given on it, whatever its status)
and supporting paper, each declaration and recorded vote; "in order" is the order of
the meeting: general declarations first, then item by item in agenda order (within an
item: title, description, the declarations made at it, minutes, decisions with their
recorded votes, actions, papers), then actions tied to no item. The
meetings (``nothing_lost_support``) are made of distinctive words, each sentence with a
token of its own, and real-world punctuation a format must escape. How each format is
read back, and what the comparison forgives:

- white space is compared as a reader sees it, every run of it one space;
- PDF: white space is left out altogether. A line may break where the minutes have no
  space (after the dash in "2017–18") and the extractor then puts one in; the PDF does
  not hyphenate, so joining the lines is all a broken line needs. The text is read in
  the order it is drawn (``pdftotext -raw``): in its reading order, pdftotext runs
  table cells that stand side by side into one line, so in the action-notes layout a
  title would read on into its owner, or an action into its due date, and only the
  order of the rows could be checked there. Drawn order keeps a cell's text together,
  but for one thing: when an item's notes run over a page, what the page prints round
  them (running header, page number, the table's repeated header row) and the owners
  drawn beside the first half come between the two halves of a sentence. Those words
  are left out where they fall (``PdfFurniture``, which says why no sentence can lose
  a word so), and every sentence is still checked whole and in order;
- plain text: a top-level item's heading is in capitals, so its title is found
  whatever its case;
- an action's own full stop may give way to its due phrase ("... (due by March)").

Word is read in body order, paragraphs and table cells alike, so its action-notes
tables need no relaxation either: a cell's paragraphs come out whole, row by row.

Every format but PDF is also checked paragraph by paragraph: each paragraph and list
item of the minutes is a block of its own in the export, as a reader sees it (the
order check alone would pass two paragraphs run into one). A PDF's text is lines, with
no paragraphs to read, so it is spared that check, and only that one.

Each format is its own test, so a failure names the format that lost something.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pytest
from hypothesis import HealthCheck, given, settings
from nothing_lost_support import (
    FORMATS,
    STYLES,
    BlockSpec,
    ItemSpec,
    Json,
    Meeting,
    MeetingSpec,
    PdfFurniture,
    Sentence,
    build_meeting,
    docx_blocks,
    html_blocks,
    markdown_blocks,
    meeting_specs,
    pdf_blocks,
    squash,
    txt_blocks,
)

from minute_taker.domain.richtext import sanitise_html
from minute_taker.export import formats
from minute_taker.export.styles import style_for
from minute_taker.services import publishing

# Each example exports both house styles: ten meetings of up to 40 items a format, and
# one of 300 items as a PDF, take about 20 s on two cores (benchmarks/nothing_lost_bench.py
# runs the heavy profile: more meetings, up to 300 items, in every format).
PROPERTY: Final = settings(max_examples=10, deadline=None, database=None,
                           suppress_health_check=[HealthCheck.too_slow,
                                                  HealthCheck.data_too_large])
SUITE_ITEMS: Final = 40
LONG_MEETING_ITEMS: Final = 300
TOKEN: Final = re.compile(r"(?<![0-9A-Za-z])s\d{5}(?![0-9])")


# --- the checks -------------------------------------------------------------------------------

@dataclass
class Finding:
    """What went wrong with one sentence in one export."""

    problem: str  # "missing", "out of order", "withheld but shown", ...
    sentence: Sentence
    around: str = ""

    def __str__(self) -> str:
        return (f"{self.problem}: {self.sentence.kind} {self.sentence.token}: "
                f"{self.sentence.text!r}\n      the export has: …{self.around}…")


@dataclass
class Reading:
    """One export read back, searched as its format allows (see the module's notes)."""

    fmt: str
    blocks: list[str]
    text: str  # the blocks in one, white space as the format's check compares it
    folded: str  # the same in lower case, character for character

    @classmethod
    def of(cls, fmt: str, blocks: list[str]) -> Reading:
        text = " ".join(blocks)
        if fmt == "pdf":
            text = "".join(text.split())
        folded = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        return cls(fmt, blocks, text, folded)

    def needle(self, sentence: Sentence) -> str:
        return "".join(sentence.text.split()) if self.fmt == "pdf" else squash(sentence.text)

    def fold(self, sentence: Sentence) -> bool:
        """Plain text heads a top-level item in capitals (its headings of levels 1 and 2
        are), so there a top-level title is found whatever its case."""
        return self.fmt == "txt" and sentence.kind == "title" and sentence.depth == 0

    def around(self, sentence: Sentence) -> str:
        text = " ".join(self.blocks)
        match = re.search(rf"{sentence.token}(?!\d)", text)
        if match is None:
            return "(not even its token)"
        return text[max(0, match.start() - 100):match.end() + 100]


def read_back(meeting: Meeting, path: Path, fmt: str, style: str) -> list[str]:
    """The export's text as blocks in reading order (for a PDF, its lines)."""
    if fmt == "pdf":
        return pdf_blocks(path, PdfFurniture.of(meeting, style))
    if fmt == "docx":
        return docx_blocks(path.read_bytes())
    text = path.read_text(encoding="utf-8")
    if fmt == "html":
        return html_blocks(text)
    if fmt == "md":
        return markdown_blocks(text)
    return txt_blocks(text)


def check_in_order(reading: Reading, sentences: Sequence[Sentence]) -> list[Finding]:
    """Every sentence whole, each after the one before: the earliest place each can be
    found after the last one found (a sentence a format repeats, as an action in the
    action-notes log, only has to be there once in order)."""
    findings, cursor = [], 0
    for sentence in sentences:
        needle, haystack = reading.needle(sentence), reading.text
        if reading.fold(sentence):
            needle, haystack = needle.lower(), reading.folded
        at = haystack.find(needle, cursor)
        if at >= 0:
            cursor = at + len(needle)
            continue
        problem = "out of order" if haystack.find(needle) >= 0 else "missing"
        findings.append(Finding(problem, sentence, reading.around(sentence)))
    return findings


def check_withheld(reading: Reading, sentences: Sequence[Sentence]) -> list[Finding]:
    """No word of a withheld sentence: its token is nowhere in the export."""
    shown = set(TOKEN.findall(" ".join(reading.blocks)))
    return [Finding("withheld but shown", s, reading.around(s)) for s in sentences
            if s.token in shown]


def check_decisions_once(reading: Reading, sentences: Sequence[Sentence]) -> list[Finding]:
    """A decision is printed once: where it was taken in the notes, or after them."""
    shown = TOKEN.findall(" ".join(reading.blocks))
    return [Finding("printed more than once", s, reading.around(s)) for s in sentences
            if s.kind == "decision" and shown.count(s.token) > 1]


def check_blocks_apart(reading: Reading, sentences: Sequence[Sentence]) -> list[Finding]:
    """Each paragraph and list item of the minutes text is one block of the export: not
    split, and not run into the one before."""
    where: dict[str, int] = {}
    for index, block in enumerate(reading.blocks):
        for token in TOKEN.findall(block):
            where.setdefault(token, index)
    groups: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        if sentence.block is not None and sentence.token in where:
            groups.setdefault(sentence.block, []).append(sentence)
    findings, last = [], None
    for group in groups.values():
        homes = [where[s.token] for s in group]
        if len(set(homes)) > 1:
            findings.append(Finding("paragraph split", group[-1], reading.around(group[-1])))
        if last is not None and where[last.token] == homes[0]:
            findings.append(Finding("runs into the paragraph before", group[0],
                                    reading.around(group[0])))
        last = group[-1]
    return findings


def check_export(meeting: Meeting, path: Path, fmt: str, style: str,
                 public: bool) -> list[str]:
    """Everything wrong with one export of the meeting, said so a reader can act on it."""
    reading = Reading.of(fmt, read_back(meeting, path, fmt, style))
    expected = meeting.expected(public, style)
    found = check_in_order(reading, expected) + check_decisions_once(reading, expected)
    if public:
        found += check_withheld(reading, meeting.withheld(public))
    if fmt != "pdf":
        found += check_blocks_apart(reading, expected)
    version = "public" if public else "full"
    return [f"{fmt} {style} {version}: {finding}" for finding in found]


def export(meeting: Meeting, fmt: str, style: str, public: bool, folder: Path) -> Path:
    """The file the export dialog and ``minute-taker export`` write for the meeting."""
    path = folder / f"minutes-{style}-{'public' if public else 'full'}.{fmt}"
    request = formats.ExportRequest(meeting_id=0, fmt=fmt, public=public)
    publishing.write(formats.PreparedExport(request, meeting.document, style_for(style), public),
                     path)
    return path


def check_meeting(meeting: Meeting, fmt: str, public: bool) -> None:
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        for style in STYLES:
            path = export(meeting, fmt, style, public, Path(scratch))
            problems += check_export(meeting, path, fmt, style, public)
    assert not problems, (f"{len(problems)} problems in a meeting of {meeting.summary()}:\n"
                          + "\n".join(problems[:12]))


def stored_form(meeting: Meeting) -> bool:
    """The minutes text is what the app stores: the sanitiser leaves it as it is."""
    def walk(items: list[Json]) -> bool:
        return all(sanitise_html(i["minutes_html"]) == i["minutes_html"]
                   and walk(i["children"]) for i in items)
    return walk(meeting.document["items"])


# --- the property -------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
@PROPERTY
@given(spec=meeting_specs(max_items=SUITE_ITEMS))
def test_every_sentence_comes_out_in_order(fmt: str, spec: MeetingSpec) -> None:
    meeting = build_meeting(spec)
    assert stored_form(meeting)
    check_meeting(meeting, fmt, spec.public)


# --- explicit meetings: the long one, and the confidential rule both ways -------------------

LONG_SHAPES: Final = (
    ItemSpec(seed=1, title_words=34, description=2, emphasis=2, decisions=2, actions=2,
             papers=2, blocks=(BlockSpec("p", 5, extra=True), BlockSpec("ul", 3, 3, True),
                               BlockSpec("p", 2))),
    ItemSpec(seed=2, depth=1, title_words=6, description=1, emphasis=1, decisions=1,
             actions=1, papers=1, blocks=(BlockSpec("ol", 2, 2), BlockSpec("p", 3))),
    ItemSpec(seed=3, depth=2, title_words=3, decisions=1, actions=1,
             blocks=(BlockSpec("p", 6),)),
    ItemSpec(seed=4, title_words=12, emphasis=2, blocks=(BlockSpec("ul", 2, 2, True),)),
)


def test_a_meeting_of_300_items_loses_nothing_in_the_pdf() -> None:
    # The longest meeting the property draws, once, in the format that paginates: page
    # breaks fall inside items, lists and table rows.
    meeting = build_meeting(MeetingSpec(LONG_MEETING_ITEMS, LONG_SHAPES, declarations=2,
                                        movements=4, loose_actions=2))
    check_meeting(meeting, "pdf", public=False)


SECRETS: Final = MeetingSpec(
    items=7, declarations=4, movements=3, loose_actions=1, patterns=(
        ItemSpec(seed=5, description=1, decisions=1, actions=1, papers=1,
                 blocks=(BlockSpec("p", 2),)),
        ItemSpec(seed=6, confidential=True, description=1, decisions=2, actions=2, papers=1,
                 blocks=(BlockSpec("p", 3, extra=True), BlockSpec("ol", 2, 2))),
        ItemSpec(seed=7, depth=1, decisions=1, actions=1, papers=1,
                 blocks=(BlockSpec("ul", 2, 2),)),
        ItemSpec(seed=8, depth=2, confidential=True, decisions=1, actions=1,
                 blocks=(BlockSpec("p", 1),)),
    ))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("public", [True, False], ids=["public", "full"])
def test_public_version_keeps_back_confidential_items(fmt: str, public: bool) -> None:
    meeting = build_meeting(SECRETS)
    assert meeting.withheld(True), "the meeting must have something to keep back"
    declared = {s.secret for s in meeting.sentences if s.kind == "declaration"}
    assert declared == {True, False}, "a declaration about a withheld item, and another"
    check_meeting(meeting, fmt, public)
