"""What a Word export may and must say: public and full versions, typed text, lists, wording.

The public version is what a council publishes: an item taken in private keeps only
its number, title and the house's "considered in private" line. The full version
is marked NOT FOR PUBLICATION on every page. Whatever anyone typed stays text.
The last tests hold the Word file to the HTML page's words, in the same order.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx.oxml.ns import qn
from docx_reading import (
    body_text,
    find,
    header_paragraphs,
    header_text,
    item_cell,
    open_docx,
    paragraphs,
    rows,
    text_of,
)

from minute_taker.export.content import NOT_FOR_PUBLICATION, visible_text
from minute_taker.export.docx.styles import style_numbering
from minute_taker.export.docx.writer import docx_bytes
from minute_taker.export.layout import render_minutes
from minute_taker.export.styles import HouseStyle

SECRET_WORDS = "brief oral update on forthcoming HMICFRS inspection activity"


def _secret_item(document: dict[str, Any]) -> dict[str, Any]:
    """Item 5.3, given a sub-item, an action and a declaration of its own."""
    item: dict[str, Any] = document["items"][4]["children"][2]
    assert item["confidential"] and item["number"] == "5.3"
    item["children"] = [{
        "uid": "secret-child", "number": "5.3.1", "title": "Secret sub-item",
        "description": "", "presenter": None, "minutes_html": "<p>Secret child words</p>",
        "confidential": False, "started_at": None, "ended_at": None, "planned_minutes": None,
        "decisions": [], "documents": [], "children": []}]
    document["actions"].append({
        "uid": "secret-action", "item": item["uid"], "text": "Secret action text",
        "owners": [], "owner_text": "SO", "due_date": None, "due_text": None,
        "status": "open", "update": None})
    document["declarations"].append({
        "person": document["people"][0]["uid"], "item": item["uid"],
        "interest": "Secret interest", "nature": None})
    return item


@pytest.mark.parametrize("house_name", ["narrative", "notes"])
def test_public_version_keeps_number_title_and_private_line_only(
        write: Any, demo: dict[str, Any], house_name: str, request: pytest.FixtureRequest) -> None:
    house: HouseStyle = request.getfixturevalue(house_name)
    _secret_item(demo)
    word = write(demo, house, public=True)
    text = body_text(word)
    for secret in (SECRET_WORDS, "Secret sub-item", "Secret child words", "Secret action text",
                   "Secret interest", "CONFIDENTIAL", "NOT FOR PUBLICATION"):
        assert secret not in text
    assert "NOT FOR PUBLICATION" not in header_text(word)
    title = "HMIC inspection programme / matters arising from the Service Improvement Board (SIB)"
    private = house.heading("private_item")
    if house.layout == "narrative":
        heading = find(word, "5.3\t")
        assert (heading.style, heading.text) == ("Heading 2", f"5.3\t{title}")
        after = paragraphs(word)[paragraphs(word).index(heading) + 1]
    else:
        number, cell, owners = item_cell(word, "5.3")
        cell_paragraphs = paragraphs(word, cell)
        assert (cell_paragraphs[0].style, cell_paragraphs[0].text) == ("Item Heading", title)
        after = cell_paragraphs[1]
        assert [text_of(p) for p in owners.iter(qn("w:p"))] == [""]
    assert after.text == private
    assert after.runs() == [(private, False)]


@pytest.mark.parametrize("house_name", ["narrative", "notes"])
def test_full_version_is_marked_not_for_publication_and_labels_confidential_items(
        write: Any, demo: dict[str, Any], house_name: str, request: pytest.FixtureRequest) -> None:
    house: HouseStyle = request.getfixturevalue(house_name)
    _secret_item(demo)
    demo["meeting"]["status"] = "approved"
    word = write(demo, house, public=False)
    assert [p.text for p in header_paragraphs(word) if p.style == "Notice"] == [
        "NOT FOR PUBLICATION"]
    assert find(word, NOT_FOR_PUBLICATION).style == "Notice"
    text = body_text(word)
    for words in (SECRET_WORDS, "Secret child words", "Secret action text", "Secret interest"):
        assert words in text
    heading = find(word, "5.3\t" if house.layout == "narrative" else "HMIC inspection")
    assert heading.runs()[-1] == ("CONFIDENTIAL", True)
    child = find(word, "5.3.1\t" if house.layout == "narrative" else "Secret sub-item")
    assert child.runs()[-1] == ("CONFIDENTIAL", True)


def test_nothing_confidential_means_no_marking(write: Any, approved: dict[str, Any],
                                               narrative: HouseStyle) -> None:
    approved["items"][4]["children"][2]["confidential"] = False
    word = write(approved, narrative, public=False)
    assert header_text(word) == "Monthly Assurance Meeting\t31 October 2017"
    assert "NOT FOR PUBLICATION" not in body_text(word)
    assert "CONFIDENTIAL" not in body_text(word)


def test_typed_markup_comes_out_as_literal_text(
        write: Any, demo: dict[str, Any], narrative: HouseStyle, tmp_path: Path) -> None:
    item = demo["items"][2]
    item["minutes_html"] = ("<p>&lt;script&gt;alert('x')&lt;/script&gt; { PAGE } "
                            "&lt;w:fldSimple w:instr=\"DATE\"/&gt; &amp;amp;</p>"
                            "<script>evil()</script><style>p {}</style>")
    item["title"] = "<b>Bold?</b> \x00\x1b\x0bcontrol"
    item["description"] = "Line one\nline <two>"
    path = tmp_path / "typed.docx"
    path.write_bytes(docx_bytes(demo, house=narrative, public=False))
    word = open_docx(path)
    typed = find(word, "<script>")
    assert typed.text == ("<script>alert('x')</script> { PAGE } "
                          "<w:fldSimple w:instr=\"DATE\"/> &amp;")
    assert find(word, "3\t").text == "3\t<b>Bold?</b> control"
    assert find(word, "Line one").text == "Line one\nline <two>"
    assert "evil()" not in body_text(word) and "p {}" not in body_text(word)
    with zipfile.ZipFile(path) as package:
        document_xml = package.read("word/document.xml").decode("utf-8")
    assert "&lt;script&gt;alert" in document_xml
    assert not re.search(r"<w:(fldSimple|fldChar|instrText)\b", document_xml)


def test_each_numbered_list_starts_again_at_one(
        write: Any, demo: dict[str, Any], narrative: HouseStyle) -> None:
    demo["items"][2]["minutes_html"] = ("<ol><li>a1</li><li>a2<ol><li>nested</li></ol></li>"
                                        "<li>a3</li></ol><p>Between.</p>"
                                        "<ol><li>b1</li><li>b2</li></ol>")
    demo["items"][5]["minutes_html"] = "<ol><li>c1</li></ol>"
    word = write(demo, narrative)
    num = {t: find(word, t, style).num() for t, style in (
        ("a1", "List Number"), ("a2", "List Number"), ("a3", "List Number"),
        ("nested", "List Number 2"), ("b1", "List Number"), ("b2", "List Number"),
        ("c1", "List Number"))}
    assert num["a1"] == num["a2"] == num["a3"] and num["b1"] == num["b2"]
    assert len({num[t][0] for t in ("a1", "nested", "b1", "c1")}) == 4
    assert num["a1"][1] == 0 and num["nested"][1] == 1
    numbering = word.part.numbering_part.element
    style_num, _ = style_numbering(word, "List Number")
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    for key in ("a1", "nested", "b1", "c1"):
        definition = numbering.num_having_numId(num[key][0])
        assert definition.abstractNumId.val == abstract
        starts = {int(o.get(qn("w:ilvl"))): int(o.find(qn("w:startOverride")).get(qn("w:val")))
                  for o in definition.findall(qn("w:lvlOverride"))}
        assert starts[0] == starts[1] == 1
    bullets = find(word, "The short term plan is in place.")
    assert bullets.num() is None  # bulleted lists keep the style's own list


# --- the same words as the HTML page -----------------------------------------------------

def _html_words(document: dict[str, Any], house: HouseStyle, public: bool) -> list[str]:
    page = render_minutes(document, public=public, house=house)
    body = re.search(r"<body[^>]*>(.*)</body>", page, re.DOTALL)
    assert body
    return [w for w in visible_text(body.group(1)).split() if w.strip("_")]


@pytest.mark.parametrize("status", ["draft", "approved"])
@pytest.mark.parametrize("public", [False, True])
@pytest.mark.parametrize("house_name", ["narrative", "notes"])
def test_the_word_file_says_what_the_html_page_says(
        write: Any, demo: dict[str, Any], house_name: str, public: bool, status: str,
        request: pytest.FixtureRequest) -> None:
    house: HouseStyle = request.getfixturevalue(house_name)
    demo["meeting"]["status"] = status
    word = write(demo, house, public=public)
    words = [w for w in body_text(word).split() if w.strip("_")]  # signature blanks differ
    assert words == _html_words(demo, house, public)


def test_spelled_out_abbreviations_match_the_html_too(
        write: Any, demo: dict[str, Any], notes: HouseStyle) -> None:
    from dataclasses import replace

    house = replace(notes, abbreviations="both")
    words = body_text(write(demo, house)).split()
    assert words == _html_words(demo, house, False)
    assert "(Holding to account)" in " ".join(words)


def test_a_row_per_action_even_without_owner_or_due(
        write: Any, demo: dict[str, Any], notes: HouseStyle) -> None:
    demo["actions"][1].update(owner_text="", owners=[], due_text=None, due_date=None)
    table = next(t for t in write(demo, notes).tables
                 if rows(t)[0] == ["No.", "Action", "Owner", "Due", "Update"])
    assert rows(table)[2] == ["1.2", "Share the Principal Analyst’s interim analysis with the "
                                     "PCC’s office.", "", "", ""]
