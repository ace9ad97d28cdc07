"""Reading the audit log (writing happens inside each service's transaction)."""

from __future__ import annotations

from sqlalchemy import select

from minute_taker.domain.records import AuditRow
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import AuditEntry


def list_audit(book: MinuteBook, meeting_id: int | None = None) -> list[AuditRow]:
    with book.unit_of_work() as session:
        query = select(AuditEntry).order_by(AuditEntry.at, AuditEntry.id)
        if meeting_id is not None:
            query = query.where(AuditEntry.meeting_id == meeting_id)
        return [AuditRow(id=r.id, at=r.at, actor=r.actor, entity=r.entity,
                         entity_uid=r.entity_uid, action=r.action, detail=r.detail,
                         reason=r.reason) for r in session.scalars(query)]
