"""Pasting from Word, Google Docs, LibreOffice and web pages into the stored subset."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minute_taker.domain.paste import clean_pasted_html
from minute_taker.domain.richtext import html_to_plain_text, sanitise_html

_GLYPH = ("<![if !supportLists]><span style='font-family:Symbol;mso-fareast-font-family:Symbol'>"
          "{}<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>"
          "</span><![endif]>")

WORD = f"""<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta charset=utf-8>
<style><!-- p.MsoNormal {{font-family:"Calibri",sans-serif;}} --></style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->
</head><body lang=EN-GB style='tab-interval:36.0pt'>
<!--StartFragment-->
<p class=MsoNormal><b><span
style='font-family:"Calibri",sans-serif;color:#1F3864'>Item 4:</span></b>
<span style='font-family:"Calibri",sans-serif;color:#1F3864'> Finance
report<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>
{_GLYPH.format("·")}<span style='font-family:"Calibri",sans-serif;color:red'>Budget </span><i><span
style='font-family:"Calibri",sans-serif;color:red'>approved</span></i><o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-add-space:auto;
text-indent:-18.0pt;mso-list:l0 level2 lfo1'>{_GLYPH.format("o")}<span
style='font-family:"Calibri",sans-serif'>Capital&nbsp;plan<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>
{_GLYPH.format("·")}<b><span style='font-family:"Calibri",sans-serif'>Reserves</span></b>
<span style='font-family:"Calibri",sans-serif'>noted<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'>
<!--[if !supportLists]--><span style='font-family:"Calibri",sans-serif'><span
style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;
</span></span></span><!--[endif]--><span style='font-size:12.0pt;color:#2F5496'>Receive the
report</span></p>
<p class=MsoListParagraphCxSpMiddle style='text-indent:-18.0pt;mso-list:l1 level2 lfo2'>
<!--[if !supportLists]--><span style='mso-list:Ignore'>a)<span style='font:7.0pt
"Times New Roman"'>&nbsp;&nbsp; </span></span><!--[endif]--><b><i>Note</i></b> the risks</p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'>
<!--[if !supportLists]--><span style='mso-list:Ignore'>2.<span style='font:7.0pt
"Times New Roman"'>&nbsp;&nbsp; </span></span><!--[endif]-->Agree<u>&nbsp;the</u> budget<br
style='mso-special-character:line-break'><![if !supportLineBreakNewLine]><br
style='mso-special-character:line-break'><![endif]></p>
<p class=MsoNormal>Chair<span style='mso-spacerun:yes'>&nbsp;&nbsp; </span>closed</p>
<!--EndFragment--></body></html>"""

GOOGLE = """<meta charset="utf-8"><b style="font-weight:normal;"
id="docs-internal-guid-1a2b3c4d-7fff-1234-abcd-0123456789ab"><p dir="ltr"
style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;
font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:700;
font-style:normal;text-decoration:none;vertical-align:baseline;white-space:pre;
white-space:pre-wrap;">Apologies</span><span style="font-size:11pt;font-family:Arial,sans-serif;
color:#000000;font-weight:400;font-style:italic;white-space:pre-wrap;"> were received from
</span><span style="font-weight:400;text-decoration:underline;">Cllr Smith</span></p><br><ul
style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="ltr"
style="list-style-type:disc;font-size:11pt;font-weight:400;" aria-level="1"><p dir="ltr"
style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;" role="presentation"><span
style="font-size:11pt;font-weight:400;">Policing plan</span></p></li><ul
style="margin-top:0;margin-bottom:0;padding-inline-start:48px;"><li dir="ltr"
style="list-style-type:circle;font-size:11pt;" aria-level="2"><p dir="ltr"
role="presentation"><span style="font-weight:400;">Rural crime</span></p></li></ul><li
dir="ltr" style="list-style-type:disc;" aria-level="1"><p dir="ltr" role="presentation"><span
style="font-weight:400;">Budget</span></p></li></ul><br><h2 dir="ltr"><span
style="font-size:16pt;font-weight:400;">Next meeting</span></h2></b>"""

LIBREOFFICE = """<!DOCTYPE html><html><head><meta http-equiv="content-type"
content="text/html; charset=utf-8"/><title></title><meta name="generator"
content="LibreOffice 7.6.4.1 (Linux)"/><style type="text/css">
p { margin-bottom: 0.25cm; line-height: 115%; background: transparent }
</style></head><body lang="en-GB" link="#000080" vlink="#800000" dir="ltr">
<p style="margin-bottom: 0cm; line-height: 100%"><font
face="Liberation Serif, serif"><b>Present:</b>
the Chair</font></p>
<ol>
	<li><p style="margin-bottom: 0cm; line-height: 100%"><font color="#c9211e">Minutes
	<i>agreed</i></font></p></li>
	<li><p style="margin-bottom: 0cm; line-height: 100%">Matters arising</p>
	<ul>
		<li><p style="margin-bottom: 0cm; line-height: 100%"><u>Parking</u></p></li>
		<li><p style="margin-bottom: 0cm; line-height: 100%"><br/>

		</p></li>
	</ul>
	<li><p style="margin-bottom: 0cm; line-height: 100%">Line one</p>
	<p style="margin-bottom: 0cm; line-height: 100%">line two</p></li>
