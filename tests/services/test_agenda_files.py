"""Agenda files (issue 21): Word with its own numbering (started at 233, sub-items by
level), headings with text under them, a table of number | item | presenter | papers;
a PDF of an agenda-only meeting made by the app's own export; and the files that
cannot be read: a scan, a password, a damaged file, an old .doc."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from minute_taker.domain.errors import ValidationError
from minute_taker.domain.records import MeetingHeader
from minute_taker.export import formats
from minute_taker.services import agenda, committees, meetings, publishing
from minute_taker.services.agenda_files import read_agenda_bytes, read_agenda_file
from minute_taker.store.book import MinuteBook


def numbered(document, text: str, num_id: str, level: int = 0) -> None:  # type: ignore[no-untyped-def]
    """A paragraph in Word's own numbering (list ``num_id``, level ``level``), as Word
    writes one: no number typed, a w:numPr saying which list and level."""
    paragraph = document.add_paragraph(text)
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = int(num_id)


def list_starting_at(document, start: int) -> str:  # type: ignore[no-untyped-def]
    """A new list (w:num) on the template's numbered list definition, starting at ``start``."""
    numbering = document.part.numbering_part.element
    abstract_id = numbering.findall(qn("w:abstractNum"))[0].get(qn("w:abstractNumId"))
    num = numbering.add_num(int(abstract_id))
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start_override = OxmlElement("w:startOverride")
    start_override.set(qn("w:val"), str(start))
    override.append(start_override)
    num.append(override)
    return str(num.numId)


def saved(document) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_agenda_in_words_own_numbering() -> None:
    document = docx.Document()
    document.add_paragraph("Police and Crime Panel \u2013 Agenda", style="Title")
    document.add_paragraph("Tuesday 6 February 2018, 10.30 am, County Hall")
    num_id = list_starting_at(document, 233)
    numbered(document, "Welcome and apologies for absence", num_id)
    numbered(document, "Declarations of interest", num_id)
    document.add_paragraph("To receive any declarations of interest.")
    numbered(document, "Performance monitoring report", num_id)
    document.add_paragraph("Presenter: PCC")
    document.add_paragraph("Report PDF 182 KB")
    numbered(document, "Victims and survivors first", num_id, level=1)
    numbered(document, "Building a more secure West Mercia", num_id, level=1)
    numbered(document, "Work programme", num_id)
    agenda_read = read_agenda_bytes(saved(document), "agenda.docx")
    assert [(i.level, i.number, i.title) for i in agenda_read.items] == [
        (0, "233", "Welcome and apologies for absence"),
        (0, "234", "Declarations of interest"),
        (0, "235", "Performance monitoring report"),
        (1, "235.1", "Victims and survivors first"),
        (1, "235.2", "Building a more secure West Mercia"),
        (0, "236", "Work programme"),
    ]
    assert agenda_read.first_number == 233
    report = agenda_read.items[2]
    assert report.presenter == "PCC" and [p.title for p in report.papers] == ["Report"]
    assert agenda_read.items[1].description == "To receive any declarations of interest."


def test_a_word_agenda_of_headings_and_one_of_a_table() -> None:
    document = docx.Document()
    document.add_heading("Apologies", level=1)
    document.add_heading("Performance", level=1)
    document.add_paragraph("To consider the quarterly performance report.")
    document.add_heading("Victims first", level=2)
    document.add_heading("Any other business", level=1)
    assert [(i.level, i.title, i.description) for i in
            read_agenda_bytes(saved(document), "agenda.docx").items] == [
        (0, "Apologies", ""),
        (0, "Performance", "To consider the quarterly performance report."),
        (1, "Victims first", ""), (0, "Any other business", "")]

    document = docx.Document()
    table = document.add_table(rows=0, cols=4)
    for row in (("No.", "Item", "Presenter", "Papers"),
                ("1", "Apologies", "Chair", ""),
                ("2", "Performance report", "DCC", "Report PDF 182 KB"),
                ("2.1", "Victims first", "ACC", ""),
                ("3", "Any other business", "", "")):
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    items = read_agenda_bytes(saved(document), "agenda.docx").items
    assert [(i.level, i.number, i.title, i.presenter) for i in items] == [
        (0, "1", "Apologies", "Chair"), (0, "2", "Performance report", "DCC"),
        (1, "2.1", "Victims first", "ACC"), (0, "3", "Any other business", None)]
    assert [(p.title, p.format) for p in items[1].papers] == [("Report", "PDF")]


