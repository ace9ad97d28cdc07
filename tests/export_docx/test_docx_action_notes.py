"""Action notes in Word: the details block, attendance, items and actions as real tables.

The sample meeting is the reference action notes' meeting, exported in the
action-notes style and read back cell by cell.
"""

from __future__ import annotations

from typing import Any

from docx_reading import find, item_cell, paragraphs, paragraphs_in, repeats_header, rows, text_of

from minute_taker.export.styles import HouseStyle


def _table_starting(word: Any, first_row: list[str]) -> Any:
    for table in word.tables:
        if rows(table)[0] == first_row:
            return table
    raise AssertionError(f"no table headed {first_row}")


def test_title_and_details_block(write: Any, demo: dict[str, Any], notes: HouseStyle) -> None:
    word = write(demo, notes)
    assert find(word, "Monthly Assurance Meeting – October 2017", "Title")
    assert find(word, "Meeting notes", "Subtitle")
    details = rows(word.tables[0])
    assert details == [["Date:", "Tuesday 31 October 2017"], ["Time:", "10:30 – 12:30"],
                       ["Venue:", "Meeting Room 1.38 – Hindlip"], ["Chair:", "John Campion"],
                       ["Minute-taker:", "Jackie Irvin, Policy Officer, OPCC"]]


def test_attendance_table_has_a_header_row_and_capacities(
        write: Any, demo: dict[str, Any], notes: HouseStyle) -> None:
    word = write(demo, notes)
    assert find(word, "Attendance", "Heading 1")
    table = _table_starting(word, ["", "Name", "Capacity"])
    assert repeats_header(table.rows[0])
    found = rows(table)
    # The house style's own heading ("Attendees") labels the group, merged down its rows.
    assert found[1] == ["Attendees:", "John Campion", "Police and Crime Commissioner (PCC)"]
    assert found[4] == ["", "Martin Evans*", "Assistant Chief Constable (ACC)"]
    assert ["Apologies:", "Anthony Bangham", "Chief Constable (CC)"] in found
    assert find(word, "*The ACC left the meeting after item 1.2.").style == "Movement"


def test_items_table_has_number_item_and_action_columns(
        write: Any, demo: dict[str, Any], notes: HouseStyle) -> None:
    word = write(demo, notes)
    table = _table_starting(word, ["No.", "Item", "Action"])
    assert repeats_header(table.rows[0])
    assert not any(repeats_header(row) for row in table.rows[1:])
    numbers = [row[0] for row in rows(table)[1:]]
    assert numbers[:4] == ["1", "1.1", "1.2", "2"]


def test_the_item_cell_holds_notes_lists_and_actions_arising(
        write: Any, demo: dict[str, Any], notes: HouseStyle) -> None:
    word = write(demo, notes)
    number, item, owners = item_cell(word, "1.2")
    styled = [(p.style, p.text) for p in paragraphs(word, item)]
    assert styled[0] == ("Item Heading", "Building a more secure West Mercia – Telford")
    assert styled[1][0] == "Agenda Text"
    assert ("List Bullet 2", "upskilling special constables;") in styled
    at = styled.index(("Minutes Text", "Actions arising:"))
    assert styled[at + 1:at + 4] == [
        ("List Bullet", "Share the Principal Analyst’s interim analysis with the PCC’s office."),
        ("List Bullet", "Share the ACC’s Telford development plan with the PCC when drafted "
                        "(due when drafted)"),
        ("List Bullet", "Share the results of the review of PCC support for CSP analysts when "
                        "complete (due when complete)")]
    assert [text_of(p) for p in owners.iter("{*}p")] == ["DCC, ACC", "ACC", "JI"]
    assert text_of(next(number.iter("{*}p"))) == "1.2"


def test_a_section_row_is_shaded(write: Any, demo: dict[str, Any], notes: HouseStyle) -> None:
    cells = item_cell(write(demo, notes), "1")
    assert all(c.find(".//{*}shd") is not None for c in cells)
    assert all(c.find(".//{*}shd") is None for c in item_cell(write(demo, notes), "1.1"))


def test_actions_table_with_repeated_header_owner_and_due(
        write: Any, demo: dict[str, Any], notes: HouseStyle) -> None:
    word = write(demo, notes)
    assert find(word, "Actions arising", "Heading 1")
    table = _table_starting(word, ["No.", "Action", "Owner", "Due", "Update"])
    assert repeats_header(table.rows[0])
    found = rows(table)[1:]
    assert len(found) == len(demo["actions"])
    assert found[0] == ["1.1", "Report the outcome of the remodelling of the complaints "
                               "function back via AGG in two months.", "DCC",
                        "In two months\n31 December 2017", ""]
    # The Athena brief is reported done: the status leads its update.
    assert found[4][4] == "Done: Brief sent to the OPCC on 6 November 2017."
    assert [row[2] for row in found] == ["DCC", "DCC, ACC", "ACC", "JI", "DCC", "DCC", "DCC",
                                         "PCC"]


def test_no_actions_says_so(write: Any, demo: dict[str, Any], notes: HouseStyle) -> None:
    demo["actions"] = []
    word = write(demo, notes)
    assert find(word, "There were no actions arising.")
    assert not [t for t in word.tables if rows(t)[0] == ["No.", "Action", "Owner", "Due"]]


def test_header_and_footer(write: Any, demo: dict[str, Any], notes: HouseStyle) -> None:
    word = write(demo, notes)
    header = [p.text for p in paragraphs(word, word.sections[0].header._element)]
    assert header == ["Monthly Assurance Meeting\t31 October 2017",
                      "DRAFT   ·   NOT FOR PUBLICATION"]
    footer = list(paragraphs_in(word.sections[0].footer._element))
    assert [p.text for p in footer] == ["Page 1 of 1"]