</ol>
<p style="margin-bottom: 0cm; line-height: 100%"><br/>

</p>
</body></html>"""

WEB = """<!DOCTYPE html><html><head><title>Council</title><style>body { color: red }</style>
<script>var x = "<p>evil</p>";</script></head><body><h1 class="title">Agenda</h1>
<!-- navigation --><p class="lead">See the <a href="https://example.org/papers"
style="color:blue">published papers</a> &amp; <img src="logo.png" alt="logo">notes.</p>
<table><tr><th>Item</th><td>Budget</td></tr></table><script>alert(1)</script>
<div>Contact   us<br>
  today</div><ul><li>One<li>Two</ul></body></html>"""


def test_word_lists_emphasis_and_noise() -> None:
    assert clean_pasted_html(WORD) == (
        "<p><strong>Item 4:</strong> Finance report</p>"
        "<ul><li>Budget <em>approved</em><ul><li>Capital plan</li></ul></li>"
        "<li><strong>Reserves</strong> noted</li></ul>"
        "<ol><li>Receive the report<ol><li><strong><em>Note</em></strong> the risks</li></ol></li>"
        "<li>Agree<u> the</u> budget</li></ol>"
        "<p>Chair closed</p>")


def test_google_docs_wrapper_is_not_bold_and_sibling_lists_nest() -> None:
    assert clean_pasted_html(GOOGLE) == (
        "<p><strong>Apologies</strong><em> were received from </em><u>Cllr Smith</u></p>"
        "<ul><li>Policing plan<ul><li>Rural crime</li></ul></li><li>Budget</li></ul>"
        "<p><strong>Next meeting</strong></p>")


def test_libreoffice_lists_have_no_empty_paragraphs_or_breaks() -> None:
    assert clean_pasted_html(LIBREOFFICE) == (
        "<p><strong>Present:</strong> the Chair</p>"
        "<ol><li>Minutes <em>agreed</em></li>"
        "<li>Matters arising<ul><li><u>Parking</u></li></ul></li>"
        "<li>Line one<br>line two</li></ol>")


def test_web_page_drops_script_style_link_and_image() -> None:
    assert clean_pasted_html(WEB) == (
        "<p><strong>Agenda</strong></p><p>See the published papers &amp; notes.</p>"
        "<p>Item</p><p>Budget</p><p>Contact us<br>today</p>"
        "<ul><li>One</li><li>Two</li></ul>")


@pytest.mark.parametrize(("fragment", "expected"), [
    # A Word list interrupted by an ordinary paragraph, then a different list (lfo).
    ("<p style='mso-list:l0 level1 lfo1'><![if !supportLists]>1.<![endif]>A</p>"
     "<p>Between</p>"
     "<p style='mso-list:l0 level1 lfo1'><![if !supportLists]>2.<![endif]>B</p>"
     "<p style='mso-list:l2 level1 lfo3'><![if !supportLists]>§<![endif]>C</p>",
     "<ol><li>A</li></ol><p>Between</p><ol><li>B</li></ol><ul><li>C</li></ul>"),
    # Levels that jump nest one step; a list paragraph starting at level 2 is level 1.
    ("<p style='mso-list:l0 level2 lfo1'><![if !supportLists]>-<![endif]>A</p>"
     "<p style='mso-list:l0 level4 lfo1'><![if !supportLists]>•<![endif]>B</p>"
     "<p style='mso-list:l0 level4 lfo1'><![if !supportLists]>•<![endif]>C</p>",
     "<ul><li>A<ul><li>B</li><li>C</li></ul></li></ul>"),
    ("<p style='mso-list:l0 level1 lfo1'><![if !supportLists]>(iv)<![endif]>Roman</p>"
     "<p style='mso-list:l0 level1 lfo1'><![if !supportLists]>1.2<![endif]>Outline</p>",
     "<ol><li>Roman</li><li>Outline</li></ol>"),
    ("<p><span style='font-weight:bold'>B</span><span style='font-style:oblique'>I</span>"
     "<strong style='font-weight:normal'>plain</strong><span style='font-weight:600'>"
     "<u style='text-decoration:none'>BU</u></span></p>",
     "<p><strong>B</strong><em>I</em>plain<strong><u>BU</u></strong></p>"),
    ("<b>one</b> <b>two</b> <u>three</u> four",
     "<p><strong>one two</strong> <u>three</u> four</p>"),
    ("<ul><li>Item<ul><li>Sub</li></ul>tail</li></ul>",
     "<ul><li>Item<ul><li>Sub</li></ul>tail</li></ul>"),
    ("<ol><li></li><li>  <br> </li><li>Real</li></ol><p> </p><div><p></p></div>",
     "<ol><li>Real</li></ol>"),
    ("<p>a &lt;b&gt; &amp; c</p><![CDATA[x]]><!doctype nonsense", "<p>a &lt;b&gt; &amp; c</p>"),
    ("<p>Text<![if !supportAnnotations]><a class=msocomanchor>[JS1]</a><![endif]></p>"
     "<div style='mso-element:comment-list'><div style='mso-element:comment'>"
     "<p>Reviewer's note</p></div></div>",
     "<p>Text</p>"),
])
def test_cases(fragment: str, expected: str) -> None:
    assert clean_pasted_html(fragment) == expected


_HTMLISH = st.lists(
    st.sampled_from(list("ab <>/!-[]&;=\"' \n\xa0")
                             + ["<p>", "</p>", "<b>", "</b>", "<ul>", "<li>", "</li>", "</ul>",
                                "<ol>", "<br>", "<![if !supportLists]>", "<![endif]>",
                                "<!--[if !supportLists]-->", "<!--[endif]-->", "<![", "<!",
                                "<p style='mso-list:l0 level2 lfo1'>", "<script>", "<style>",
                                "<span style='font-weight:700'>", "</span>", "<h1>", "&nbsp;",
                                "<td>", "<o:p>"]),
    max_size=60).map("".join)


@settings(max_examples=400)
@given(st.one_of(st.text(max_size=80), _HTMLISH))
def test_never_raises_and_output_is_a_fixed_point(fragment: str) -> None:
    cleaned = clean_pasted_html(fragment)
    assert sanitise_html(cleaned) == cleaned


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(blacklist_characters="<&",
                                      blacklist_categories=("Cs",)), max_size=80))
def test_plain_text_survives(text: str) -> None:
    def words(value: str) -> str:
        return "".join(ch for ch in "".join(value.split())
                       if ord(ch) >= 32 and ch != "\x7f")

    assert words(html_to_plain_text(clean_pasted_html(text))) == words(text)
