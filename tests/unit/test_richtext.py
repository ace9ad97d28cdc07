"""The stored rich-text subset: what the sanitiser keeps, drops, closes, and never emits."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minute_taker.domain.richtext import (
    ALLOWED,
    already_clean,
    html_to_plain_text,
    parse_and_sanitise,
    plain_text_to_html,
    sanitise_html,
)

RESOLVED = "RESOLVED that the Panel notes the Commissioner's update."


@pytest.mark.parametrize("fragment", [
    f"<p>{RESOLVED}</p>",
    "<p>The PCC and the Deputy PCC highlighted:</p><ul><li>Perpetrator Programme</li>"
    "<li>Missing Persons</li></ul>",
    "<p>Findings:</p><ol><li>one</li><li>two</li></ol>",
    "<p><strong>Actions arising:</strong> report back via <em>AGG</em> in <u>two</u> months"
    "<br>DCC</p>",
])
def test_allowed_markup_is_kept_exactly(fragment: str) -> None:
    assert sanitise_html(fragment) == fragment


def test_nested_lists_are_kept() -> None:
    fragment = ("<ul><li>Four performance sessions<ul><li>Five thematic sessions"
                "<ol><li>Two public sessions</li></ol></li></ul></li>"
                "<li>One consolidation session</li></ul>")
    assert sanitise_html(fragment) == fragment


@pytest.mark.parametrize(("fragment", "expected"), [
    ("<b>bold</b>", "<strong>bold</strong>"),
    ("<i>italic</i>", "<em>italic</em>"),
    ("<B>Bold</B> and <I>Italic</I>", "<strong>Bold</strong> and <em>Italic</em>"),
    ("<div>Block</div>", "<p>Block</p>"),
    ("<P>Upper</P><BR>", "<p>Upper</p><br>"),
])
def test_aliases_and_upper_case_tags(fragment: str, expected: str) -> None:
    assert sanitise_html(fragment) == expected


@pytest.mark.parametrize(("fragment", "expected"), [
    ("<p>Before<script>alert('x')</script>after</p>", "<p>Beforeafter</p>"),
    ("<style>p { color: red }</style><p>Text</p>", "<p>Text</p>"),
    ("<SCRIPT type='text/javascript'>document.cookie</SCRIPT>kept", "kept"),
    ("<html><head><title>Doc1</title><meta charset=utf-8></head>"
     "<body><p>Body</p></body></html>", "<p>Body</p>"),
    ("<noscript>Enable JS</noscript>Minutes", "Minutes"),
    ("<template><p>hidden</p></template>shown", "shown"),
    ("<p>Open<script>never closed", "<p>Open</p>"),
])
def test_script_style_and_head_content_is_dropped(fragment: str, expected: str) -> None:
    assert sanitise_html(fragment) == expected


@pytest.mark.parametrize(("fragment", "expected"), [
    ('<p style="color:red" class="MsoNormal" id="x">Text</p>', "<p>Text</p>"),
    ('<p onclick="evil()" onmouseover="evil()">Click</p>', "<p>Click</p>"),
    ('<a href="https://example.org/report.pdf">the report</a>', "the report"),
    ('<a href="javascript:alert(1)">link</a>', "link"),
    ("<img src=x onerror=alert(1)>caption", "caption"),
    ('<ul style="list-style-type: none"><li>• one</li></ul>', "<ul><li>• one</li></ul>"),
    ('<strong style="x" onload="y">S</strong>', "<strong>S</strong>"),
    ("<span lang=EN-GB>Span</span><font face=Arial>Font</font>", "SpanFont"),
    ("<iframe src=//evil></iframe>Frame", "Frame"),
    ("<!-- a comment --><p>x</p><?php echo 1 ?>", "<p>x</p>"),
    ("<![if !supportLists]>·<![endif]>Item", "·Item"),
    ("<o:p>Word</o:p>", "Word"),
])
def test_attributes_links_and_unknown_tags_are_dropped_text_kept(fragment: str,
                                                                  expected: str) -> None:
    assert sanitise_html(fragment) == expected


@pytest.mark.parametrize(("fragment", "expected"), [
    ("<table><tr><th>Item</th><th>Owner</th></tr><tr><td>1.1</td><td>DCC</td></tr></table>",
     "<p>Item</p><p>Owner</p><p>1.1</p><p>DCC</p>"),
    ("<h1>OUTSTANDING MATTERS</h1><h2>Findings</h2>",
     "<p>OUTSTANDING MATTERS</p><p>Findings</p>"),
    ("<blockquote>Quoted</blockquote>", "<p>Quoted</p>"),
])
def test_other_blocks_become_paragraphs_so_words_stay_apart(fragment: str,
                                                            expected: str) -> None:
    assert sanitise_html(fragment) == expected


@pytest.mark.parametrize(("fragment", "expected"), [
    ("<p>open", "<p>open</p>"),
    ("<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>"),
    ("<ul><li>a", "<ul><li>a</li></ul>"),
    ("<p>One<p>Two", "<p>One</p><p>Two</p>"),
    ("<strong><em>x</strong>y</em>", "<strong><em>x</em></strong>y"),
    ("</p>stray</em></li>", "stray"),
    ("<p>a<br/>b</p><p/>", "<p>a<br>b</p><p></p>"),
    ("a</br>b", "ab"),
])
def test_unbalanced_markup_is_closed(fragment: str, expected: str) -> None:
    assert sanitise_html(fragment) == expected


def test_control_characters_are_dropped_but_tab_and_newline_kept() -> None:
    assert sanitise_html("a\x00b\x07c\x0bd\x1be\x7ff\tg\nh\ri") == "abcdef\tg\nhi"


def test_character_references_to_control_characters_are_dropped() -> None:
    assert sanitise_html("x&#1;y&#x1b;z") == "xyz"


@pytest.mark.parametrize(("fragment", "expected"), [
    ("Fish & chips < 5 > 4", "Fish &amp; chips &lt; 5 &gt; 4"),
    ("<p>a&amp;b &lt;c&gt;</p>", "<p>a&amp;b &lt;c&gt;</p>"),
    ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("£1m &pound;1m", "£1m £1m"),
    ("\"quoted\" 'single'", "\"quoted\" 'single'"),
    ("a < b", "a &lt; b"),
    ("ends with <", "ends with &lt;"),
])
def test_text_is_escaped_not_interpreted(fragment: str, expected: str) -> None:
    assert sanitise_html(fragment) == expected


def test_empty_input() -> None:
    assert sanitise_html("") == ""


def test_plain_text_extraction_one_block_a_line() -> None:
    fragment = ("<p>The Commissioner provided a verbal update.</p>"
                "<ul><li>savings   required</li><li>£1m for <strong>victims</strong>"
                "<ul><li>nested</li></ul></li></ul><p>Line<br>break</p>")
    assert html_to_plain_text(fragment) == (
        "The Commissioner provided a verbal update.\nsavings required\n"
        "£1m for victims\nnested\nLine\nbreak")


def test_plain_text_extraction_unescapes_and_skips_empty_blocks() -> None:
    assert html_to_plain_text("<p>a &amp; b &lt;c&gt;</p><p>  </p><p></p>") == "a & b <c>"
    assert html_to_plain_text("") == ""


def test_plain_text_to_html_makes_one_paragraph_a_line() -> None:
    assert plain_text_to_html("line one\n\nline <two> & \x01three\n   ") == (
        "<p>line one</p><p>line &lt;two&gt; &amp; three</p>")


def test_plain_text_round_trip() -> None:
    text = "RESOLVED that the report be noted.\nAction: DCC & ACC <by March>"
    assert html_to_plain_text(plain_text_to_html(text)) == text


# --- properties ---------------------------------------------------------------------------

class _TagAudit(HTMLParser):
    """Everything markup-like in a sanitised fragment, as a browser would read it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.other: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.other.append(f"self-closing {tag}")

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.other.append(f"comment {data}")

    def handle_decl(self, decl: str) -> None:
        self.other.append(f"declaration {decl}")

    def unknown_decl(self, data: str) -> None:
        self.other.append(f"unknown declaration {data}")

    def handle_pi(self, data: str) -> None:
        self.other.append(f"processing instruction {data}")


