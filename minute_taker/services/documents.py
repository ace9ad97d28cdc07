"""Supporting documents of agenda items: a title and a path or link, never a copy; with
the format and size the published minutes give ("Report PDF 182 KB"), read from a local
file, or typed for a link or a paper not at hand."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import select

from minute_taker.domain.errors import ValidationError
from minute_taker.domain.papers import MAX_FORMAT, format_of
from minute_taker.domain.records import DocumentRef
from minute_taker.services._common import (
    editable_meeting,
    get,
    optional_text,
    required_text,
)
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import AgendaItem, SupportingDocument


def file_facts(location: str) -> tuple[str | None, int | None]:
    """The format and size of the local file at ``location`` (a path, not a link), or of
    what its name says when it is not at hand: (None, None) for a link."""
    location = (location or "").strip()
    if not location or location.startswith(("http://", "https://")):
        return (format_of(location) if location else None), None
    try:
        size: int | None = Path(os.path.expanduser(location)).stat().st_size
    except (OSError, ValueError):
        size = None  # not on this computer: what the clerk types, if anything
    return format_of(location), size


def add_document(book: MinuteBook, item_id: int, title: str, location: str = "", *,
                 uid: str | None = None, format: str | None = None,
                 size_bytes: int | None = None) -> DocumentRef:
    """A paper for the item. Its format and size, when not given, come from the file."""
    with book.unit_of_work() as session:
        item = get(session, AgendaItem, item_id, "agenda item")
        editable_meeting(session, item.meeting_id)
        count = len(session.scalars(select(SupportingDocument.id)
                                    .where(SupportingDocument.item_id == item_id)).all())
        found_format, found_size = file_facts(location)
        row = SupportingDocument(item_id=item_id, position=count,
                                 title=required_text(title, "document title"),
                                 location=(location or "").strip(),
                                 format=_format(format) or found_format,
                                 size_bytes=_size(size_bytes) if size_bytes is not None
                                 else found_size)
        if uid:
            row.uid = uid
        session.add(row)
        session.flush()
        return _record(row)


_UNCHANGED: object = object()


def update_document(book: MinuteBook, document_id: int, *, title: str | None = None,
                    location: str | None = None, format: object = _UNCHANGED,
                    size_bytes: object = _UNCHANGED) -> DocumentRef:
    """Change what is given; ``format`` or ``size_bytes`` None clears it. A new location
    that is a local file brings its format and size unless they are given too."""
    with book.unit_of_work() as session:
        row = get(session, SupportingDocument, document_id, "document")
        editable_meeting(session, get(session, AgendaItem, row.item_id).meeting_id)
        if title is not None:
            row.title = required_text(title, "document title")
        if location is not None and location.strip() != row.location:
            row.location = location.strip()
            found_format, found_size = file_facts(row.location)
            row.format = found_format or row.format
            row.size_bytes = found_size if found_size is not None else row.size_bytes
        if format is not _UNCHANGED:
            row.format = _format(format if isinstance(format, str) else None)
        if size_bytes is not _UNCHANGED:
            row.size_bytes = _size(size_bytes if isinstance(size_bytes, int) else None)
        session.flush()
        return _record(row)


def _format(value: str | None) -> str | None:
    text = optional_text(value)
    if text is not None and len(text) > MAX_FORMAT:
        raise ValidationError(f"A paper's format is a short name such as PDF (at most "
                              f"{MAX_FORMAT} characters).")
    return text


def _size(value: int | None) -> int | None:
    if value is not None and value < 0:
        raise ValidationError("A paper's size cannot be negative.")
    return value


def remove_document(book: MinuteBook, document_id: int) -> None:
    with book.unit_of_work() as session:
        row = get(session, SupportingDocument, document_id, "document")
        editable_meeting(session, get(session, AgendaItem, row.item_id).meeting_id)
        session.delete(row)


def list_documents(book: MinuteBook, item_id: int) -> list[DocumentRef]:
    with book.unit_of_work() as session:
        rows = session.scalars(select(SupportingDocument)
                               .where(SupportingDocument.item_id == item_id)
                               .order_by(SupportingDocument.position, SupportingDocument.id))
        return [_record(r) for r in rows]


def _record(row: SupportingDocument) -> DocumentRef:
    return DocumentRef(id=row.id, uid=row.uid, item_id=row.item_id, title=row.title,
                       location=row.location, format=row.format, size_bytes=row.size_bytes)
