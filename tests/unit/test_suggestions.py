"""Accepting a chair's suggestion: finding the selected text again and editing the markup."""

from __future__ import annotations

import html

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from minute_taker.domain.errors import ValidationError
from minute_taker.domain.richtext import sanitise_html
from minute_taker.domain.suggestions import (
    SuggestionConflict,
    apply_suggestion,
    apply_to_plain,
    locate,
    plain_text,
)

REPORT = "<p>The PCC noted the report.</p><p>Savings were agreed.</p>"
SESSIONS = ("<ul><li>Four sessions<ul><li>Five thematic sessions</li></ul></li>"
            "<li>One consolidation session</li></ul>")


@pytest.mark.parametrize(("fragment", "expected"), [
    ("<p>The PCC noted the report.</p>", "The PCC noted the report."),
    (REPORT, "The PCC noted the report.\nSavings were agreed."),
    ("<p>  Spaced \t  out\n words  </p>", "Spaced out words"),
    ("<p>Chair: Cllr Smith <br> Clerk</p>", "Chair: Cllr Smith\nClerk"),
    ("<p>a &amp; b &lt;c&gt;</p>", "a & b <c>"),
    ("<p>the <strong>PCC</strong> <em>noted</em></p>", "the PCC noted"),
    (SESSIONS, "Four sessions\nFive thematic sessions\nOne consolidation session"),
    ("<ul><li>Item<ul><li>Sub</li></ul>tail</li></ul>", "Item\nSub\ntail"),
    ("<p>a</p><p></p><p>b</p>", "a\n\nb"),
    ("<p>a</p>\n<p>b</p>", "a\nb"),
    ("loose text", "loose text"),
    ("", ""),
])
def test_plain_text_is_what_a_reader_sees(fragment: str, expected: str) -> None:
    assert plain_text(fragment) == expected


@pytest.mark.parametrize(("fragment", "original", "count"), [
    (REPORT, "noted", 1),
    ("<p>noted and noted</p><ul><li>noted</li></ul>", "noted", 3),
    (REPORT, "Noted", 0),
    (REPORT, "report. Savings", 1),
    (REPORT, "report.\u2029Savings", 1),
    (REPORT, "  The   PCC  ", 1),
    (REPORT, "the PCC", 0),
    ("<p>the “report”</p>", '"report"', 0),
    ("<p>the “report”</p>", "“report”", 1),
    ("<p>aaa</p>", "aa", 1),
    (REPORT, "", 0),
    (REPORT, " \n ", 0),
])
def test_locate_counts_matches(fragment: str, original: str, count: int) -> None:
    assert locate(fragment, original) == count


