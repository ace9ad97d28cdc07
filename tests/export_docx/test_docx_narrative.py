"""Narrative minutes in Word: named styles, real lists and runs, header, footer, the end.

Each test exports the sample meeting in the committee-minutes style and reads the
file back with python-docx, as someone editing it in Word would meet it.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn
from docx_reading import (
    find,
    footer_text,
    footer_xml,
    header_paragraphs,
    header_text,
    paragraphs,
)

from minute_taker.export.content import DRAFT_BANNER
from minute_taker.export.styles import HouseStyle


def test_items_are_word_headings_by_depth_with_number_and_title(
        write: Any, demo: dict[str, Any], narrative: HouseStyle) -> None:
    word = write(demo, narrative)
    assert find(word, "1\t").style == "Heading 1"
    assert find(word, "1\t").text == "1\tOutstanding matters / items brought forward"
    assert find(word, "1.2\t").style == "Heading 2"
    assert find(word, "5.1.1\t").style == "Heading 3"
    styles = {p.style for p in paragraphs(word)}
    assert {"Title", "Subtitle", "Agenda Text", "Minutes Text", "Resolution", "Action",
            "Movement", "List Bullet", "List Bullet 2", "Notice"} <= styles


def test_title_block_and_attendance_with_capacities(
        write: Any, demo: dict[str, Any], narrative: HouseStyle) -> None:
    word = write(demo, narrative)
    assert find(word, "Monthly Assurance Meeting", "Title")
    assert find(word, "Minutes of the meeting held at Meeting Room 1.38 – Hindlip on "
                      "Tuesday 31 October 2017 at 10:30.").style == "Minutes Text"
    people = [[cell.text for cell in row.cells] for row in word.tables[0].rows]
    assert people[0] == ["Present:", "John Campion (Chair)", "Police and Crime Commissioner (PCC)"]
    assert ["Officers in attendance:", "Inspector Louise Wall",
            "Chief Constable’s Staff Officer (SO)"] in people


def test_substitutes_are_named_with_whom_they_replace(
        write: Any, demo: dict[str, Any], narrative: HouseStyle) -> None:
    row = demo["attendance"][1]
    row["role"], row["substitute_for"] = "substitute", demo["attendance"][6]["person"]
    word = write(demo, narrative)
    names = [row.cells[1].text for row in word.tables[0].rows]
    assert "Tracey Onslow for Anthony Bangham" in names


def test_agenda_text_then_minutes_with_real_bold_runs(
        write: Any, demo: dict[str, Any], narrative: HouseStyle) -> None:
    word = write(demo, narrative)
    assert find(word, "Action arising from the July 2017 meeting").style == "Agenda Text"
    findings = find(word, "Findings:")
    assert findings.style == "Minutes Text"
    assert findings.runs() == [("Findings:", True)]
    uplift = find(word, "An uplift in staff")
    assert ("within three days", True) in uplift.runs()
    assert uplift.runs()[0][1] is False


def test_nested_lists_are_list_paragraphs_at_their_level(
        write: Any, demo: dict[str, Any], narrative: HouseStyle) -> None:
    word = write(demo, narrative)
    assert find(word, "The short term plan is in place.").style == "List Bullet"
    assert find(word, "upskilling special constables;").style == "List Bullet 2"
    demo["items"][2]["minutes_html"] = (
        "<ul><li>one<ul><li>two<ul><li>three<ul><li>four</li></ul></li></ul></li></ul></li>"
        "</ul><ol><li>first<ol><li>second<ol><li>third</li></ol></li></ol></li></ol>")
    word = write(demo, narrative)
    levels = {p.text: p.style for p in paragraphs(word)}
    assert [levels[t] for t in ("one", "two", "three", "four")] == [
        "List Bullet", "List Bullet 2", "List Bullet 3", "List Bullet 3"]
    assert [levels[t] for t in ("first", "second", "third")] == [
        "List Number", "List Number 2", "List Number 3"]


def test_italic_and_underline_are_runs_too(
        write: Any, demo: dict[str, Any], narrative: HouseStyle) -> None:
    demo["items"][2]["minutes_html"] = "<p>Plain <em>slanted</em> and <u>underlined</u>.</p>"
    word = write(demo, narrative)
    runs = {run.text: run for p in word.paragraphs for run in p.runs}
    assert runs["slanted"].italic is True
    assert runs["underlined"].underline is True
    assert runs["Plain "].italic is None


def test_line_breaks_stay_line_breaks(write: Any, demo: dict[str, Any],
                                      narrative: HouseStyle) -> None:
    demo["items"][2]["minutes_html"] = "<p>First line<br>second line</p>"
    assert find(write(demo, narrative), "First line").text == "First line\nsecond line"


def test_resolved_is_a_bold_run_of_its_own(write: Any, demo: dict[str, Any],
                                           narrative: HouseStyle) -> None:
    resolution = find(write(demo, narrative), "RESOLVED")
    assert resolution.style == "Resolution"
    assert resolution.runs()[0] == ("RESOLVED", True)
    assert resolution.runs()[1] == (" that the meeting notes the Deputy Chief Constable’s "
                                    "update on operational and reputational opportunities "
                                    "and risks.", False)
    assert find(write(demo, narrative), "NOTED:").runs()[0] == ("NOTED:", True)


def test_actions_name_owner_and_due_as_the_html_does(
        write: Any, demo: dict[str, Any], narrative: HouseStyle) -> None:
    word = write(demo, narrative)
    action = find(word, "ACTION: DCC – Share briefing")
    assert action.style == "Action"
    assert action.text == "ACTION: DCC – Share briefing with PCC's office (due by end January 2018)"
    assert action.runs()[0] == ("ACTION:", True)


def test_movements_and_close(write: Any, demo: dict[str, Any], narrative: HouseStyle) -> None:
    word = write(demo, narrative)
    assert find(word, "The ACC left the meeting after item 1.2.").style == "Movement"
    assert find(word, "The meeting closed at 12:30.")
    next_meeting = find(word, "Date of next meeting:")
    assert next_meeting.text == "Date of next meeting: Wednesday 29 November 2017 at 10:30"


def test_header_names_committee_and_date_and_footer_counts_pages(
        write: Any, approved: dict[str, Any], narrative: HouseStyle) -> None:
    word = write(approved, narrative, public=True)
    assert header_text(word) == "Monthly Assurance Meeting\t31 October 2017"
    assert footer_text(word) == "Page 1 of 1"
    xml = footer_xml(word)
    assert ">PAGE <" in xml.replace(" PAGE ", "PAGE ") and " NUMPAGES " in xml
    assert xml.count('w:fldCharType="begin"') == 2 and xml.count('w:fldCharType="end"') == 2
    section = word.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.left_margin.cm, 1) == round(section.right_margin.cm, 1) == 2.0


def test_a_draft_says_so_on_every_page_and_at_the_top(
        write: Any, demo: dict[str, Any], narrative: HouseStyle) -> None:
    word = write(demo, narrative, public=True)
    marks = [p for p in header_paragraphs(word) if p.style == "Notice"]
    assert [p.text for p in marks] == ["DRAFT"]
    first = paragraphs(word)[0]
    assert (first.style, first.text) == ("Notice", DRAFT_BANNER)
    assert word.core_properties.title == "Monthly Assurance Meeting – October 2017 (draft)"


def test_approved_minutes_carry_no_draft_mark(
        write: Any, approved: dict[str, Any], narrative: HouseStyle) -> None:
    word = write(approved, narrative, public=True)
    assert "DRAFT" not in header_text(word)
    assert not [p for p in paragraphs(word) if "DRAFT" in p.text]
    assert not [p for p in header_paragraphs(word) if p.style == "Notice"]


def test_approved_minutes_end_with_the_chairs_signature_line(
        write: Any, approved: dict[str, Any], narrative: HouseStyle, demo: dict[str, Any]) -> None:
    signed = find(write(approved, narrative), "Signed:")
    assert signed.text == "Signed: \t Chair\tDate: \t"
    assert len(signed.element.findall(".//{*}tabs/{*}tab")) == 3
    demo["meeting"]["status"] = "draft"
    assert not [p for p in paragraphs(write(demo, narrative)) if p.text.startswith("Signed")]


def test_glossary_lists_only_the_abbreviations_used(
        write: Any, demo: dict[str, Any], narrative: HouseStyle) -> None:
    demo["committee"]["abbreviations"].append({"short": "ZZT", "expansion": "Never used"})
    word = write(demo, narrative)
    assert find(word, "Abbreviations used").style == "Heading 1"
    glossary = [[c.text for c in row.cells] for row in word.tables[-1].rows]
    assert ["PCC", "Police and Crime Commissioner"] in glossary
    assert "ZZT" not in [short for short, _ in glossary]
    assert glossary == sorted(glossary)


def test_first_use_spells_an_abbreviation_out_once(
        write: Any, demo: dict[str, Any], narrative: HouseStyle) -> None:
    from dataclasses import replace

    word = write(demo, replace(narrative, abbreviations="first_use"))
    text = "\n".join(p.text for p in paragraphs(word))
    assert text.count("HTA (Holding to account)") == 1
    assert not [p for p in paragraphs(word) if p.text == "Abbreviations used"]


def test_no_template_left_overs_or_python_docx_defaults(
        write: Any, demo: dict[str, Any], narrative: HouseStyle) -> None:
    word = write(demo, narrative)
    assert "house style template" not in "\n".join(p.text for p in paragraphs(word))
    props = word.core_properties
    assert props.author == "Monthly Assurance Meeting"
    assert "python-docx" not in f"{props.comments} {props.author} {props.last_modified_by}"
    normal = word.styles["Normal"]
    assert normal.font.name == narrative.font_family
    assert normal.font.size.pt == narrative.font_size_pt
    assert round(word.sections[0].left_margin.cm, 2) == 2.0


def test_supporting_documents_on_the_web_are_links(
        write: Any, demo: dict[str, Any], narrative: HouseStyle) -> None:
    url = "https://example.org/papers/performance.pdf"
    demo["items"][4]["children"][0]["documents"][0]["location"] = url
    word = write(demo, narrative)
    assert find(word, "Supporting documents:").runs() == [("Supporting documents:", True)]
    paper = find(word, "Performance against the Police and Crime Plan – report")
    assert paper.style == "List Bullet"
    link = paper.element.find(qn("w:hyperlink"))
    relationship = word.part.rels[link.get(qn("r:id"))]
    assert (relationship.is_external, relationship.target_ref) == (True, url)