_ALLOWED_TAG = re.compile(f"</?(?:{'|'.join(sorted(ALLOWED))})>")
_MARKUP = st.sampled_from([
    "<p>", "</p>", "<p/>", "<br>", "<br/>", "</br>", "<b>", "</b>", "<i>", "</i>", "<u>",
    "</u>", "<strong>", "</strong>", "<em>", "</em>", "<ul>", "</ul>", "<ol>", "</ol>",
    "<li>", "</li>", "<div class=MsoNormal>", "</div>", "<script>", "</script>", "<style>",
    "</style>", "<title>", "</title>", "<head>", "</head>", "<a href='javascript:x'>", "</a>",
    '<span style="font-weight:bold" onclick="x()">', "</span>", "<img src=x onerror=y>",
    "<table>", "<tr>", "<td>", "</td>", "<h1>", "</h1>", "<!-- c -->", "<!--", "-->",
    "<!DOCTYPE html>", "<![CDATA[x]]>", "<![if !supportLists]>", "<![endif]>", "<?xml ?>",
    "<", ">", "</", "/>", "&", "&amp;", "&lt;", "&gt;", "&#60;", "&#x3c;script&#x3e;", "&#1;",
    "&#0;", "&nbsp;", "&bogus;", '"', "'", "=", "\x00", "\x07", "\x1b", "\x7f", "\r", "\n",
    "\t", "<P>", "<SCRIPT>", "<p onmouseover=alert(1)>", "<ul/>", "<li/>", "<<p>>",
])
_FRAGMENTS = st.lists(st.one_of(_MARKUP, st.text(max_size=8)), max_size=30).map("".join)
_ANY = st.one_of(_FRAGMENTS, st.text())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ANY)
def test_sanitise_never_raises_and_is_idempotent(fragment: str) -> None:
    once = sanitise_html(fragment)
    assert sanitise_html(once) == once


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ANY)
def test_sanitised_output_holds_only_allowed_tags_without_attributes(fragment: str) -> None:
    clean = sanitise_html(fragment)
    audit = _TagAudit()
    audit.feed(clean)
    audit.close()
    assert set(audit.tags) <= ALLOWED
    assert audit.attributes == []
    assert audit.other == []
    # Byte-level too: every '<' opens one of the bare allowed tags, nothing else.
    assert "<" not in _ALLOWED_TAG.sub("", clean)
    for ch in "".join(audit.text):
        assert ch in "\t\n" or (ord(ch) >= 32 and ch != "\x7f"), repr(ch)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz£1", min_size=1,
                              max_size=8), min_size=1, max_size=12),
       wrappers=st.lists(st.sampled_from([
           ("<p>", "</p>"), ("<b>", "</b>"), ("<span class=x>", "</span>"), ("<li>", "</li>"),
           ("<a href=x>", "</a>"), ("<div>", "</div>"), ("<td>", "</td>"), ("", ""),
           ("<ul><li>", "</li></ul>"), ("<font face=Arial>", "</font>"),
       ]), min_size=12, max_size=12))