@pytest.mark.parametrize(("fragment", "original", "proposal", "expected"), [
    # plain paragraph
    ("<p>The PCC noted the report.</p>", "noted", "received",
     "<p>The PCC received the report.</p>"),
    # inside bold
    ("<p>The <strong>Police and Crime Commissioner</strong> noted.</p>",
     "Crime Commissioner", "Crime Panel",
     "<p>The <strong>Police and Crime Panel</strong> noted.</p>"),
    # across a bold boundary: the replacement is formatted as its first character
    ("<p>the <strong>PCC</strong> noted the report</p>", "PCC noted", "Panel agreed",
     "<p>the <strong>Panel agreed</strong> the report</p>"),
    ("<p>the <strong>PCC</strong> noted the report</p>", "the PCC", "The Commissioner",
     "<p>The Commissioner noted the report</p>"),
    ("<p>the <strong>PCC</strong> noted the report</p>", "the PC", "a",
     "<p>a<strong>C</strong> noted the report</p>"),
    ("<p><em>Cllr <u>Smith</u></em> sent apologies</p>", "Smith sent", "Jones gave",
     "<p><em>Cllr <u>Jones gave</u></em> apologies</p>"),
    # across two paragraphs: they become one
    (REPORT, "report.\nSavings", "update. Savings",
     "<p>The PCC noted the update. Savings were agreed.</p>"),
    ("<p>a <strong>b</strong></p><p><em>c</em> d</p>", "b c", "B\nC",
     "<p>a <strong>B<br>C</strong> d</p>"),
    # across list items, and in and out of nested lists
    ("<ul><li>Budget approved</li><li>Capital plan noted</li></ul>", "approved\nCapital",
     "and capital", "<ul><li>Budget and capital plan noted</li></ul>"),
    (SESSIONS, "sessions\nOne", "sessions and one",
     "<ul><li>Four sessions<ul><li>Five thematic sessions and one consolidation session"
     "</li></ul></li></ul>"),
    (SESSIONS, "Four sessions\nFive", "Four sessions, five",
     "<ul><li>Four sessions, five thematic sessions</li>"
     "<li>One consolidation session</li></ul>"),
    ("<ul><li>Item<ul><li>Sub</li></ul>tail</li></ul>", "Sub tail", "Sub and tail",
     "<ul><li>Item<ul><li>Sub and tail</li></ul></li></ul>"),
    ("<ul><li>Item<ul><li>Sub</li></ul>tail</li></ul>", "Item Sub", "Items",
     "<ul><li>Items<br>tail</li></ul>"),
    ("<ul><li>Item<ul><li>Sub</li></ul>tail</li></ul>", "Sub", "",
     "<ul><li>Item<br>tail</li></ul>"),
    ("<ol><li>one</li><li>two<ul><li>deep</li></ul></li></ol>", "one two", "one and two",
     "<ol><li>one and two<ul><li>deep</li></ul></li></ol>"),
    ("<p>Intro</p><ul><li>first<ul><li>sub</li></ul></li><li>second</li></ul>",
     "Intro first", "Intro, first",
     "<p>Intro, first</p><ul><li>sub</li></ul><ul><li>second</li></ul>"),
    ("<p>Findings:</p><ol><li>one</li><li>two</li></ol><p>Noted.</p>", "two Noted", "two",
     "<p>Findings:</p><ol><li>one</li><li>two.</li></ol>"),
    # line breaks, in the text and in the proposal
    ("<p>Chair: Cllr Smith<br>Clerk: J Bloggs</p>", "Smith\nClerk", "Smith; Clerk",
     "<p>Chair: Cllr Smith; Clerk: J Bloggs</p>"),
    ("<p>The PCC noted the report.</p>", "noted", "noted\nand agreed",
     "<p>The PCC noted<br>and agreed the report.</p>"),
    ("<p>The PCC noted the report.</p>", "noted", "noted\r\nand agreed",
     "<p>The PCC noted<br>and agreed the report.</p>"),
    # entities
    ("<p>Fish &amp; chips &lt;5&gt;</p>", "& chips <5>", "and chips < 6",
     "<p>Fish and chips &lt; 6</p>"),
    ("<p>R&amp;D budget</p>", "R&D", "Research & development",
     "<p>Research &amp; development budget</p>"),
    # whitespace differences between the selection and the stored text
    ("<p>The   PCC\n noted</p>", "The PCC noted", "The Panel noted", "<p>The Panel noted</p>"),
    ("<p>The PCC noted</p>", "PCC\u00a0 \tnoted ", "PCC recorded", "<p>The PCC recorded</p>"),
    ("<p>The PCC noted</p>", " noted\n", " recorded ", "<p>The PCC recorded</p>"),
    # an empty proposal deletes
    ("<ul><li>a</li><li>b</li><li>c</li></ul>", "b", "", "<ul><li>a</li><li>c</li></ul>"),
    ("<ul><li>a</li><li>b</li></ul>", "a\nb", "", ""),
    ("<p>the <strong>PCC</strong> noted</p>", "PCC", "", "<p>the  noted</p>"),
    ("<p>Keep</p><p><strong>Drop</strong></p>", "Drop", "", "<p>Keep</p>"),
    # the proposal stays text
    ("<p>x</p>", "x", "<script>alert(1)</script> & co",
     "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>"),
    ("<p>x</p>", "x", "a &amp; b", "<p>a &amp;amp; b</p>"),
])
def test_apply_suggestion(fragment: str, original: str, proposal: str, expected: str) -> None:
    assert apply_suggestion(fragment, original, proposal) == expected


