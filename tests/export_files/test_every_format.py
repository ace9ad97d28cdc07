"""A council panel meeting built through the services, in the style of the reference
panel minutes, exported in every format and read back."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from minute_taker.domain.enums import (
    AttendanceRole,
    AttendanceStatus,
    DecisionKind,
    NumberingScheme,
)
from minute_taker.domain.records import Abbreviation
from minute_taker.export import publish
from minute_taker.services import (
    actions,
    agenda,
    attendance,
    committees,
    decisions,
    meetings,
    people,
)
from minute_taker.store.book import MinuteBook

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def panel(tmp_path: Path) -> tuple[Path, int]:
    """West Mercia Police and Crime Panel, items 233-235, one of them exempt."""
    path = tmp_path / "panel.minutebook"
    with MinuteBook.open(path, actor="Democratic Services") as book:
        committee = committees.create_committee(
            book, "West Mercia Police and Crime Panel",
            numbering_scheme=NumberingScheme.CONTINUOUS, number_start=233,
            abbreviations=[Abbreviation("PCC", "Police and Crime Commissioner"),
                           Abbreviation("DPCC", "Deputy Police and Crime Commissioner")],
            standing_items=[])
        chair = people.create_person(book, "Paul Middlebrough", title="Cllr")
        pcc = people.create_person(book, "John Campion", abbreviation="PCC",
                                   role="Police and Crime Commissioner")
        member = people.create_person(book, "Sebastian Bowen", title="Cllr")
        substitute = people.create_person(book, "Claire Wild", title="Cllr")
        meeting = meetings.create_meeting(book, committee.id, "Police and Crime Panel",
                                          dt.date(2018, 2, 5), chair_id=chair.id,
                                          start_time=dt.time(11, 0), end_time=dt.time(13, 5),
                                          venue="County Hall, Worcester")
        apologies = agenda.add_item(book, meeting.id, "Apologies and named substitutes")
        report = agenda.add_item(book, meeting.id, "Police & Crime Plan Activity and "
                                 "Performance Monitoring Report")
        private = agenda.add_item(book, meeting.id, "Staffing matter")
        agenda.update_item(book, private.id, confidential=True)
        agenda.set_item_minutes(book, private.id, "<p>Secret staffing discussion.</p>")
        agenda.update_item(book, report.id, description="To consider the report.")
        agenda.set_item_minutes(book, report.id, (
            "<p>In presenting the report, the PCC and the DPCC highlighted:</p>"
            "<ul><li>Perpetrator Programme</li><li>Missing Persons<ul><li>9% reduction</li>"
            "</ul></li></ul><ol><li>Four performance sessions</li>"
            # What typing <script> in the editor stores: text, not a tag.
            f"<li>{html.escape(SCRIPT)}</li></ol>"))
        decisions.record_decision(book, report.id, DecisionKind.RESOLVED,
                                  "that the report be noted.")
        actions.capture_action(book, meeting.id, "Circulate the web link to members.",
                               owner_text="PCC", item_id=report.id,
                               due_date=dt.date(2018, 3, 1))
        actions.capture_action(book, meeting.id, "Review the staffing case.",
                               owner_text="PCC", item_id=private.id)
        attendance.record_attendance(book, meeting.id, chair.id)
        attendance.record_attendance(book, meeting.id, substitute.id,
                                     role=AttendanceRole.SUBSTITUTE,
                                     substitute_for_id=member.id)
        attendance.record_attendance(book, meeting.id, member.id,
                                     status=AttendanceStatus.APOLOGIES)
        attendance.record_attendance(book, meeting.id, pcc.id, role=AttendanceRole.OFFICER,
                                     capacity="Police and Crime Commissioner")
        attendance.record_departure(book, meeting.id, pcc.id, after_item_id=report.id, at=None)
        assert [i.number for i in agenda.list_items(book, meeting.id)] == \
            ["233", "234", "235"] and apologies.id
    return path, meeting.id


def export(path: Path, meeting_id: int, fmt: str, out: Path, *, public: bool) -> Path:
    with MinuteBook.open(path) as book:
        request = publish.ExportRequest(meeting_id=meeting_id, fmt=fmt, public=public)
        return publish.export(book, request, out / f"minutes.{fmt}").path


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html(panel: tuple[Path, int], tmp_path: Path) -> None:
    page = export(*panel, "html", tmp_path, public=True).read_text(encoding="utf-8")
    parsed = _Tags()
    parsed.feed(page)
    text = " ".join(parsed.text)
    assert "script" not in parsed.tags and SCRIPT in text
    assert {"h1", "h2", "ul", "ol", "li", "table", "th"} <= set(parsed.tags)
    for words in ("233", "234", "Police & Crime Plan Activity", "RESOLVED", "DRAFT",
                  "Staffing matter", "considered in private", "Cllr Claire Wild"):
        assert words in text, words
    assert "Secret staffing" not in text and "Review the staffing case" not in text


def test_docx(panel: tuple[Path, int], tmp_path: Path) -> None:
    document = docx.Document(str(export(*panel, "docx", tmp_path, public=True)))
    styles = {p.style.name for p in document.paragraphs}
    assert {"List Bullet", "List Bullet 2", "List Number"} <= styles
    text = "\n".join(p.text for p in document.paragraphs)
    assert "234" in text and "RESOLVED that the report be noted." in text
    assert SCRIPT in text and "Secret staffing" not in text
    assert "considered in private" in text
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert "DRAFT" in header and "West Mercia Police and Crime Panel" in header
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "RESOLVED" in bold


def test_pdf(qapp, panel: tuple[Path, int], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # qapp: the test process's QApplication, so the writer does not make a bare
    # QGuiApplication that later widget tests could not use.
    reader = PdfReader(str(export(*panel, "pdf", tmp_path, public=False)))
    pages = [page.extract_text() for page in reader.pages]
    assert all("DRAFT" in page and "NOT FOR PUBLICATION" in page for page in pages)
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, 1))
    text = "\n".join(pages)
    assert "Secret staffing discussion" in text and "RESOLVED" in text
    assert "alert('x')" in text


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_text_for_email(panel: tuple[Path, int], tmp_path: Path, fmt: str) -> None:
    text = export(*panel, fmt, tmp_path, public=True).read_text(encoding="utf-8")
    assert "234" in text and "RESOLVED" in text and "Secret staffing" not in text
    assert "The PCC left the meeting after item 234." in text


def test_csv_and_ics(panel: tuple[Path, int], tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(
        export(*panel, "csv", tmp_path, public=True).read_text(encoding="utf-8-sig"))))
    assert [r[3:6] for r in rows[1:]] == [["234", "Circulate the web link to members.",
                                           "PCC"]]
    ics = export(*panel, "ics", tmp_path, public=False).read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:20180301" in ics