def test_words_outside_dropped_elements_are_always_kept(
        words: list[str], wrappers: list[tuple[str, str]]) -> None:
    fragment = " ".join(f"{opening}{word}{closing}"
                        for word, (opening, closing) in zip(words, wrappers, strict=False))
    assert html_to_plain_text(sanitise_html(fragment)).split() == words


def test_nested_wrappers_do_not_leave_empty_paragraphs() -> None:
    assert sanitise_html("<div><p>x</p></div>") == "<p>x</p>"
    assert sanitise_html("<div><div><p>x</p></div></div><p>y</p>") == "<p>x</p><p>y</p>"
    assert sanitise_html("<p>a<p>b") == "<p>a</p><p>b</p>"


@pytest.mark.parametrize("fragment", ["<![foo[x]]>", "<![ if", "<!DOCTYPE html><p>x</p>",
                                      "<![CDATA[a]]>b", "a <!x"])
def test_malformed_declarations_never_crash(fragment: str) -> None:
    clean = sanitise_html(fragment)
    assert sanitise_html(clean) == clean
    assert "<!" not in clean


def test_a_declaration_html_parser_rejects_is_kept_as_text() -> None:
    assert sanitise_html("<p>a <![foo[x]]> b</p>") == "<p>a &lt;![foo[x]]&gt; b</p>"


