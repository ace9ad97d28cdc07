"""Confidential (exempt) items: the public version and the full one.

A public version keeps a confidential item's number and title and says it was
considered in private; nothing else of it is shown. The full version keeps it all,
labels it CONFIDENTIAL, and is headed NOT FOR PUBLICATION.
"""

from __future__ import annotations

from typing import Any

from layout_page import BOTH_STYLES, item_numbered, person_named, render, walk_items

from minute_taker.export.content import NOT_FOR_PUBLICATION, read_minutes
from minute_taker.export.styles import style_for

SUB_ITEM = "0f0f0f0f-0000-4000-8000-000000000011"
PRIVATE = style_for("narrative").heading("private_item")


def _with_confidential_business(demo: dict[str, Any]) -> dict[str, Any]:
    """Item 5.3 (confidential) given a decision, a sub-item, an action and a description."""
    item = item_numbered(demo, "5.3")
    item["description"] = "Report of the Head of Professional Standards."
    item["documents"] = [{"uid": "0f0f0f0f-0000-4000-8000-000000000013",
                          "title": "Inspection timetable", "location": "papers/hmic.pdf"}]
    item["decisions"].append({
        "uid": "0f0f0f0f-0000-4000-8000-000000000010", "kind": "resolved",
        "text": "That the inspection findings be kept under review.", "mover": None,
        "seconder": None, "votes_for": None, "votes_against": None, "votes_abstained": None,
        "not_voting": None})
    item["children"].append({
        **item_numbered(demo, "5.2"), "uid": SUB_ITEM,
        "number": "5.3.1", "title": "Staffing of the SIB", "confidential": False,
        "minutes_html": "<p>Staffing was discussed.</p>", "children": []})
    demo["actions"].append({
        **demo["actions"][0], "uid": "0f0f0f0f-0000-4000-8000-000000000012",
        "item": item["uid"], "text": "Brief the PCC privately on the inspection."})
    return item


SECRET_WORDS = ("forthcoming HMICFRS inspection activity", "kept under review",
                "Staffing of the SIB", "Brief the PCC privately", "Head of Professional",
                "Inspection timetable", "CONFIDENTIAL", "NOT FOR PUBLICATION")


# --- the public version -------------------------------------------------------------------

@BOTH_STYLES
def test_public_version_shows_a_confidential_item_by_number_title_and_private_line(
        demo: dict[str, Any], style: str) -> None:
    secret = _with_confidential_business(demo)

    page = render(demo, style=style, public=True)

    assert secret["uid"] in page.item_anchors()
    assert SUB_ITEM not in page.item_anchors()
    heading = page.heading(secret["uid"]).text()
    assert heading.endswith(secret["title"])
    number = "5.3 " if style == "narrative" else ""
    assert heading == f"{number}{secret['title']}"
    if style == "action_notes":
        row = next(r for r in page.table_rows("items") if r[0] == "5.3")
        assert row == ["5.3", f"{secret['title']} {PRIVATE}", ""]
    assert page.texts("private-item") == [PRIVATE]
    assert PRIVATE in page.sections()[secret["uid"]]
    text = page.body.text()
    for words in SECRET_WORDS:
        assert words not in text, words
    assert not page.texts("public-note")
    assert len(page.item_anchors()) == len(list(walk_items(demo["items"]))) - 1


def test_public_version_leaves_the_private_items_actions_out_of_the_actions_table(
        demo: dict[str, Any]) -> None:
    secret = _with_confidential_business(demo)

    full = render(demo, style="action_notes").table_rows("actions-arising")
    public = render(demo, style="action_notes", public=True).table_rows("actions-arising")

    assert [r for r in full if r[0] == "5.3"]
    assert not [r for r in public if r[0] == "5.3"]
    assert len(public) == len(full) - 1
    assert read_minutes(demo, public=True).item_actions(secret["uid"])  # still in the data


def test_public_version_keeps_the_numbers_of_the_remaining_items(demo: dict[str, Any]) -> None:
    _with_confidential_business(demo)

    page = render(demo, style="narrative", public=True)

    numbers = [page.heading(uid).find("span", "num").text() for uid in page.item_anchors()]
    assert numbers[-5:] == ["5.1.5", "5.2", "5.3", "6", "7"]


def test_each_confidential_item_says_it_was_considered_in_private(
        demo: dict[str, Any]) -> None:
    item_numbered(demo, "3")["confidential"] = True

    page = render(demo, style="narrative", public=True)

    assert page.texts("private-item") == [PRIVATE, PRIVATE]


def test_a_confidential_sub_item_of_a_public_item_is_its_own_private_stub(
        demo: dict[str, Any]) -> None:
    item_numbered(demo, "5.3")["confidential"] = False
    item = item_numbered(demo, "5.1.2")
    item["confidential"] = True

    page = render(demo, style="narrative", public=True)

    assert page.heading(item["uid"]).text().startswith("5.1.2 Putting victims")
    assert page.texts("private-item") == [PRIVATE]
    assert "hate crime satisfaction plan" not in page.body.text()
    assert "5.1.3 Building a more secure" in page.body.text()


