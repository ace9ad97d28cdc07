"""Keeping both clerks' notes of an item (domain/notes_merge.py): nothing either wrote
is lost, the words they share are not repeated, the other's come first."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from minute_taker.domain.notes_merge import blocks, keep_both
from minute_taker.domain.richtext import html_to_plain_text, sanitise_html

NOTE = "Not saved over Louise Wall's change at 10:42; your words from here:"


def test_blocks_are_the_paragraphs_and_whole_lists() -> None:
    fragment = ("<p>The Panel considered the precept.</p><ul><li>Police<ul><li>Fire</li></ul>"
                "</li></ul>Loose words<p>RESOLVED that it be supported.</p>")
    assert blocks(fragment) == [
        "<p>The Panel considered the precept.</p>",
        "<ul><li>Police<ul><li>Fire</li></ul></li></ul>",
        "Loose words",
        "<p>RESOLVED that it be supported.</p>"]


def test_their_notes_come_first_then_what_only_mine_hold() -> None:
    base = "<p>The PCC introduced the report.</p><p>Members asked about rural crime.</p>"
    theirs = base + "<p>The DCC answered that rural patrols had doubled.</p>"
    mine = base.replace("rural crime", "rural crime and the 101 service") + \
        "<p>RESOLVED that the report be noted.</p>"
    merged = keep_both(theirs, mine, NOTE)
    assert blocks(merged) == [
        "<p>The PCC introduced the report.</p>",
        "<p>Members asked about rural crime.</p>",
        "<p>The DCC answered that rural patrols had doubled.</p>",
        f"<p><em>{NOTE}</em></p>",
        "<p>Members asked about rural crime and the 101 service.</p>",
        "<p>RESOLVED that the report be noted.</p>"]


def test_mine_already_in_theirs_adds_nothing() -> None:
    theirs = "<p>One.</p><p>Two.</p>"
    assert keep_both(theirs, "<p>Two.</p>", NOTE) == theirs


paragraph = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                    min_size=1, max_size=30).filter(str.strip)
notes = st.lists(paragraph, max_size=6).map(
    lambda lines: "".join(f"<p>{line}</p>" for line in lines))


@given(notes, notes)
def test_no_words_of_either_are_lost(theirs: str, mine: str) -> None:
    merged = keep_both(theirs, mine, NOTE)
    assert merged.startswith(sanitise_html(theirs))
    merged_lines = html_to_plain_text(merged).split("\n")
    for line in html_to_plain_text(theirs).split("\n") + html_to_plain_text(mine).split("\n"):
        assert not line or line in merged_lines
