"""A paper's format and size: read from a file on this computer, typed for a link or a
paper not at hand, kept through the interchange (issue 17, point 5)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from minute_taker.domain.errors import ValidationError
from minute_taker.services import agenda, committees, documents, interchange, meetings
from minute_taker.store.book import MinuteBook


@pytest.fixture
def item_id(book: MinuteBook) -> int:
    panel = committees.create_committee(book, "Police and Crime Panel")
    meeting = meetings.create_meeting(book, panel.id, "February", dt.date(2018, 2, 6),
                                      with_standing_items=False)
    return agenda.add_item(book, meeting.id, "Draft budget 2018/19").id


def test_a_local_file_gives_its_format_and_size(book: MinuteBook, item_id: int,
                                                tmp_path: Path) -> None:
    report = tmp_path / "Budget report.pdf"
    report.write_bytes(b"%PDF-1.7\n" + b"0" * 186359)
    paper = documents.add_document(book, item_id, "Report", str(report))
    assert (paper.format, paper.size_bytes) == ("PDF", 186368)


def test_a_link_takes_what_is_typed(book: MinuteBook, item_id: int) -> None:
    paper = documents.add_document(book, item_id, "Report",
                                   "https://example.org/mgConvert2PDF.aspx?ID=123")
    assert (paper.format, paper.size_bytes) == (None, None)
    typed = documents.update_document(book, paper.id, format=" PDF ", size_bytes=186368)
    assert (typed.format, typed.size_bytes) == ("PDF", 186368)
    cleared = documents.update_document(book, paper.id, size_bytes=None)
    assert (cleared.format, cleared.size_bytes) == ("PDF", None)
    with pytest.raises(ValidationError, match="short name"):
        documents.update_document(book, paper.id, format="Portable Document Format (A4)")


def test_a_paper_not_at_hand_keeps_the_type_its_name_gives(book: MinuteBook,
                                                           item_id: int) -> None:
    paper = documents.add_document(book, item_id, "Appendix", "papers/appendix-a.docx")
    assert (paper.format, paper.size_bytes) == ("DOCX", None)


def test_format_and_size_survive_the_interchange(book: MinuteBook, item_id: int,
                                                 tmp_path: Path) -> None:
    documents.add_document(book, item_id, "Report", "https://example.org/r",
                           format="PDF", size_bytes=186368)
    meeting_id = agenda.get_item(book, item_id).meeting_id
    document = interchange.export_meeting(book, meeting_id)
    with MinuteBook.open(tmp_path / "other.minutebook") as other:
        copied = interchange.import_meeting(other, document)
        [item] = agenda.list_items(other, copied)
        [paper] = documents.list_documents(other, item.id)
    assert (paper.format, paper.size_bytes) == ("PDF", 186368)