@pytest.fixture
def agenda_only(book: MinuteBook) -> MeetingHeader:
    committee = committees.create_committee(book, "Police and Crime Panel", standing_items=[])
    meeting = meetings.create_meeting(book, committee.id, "Police and Crime Panel",
                                      dt.date(2018, 2, 6))
    first = agenda.add_item(book, meeting.id, "Apologies for absence")
    report = agenda.add_item(book, meeting.id, "Performance monitoring report",
                             description="To consider the report of the Commissioner.")
    agenda.add_item(book, meeting.id, "Victims and survivors first", parent_id=report.id)
    agenda.add_item(book, meeting.id, "Building a more secure West Mercia",
                    parent_id=report.id)
    agenda.add_item(book, meeting.id, "Any other business", after_id=report.id)
    assert first
    return meeting


def test_a_pdf_the_app_exported_of_an_agenda_only_meeting(
        book: MinuteBook, agenda_only: MeetingHeader, tmp_path: Path) -> None:
    out = tmp_path / "agenda.pdf"
    publishing.export(book, formats.ExportRequest(meeting_id=agenda_only.id, fmt="pdf",
                                                  public=False), out)
    read = read_agenda_file(out)
    titles = [(i.level, i.title) for i in read.items]
    assert (0, "Apologies for absence") in titles
    expected = [(0, "Performance monitoring report"), (1, "Victims and survivors first"),
                (1, "Building a more secure West Mercia"), (0, "Any other business")]
    at = titles.index(expected[0])
    assert titles[at:at + 4] == expected
    assert read.items[at].description.startswith("To consider the report")


def test_files_that_are_not_an_agenda_say_why(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    blank = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(blank)
    protected = io.BytesIO()
    locked = PdfWriter()
    locked.add_blank_page(width=595, height=842)
    locked.encrypt("secret")
    locked.write(protected)
    cases = {
        "scan.pdf": (blank.getvalue(), "is a scan"),
        "locked.pdf": (protected.getvalue(), "protected with a password"),
        "broken.pdf": (b"%PDF-1.7\n1 0 obj <<", "could not be read as a PDF"),
        "broken.docx": (b"PK\x03\x04garbage", "could not be read as a Word document"),
        "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "old Word document"),
        "picture.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text, CSV, Word or PDF"),
    }
    for name, (data, says) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(ValidationError, match=says):
            read_agenda_file(path)
    with pytest.raises(ValidationError, match="There is no file"):
        read_agenda_file(tmp_path / "missing.docx")
    with pytest.raises(ValidationError, match="is a folder"):
        read_agenda_file(tmp_path)


def test_a_word_document_with_no_recognisable_items(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Dear Members,")
    document.add_paragraph("Please find attached the papers for Tuesday's meeting of the "
                           "Panel, which will be held at County Hall.")
    document.add_paragraph("Kind regards,")
    document.add_paragraph("Democratic Services.")
    path = tmp_path / "covering letter.docx"
    document.save(path)
    with pytest.raises(ValidationError, match="No agenda items were found"):
        read_agenda_file(path)


def test_text_in_utf_16_as_windows_notepad_saves_it(tmp_path: Path) -> None:
    path = tmp_path / "agenda.txt"
    path.write_bytes("1. Caf\u00e9 licensing\n2. Budget\n".encode("utf-16"))
    assert [i.title for i in read_agenda_file(path).items] == ["Caf\u00e9 licensing", "Budget"]
