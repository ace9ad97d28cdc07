"""Approval records with their digests, review copies with comments and suggestions,
and the link from a "Confirmation of the minutes" item to the meeting it confirms.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 13:47:23.052824
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_dispatch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("sent_by", sa.String(length=200), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("item_digests", sa.Text(), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=True),
        sa.Column("verdict_uid", sa.String(length=36), nullable=True),
        sa.Column("verdict_digest", sa.String(length=64), nullable=True),
        sa.Column("verdict_by", sa.String(length=200), nullable=True),
        sa.Column("verdict_at", sa.DateTime(), nullable=True),
        sa.Column("verdict_reason", sa.Text(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=True),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_review_dispatch_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_dispatch")),
        sa.UniqueConstraint("uid", name=op.f("uq_review_dispatch_uid")),
    )
    with op.batch_alter_table("review_dispatch", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_dispatch_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "approval",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("approved_by", sa.String(length=200), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("canonical_version", sa.Integer(), nullable=False),
        sa.Column("canonical", sa.Text(), nullable=False),
        sa.Column("cleared_at", sa.DateTime(), nullable=True),
        sa.Column("cleared_by", sa.String(length=200), nullable=True),
        sa.Column("cleared_reason", sa.Text(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("confirmed_item_id", sa.Integer(), nullable=True),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["confirmed_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_approval_confirmed_item_id_agenda_item"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_approval_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval")),
        sa.UniqueConstraint("uid", name=op.f("uq_approval_uid")),
    )
    with op.batch_alter_table("approval", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_approval_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "review_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("dispatch_uid", sa.String(length=36), nullable=True),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=200), nullable=True),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["agenda_item.id"],
            name=op.f("fk_review_comment_item_id_agenda_item"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_review_comment_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_comment")),
        sa.UniqueConstraint("uid", name=op.f("uq_review_comment_uid")),
    )
    with op.batch_alter_table("review_comment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_comment_item_id"), ["item_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_review_comment_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "review_suggestion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("dispatch_uid", sa.String(length=36), nullable=True),
        sa.Column("target", sa.String(length=20), nullable=False),
        sa.Column("original", sa.Text(), nullable=False),
        sa.Column("proposal", sa.Text(), nullable=False),
        sa.Column("occurrence", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["agenda_item.id"],
            name=op.f("fk_review_suggestion_item_id_agenda_item"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_review_suggestion_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_suggestion")),
        sa.UniqueConstraint("uid", name=op.f("uq_review_suggestion_uid")),
    )
    with op.batch_alter_table("review_suggestion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_suggestion_item_id"), ["item_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_review_suggestion_meeting_id"), ["meeting_id"], unique=False
        )

    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("confirms_meeting_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_agenda_item_confirms_meeting_id_meeting"),
            "meeting",
            ["confirms_meeting_id"],
            ["id"],
            ondelete="SET NULL",
        )



def downgrade() -> None:
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_agenda_item_confirms_meeting_id_meeting"), type_="foreignkey"
        )
        batch_op.drop_column("confirms_meeting_id")

    with op.batch_alter_table("review_suggestion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_suggestion_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_review_suggestion_item_id"))

    op.drop_table("review_suggestion")
    with op.batch_alter_table("review_comment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_comment_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_review_comment_item_id"))

    op.drop_table("review_comment")
    with op.batch_alter_table("approval", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_approval_meeting_id"))

    op.drop_table("approval")
    with op.batch_alter_table("review_dispatch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_dispatch_meeting_id"))

    op.drop_table("review_dispatch")