def test_formatting_outside_the_match_is_kept_exactly() -> None:
    before = "<p><strong>Actions arising:</strong> report back via <em>AGG</em> in <u>two</u>"
    after = " months<br>DCC</p><ul><li><em>Budget</em> <u>noted</u></li></ul><p></p>"
    fragment = f"{before} months{after}"
    assert apply_suggestion(fragment, "months", "weeks") == f"{before} weeks{after}"


def test_second_occurrence() -> None:
    fragment = "<p>noted and <em>noted</em></p><ul><li>noted</li></ul>"
    assert apply_suggestion(fragment, "noted", "agreed", occurrence=1) == (
        "<p>noted and <em>agreed</em></p><ul><li>noted</li></ul>")
    assert apply_suggestion(fragment, "noted", "agreed", occurrence=2) == (
        "<p>noted and <em>noted</em></p><ul><li>agreed</li></ul>")


def test_matching_is_case_and_quote_sensitive() -> None:
    with pytest.raises(SuggestionConflict):
        apply_suggestion("<p>The PCC noted</p>", "the pcc", "x")
    with pytest.raises(SuggestionConflict):
        apply_suggestion("<p>the “report”</p>", '"report"', "x")


def test_text_not_found_is_a_conflict_with_a_message_for_the_clerk() -> None:
    with pytest.raises(SuggestionConflict) as raised:
        apply_suggestion(REPORT, "noted the   accounts", "x")
    assert str(raised.value) == (
        "The text the chair commented on has changed since: “noted the accounts”; "
        "apply the change by hand.")
    assert isinstance(raised.value, ValidationError)


def test_long_text_is_shortened_in_the_message() -> None:
    with pytest.raises(SuggestionConflict, match="“x{59}…”"):
        apply_suggestion(REPORT, "x" * 200, "y")


@pytest.mark.parametrize("occurrence", [1, 5, -1])
def test_occurrence_out_of_range_is_a_conflict(occurrence: int) -> None:
    with pytest.raises(SuggestionConflict) as raised:
        apply_suggestion(REPORT, "PCC", "Panel", occurrence=occurrence)
    assert str(raised.value) == (
        "The text the chair commented on, “PCC”, now appears only once, so the place they "
        "meant cannot be found; apply the change by hand.")


def test_an_empty_selection_is_a_conflict() -> None:
    with pytest.raises(SuggestionConflict, match="does not say which text"):
        apply_suggestion(REPORT, " \n", "x")


def test_unsanitised_input_comes_back_in_the_subset() -> None:
    assert apply_suggestion('<p class=x><b>PCC</b> noted<script>x</script></p>',
                            "noted", "agreed") == "<p><strong>PCC</strong> agreed</p>"


@pytest.mark.parametrize(("title", "original", "proposal", "occurrence", "expected"), [
    ("Finance report", "report", "update", 0, "Finance update"),
    ("Finance  report", "Finance report", "Budget report", 0, "Budget report"),
    ("Report on the report", "report", "paper", 0, "Report on the paper"),
    ("Report on report and report", "report", "paper", 1, "Report on report and paper"),
    ("Finance report", "report", "line one\nline two", 0, "Finance line one line two"),
    ("Finance report", "Finance ", "", 0, "report"),
    ("Finance report", "report", "", 0, "Finance"),
    ("Finance and budget report", "and budget", "", 0, "Finance report"),
    ("Finance report", "Finance report", "", 0, ""),
    ("R&D <update>", "<update>", "<b>", 0, "R&D <b>"),
])
def test_apply_to_plain(title: str, original: str, proposal: str, occurrence: int,
                        expected: str) -> None:
    assert apply_to_plain(title, original, proposal, occurrence) == expected


def test_apply_to_plain_conflicts() -> None:
    with pytest.raises(SuggestionConflict, match="has changed since: “Budget”"):
        apply_to_plain("Finance report", "Budget", "x")
    with pytest.raises(SuggestionConflict, match="now appears only once"):
        apply_to_plain("Finance report", "report", "x", occurrence=1)


# --- properties ---------------------------------------------------------------------------

