"""Decisions as marked passages of the notes (domain/decision_marks.py): the sanitiser
keeps a decision's mark and no other link, the words of each passage are read back, and
an export's placing of them never loses or repeats a word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from minute_taker.domain.decision_marks import (
    Placement,
    mark_href,
    passages,
    place_in_notes,
    rename_marks,
    strip_marks,
    uid_of,
)
from minute_taker.domain.richtext import html_to_plain_text, sanitise_html

UID = "0f5e2c1a-7b7d-4c4e-9a43-2d2f7c0b1a11"
OTHER = "9a9a9a9a-1111-4222-8333-444444444444"


def _mark(uid: str, inner: str) -> str:
    return f'<a href="{mark_href(uid)}">{inner}</a>'


def test_the_sanitiser_keeps_a_decisions_mark_and_no_other_link() -> None:
    fragment = (f'<p>See <a href="https://example.org/x">the report</a>; '
                f'<a href="decision:{UID}" onclick="x()" class="y">it was agreed</a>.</p>'
                '<p><a href="javascript:alert(1)">click</a> '
                '<a href="decision:not a uid">words</a></p>')
    assert sanitise_html(fragment) == (
        f'<p>See the report; {_mark(UID, "it was agreed")}.</p><p>click words</p>')


def test_a_link_inside_a_mark_does_not_end_it() -> None:
    fragment = (f'<p><a href="decision:{UID}">agreed that <a href="http://x">the '
                'plan</a> be adopted</a> today</p>')
    assert sanitise_html(fragment) == (
        f'<p>{_mark(UID, "agreed that the plan be adopted")} today</p>')


def test_a_mark_inside_a_mark_is_words() -> None:
    fragment = f'<p>{_mark(UID, "one " + _mark(OTHER, "two"))}</p>'
    assert passages(sanitise_html(fragment)) == {UID: "one two"}


def test_uid_of_reads_only_decision_marks() -> None:
    assert uid_of(mark_href(UID)) == UID
    for href in (None, "", "decision:", "https://x", 'decision:a"b', "decision:a b"):
        assert uid_of(href) is None


def test_the_words_of_each_passage_across_emphasis_and_paragraphs() -> None:
    fragment = (f"<p>Before {_mark(UID, 'RESOLVED that <strong>the Panel</strong>')}"
                f"{_mark(UID, '<em> notes</em>')} it.</p>"
                f"<ul><li>{_mark(OTHER, 'It was agreed')}</li><li>{_mark(OTHER, 'to meet')}"
                "</li></ul>")
    assert passages(fragment) == {UID: "RESOLVED that the Panel notes",
                                  OTHER: "It was agreed to meet"}
    assert passages("<p>No decisions here.</p>") == {}


def test_placed_with_each_emphasis() -> None:
    fragment = f"<p>Then {_mark(UID, 'RESOLVED that the Panel notes it')}.</p>"
    out = {emphasis: place_in_notes(fragment, {UID: Placement(emphasis)})
           for emphasis in ("none", "label", "bold", "italic")}
    assert out == {
        "none": "<p>Then RESOLVED that the Panel notes it.</p>",
        "label": "<p>Then <strong>RESOLVED</strong> that the Panel notes it.</p>",
        "bold": "<p>Then <strong>RESOLVED that the Panel notes it</strong>.</p>",
        "italic": "<p>Then <em>RESOLVED that the Panel notes it</em>.</p>",
    }
    # a passage with no label of its own has nothing to embolden
    agreed = f"<p>{_mark(UID, 'It was agreed that the Panel would meet')}</p>"
    assert place_in_notes(agreed, {UID: Placement("label")}) == (
        "<p>It was agreed that the Panel would meet</p>")


def test_the_vote_follows_the_block_the_passage_ends_in() -> None:
    fragment = (f"<ul><li>{_mark(UID, 'Agreed to')}</li><li>{_mark(UID, 'meet')}"
                "<ul><li>inner</li></ul></li></ul><p>Next</p>")
    assert place_in_notes(fragment, {UID: Placement("none", "Moved by A.")}) == (
        "<ul><li>Agreed to</li><li>meet<ul><li>inner</li></ul></li></ul>"
        "<p>Moved by A.</p><p>Next</p>")


def test_marks_of_decisions_not_placed_are_words() -> None:
    fragment = f"<p>{_mark(UID, 'kept')} and {_mark(OTHER, 'also kept')}</p>"
    assert place_in_notes(fragment, {OTHER: Placement("bold", "Votes: 2 for.")}) == (
        "<p>kept and <strong>also kept</strong></p><p>Votes: 2 for.</p>")
    assert strip_marks(fragment) == "<p>kept and also kept</p>"


def test_renamed_marks_follow_their_decisions() -> None:
    fragment = f"<p>{_mark(UID, 'a')} {_mark(OTHER, 'b')}</p>"
    assert rename_marks(fragment, {UID: "c0ffee00-0000-4000-8000-000000000000"}) == (
        f"<p>{_mark('c0ffee00-0000-4000-8000-000000000000', 'a')} {_mark(OTHER, 'b')}</p>")
    assert rename_marks(fragment, {}) == fragment


_WORDS = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                 max_size=12)


@st.composite
def _notes(draw: st.DrawFn) -> tuple[str, dict[str, Placement]]:
    blocks = []
    uids = [f"{n:08x}-1111-4222-8333-444444444444" for n in range(3)]
    for _ in range(draw(st.integers(1, 4))):
        runs = []
        for _ in range(draw(st.integers(1, 4))):
            words = draw(_WORDS).replace("<", "&lt;").replace(">", "&gt;").replace("&", "&amp;")
            words = sanitise_html(words) or "x"
            uid = draw(st.sampled_from([None, *uids]))
            runs.append(_mark(uid, words) if uid else words)
        tag = draw(st.sampled_from(["p", "li"]))
        inner = " ".join(runs)
        blocks.append(f"<ul><li>{inner}</li></ul>" if tag == "li" else f"<p>{inner}</p>")
    placed = {uid: Placement(draw(st.sampled_from(["none", "label", "bold", "italic"])),
                             draw(st.sampled_from(["", "Moved by A."])))
              for uid in uids if draw(st.booleans())}
    return "".join(blocks), placed


@given(_notes())
def test_placing_never_loses_or_repeats_a_word(case: tuple[str, dict[str, Placement]]) -> None:
    fragment, placed = case
    clean = sanitise_html(fragment)
    out = place_in_notes(clean, placed)
    assert sanitise_html(out) == out  # still the stored subset
    words = html_to_plain_text(clean).split()
    notes = [p.note for uid, p in placed.items() if p.note and uid in passages(clean)]
    printed = html_to_plain_text(out).split()
    for note in notes:  # each note once, as a paragraph of its own
        start = next(i for i in range(len(printed)) if printed[i:i + 3] == note.split())
        del printed[start:start + 3]
    assert "".join(printed) == "".join(words)
