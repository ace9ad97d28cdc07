"""Recorded (named) votes on a decision, and a committee's quorum.

UK councils record, when asked, how each member voted: a decision now holds a named vote
(for, against, abstained, did not vote), one row per member, from which its counts are
taken. A committee states its quorum ("3", or "1/3" of its voting members), so each
item can say whether the meeting was quorate. Books from before have neither.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decision_vote",
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("vote", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["decision_id"], ["decision.id"],
                                name=op.f("fk_decision_vote_decision_id_decision"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=op.f("fk_decision_vote_person_id_person"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("decision_id", "person_id", name=op.f("pk_decision_vote")),
    )
    op.create_index(op.f("ix_decision_vote_person_id"), "decision_vote", ["person_id"])
    with op.batch_alter_table("committee", schema=None) as batch_op:
        batch_op.add_column(sa.Column("quorum", sa.String(20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("committee", schema=None) as batch_op:
        batch_op.drop_column("quorum")
    op.drop_index(op.f("ix_decision_vote_person_id"), table_name="decision_vote")
    op.drop_table("decision_vote")
