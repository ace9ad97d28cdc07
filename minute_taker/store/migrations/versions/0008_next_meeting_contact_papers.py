"""The next meeting's date with an optional time and venue; a contact officer for each
meeting (defaulting from the committee); the format and size of supporting papers.

"Date of next meeting" was a date-time, so a date given alone printed "at 00:00". It is
now a date, a time only when one was given, and a venue. Existing values keep their date,
and their time unless it was midnight (no committee meets then: those were dates typed
without a time). Published minutes say "Contact: Sheena Jones" and list "Report PDF
182 KB": a meeting and its committee gain a contact (name, and telephone or e-mail as
the committee wants), and a paper its format and size.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 15:40:00
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_meeting_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("next_meeting_time", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("next_meeting_venue", sa.String(300), nullable=True))
        batch_op.add_column(sa.Column("contact_name", sa.String(200), nullable=True))
        batch_op.add_column(sa.Column("contact_details", sa.String(300), nullable=True))
    meeting = sa.table("meeting", sa.column("id", sa.Integer),
                       sa.column("next_meeting_at", sa.DateTime),
                       sa.column("next_meeting_date", sa.Date),
                       sa.column("next_meeting_time", sa.Time))
    connection = op.get_bind()
    # Row by row in Python: SQLite and PostgreSQL split a date-time in different SQL.
    for row_id, at in connection.execute(
            sa.select(meeting.c.id, meeting.c.next_meeting_at)
            .where(meeting.c.next_meeting_at.is_not(None))).all():
        time = at.time() if (at.hour, at.minute) != (0, 0) else None
        connection.execute(meeting.update().where(meeting.c.id == row_id)
                           .values(next_meeting_date=at.date(), next_meeting_time=time))
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("next_meeting_at")
    with op.batch_alter_table("committee", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contact_name", sa.String(200), nullable=True))
        batch_op.add_column(sa.Column("contact_details", sa.String(300), nullable=True))
    with op.batch_alter_table("supporting_document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("format", sa.String(20), nullable=True))
        batch_op.add_column(sa.Column("size_bytes", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("supporting_document", schema=None) as batch_op:
        batch_op.drop_column("size_bytes")
        batch_op.drop_column("format")
    with op.batch_alter_table("committee", schema=None) as batch_op:
        batch_op.drop_column("contact_details")
        batch_op.drop_column("contact_name")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_meeting_at", sa.DateTime(), nullable=True))
    meeting = sa.table("meeting", sa.column("id", sa.Integer),
                       sa.column("next_meeting_at", sa.DateTime),
                       sa.column("next_meeting_date", sa.Date),
                       sa.column("next_meeting_time", sa.Time))
    connection = op.get_bind()
    for row_id, day, time in connection.execute(
            sa.select(meeting.c.id, meeting.c.next_meeting_date, meeting.c.next_meeting_time)
            .where(meeting.c.next_meeting_date.is_not(None))).all():
        connection.execute(meeting.update().where(meeting.c.id == row_id).values(
            next_meeting_at=dt.datetime.combine(day, time or dt.time())))
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        for column in ("contact_details", "contact_name", "next_meeting_venue",
                       "next_meeting_time", "next_meeting_date"):
            batch_op.drop_column(column)
