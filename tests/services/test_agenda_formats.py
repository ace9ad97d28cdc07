"""Each reference structure (../shared/reference: the assurance meeting's action notes, the
panel's verbal update, the panel's performance report) published in each format an
agenda comes in (text, CSV, Word in its own numbering, a PDF of the app's own export)
and imported item by item: the same tree, titles, agenda texts and presenters."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest

from minute_taker.domain.enums import NumberingScheme
from minute_taker.export import formats
from minute_taker.services import agenda, agenda_import, committees, meetings, publishing
from minute_taker.services.agenda_files import read_agenda_file
from minute_taker.store.book import MinuteBook


@dataclass
class Item:
    title: str
    description: str = ""
    presenter: str | None = None
    children: list[Item] = field(default_factory=list)


STRUCTURES = {
    "assurance meeting": [
        Item("OUTSTANDING MATTERS / ITEMS BROUGHT FORWARD", children=[
            Item("Reassuring West Mercia\u2019s communities \u2013 Professional Standards",
                 "Update to be brought back to the October holding to account meeting.",
                 "DCC"),
            Item("Building a more secure West Mercia \u2013 Telford",
                 "The scope of the problem and the action plan to address it.", "ACC")]),
        Item("OPERATIONAL AND REPUTATIONAL OPPORTUNITIES AND RISKS"),
        Item("CHIEF OFFICER MEETING / EXECUTIVE BOARD \u2013 UPDATE"),
        Item("CC / DCC ITEM - Domestic Burglary Outcomes", presenter="DCC"),
        Item("HOLDING TO ACCOUNT", children=[
            Item("PERFORMANCE AGAINST THE POLICE AND CRIME PLAN"),
            Item("DELIVERY OF STRATEGIC INITIATIVES"),
            Item("HMIC INSPECTION PROGRAMME / MATTERS ARISING FROM THE SERVICE "
                 "IMPROVEMENT BOARD (SIB)")]),
        Item("AOB"),
        Item("DATE OF NEXT MEETING"),
    ],
    "panel verbal update": [
        Item("Welcome and Apologies for Absence"),
        Item("Named Substitutes"),
        Item("Declarations of Interest", "To receive any declarations of interest."),
        Item("Public Participation"),
        Item("Confirmation of the Minutes of the previous meeting",
             "To confirm the Minutes of the meeting held on 3 October 2017."),
        Item("West Mercia Police and Crime Plan Activity and Performance",
             "To consider an verbal update from the Commissioner.", "PCC"),
        Item("Work Programme"),
    ],
    "panel performance report": [
        Item("Police & Crime Plan Activity and Performance Monitoring Report (October "
             "2017- December 2017)",
             "The Panel is invited to consider the report and determine whether it would "
             "wish to carry out any further scrutiny or make any comments.", "PCC",
             children=[Item("Perpetrator Programme"), Item("Missing Persons")]),
        Item("Holding To Account (HTA) sessions"),
    ],
}


def flat(items: list[Item], level: int = 0, prefix: str = "") -> list[tuple[int, str, Item]]:
    """(level, number, item) in reading order, numbered 1, 1.1 ..."""
    out = []
    for n, item in enumerate(items, start=1):
        number = f"{prefix}{n}"
        out.append((level, number, item))
        out += flat(item.children, level + 1, f"{number}.")
    return out


def as_text(items: list[Item], folder: Path) -> Path:
    lines = []
    for _level, number, item in flat(items):
        lines.append(f"{number}.\t{item.title}")
        if item.description:
            lines.append(f"\t{item.description}")
        if item.presenter:
            lines.append(f"\tPresenter: {item.presenter}")
    path = folder / "agenda.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def as_csv(items: list[Item], folder: Path) -> Path:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Number", "Title", "Description", "Presenter"])
    for _level, number, item in flat(items):
        writer.writerow([number, item.title, item.description, item.presenter or ""])
    path = folder / "agenda.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def as_word(items: list[Item], folder: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Agenda", style="Title")
    numbering = document.part.numbering_part.element
    abstract = numbering.findall(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}abstractNum")[0]
    num = numbering.add_num(int(abstract.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}abstractNumId")))
    for level, _number, item in flat(items):
        paragraph = document.add_paragraph(item.title)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = num.numId
        if item.description:
            document.add_paragraph(item.description)
        if item.presenter:
            document.add_paragraph(f"Presenter: {item.presenter}")
    path = folder / "agenda.docx"
    document.save(path)
    return path


def as_pdf(items: list[Item], folder: Path) -> Path:
    """The app's own PDF of a meeting holding only this agenda."""
    with MinuteBook.open(folder / "published.minutebook") as book:
        committee = committees.create_committee(book, "Police and Crime Panel",
                                                standing_items=[])
        meeting = meetings.create_meeting(book, committee.id, "Police and Crime Panel",
                                          dt.date(2018, 2, 6))

        def add(children: list[Item], parent_id: int | None) -> None:
            for item in children:
                row = agenda.add_item(book, meeting.id, item.title, parent_id=parent_id,
                                      description=item.description,
                                      presenter=item.presenter)
                add(item.children, row.id)

        add(items, None)
        path = folder / "agenda.pdf"
        publishing.export(book, formats.ExportRequest(meeting_id=meeting.id, fmt="pdf",
                                                      public=False), path)
    return path


WRITERS = {"text": as_text, "csv": as_csv, "word": as_word, "pdf": as_pdf}


@pytest.mark.parametrize("structure", list(STRUCTURES))
@pytest.mark.parametrize("fmt", list(WRITERS))
def test_each_reference_structure_in_each_format(
        book: MinuteBook, tmp_path: Path, structure: str, fmt: str) -> None:
    items = STRUCTURES[structure]
    path = WRITERS[fmt](items, tmp_path)
    committee = committees.create_committee(book, "Panel", standing_items=[],
                                            numbering_scheme=NumberingScheme.DECIMAL)
    meeting = meetings.create_meeting(book, committee.id, "Panel", dt.date(2018, 2, 6))
    agenda_import.import_agenda(book, meeting.id, read_agenda_file(path), replace=True)
    got = agenda.list_items(book, meeting.id)
    want = flat(items)
    assert [(node.number, node.title) for node in got] == [
        (number, item.title) for _level, number, item in want]
    for node, (_level, _number, item) in zip(got, want, strict=True):
        assert node.description == item.description, node.title
        if fmt != "pdf":  # the minutes do not print who presents an item
            assert node.presenter == item.presenter, node.title