_WORD = st.text(alphabet="abcXY&<>\"'£“”", min_size=1, max_size=6).map(
    lambda word: html.escape(word, quote=False))
_INLINE = st.recursive(
    st.one_of(_WORD, st.sampled_from([" ", "<br>", "  \n"])),
    lambda inner: st.tuples(st.sampled_from(["strong", "em", "u"]),
                            st.lists(inner, min_size=1, max_size=3)).map(
        lambda pair: f"<{pair[0]}>{''.join(pair[1])}</{pair[0]}>"),
    max_leaves=6)
_RUN = st.lists(_INLINE, max_size=5).map("".join)
_LIST = st.recursive(
    st.tuples(st.sampled_from(["ul", "ol"]), st.lists(_RUN, min_size=1, max_size=3)).map(
        lambda pair: f"<{pair[0]}>{''.join(f'<li>{run}</li>' for run in pair[1])}</{pair[0]}>"),
    lambda inner: st.tuples(st.sampled_from(["ul", "ol"]),
                            st.lists(st.tuples(_RUN, st.one_of(st.just(""), inner), _RUN),
                                     min_size=1, max_size=3)).map(
        lambda pair: f"<{pair[0]}>"
                     + "".join(f"<li>{a}{b}{c}</li>" for a, b, c in pair[1])
                     + f"</{pair[0]}>"),
    max_leaves=4)
_STRUCTURED = st.lists(st.one_of(_RUN.map(lambda run: f"<p>{run}</p>"), _LIST),
                       min_size=1, max_size=4).map("".join)
# Any nesting the sanitiser lets through (emphasis around blocks, text in lists...).
_MESSY = st.lists(st.one_of(
    st.sampled_from(["<p>", "</p>", "<b>", "</b>", "<i>", "</i>", "<u>", "</u>", "<ul>",
                     "</ul>", "<ol>", "</ol>", "<li>", "</li>", "<br>", "&amp;", "&lt;"]),
    st.text(alphabet="ab  \n\t", max_size=5)), max_size=25).map("".join)
_STORED = st.one_of(_STRUCTURED, _MESSY).map(sanitise_html)
_PROPOSAL = st.text(alphabet="abZ &<>\"'\n", max_size=12)
_SETTINGS = settings(max_examples=300, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _normal(text: str) -> str:
    return " ".join(text.split())


@st.composite
def _suggestion(draw: st.DrawFn) -> tuple[str, str]:
    """Stored minutes and a selection of them, as the chair would make it."""
    stored = draw(_STORED)
    shown = plain_text(stored)
    start = draw(st.integers(0, len(shown)))
    end = draw(st.integers(start, len(shown)))
    original = shown[start:end]
    assume(original.strip())
    return stored, original


@_SETTINGS
@given(_suggestion())
def test_any_selection_of_the_shown_text_is_found(case: tuple[str, str]) -> None:
    stored, original = case
    assert locate(stored, original) >= 1


@_SETTINGS
@given(_suggestion())
def test_replacing_a_selection_by_itself_keeps_the_text(case: tuple[str, str]) -> None:
    stored, original = case
    result = apply_suggestion(stored, original, original)
    assert _normal(plain_text(result)) == _normal(plain_text(stored))
    assert sanitise_html(result) == result


@_SETTINGS
@given(_suggestion(), _PROPOSAL, st.integers(0, 3))
def test_the_proposal_is_in_the_result(case: tuple[str, str], proposal: str,
                                       occurrence: int) -> None:
    stored, original = case
    assume(occurrence < locate(stored, original))
    result = apply_suggestion(stored, original, proposal, occurrence)
    assert _normal(proposal) in _normal(plain_text(result))
    assert sanitise_html(result) == result
    assert locate(result, proposal) >= 1 or not proposal.strip()


@_SETTINGS
@given(st.text(alphabet="ab c\n", max_size=20), st.data())
def test_plain_replacement_matches_locate(title: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(title)))
    original = title[start:data.draw(st.integers(start, len(title)))]
    assume(original.strip())
    assert apply_to_plain(title, original, original) == (
        apply_to_plain(title, original, original.strip()))
    assert _normal(apply_to_plain(title, original, "Z")).count("Z") == 1
