"""The minutes in their publishable layout: structure and wording, read back from the HTML.

The page is read as a tree (``layout_page``): headings, tables and each item's
section between its ``item-UID`` anchor and the next, as the review window reads it.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

import pytest
from layout_page import (
    BOTH_STYLES,
    Node,
    item_numbered,
    person_named,
    render,
    walk_items,
)

from minute_taker.export.layout import (
    CSS,
    clock,
    decision_wording,
    long_date,
    render_minutes,
    used_abbreviations,
)

# --- header and attendance ---------------------------------------------------------------

def test_narrative_is_headed_by_committee_meeting_date_time_and_venue(
        demo: dict[str, Any]) -> None:
    page = render(demo, style="narrative")

    assert page.root.find("h1").text() == "Monthly Assurance Meeting"
    assert page.root.find("p", "subtitle").text() == "Monthly Assurance Meeting – October 2017"
    assert page.root.find("p", "held").text() == (
        "Minutes of the meeting held at Meeting Room 1.38 – Hindlip "
        "on Tuesday 31 October 2017 at 10:30.")
    assert page.root.find("title").text() == (
        "Monthly Assurance Meeting – October 2017 (draft, not for publication)")
    item_numbered(demo, "5.3")["confidential"] = False
    demo["meeting"]["status"] = "approved"
    assert render(demo).root.find("title").text() == "Monthly Assurance Meeting – October 2017"


def test_action_notes_header_table_gives_date_time_venue_chair_and_minute_taker(
        demo: dict[str, Any]) -> None:
    page = render(demo, style="action_notes")

    assert page.root.find("h1").text() == "Monthly Assurance Meeting – October 2017"
    assert page.table_rows("details") == [
        ["Date:", "Tuesday 31 October 2017"],
        ["Time:", "10:30 – 12:30"],
        ["Venue:", "Meeting Room 1.38 – Hindlip"],
        ["Chair:", "John Campion"],
        ["Minute-taker:", "Jackie Irvin, Policy Officer, OPCC"],
    ]


def test_narrative_attendance_groups_people_with_title_and_capacity(
        demo: dict[str, Any]) -> None:
    page = render(demo, style="narrative")

    assert page.table_rows("attendance") == [
        ["Present:", "John Campion (Chair)", "Police and Crime Commissioner (PCC)"],
        ["Tracey Onslow", "Deputy Police and Crime Commissioner (DPCC)"],
        ["Amanda Blakeman", "Deputy Chief Constable (DCC)"],
        ["Martin Evans", "Assistant Chief Constable (ACC)"],
        ["Officers in attendance:", "Inspector Louise Wall",
         "Chief Constable’s Staff Officer (SO)"],
        ["Jackie Irvin", "Policy Officer, OPCC (minutes)"],
        ["Apologies:", "Anthony Bangham", "Chief Constable (CC)"],
        ["Andy Champness", "Chief Executive for the Police and Crime Commissioner (CEX)"],
    ]


def test_action_notes_attendance_asterisks_who_left_and_footnotes_it(
        demo: dict[str, Any]) -> None:
    page = render(demo, style="action_notes")

    rows = page.table_rows("attendance")
    assert rows[0] == ["", "Name", "Capacity"]
    assert ["Martin Evans*", "Assistant Chief Constable (ACC)"] in rows
    assert "*The ACC left the meeting after item 1.2." in page.sections()[None]


def test_substitute_is_shown_with_the_member_they_replace(demo: dict[str, Any]) -> None:
    demo["people"].append({
        "uid": "11111111-2222-4333-8444-555555555555", "name": "Tony Miller",
        "title": "Cllr", "role": None, "abbreviation": None, "initials": "TM",
        "organisation": "Worcestershire County Council", "email": None})
    champness = person_named(demo, "Andy Champness")["uid"]
    demo["attendance"].append({
        "person": "11111111-2222-4333-8444-555555555555", "status": "present",
        "role": "substitute", "substitute_for": champness, "capacity": None,
        "arrived_during_item": None, "arrived_at": None, "left_after_item": None,
        "left_at": None})

    for style in ("narrative", "action_notes"):
        names = [row[-2] for row in render(demo, style=style).table_rows("attendance")]
        assert "Cllr Tony Miller for Andy Champness (Worcestershire County Council)" \
            in names, style


def test_declarations_are_minuted_with_their_item(demo: dict[str, Any]) -> None:
    page = render(demo, style="narrative")

    assert page.texts("declaration") == [
        "A declaration of non-pecuniary interest was made by Amanda Blakeman: National police "
        "chiefs’ lead for domestic burglary outcomes; chairs the national group seeking to "
        "drive up outcomes and leads work on a national stolen goods register."]


# --- items ------------------------------------------------------------------------------

@BOTH_STYLES
def test_one_anchor_per_item_in_agenda_order(demo: dict[str, Any], style: str) -> None:
    page = render(demo, style=style)

    assert page.item_anchors() == [item["uid"] for item in walk_items(demo["items"])]


def test_narrative_headings_carry_bold_number_then_title(demo: dict[str, Any]) -> None:
    page = render(demo, style="narrative")

    items = list(walk_items(demo["items"]))
    numbers = [page.heading(item["uid"]).find("span", "num").text() for item in items]
    assert numbers == ["1", "1.1", "1.2", "2", "3", "4", "5", "5.1", "5.1.1", "5.1.2",
                       "5.1.3", "5.1.4", "5.1.5", "5.2", "5.3", "6", "7"]
    heading = page.heading(item_numbered(demo, "1.2")["uid"])
    assert heading.tag == "h3"
    assert heading.text() == "1.2 Building a more secure West Mercia – Telford"


def test_action_notes_lay_items_out_as_number_notes_and_action_column(
        demo: dict[str, Any]) -> None:
    page = render(demo, style="action_notes")

    rows = page.table_rows("items")
    assert rows[0] == ["No.", "Item", "Action"]
    assert [row[0] for row in rows[1:]] == [
        "1", "1.1", "1.2", "2", "3", "4", "5", "5.1", "5.1.1", "5.1.2", "5.1.3", "5.1.4",
        "5.1.5", "5.2", "5.3", "6", "7"]
    telford = next(row for row in rows if row[0] == "1.2")
    assert telford[1].startswith("Building a more secure West Mercia – Telford")
    assert telford[2] == "DCC, ACC ACC JI"


@BOTH_STYLES
def test_description_paragraph_is_anchored_so_minutes_text_can_be_found_after_it(
        demo: dict[str, Any], style: str) -> None:
    page = render(demo, style=style)

    described = [i for i in walk_items(demo["items"]) if i["description"]]
    paragraphs = page.root.find_all("p", "description")
    assert [p.find("a").attrs["name"] for p in paragraphs] == [
        f"description-{i['uid']}" for i in described]
    assert paragraphs[0].text() == described[0]["description"]


@BOTH_STYLES
def test_minutes_html_is_inserted_as_it_is(demo: dict[str, Any], style: str) -> None:
    page = render(demo, style=style)

    assert item_numbered(demo, "1.2")["minutes_html"] in page.source


@BOTH_STYLES
def test_decisions_print_as_resolved_that_agreed_and_noted(demo: dict[str, Any],
                                                           style: str) -> None:
    decisions = render(demo, style=style).texts("decision")

    assert decisions == [
        "NOTED: The improvement in the handling of complaints, and the planned remodelling "
        "of the complaints function, were noted.",
        "RESOLVED that the meeting notes the Deputy Chief Constable’s update on operational "
        "and reputational opportunities and risks.",
        "AGREED: The PCC will review the next quarter’s figures and then decide whether DVPNs "
        "need to come back to a future HTA.",
        "NOTED: The DCC’s view that current crime markers do not give a true picture of the "
        "level of cyber crime was noted.",
    ]


def test_decision_wording_keeps_other_resolutions_apart_with_a_colon() -> None:
    assert decision_wording("resolved", "That the Panel notes the report.") == (
        "RESOLVED", "that the Panel notes the report.")
    assert decision_wording("resolved", "The budget is approved.") == (
        "RESOLVED:", "The budget is approved.")
    assert decision_wording("noted", "The report.") == ("NOTED:", "The report.")


def test_votes_and_mover_are_recorded_under_the_decision(demo: dict[str, Any]) -> None:
    decision = item_numbered(demo, "2")["decisions"][0]
    decision.update(mover=person_named(demo, "John Campion")["uid"],
                    seconder=person_named(demo, "Tracey Onslow")["uid"],
                    votes_for=5, votes_against=1, votes_abstained=1,
                    not_voting="Cllr Mackay (absent)")

    assert render(demo, style="narrative").texts("vote") == [
        "Moved by John Campion, seconded by Tracey Onslow. Votes: 5 for, 1 against, "
        "1 abstention. Not voting: Cllr Mackay (absent)."]


def test_narrative_actions_read_action_owner_text_and_due(demo: dict[str, Any]) -> None:
    actions = render(demo, style="narrative").texts("action")

    assert actions == [
        "ACTION: DCC – Report the outcome of the remodelling of the complaints function back "
        "via AGG in two months (due in two months)",
        "ACTION: DCC, ACC – Share the Principal Analyst’s interim analysis with the PCC’s "
        "office.",
        "ACTION: ACC – Share the ACC’s Telford development plan with the PCC when drafted "
        "(due when drafted)",
        "ACTION: JI – Share the results of the review of PCC support for CSP analysts when "
        "complete (due when complete)",
        # Done, with the update the meeting heard: no longer an open ACTION.
        "DONE: DCC – Share the Athena update brief with the PCC’s office "
        "(due 10 November 2017). Update: Brief sent to the OPCC on 6 November 2017.",
        "ACTION: DCC – Share briefing with PCC's office (due by end January 2018)",
        "ACTION: DCC – Share the draft hate crime satisfaction plan with the PCC’s office in "
        "advance of November’s HTA; the PCC and CC will then decide whether it needs to come "
        "back to a HTA (due in advance of November’s HTA)",
        "ACTION: PCC – Share proposals for the revised holding to account process with the CC "
        "once finalised (due once finalised)",
    ]


def test_action_owner_falls_back_to_the_people_named(demo: dict[str, Any]) -> None:
    demo["actions"][1]["owner_text"] = ""

    assert "ACTION: DCC, ACC – Share the Principal" in " ".join(
        render(demo, style="narrative").texts("action"))


@BOTH_STYLES
def test_decisions_and_actions_sit_in_their_own_items_section(demo: dict[str, Any],
                                                              style: str) -> None:
    sections = render(demo, style=style).sections()

    for item in walk_items(demo["items"]):
        others = " ".join(text for uid, text in sections.items() if uid != item["uid"])
        for decision in item["decisions"]:
            wording = " ".join(decision_wording(decision["kind"], decision["text"]))
            assert wording in sections[item["uid"]], (style, item["number"])
            assert wording not in others
    for action in demo["actions"]:
        words = action["text"].rstrip(".")[-25:]
        assert words in sections[action["item"]], (style, action["text"])


def test_action_notes_end_with_an_actions_arising_table(demo: dict[str, Any]) -> None:
    rows = render(demo, style="action_notes").table_rows("actions-arising")

    # One action is reported done with an update: the log gains an Update column.
    assert rows == [
        ["No.", "Action", "Owner", "Due", "Update"],
        ["1.1", "Report the outcome of the remodelling of the complaints function back via "
         "AGG in two months.", "DCC", "In two months 31 December 2017", ""],
        ["1.2", "Share the Principal Analyst’s interim analysis with the PCC’s office.",
         "DCC, ACC", "", ""],
        ["1.2", "Share the ACC’s Telford development plan with the PCC when drafted.", "ACC",
         "When drafted", ""],
        ["1.2", "Share the results of the review of PCC support for CSP analysts when "
         "complete.", "JI", "When complete", ""],
        ["2", "Share the Athena update brief with the PCC’s office.", "DCC",
         "10 November 2017", "Done: Brief sent to the OPCC on 6 November 2017."],
        ["4", "DCC to share briefing with PCC's office", "DCC",
         "By end January 2018 31 January 2018", ""],
        ["5.1.2", "Share the draft hate crime satisfaction plan with the PCC’s office in "
         "advance of November’s HTA; the PCC and CC will then decide whether it needs to "
         "come back to a HTA.", "DCC", "In advance of November’s HTA 29 November 2017", ""],
        ["6", "Share proposals for the revised holding to account process with the CC once "
         "finalised.", "PCC", "Once finalised", ""],
    ]


def test_narrative_has_no_actions_table(demo: dict[str, Any]) -> None:
    page = render(demo, style="narrative")

    assert not page.root.find_all("table", "actions-arising")
    assert not page.root.find_all("table", "items")


def test_action_without_an_item_is_still_minuted(demo: dict[str, Any]) -> None:
    demo["actions"].append({**demo["actions"][0], "uid": "0f0f0f0f-0000-4000-8000-000000000001",
                            "item": None, "text": "Circulate the revised terms of reference."})

    narrative = render(demo, style="narrative")
    assert "ACTION: DCC – Circulate the revised terms of reference" in " ".join(
        narrative.texts("action"))
    rows = render(demo, style="action_notes").table_rows("actions-arising")
    assert rows[-1][:3] == ["–", "Circulate the revised terms of reference.", "DCC"]


# --- escaping ---------------------------------------------------------------------------

@BOTH_STYLES
@pytest.mark.parametrize("public", [False, True])
def test_markup_typed_anywhere_comes_out_inert(demo: dict[str, Any], style: str,
                                               public: bool) -> None:
    attack = '<script>alert(1)</script><img src="x" onerror="alert(2)">'
    item = item_numbered(demo, "3")
    item["minutes_html"] = f"<p>Noted {attack} here.</p>"
    item["title"] = f"Budget {attack}"
    item["description"] = attack
    item["documents"] = [{"uid": "0f0f0f0f-0000-4000-8000-000000000020", "title": attack,
                          "location": 'https://example.org/" onmouseover="alert(3)'}]
    item["decisions"][:] = [{**item_numbered(demo, "2")["decisions"][0], "text": attack}]
    person_named(demo, "Martin Evans")["name"] = f"Martin {attack}"
    demo["actions"][0].update(text=f"Report {attack}", owner_text=attack, due_text=attack)
    demo["declarations"][0]["interest"] = attack
    demo["committee"]["name"] = attack
    demo["meeting"]["title"] = attack
    secret = item_numbered(demo, "5.3")
    secret["title"] = f"Secret {attack}"

    page = render(demo, style=style, public=public)

    assert "<script" not in page.source.lower()
    assert "<img" not in page.source.lower()
    tags = [node for node in page.root.walk() if node.tag != "#root"]
    assert not [n.tag for n in tags if n.tag in ("script", "img", "iframe", "object")]
    assert not [(n.tag, k) for n in tags for k in n.attrs if k.startswith("on")]
    assert "Budget <script>alert(1)</script>" in page.heading(item["uid"]).text()
    assert "Noted here." in page.sections()[item["uid"]]  # the script is gone, words kept
    assert "Martin <script>" in page.body.text()
    hrefs = [n.attrs["href"] for n in page.root.find_all("a") if "href" in n.attrs]
    assert hrefs == ['https://example.org/" onmouseover="alert(3)']  # still one attribute


@BOTH_STYLES
def test_text_from_the_document_is_escaped(demo: dict[str, Any], style: str) -> None:
    item = item_numbered(demo, "3")
    item["title"] = "Budget <script>alert(1)</script> & risks"
    demo["meeting"]["venue"] = "Room <b>1</b>"
    demo["actions"][0]["text"] = "Report <i>back</i> & close."

    page = render(demo, style=style)

    assert "<script>" not in page.source and "<i>back" not in page.source
    assert "Budget &lt;script&gt;alert(1)&lt;/script&gt; &amp; risks" in page.source
    assert page.heading(item["uid"]).text().endswith("Budget <script>alert(1)</script> & risks")
    assert "Room <b>1</b>" in page.body.text()
    assert "Report <i>back</i> & close" in page.body.text()


# --- comings and goings -----------------------------------------------------------------

@BOTH_STYLES
def test_departure_is_minuted_at_the_item_after_which_they_left(demo: dict[str, Any],
                                                                style: str) -> None:
    sections = render(demo, style=style).sections()
    sentence = "The ACC left the meeting after item 1.2."

    holding = [uid for uid, text in sections.items() if uid and sentence in text]
    assert holding == [item_numbered(demo, "1.2")["uid"]]


@BOTH_STYLES
def test_arrival_is_minuted_at_the_item_during_which_they_arrived(demo: dict[str, Any],
                                                                  style: str) -> None:
    row = next(r for r in demo["attendance"]
               if r["person"] == person_named(demo, "Tracey Onslow")["uid"])
    row.update(arrived_during_item=item_numbered(demo, "3")["uid"], arrived_at="11:21")
    louise = next(r for r in demo["attendance"]
                  if r["person"] == person_named(demo, "Louise Wall")["uid"])
    louise["left_at"] = "12:00"

    sections = render(demo, style=style).sections()

    assert "The DPCC arrived during item 3." in sections[item_numbered(demo, "3")["uid"]]
    assert "The DPCC arrived" not in sections[item_numbered(demo, "2")["uid"]]
    assert "The SO left the meeting at 12:00." in sections[None]


# --- draft banner --------------------------------------------------------------------------

@BOTH_STYLES
def test_draft_banner_shows_until_the_minutes_are_approved(demo: dict[str, Any],
                                                           style: str) -> None:
    draft = render(demo, style=style)
    assert draft.texts("draft-banner") == ["DRAFT – not yet approved"]
    assert "draft" in draft.body.classes
    first = next(n for n in draft.body.children if not isinstance(n, str) or n.strip())
    assert isinstance(first, Node) and "draft-banner" in first.classes

    demo["meeting"]["status"] = "approved"
    approved = render(demo, style=style)
    assert not approved.texts("draft-banner")
    assert "draft" not in approved.body.classes


def test_draft_option_overrides_the_status(demo: dict[str, Any]) -> None:
    assert not render(demo, draft=False).texts("draft-banner")
    demo["meeting"]["status"] = "approved"
    assert render(demo, draft=True).texts("draft-banner") == ["DRAFT – not yet approved"]


# --- the end: next meeting and abbreviations ----------------------------------------------

@BOTH_STYLES
def test_minutes_end_with_the_date_of_the_next_meeting(demo: dict[str, Any],
                                                       style: str) -> None:
    page = render(demo, style=style)

    assert page.texts("next-meeting") == [
        "Date of next meeting: Wednesday 29 November 2017 at 10:30"]
    paragraphs = [p for p in page.body.find_all("p") if p.text()]
    # then only the contact officer, at the foot as the house style puts it
    assert [p.attrs["class"] for p in paragraphs[-2:]] == ["next-meeting", "contact"]

    demo["meeting"]["next_meeting_at"] = None
    assert not render(demo, style=style).texts("next-meeting")


@BOTH_STYLES
def test_glossary_lists_only_abbreviations_that_occur_as_whole_words(
        demo: dict[str, Any], style: str) -> None:
    demo["committee"]["abbreviations"] += [
        {"short": "HMIC", "expansion": "Her Majesty's Inspectorate of Constabulary"},
        {"short": "QRT", "expansion": "Quick Response Team"},
        {"short": "XYZ", "expansion": "Never mentioned"},
        {"short": "Ath", "expansion": "Only inside a word (Athena)"},
    ]

    page = render(demo, style=style)
    glossary = page.table_rows("glossary")

    shorts = [row[0] for row in glossary]
    assert shorts == sorted(shorts)
    assert "XYZ" not in shorts and "Ath" not in shorts
    assert ["HMIC", "Her Majesty's Inspectorate of Constabulary"] in glossary
    assert ["DCC", "Deputy Chief Constable"] in glossary
    assert page.root.find_all("h2")[-1].text() == "Abbreviations used"

    assert "QRT" not in shorts
    item_numbered(demo, "5.3")["minutes_html"] += "<p>The QRT was briefed.</p>"
    assert "QRT" in [row[0] for row in render(demo, style=style).table_rows("glossary")]
    public = [row[0] for row in render(demo, style=style, public=True).table_rows("glossary")]
    assert "QRT" not in public  # only the withheld item's minutes mention it
    assert "HMIC" in public  # its title is public


def test_used_abbreviations_are_case_sensitive_whole_words() -> None:
    abbreviations = [{"short": "SO", "expansion": "Staff Officer"},
                     {"short": "CC", "expansion": "Chief Constable"},
                     {"short": "AF", "expansion": "Action Fraud"}]

    assert used_abbreviations(abbreviations, "so the DCC told the CC’s team") == [
        ("CC", "Chief Constable")]
    assert used_abbreviations(abbreviations, "reported to AF.") == [("AF", "Action Fraud")]


# --- options and words ---------------------------------------------------------------------

def test_style_defaults_to_the_committees_house_style(demo: dict[str, Any]) -> None:
    assert render(demo).root.find_all("table", "items")
    demo["committee"]["house_style"] = "narrative"
    assert not render(demo).root.find_all("table", "items")


def test_an_unknown_style_is_refused(demo: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="house style"):
        render_minutes(demo, style="tabloid")


def test_dates_are_british_and_independent_of_the_locale() -> None:
    assert long_date(dt.date(2017, 10, 31)) == "Tuesday 31 October 2017"
    assert long_date(dt.date(2018, 1, 7)) == "Sunday 7 January 2018"
    assert clock("09:05:00") == "09:05"


def test_page_is_complete_html_with_its_stylesheet(demo: dict[str, Any]) -> None:
    source = render_minutes(demo)

    assert source.startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB">' in source
    style = source[source.index("<style>"):source.index("</style>")]
    assert style.startswith(f"<style>{CSS}")
    assert 'body { font-family: "Arial", sans-serif; }' in style
    for unsupported in ("display: flex", "display: grid", "var(--"):
        assert unsupported not in CSS


def test_layout_needs_neither_qt_nor_a_database() -> None:
    code = ("import sys, minute_taker.export.layout; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy') "
            "or m.startswith(('minute_taker.services', 'minute_taker.store', "
            "'minute_taker.ui'))]; "
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