@BOTH_STYLES
def test_public_version_drops_declarations_about_a_confidential_item(
        demo: dict[str, Any], style: str) -> None:
    secret = _with_confidential_business(demo)
    demo["declarations"][0]["item"] = SUB_ITEM  # about a sub-item: kept back with it

    assert "National police chiefs" in render(demo, style=style).body.text()
    public = render(demo, style=style, public=True)
    assert "National police chiefs" not in public.body.text()
    assert public.texts("declaration") == []  # no "None." section invented

    demo["declarations"][0]["item"] = secret["uid"]
    assert "National police chiefs" not in render(demo, style=style, public=True).body.text()


@BOTH_STYLES
def test_public_version_keeps_comings_and_goings_at_a_confidential_item(
        demo: dict[str, Any], style: str) -> None:
    secret = _with_confidential_business(demo)
    row = next(r for r in demo["attendance"]
               if r["person"] == person_named(demo, "Tracey Onslow")["uid"])
    row.update(left_after_item=secret["uid"])

    page = render(demo, style=style, public=True)

    assert "The DPCC left the meeting after item 5.3." in page.sections()[secret["uid"]]


def test_public_version_without_confidential_items_is_the_full_text(
        demo: dict[str, Any]) -> None:
    item_numbered(demo, "5.3")["confidential"] = False

    public = render(demo, style="narrative", public=True)
    full = render(demo, style="narrative")

    assert not public.texts("private-item")
    assert len(public.item_anchors()) == len(list(walk_items(demo["items"])))
    assert public.source == full.source


# --- the full version ---------------------------------------------------------------------

@BOTH_STYLES
def test_full_version_labels_confidential_items_and_their_sub_items(demo: dict[str, Any],
                                                                    style: str) -> None:
    secret = _with_confidential_business(demo)

    page = render(demo, style=style)

    assert page.heading(secret["uid"]).find("span", "confidential").text() == "CONFIDENTIAL"
    child = page.heading(SUB_ITEM)
    assert child.find("span", "confidential").text() == "CONFIDENTIAL"
    other = page.heading(item_numbered(demo, "5.2")["uid"])
    assert not other.find_all("span", "confidential")
    assert not page.texts("private-item")
    assert "Brief the PCC privately on the inspection" in page.sections()[secret["uid"]]


@BOTH_STYLES
def test_full_version_is_headed_not_for_publication_only_if_something_is_confidential(
        demo: dict[str, Any], style: str) -> None:
    full = render(demo, style=style)
    assert full.texts("not-for-publication-banner") == [
        "NOT FOR PUBLICATION – contains confidential (exempt) items"]
    banners = [n for n in full.body.children
               if not isinstance(n, str) and n.classes & {"draft-banner",
                                                           "not-for-publication-banner"}]
    assert [b.attrs["class"] for b in banners] == ["draft-banner", "not-for-publication-banner"]
    assert "not-for-publication" in full.body.classes
    assert '@top-center { content: "NOT FOR PUBLICATION"' in full.source  # every printed page

    demo["meeting"]["status"] = "approved"
    approved = render(demo, style=style).body
    first = next(n for n in approved.children if not isinstance(n, str) or n.strip())
    assert not isinstance(first, str) and "not-for-publication-banner" in first.classes

    assert not render(demo, style=style, public=True).texts("not-for-publication-banner")
    item_numbered(demo, "5.3")["confidential"] = False
    page = render(demo, style=style)
    assert not page.texts("not-for-publication-banner")
    assert "not-for-publication" not in page.body.classes
    assert "@top-center" not in page.source


# --- the same decisions, for every writer ------------------------------------------------

def test_minutes_say_what_each_writer_shows_of_a_confidential_branch(
        demo: dict[str, Any]) -> None:
    secret = _with_confidential_business(demo)

    public = read_minutes(demo, public=True)
    by_uid = {e.item["uid"]: e for e in public.entries}
    assert by_uid[secret["uid"]].shown and by_uid[secret["uid"]].private_stub
    assert by_uid[secret["uid"]].withheld
    assert not by_uid[SUB_ITEM].shown and not by_uid[SUB_ITEM].private_stub
    assert all(e.shown and not e.withheld for uid, e in by_uid.items()
               if uid not in (secret["uid"], SUB_ITEM))
    assert not public.not_for_publication
    assert public.private_line == PRIVATE
    assert public.withheld_uids == {secret["uid"], SUB_ITEM}

    full = read_minutes(demo, public=False)
    assert full.not_for_publication
    assert all(e.shown and not e.private_stub for e in full.entries)
    assert full.banners == [("draft", "DRAFT – not yet approved"),
                            ("not-for-publication", NOT_FOR_PUBLICATION)]
