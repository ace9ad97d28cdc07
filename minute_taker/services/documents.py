"""Supporting documents of agenda items: a title and a path or link, never a copy."""

from __future__ import annotations

from sqlalchemy import select

from minute_taker.domain.records import DocumentRef
from minute_taker.services._common import editable_meeting, get, required_text
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import AgendaItem, SupportingDocument


def add_document(book: MinuteBook, item_id: int, title: str, location: str = "", *,
                 uid: str | None = None) -> DocumentRef:
    with book.unit_of_work() as session:
        item = get(session, AgendaItem, item_id, "agenda item")
        editable_meeting(session, item.meeting_id)
        count = len(session.scalars(select(SupportingDocument.id)
                                    .where(SupportingDocument.item_id == item_id)).all())
        row = SupportingDocument(item_id=item_id, position=count,
                                 title=required_text(title, "document title"),
                                 location=(location or "").strip())
        if uid:
            row.uid = uid
        session.add(row)
        session.flush()
        return _record(row)


def update_document(book: MinuteBook, document_id: int, *, title: str | None = None,
                    location: str | None = None) -> DocumentRef:
    with book.unit_of_work() as session:
        row = get(session, SupportingDocument, document_id, "document")
        editable_meeting(session, get(session, AgendaItem, row.item_id).meeting_id)
        if title is not None:
            row.title = required_text(title, "document title")
        if location is not None:
            row.location = location.strip()
        session.flush()
        return _record(row)


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
                       location=row.location)
