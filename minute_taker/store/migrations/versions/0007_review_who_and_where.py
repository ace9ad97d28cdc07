"""Where a review copy was sent from and its verdict given, its round, and a refused
approval.

A verdict said only the name typed in it: a clerk approving her own outgoing copy, or a
name edited by hand, came back as "the chair's approval". The sending computer and the
computer that gave the verdict (host name and login) are now kept beside the name, as
evidence the clerk can weigh (not proof: there is no signature key), and a clerk who
does not accept an approval can refuse it, on the record. Each copy also knows its
round (1 for the first copy of a meeting sent, 2 for the next), which names the file
and tells the chair which of the points shown were made in earlier rounds. Books from
before have none of these: their copies' rounds are numbered in the order sent.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 15:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("review_dispatch", schema=None) as batch_op:
        batch_op.add_column(sa.Column("round_number", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("sent_computer", sa.String(200), nullable=True))
        batch_op.add_column(sa.Column("verdict_computer", sa.String(200), nullable=True))
        batch_op.add_column(sa.Column("verdict_refused_by", sa.String(200), nullable=True))
        batch_op.add_column(sa.Column("verdict_refused_at", sa.DateTime(), nullable=True))
    # Rounds of the copies already sent: their order among the meeting's copies. A window
    # function, the same on SQLite (3.25+) and PostgreSQL.
    op.execute(
        "UPDATE review_dispatch SET round_number = ("
        " SELECT ranked.n FROM ("
        "  SELECT id, ROW_NUMBER() OVER (PARTITION BY meeting_id ORDER BY sent_at, id) AS n"
        "  FROM review_dispatch) AS ranked"
        " WHERE ranked.id = review_dispatch.id)")


def downgrade() -> None:
    with op.batch_alter_table("review_dispatch", schema=None) as batch_op:
        for column in ("verdict_refused_at", "verdict_refused_by", "verdict_computer",
                       "sent_computer", "round_number"):
            batch_op.drop_column(column)
