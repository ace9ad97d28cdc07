"""Supporting documents on items, the book's own dictionary, quick phrases, and who
did not vote on a decision.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 12:03:17.774202
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dictionary_word",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("word", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dictionary_word")),
        sa.UniqueConstraint("word", name=op.f("uq_dictionary_word_word")),
    )
    op.create_table(
        "quick_phrase",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quick_phrase")),
    )
    op.create_table(
        "supporting_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["agenda_item.id"],
            name=op.f("fk_supporting_document_item_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supporting_document")),
        sa.UniqueConstraint("uid", name=op.f("uq_supporting_document_uid")),
    )
    with op.batch_alter_table("supporting_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_supporting_document_item_id"), ["item_id"], unique=False
        )

    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.add_column(sa.Column("not_voting", sa.Text(), nullable=True))

    # Every book starts with the common formulae; the user edits the list afterwards.
    # Written out here, not imported: a migration must not change when the app does.
    phrases = sa.table(
        "quick_phrase", sa.column("position", sa.Integer), sa.column("text", sa.Text)
    )
    op.bulk_insert(phrases, [{"position": i, "text": text} for i, text in enumerate(PHRASES)])


PHRASES = [
    "The report was noted.",
    "RESOLVED that ",
    "It was agreed that ",
    "The Chair thanked ",
    "No declarations of interest were made.",
    "There were no actions arising.",
    "The minutes of the previous meeting were agreed as a correct record and signed by the "
    "Chair.",
]

def downgrade() -> None:
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_column("not_voting")
    with op.batch_alter_table("supporting_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supporting_document_item_id"))

    op.drop_table("supporting_document")
    op.drop_table("quick_phrase")
    op.drop_table("dictionary_word")