# --- recognising the subset without parsing it (issue 18: the autosave's cost) ---------

_PIECES = ["<p>", "</p>", "<strong>", "</strong>", "<em>", "</em>", "<u>", "</u>", "<ul>",
           "</ul>", "<ol>", "</ol>", "<li>", "</li>", "<br>", "</br>", "<br/>", "<a>", "</a>",
           '<a href="decision:0f5e2c1a-7b7d">', '<a href="decision:x y">', "<P>", "<b>",
           "<script>", "</script>", "&amp;", "&lt;", "&gt;", "&", "&#39;", "&nbsp;", "<",
           ">", "\x07", "\r", "\n", " ", "DCC", "é", "£", '"', "'", "<!-- x -->", "<![if x]>"]


@settings(max_examples=600)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_what_is_taken_as_clean_is_what_the_sanitiser_would_write(pieces: list[str]) -> None:
    fragment = "".join(pieces)
    if already_clean(fragment):
        assert parse_and_sanitise(fragment) == fragment


@given(st.text(max_size=200))
def test_anything_sanitised_is_recognised_as_clean_or_sanitised_the_same(text: str) -> None:
    once = parse_and_sanitise(text)
    assert sanitise_html(once) == once


def test_the_editors_own_writing_is_recognised_without_parsing() -> None:
    written = ('<p>The <strong>DCC</strong> &amp; the ACC <a href="decision:0f5e2c1a-7b7d">'
               "agreed <em>that</em></a>.</p><ul><li>one<ul><li>two</li></ul></li>"
               "<li>three<br>four</li></ul><p></p>")
    assert already_clean(written)
    assert parse_and_sanitise(written) == written
    for unclean in ("<p><p>x</p></p>", "<li>a<li>b</li></li>", "<p>x", "x</p>", "<b>x</b>",
                    "a &nbsp; b", "a > b", "<p>\x07</p>", '<a href="http://x">y</a>'):
        assert not already_clean(unclean), unclean


def _element(tag: str, children: list[str]) -> str:
    opening = '<a href="decision:ab-12">' if tag == "mark" else f"<{tag}>"
    return f"{opening}{''.join(children)}</{'a' if tag == 'mark' else tag}>"


_NESTED = st.recursive(
    st.sampled_from(["DCC", " ", "&amp;", "&lt;", "x&gt;y", "é", "\n", "<br>", ""]),
    lambda inner: st.builds(_element, st.sampled_from(
        ["p", "strong", "em", "u", "ul", "ol", "li", "mark"]), st.lists(inner, max_size=4)),
    max_leaves=25)


@settings(max_examples=600)
@given(st.lists(_NESTED, max_size=4))
def test_well_nested_fragments_taken_as_clean_are_what_the_sanitiser_writes(
        parts: list[str]) -> None:
    """Nested any way the subset's tags can be, including the ways the sanitiser
    rewrites (a paragraph in a paragraph, a list item straight in another, a mark in a
    mark): whatever is taken as clean, the sanitiser leaves exactly as it is."""
    fragment = "".join(parts)
    if already_clean(fragment):
        assert parse_and_sanitise(fragment) == fragment
    else:
        assert sanitise_html(fragment) == parse_and_sanitise(fragment)
